package mqi

import (
	"encoding/binary"
	"strings"
	"time"
)

// MQDLH is the dead-letter header that precedes a message on a dead-letter
// queue. It records why the message could not be delivered (Reason), where
// it was going, and the format of the original message that follows it.
type MQDLH struct {
	Reason         int32
	DestQName      string
	DestQMgrName   string
	Encoding       int32
	CodedCharSetId int32
	Format         string
	PutApplType    int32
	PutApplName    string
	PutDate        string    // Deprecated: use PutDateTime.
	PutTime        string    // Deprecated: use PutDateTime.
	PutDateTime    time.Time // PutDate and PutTime as one UTC time; wins over them when set.
}

// dlhStrucID is the StrucId of an MQDLH.
const dlhStrucID = "DLH "

// NewMQDLH returns a dead-letter header for the message described by md.
//
// If md is not nil, the header takes the original message's encoding,
// CCSID, format and put date and time, and md is changed to describe the
// dead-letter message instead: Format MQFMT_DEAD_LETTER_HEADER, MsgType
// MQMT_REPORT and CodedCharSetId MQCCSI_Q_MGR. An md CCSID of
// MQCCSI_DEFAULT becomes MQCCSI_INHERIT in the header. The caller sets
// Reason and the destination names.
func NewMQDLH(md *MQMD) *MQDLH {
	dlh := &MQDLH{
		Reason:         MQRC_NONE,
		CodedCharSetId: MQCCSI_UNDEFINED,
	}
	if md == nil {
		return dlh
	}
	dlh.Encoding = md.Encoding
	dlh.CodedCharSetId = md.CodedCharSetId
	if md.CodedCharSetId == MQCCSI_DEFAULT {
		dlh.CodedCharSetId = MQCCSI_INHERIT
	}
	dlh.Format = md.Format
	dlh.PutDate = md.PutDate
	dlh.PutTime = md.PutTime
	md.Format = MQFMT_DEAD_LETTER_HEADER
	md.MsgType = MQMT_REPORT
	md.CodedCharSetId = MQCCSI_Q_MGR
	return dlh
}

// Bytes returns the header as the MQDLH_CURRENT_LENGTH bytes that start a
// dead-letter message, with native (little-endian) integers and
// blank-padded character fields. Fields longer than their MQI length are
// truncated. When PutDateTime is set it is written instead of PutDate and
// PutTime; the header itself is not changed.
func (dlh *MQDLH) Bytes() []byte {
	date, tm := dlh.PutDate, dlh.PutTime
	if !dlh.PutDateTime.IsZero() {
		date, tm = formatPutDateTime(dlh.PutDateTime)
	}
	w := fieldWriter{order: binary.LittleEndian}
	w.chars(dlhStrucID, 4)
	w.int32(MQDLH_CURRENT_VERSION)
	w.int32(dlh.Reason)
	w.chars(dlh.DestQName, MQ_Q_NAME_LENGTH)
	w.chars(dlh.DestQMgrName, MQ_Q_MGR_NAME_LENGTH)
	w.int32(dlh.Encoding)
	w.int32(dlh.CodedCharSetId)
	w.chars(dlh.Format, MQ_FORMAT_LENGTH)
	w.int32(dlh.PutApplType)
	w.chars(dlh.PutApplName, MQ_PUT_APPL_NAME_LENGTH)
	w.chars(date, MQ_PUT_DATE_LENGTH)
	w.chars(tm, MQ_PUT_TIME_LENGTH)
	return w.buf
}

// GetHeader parses the MQI header at the start of buf, a message whose
// descriptor is md, and returns it with its length in bytes. The message
// data after the header starts at buf[length:].
//
// Only the dead-letter header (Format MQFMT_DEAD_LETTER_HEADER) is
// supported; the result is then a *MQDLH. Its integers are read in the
// encoding md gives. Other formats, including MQFMT_RF_HEADER_2, fail with
// MQRC_FORMAT_NOT_SUPPORTED; a header that is short or does not start with
// its StrucId fails with MQRC_FORMAT_ERROR.
func GetHeader(md *MQMD, buf []byte) (interface{}, int, error) {
	if md == nil || strings.TrimSpace(md.Format) != MQFMT_DEAD_LETTER_HEADER {
		return nil, 0, NewReturn("", MQCC_FAILED, MQRC_FORMAT_NOT_SUPPORTED)
	}
	dlh, err := parseDLH(buf, byteOrder(md.Encoding))
	if err != nil {
		return nil, 0, err
	}
	return dlh, int(MQDLH_CURRENT_LENGTH), nil
}

// parseDLH reads an MQDLH from the start of buf.
func parseDLH(buf []byte, order binary.ByteOrder) (*MQDLH, error) {
	if len(buf) < int(MQDLH_CURRENT_LENGTH) || string(buf[:4]) != dlhStrucID {
		return nil, NewReturn("", MQCC_FAILED, MQRC_FORMAT_ERROR)
	}
	r := fieldReader{buf: buf[4:], order: order}
	r.int32() // Version: there is only version 1.
	dlh := &MQDLH{Reason: r.int32()}
	dlh.DestQName = r.chars(MQ_Q_NAME_LENGTH)
	dlh.DestQMgrName = r.chars(MQ_Q_MGR_NAME_LENGTH)
	dlh.Encoding = r.int32()
	dlh.CodedCharSetId = r.int32()
	dlh.Format = r.chars(MQ_FORMAT_LENGTH)
	dlh.PutApplType = r.int32()
	dlh.PutApplName = r.chars(MQ_PUT_APPL_NAME_LENGTH)
	dlh.PutDate = r.chars(MQ_PUT_DATE_LENGTH)
	dlh.PutTime = r.chars(MQ_PUT_TIME_LENGTH)
	dlh.PutDateTime = parsePutDateTime(dlh.PutDate, dlh.PutTime)
	return dlh, nil
}
