package pcf

import (
	"encoding/binary"
	"fmt"
)

// CFH is the PCF header (MQCFH, 36 bytes).
type CFH struct {
	Type           int32 // CFTCommand, CFTResponse ...
	StrucLength    int32 // always CFHLength
	Version        int32 // CFHVersion1-3
	Command        int32 // MQCMD_*
	MsgSeqNumber   int32 // 1 for the first message of a response set
	Control        int32 // CFCLast or CFCNotLast
	CompCode       int32 // MQCC_*
	Reason         int32 // MQRC_*
	ParameterCount int32
}

// Marshal encodes the header exactly as given.
func (h *CFH) Marshal(order binary.ByteOrder) []byte {
	b := make([]byte, 0, CFHLength)
	for _, v := range []int32{h.Type, h.StrucLength, h.Version, h.Command,
		h.MsgSeqNumber, h.Control, h.CompCode, h.Reason, h.ParameterCount} {
		b = appendInt(b, order, v)
	}
	return b
}

// Unmarshal decodes the header, checking StrucLength, Version and
// ParameterCount, and returns 36.
func (h *CFH) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	if len(b) < CFHLength {
		return 0, fail("MQCFH", len(b), ErrTruncated, "need %d bytes, have %d", CFHLength, len(b))
	}
	fs := []*int32{&h.Type, &h.StrucLength, &h.Version, &h.Command,
		&h.MsgSeqNumber, &h.Control, &h.CompCode, &h.Reason, &h.ParameterCount}
	for i, f := range fs {
		*f = int32(order.Uint32(b[4*i:]))
	}
	switch {
	case h.StrucLength != CFHLength:
		return 0, fail("MQCFH", 4, ErrBadLength, "StrucLength %d", h.StrucLength)
	case h.Version < CFHVersion1 || h.Version > CFHVersion3:
		return 0, fail("MQCFH", 8, ErrBadVersion, "version %d", h.Version)
	case h.ParameterCount < 0:
		return 0, fail("MQCFH", 32, ErrBadLength, "ParameterCount %d", h.ParameterCount)
	}
	return CFHLength, nil
}

func fail(st string, off int, err error, format string, args ...any) error {
	return &DecodeError{Struct: st, Offset: off, Reason: fmt.Sprintf(format, args...), Err: err}
}

func appendInt(b []byte, order binary.ByteOrder, v int32) []byte {
	var w [4]byte
	order.PutUint32(w[:], uint32(v))
	return append(b, w[:]...)
}
