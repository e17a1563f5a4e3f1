package pcf

import (
	"errors"
	"fmt"
)

// Errors returned by Decode (wrapped in *DecodeError).
var (
	// ErrTruncated is returned when the input ends before a structure, or
	// a length it declares, does.
	ErrTruncated = errors.New("truncated input")
	// ErrBadLength is returned when a StrucLength, count or string length
	// is negative or inconsistent with its structure.
	ErrBadLength = errors.New("invalid length")
	// ErrBadVersion is returned when the MQCFH version is not 1, 2 or 3.
	ErrBadVersion = errors.New("unsupported MQCFH version")
)

// DecodeError describes why a PCF message could not be decoded.
type DecodeError struct {
	Struct string // "MQCFH", "MQCFST" ...
	Offset int    // offset of the offending field from the message start
	Reason string // optional detail
	Err    error  // sentinel cause
}

func (e *DecodeError) Error() string {
	msg := fmt.Sprintf("pcf: %s at offset %d: ", e.Struct, e.Offset)
	if e.Reason != "" {
		msg += e.Reason + ": "
	}
	return msg + e.Err.Error()
}

// Unwrap returns the sentinel cause.
func (e *DecodeError) Unwrap() error { return e.Err }
