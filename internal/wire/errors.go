package wire

import (
	"errors"
	"fmt"
)

// Errors returned when decoding structures (wrapped in *DecodeError).
var (
	// ErrTruncated is returned when the input ends before the structure
	// (or a length it declares) does.
	ErrTruncated = errors.New("truncated input")
	// ErrBadStrucID is returned when a structure does not start with its
	// ASCII or EBCDIC structure id.
	ErrBadStrucID = errors.New("bad structure id")
	// ErrBadVersion is returned when a structure carries a version number
	// whose layout is unknown.
	ErrBadVersion = errors.New("unsupported structure version")
	// ErrBadLength is returned when a length or count field is negative,
	// inconsistent with the structure, or not one of the allowed sizes.
	ErrBadLength = errors.New("invalid length")
	// ErrBadByteOrder is returned when the TSH byte-order byte is neither
	// 1 (big-endian) nor 2 (little-endian).
	ErrBadByteOrder = errors.New("invalid byte-order byte")
)

// Errors returned when framing segments.
var (
	// ErrSegmentTooShort is returned (inside *SegmentLengthError) when a
	// segment length is smaller than its own header.
	ErrSegmentTooShort = errors.New("wire: segment shorter than its header")
	// ErrSegmentTooLarge is returned (inside *SegmentLengthError) when a
	// segment length exceeds the reader's limit, or a segment to be written
	// does not fit the 32-bit length field.
	ErrSegmentTooLarge = errors.New("wire: segment larger than the limit")
	// ErrBadMaxSize is returned by ReadSegment when the caller's limit is
	// smaller than the largest header.
	ErrBadMaxSize = errors.New("wire: maximum segment size below header size")
)

// Errors returned by the MQI helpers.
var (
	// ErrNotAPI is returned by SplitAPI for segment types that do not carry
	// an API header (types below 0x81 or above 0x9F).
	ErrNotAPI = errors.New("wire: segment type carries no API header")
)

// DecodeError describes why a structure could not be decoded. Err is one of
// the package's sentinel errors (ErrTruncated, ErrBadStrucID ...).
type DecodeError struct {
	Struct string // structure being decoded, e.g. "MQMD"
	Offset int    // offset of the offending field within the structure
	Reason string // optional detail, e.g. "version 7"
	Err    error  // sentinel cause
}

func (e *DecodeError) Error() string {
	msg := fmt.Sprintf("wire: %s at offset %d: ", e.Struct, e.Offset)
	if e.Reason != "" {
		msg += e.Reason + ": "
	}
	return msg + e.Err.Error()
}

// Unwrap returns the sentinel cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// SegmentLengthError reports a segment length outside [Min, Max]. It wraps
// ErrSegmentTooShort or ErrSegmentTooLarge.
type SegmentLengthError struct {
	Length uint64 // length read from (or computed for) the segment
	Min    int    // header size
	Max    int    // caller's limit
}

func (e *SegmentLengthError) Error() string {
	return e.Unwrap().Error() + fmt.Sprintf(": length %d, allowed %d..%d", e.Length, e.Min, e.Max)
}

// Unwrap returns ErrSegmentTooShort or ErrSegmentTooLarge.
func (e *SegmentLengthError) Unwrap() error {
	if e.Length < uint64(e.Min) {
		return ErrSegmentTooShort
	}
	return ErrSegmentTooLarge
}

// wrapAt shifts the offset of a nested structure's DecodeError so it is
// relative to the outer structure, and names the outer one.
func wrapAt(err error, outer string, off int) error {
	var de *DecodeError
	if errors.As(err, &de) {
		c := *de
		c.Struct = outer + "." + de.Struct
		c.Offset += off
		return &c
	}
	return err
}
