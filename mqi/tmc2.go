package mqi

import "strings"

// MQTMC2 is the trigger message a trigger monitor passes to the program it
// starts, as one character argument (IBM's MQTMC2, 732 characters; the
// older MQTMC lacks QMgrName).
type MQTMC2 struct {
	Version     string // "   2" for MQTMC2, "   1" for MQTMC
	QName       string
	ProcessName string
	TriggerData string
	ApplType    string
	ApplId      string
	EnvData     string
	UserData    string
	QMgrName    string
}

// tmc2Fields are the fixed-width character fields after the structure id.
var tmc2Fields = []int{4, 48, 48, 64, 4, 256, 128, 128, 48}

// ParseTMC2 reads a trigger message passed as a program argument. It
// reports false when s does not start with the structure id "TMC ". A
// message cut short (an MQTMC, or text a shell trimmed) leaves the fields
// it lacks blank; each field ends at its blank padding or a NUL.
func ParseTMC2(s string) (*MQTMC2, bool) {
	if !strings.HasPrefix(s, "TMC ") {
		return nil, false
	}
	vals := make([]string, len(tmc2Fields))
	off := 4
	for i, n := range tmc2Fields {
		if off < len(s) {
			v := s[off:min(off+n, len(s))]
			if j := strings.IndexByte(v, 0); j >= 0 {
				v = v[:j]
			}
			vals[i] = strings.TrimRight(v, " ")
		}
		off += n
	}
	return &MQTMC2{Version: vals[0], QName: vals[1], ProcessName: vals[2], TriggerData: vals[3],
		ApplType: vals[4], ApplId: vals[5], EnvData: vals[6], UserData: vals[7], QMgrName: vals[8]}, true
}
