package wire

import (
	"encoding/binary"
	"fmt"
)

// StatusCode is the code of a STATUS_DATA segment (MQ_STATUS_ERR_*).
type StatusCode uint32

// Status codes. The protocol's two name lists disagree for 10-15; the
// constants use the constant names, String the names tshark prints.
const (
	StatusNoChannel            StatusCode = 1
	StatusChannelWrongType     StatusCode = 2
	StatusQMUnavailable        StatusCode = 3
	StatusMsgSequenceError     StatusCode = 4
	StatusQMTerminating        StatusCode = 5
	StatusCanNotStore          StatusCode = 6
	StatusUserClosed           StatusCode = 7
	StatusTimeoutExpired       StatusCode = 8
	StatusTargetQUnknown       StatusCode = 9
	StatusProtocolSegmentType  StatusCode = 10
	StatusProtocolLengthError  StatusCode = 11
	StatusProtocolInvalidData  StatusCode = 12
	StatusProtocolSegmentError StatusCode = 13
	StatusProtocolIDError      StatusCode = 14
	StatusProtocolMSHError     StatusCode = 15
	StatusProtocolGeneral      StatusCode = 16
	StatusBatchFailure         StatusCode = 17
	StatusMessageLengthError   StatusCode = 18
	StatusSegmentNumberError   StatusCode = 19
	StatusSecurityFailure      StatusCode = 20
	StatusWrapValueError       StatusCode = 21
	StatusChannelUnavailable   StatusCode = 22
	StatusClosedByExit         StatusCode = 23
	StatusCipherSpec           StatusCode = 24 // channel needs TLS
	StatusPeerName             StatusCode = 25
	StatusSSLClientCertificate StatusCode = 26
	StatusRmtRsrcsInRecovery   StatusCode = 27
	StatusSSLRefreshing        StatusCode = 28
	StatusInvalidHobj          StatusCode = 29
	StatusConvIDError          StatusCode = 30
	StatusSocketActionType     StatusCode = 31
	StatusStandbyQMgr          StatusCode = 32
	StatusCCSIDNotSupported    StatusCode = 240
	StatusEncodingInvalid      StatusCode = 241
	StatusFAPLevel             StatusCode = 242
	StatusNegotiationFailed    StatusCode = 243
	// StatusCallBack is gomqm's answer to a requester whose partner is
	// a sender: the connection ends and the sender calls the requester
	// back through its own CONNAME.
	StatusCallBack StatusCode = 0x1000
)

// String returns the name tshark 4.0 prints for the code, or
// "Unknown (0x........)" for codes it does not name.
func (c StatusCode) String() string {
	names := [...]string{
		1: "NO_CHANNEL", 2: "CHANNEL_WRONG_TYPE", 3: "QM_UNAVAILABLE",
		4: "MSG_SEQUENCE_ERROR", 5: "QM_TERMINATING", 6: "CAN_NOT_STORE",
		7: "USER_CLOSED", 10: "REMOTE_PROTOCOL_ERROR", 11: "BIND_FAILED",
		12: "MSGWRAP_DIFFERENT", 14: "REMOTE_CHANNEL_UNAVAILABLE",
		15: "TERMINATED_BY_REMOTE_EXIT", 16: "PROTOCOL_GENERAL",
		17: "BATCH_FAILURE", 18: "MESSAGE_LENGTH_ERROR",
		19: "SEGMENT_NUMBER_ERROR", 20: "SECURITY_FAILURE",
		21: "WRAP_VALUE_ERROR", 22: "CHANNEL_UNAVAILABLE",
		23: "CLOSED_BY_EXIT", 24: "CIPHER_SPEC", 25: "PEER_NAME",
		26: "SSL_CLIENT_CERTIFICATE", 27: "RMT_RSRCS_IN_RECOVERY",
		28: "SSL_REFRESHING", 29: "INVALID_HOBJ", 30: "CONV_ID_ERROR",
		31: "SOCKET_ACTION_TYPE", 32: "STANDBY_Q_MGR",
	}
	if int(c) < len(names) && names[c] != "" {
		return names[c]
	}
	switch c {
	case StatusCCSIDNotSupported:
		return "CCSID_NOT_SUPPORTED"
	case StatusEncodingInvalid:
		return "ENCODING_INVALID"
	case StatusFAPLevel:
		return "FAP_LEVEL"
	case StatusNegotiationFailed:
		return "NEGOTIATION_FAILED"
	}
	return fmt.Sprintf("Unknown (0x%08x)", uint32(c))
}

// Status is the body of a STATUS_DATA segment: a length word (8, or 12
// when a value follows), the code and an optional value.
type Status struct {
	Code     StatusCode
	HasValue bool
	Value    uint32 // meaning depends on the code; e.g. a sequence number
}

// Marshal encodes the 8-byte form, or the 12-byte form when HasValue.
func (s *Status) Marshal(order binary.ByteOrder) []byte {
	n := 8
	if s.HasValue {
		n = 12
	}
	e := newEncoder(n, order)
	e.u32(0, uint32(n))
	e.u32(4, uint32(s.Code))
	if s.HasValue {
		e.u32(8, s.Value)
	}
	return e.b
}

// Unmarshal decodes a status body. The length word must be at least 8 and
// fit in b; a value is present when it is 12 or more. It returns the
// declared length.
func (s *Status) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("STATUS", b, order)
	n, err := lengthWord(d, 8)
	if err != nil {
		return 0, err
	}
	*s = Status{Code: StatusCode(d.u32(4))}
	if n >= 12 {
		s.HasValue, s.Value = true, d.u32(8)
	}
	return n, nil
}

// lengthWord reads the length word at offset 0 of a body that counts
// itself, checking it against min and the bytes available.
func lengthWord(d decoder, min int) (int, error) {
	if err := d.need(4); err != nil {
		return 0, err
	}
	n := d.u32(0)
	if n < uint32(min) {
		return 0, d.fail(0, ErrBadLength, "length %d below %d", n, min)
	}
	if uint64(n) > uint64(len(d.b)) {
		return 0, d.fail(0, ErrTruncated, "length %d, have %d bytes", n, len(d.b))
	}
	return int(n), nil
}

// ResetData is the body of a RESET_DATA segment: length 8 and the new
// message sequence number.
type ResetData struct {
	SeqNumber uint32
}

// Marshal encodes the 8-byte body.
func (r *ResetData) Marshal(order binary.ByteOrder) []byte {
	e := newEncoder(8, order)
	e.u32(0, 8)
	e.u32(4, r.SeqNumber)
	return e.b
}

// Unmarshal decodes a reset body; the length word must be at least 8.
func (r *ResetData) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("RESET", b, order)
	n, err := lengthWord(d, 8)
	if err != nil {
		return 0, err
	}
	r.SeqNumber = d.u32(4)
	return n, nil
}

// PingData is the body of a PING_DATA segment: a length word counting
// itself, then bytes the partner echoes.
type PingData struct {
	Data []byte
}

// Marshal encodes the body.
func (p *PingData) Marshal(order binary.ByteOrder) []byte {
	e := newEncoder(4+len(p.Data), order)
	e.u32(0, uint32(len(e.b)))
	e.raw(4, p.Data)
	return e.b
}

// Unmarshal decodes a ping body; Data aliases b.
func (p *PingData) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("PING", b, order)
	n, err := lengthWord(d, 4)
	if err != nil {
		return 0, err
	}
	p.Data = sub(b, 4, n)
	return n, nil
}
