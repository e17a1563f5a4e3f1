package pcf

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// Param is one PCF parameter structure.
type Param interface {
	// Type returns the structure type (CFTInteger, CFTString ...).
	Type() int32
	// ID returns the parameter identifier (MQIA_*, MQCA_* ...).
	ID() int32
	// AppendTo appends the encoded structure to dst.
	AppendTo(dst []byte, order binary.ByteOrder) []byte
}

// CFIN is an integer parameter (MQCFIN).
type CFIN struct {
	Parameter int32
	Value     int32
}

// CFST is a string parameter (MQCFST). String is kept exactly, including
// any trailing blanks the sender put inside StringLength.
type CFST struct {
	Parameter int32
	CCSID     int32
	String    string
}

// CFIL is an integer-list parameter (MQCFIL).
type CFIL struct {
	Parameter int32
	Values    []int32
}

// CFSL is a string-list parameter (MQCFSL). On the wire every string has
// the same length: AppendTo blank-pads to the longest (at least 1), and
// decoding trims trailing blanks.
type CFSL struct {
	Parameter int32
	CCSID     int32
	Strings   []string
}

// CFBS is a byte-string parameter (MQCFBS).
type CFBS struct {
	Parameter int32
	Value     []byte
}

// Unknown is a parameter of a type this package does not model. Data is
// everything after the Parameter field, re-encoded unchanged.
type Unknown struct {
	StrucType int32
	Parameter int32
	Data      []byte
}

func (p CFIN) Type() int32    { return CFTInteger }
func (p CFST) Type() int32    { return CFTString }
func (p CFIL) Type() int32    { return CFTIntegerList }
func (p CFSL) Type() int32    { return CFTStringList }
func (p CFBS) Type() int32    { return CFTByteString }
func (p Unknown) Type() int32 { return p.StrucType }

func (p CFIN) ID() int32    { return p.Parameter }
func (p CFST) ID() int32    { return p.Parameter }
func (p CFIL) ID() int32    { return p.Parameter }
func (p CFSL) ID() int32    { return p.Parameter }
func (p CFBS) ID() int32    { return p.Parameter }
func (p Unknown) ID() int32 { return p.Parameter }

// roundUp4 rounds n up to a multiple of 4.
func roundUp4(n int) int { return (n + 3) &^ 3 }

// appendHead appends Type, StrucLength and Parameter.
func appendHead(dst []byte, o binary.ByteOrder, typ int32, length int, param int32) []byte {
	dst = appendInt(dst, o, typ)
	dst = appendInt(dst, o, int32(length))
	return appendInt(dst, o, param)
}

// pad appends NULs up to the 4-byte boundary.
func pad(dst []byte, unpadded int) []byte {
	return append(dst, make([]byte, roundUp4(unpadded)-unpadded)...)
}

// AppendTo encodes the 16-byte MQCFIN.
func (p CFIN) AppendTo(dst []byte, o binary.ByteOrder) []byte {
	return appendInt(appendHead(dst, o, CFTInteger, CFINLength, p.Parameter), o, p.Value)
}

// AppendTo encodes the MQCFST, padded to a multiple of 4 bytes.
func (p CFST) AppendTo(dst []byte, o binary.ByteOrder) []byte {
	n := CFSTLengthFixed + len(p.String)
	dst = appendHead(dst, o, CFTString, roundUp4(n), p.Parameter)
	dst = appendInt(dst, o, p.CCSID)
	dst = appendInt(dst, o, int32(len(p.String)))
	return pad(append(dst, p.String...), n)
}

// AppendTo encodes the MQCFIL.
func (p CFIL) AppendTo(dst []byte, o binary.ByteOrder) []byte {
	dst = appendHead(dst, o, CFTIntegerList, CFILLengthFixed+4*len(p.Values), p.Parameter)
	dst = appendInt(dst, o, int32(len(p.Values)))
	for _, v := range p.Values {
		dst = appendInt(dst, o, v)
	}
	return dst
}

// AppendTo encodes the MQCFSL with every string blank-padded to the
// longest, the whole structure padded to a multiple of 4 bytes.
func (p CFSL) AppendTo(dst []byte, o binary.ByteOrder) []byte {
	width := min(1, len(p.Strings)) // a non-empty list never has width 0
	for _, s := range p.Strings {
		width = max(width, len(s))
	}
	n := CFSLLengthFixed + width*len(p.Strings)
	dst = appendHead(dst, o, CFTStringList, roundUp4(n), p.Parameter)
	dst = appendInt(dst, o, p.CCSID)
	dst = appendInt(dst, o, int32(len(p.Strings)))
	dst = appendInt(dst, o, int32(width))
	for _, s := range p.Strings {
		dst = append(dst, s...)
		dst = append(dst, strings.Repeat(" ", width-len(s))...)
	}
	return pad(dst, n)
}

// AppendTo encodes the MQCFBS, padded to a multiple of 4 bytes.
func (p CFBS) AppendTo(dst []byte, o binary.ByteOrder) []byte {
	n := CFBSLengthFixed + len(p.Value)
	dst = appendHead(dst, o, CFTByteString, roundUp4(n), p.Parameter)
	dst = appendInt(dst, o, int32(len(p.Value)))
	return pad(append(dst, p.Value...), n)
}

// AppendTo encodes the structure with StrucLength 12 + len(Data).
func (p Unknown) AppendTo(dst []byte, o binary.ByteOrder) []byte {
	dst = appendHead(dst, o, p.StrucType, 12+len(p.Data), p.Parameter)
	return append(dst, p.Data...)
}

// trimBlanks drops trailing blanks from a string-list element.
func trimBlanks(b []byte) string { return string(bytes.TrimRight(b, " ")) }
