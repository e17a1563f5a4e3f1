package mqi

import (
	"math"
	"strings"
)

// MQItoString returns the name of the MQI constant with the given value in
// a class of related constants, or "" if the class or value is unknown.
//
// The class is the constant's prefix with or without "MQ": "RC" or "MQRC"
// for reason codes, "CC" for completion codes, "OT" for object types, "MT"
// for message types, and so on. Some classes also search their related
// PCF sets, as in ibmmq: "RC" covers MQRC_* and MQRCCF_*, "CA" covers
// MQCA_*, MQCACF_*, MQCACH_* and MQCAMO_*, and "IA" covers MQIA_*,
// MQIACF_*, MQIACH_*, MQIAMO_* and MQIAMO64_*. Each of those sets is
// also a class of its own ("RCCF", "CACF", "IACF", ...).
//
// Where several constants share a value, one name is chosen for it:
//
//	MQItoString("RC", 2033) == "MQRC_NO_MSG_AVAILABLE"
func MQItoString(class string, value int) string {
	if value < math.MinInt32 || value > math.MaxInt32 {
		return ""
	}
	v := int32(value)
	for _, c := range classSets(trimClassPrefix(class)) {
		if s := constName(c, v); s != "" {
			return s
		}
	}
	return ""
}

// MQItoStringStripPrefix is MQItoString with the class prefix cut off the
// name. As in ibmmq, the cut keeps the underscore that followed the
// prefix: MQItoStringStripPrefix("RC", 2033) == "_NO_MSG_AVAILABLE".
// A name that does not start with "MQ" followed by the class is returned whole.
func MQItoStringStripPrefix(class string, value int) string {
	s := MQItoString(class, value)
	prefix := class
	if !strings.HasPrefix(prefix, "MQ") {
		prefix = "MQ" + prefix
	}
	if !strings.HasPrefix(s, prefix) {
		return s
	}
	if i := strings.IndexByte(s, '_'); i > 0 {
		return s[i:]
	}
	return s
}

// trimClassPrefix removes a leading "MQ_", "MQ" or "_" from a class.
func trimClassPrefix(class string) string {
	for _, p := range []string{"MQ_", "MQ", "_"} {
		if rest, ok := strings.CutPrefix(class, p); ok {
			return rest
		}
	}
	return class
}

// classSets lists the generated tables searched, in order, for a class.
func classSets(class string) []string {
	switch class {
	case "RC":
		return []string{"RC", "RCCF"}
	case "CA":
		return []string{"CA", "CACF", "CACH", "CAMO"}
	case "IA":
		return []string{"IA", "IACF", "IACH", "IAMO", "IAMO64"}
	}
	return []string{class}
}

// ccName and rcName name completion and reason codes for MQReturn.Error.
func ccName(cc int32) string { return constName("CC", cc) }

func rcName(rc int32) string {
	if s := constName("RC", rc); s != "" {
		return s
	}
	return constName("RCCF", rc)
}
