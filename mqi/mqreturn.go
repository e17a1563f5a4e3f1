package mqi

import "fmt"

// MQReturn is the error returned by a verb that ends with MQCC_WARNING or
// MQCC_FAILED. MQCC is the completion code and MQRC the reason code.
//
// Use errors.Is with the Err* sentinels to test for a reason, or errors.As
// to read the codes.
type MQReturn struct {
	MQCC int32
	MQRC int32
	verb string
}

// NewReturn returns the error for a verb that ended with completion code cc
// and reason code rc. verb is the MQI verb name as it should appear in the
// error text, such as "MQGET" or "MQCONNX".
//
// NewReturn always returns a non-nil error, whatever cc is: a verb that
// completes with MQCC_OK must return a nil error instead of calling it.
func NewReturn(verb string, cc, rc int32) *MQReturn {
	return &MQReturn{MQCC: cc, MQRC: rc, verb: verb}
}

// Error names the verb and both codes, with their numbers:
//
//	MQGET: MQCC = MQCC_FAILED [2] MQRC = MQRC_NO_MSG_AVAILABLE [2033]
//
// A code with no known name shows an empty name before its number. An
// MQReturn without a verb, such as a sentinel, leaves out the "verb: " part.
func (e *MQReturn) Error() string {
	s := fmt.Sprintf("MQCC = %s [%d] MQRC = %s [%d]",
		ccName(e.MQCC), e.MQCC, rcName(e.MQRC), e.MQRC)
	if e.verb == "" {
		return s
	}
	return e.verb + ": " + s
}

// Is reports whether target is an *MQReturn with the same reason code, so
// that errors.Is(err, ErrNoMsgAvailable) holds for any MQRC 2033 error,
// whatever its verb and completion code.
func (e *MQReturn) Is(target error) bool {
	t, ok := target.(*MQReturn)
	return ok && e != nil && t != nil && e.MQRC == t.MQRC
}
