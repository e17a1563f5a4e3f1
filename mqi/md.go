package mqi

import (
	"time"
)

// MQMD is the message descriptor: the control information that travels
// with every message. MQPUT reads it and fills in the fields the queue
// manager sets (MsgId, PutDateTime, ...); MQGET fills it from the message.
type MQMD struct {
	Version          int32
	Report           int32
	MsgType          int32
	Expiry           int32
	Feedback         int32
	Encoding         int32
	CodedCharSetId   int32
	Format           string
	Priority         int32
	Persistence      int32
	MsgId            []byte
	CorrelId         []byte
	BackoutCount     int32
	ReplyToQ         string
	ReplyToQMgr      string
	UserIdentifier   string
	AccountingToken  []byte
	ApplIdentityData string
	PutApplType      int32
	PutApplName      string
	PutDate          string    // Deprecated: use PutDateTime.
	PutTime          string    // Deprecated: use PutDateTime.
	PutDateTime      time.Time // PutDate and PutTime as one UTC time; wins over them when set.
	ApplOriginData   string
	GroupId          []byte
	MsgSeqNumber     int32
	Offset           int32
	MsgFlags         int32
	OriginalLength   int32
}

// NewMQMD returns a message descriptor with the MQI defaults: a version-1
// datagram that never expires, native encoding, the queue manager's CCSID,
// the queue's default priority and persistence, and all-zero identifiers.
//
// Format starts as eight blanks, as in ibmmq; it equals MQFMT_NONE once
// trimmed, and it is trimmed when read back from a message.
func NewMQMD() *MQMD {
	return &MQMD{
		Version:         MQMD_VERSION_1,
		Report:          MQRO_NONE,
		MsgType:         MQMT_DATAGRAM,
		Expiry:          MQEI_UNLIMITED,
		Feedback:        MQFB_NONE,
		Encoding:        MQENC_NATIVE,
		CodedCharSetId:  MQCCSI_Q_MGR,
		Format:          blankFormat,
		Priority:        MQPRI_PRIORITY_AS_Q_DEF,
		Persistence:     MQPER_PERSISTENCE_AS_Q_DEF,
		MsgId:           make([]byte, MQ_MSG_ID_LENGTH),
		CorrelId:        make([]byte, MQ_CORREL_ID_LENGTH),
		AccountingToken: make([]byte, MQ_ACCOUNTING_TOKEN_LENGTH),
		PutApplType:     MQAT_NO_CONTEXT,
		GroupId:         make([]byte, MQ_GROUP_ID_LENGTH),
		MsgSeqNumber:    1,
		MsgFlags:        MQMF_NONE,
		OriginalLength:  MQOL_UNDEFINED,
	}
}

// blankFormat is an MQCHAR8 format name of blanks, the unset value.
const blankFormat = "        "

// Layouts of the MQI PutDate (YYYYMMDD) and PutTime (HHMMSSTH, with
// hundredths of a second) fields, always in UTC.
const (
	putDateLayout = "20060102"
	putTimeLayout = "150405.00"
)

// parsePutDateTime combines the MQI PutDate and PutTime fields into a time. It
// returns the zero time if either is not a valid date or time, as happens
// when an application set its own context.
func parsePutDateTime(date, tm string) time.Time {
	if len(date) != int(MQ_PUT_DATE_LENGTH) || len(tm) != int(MQ_PUT_TIME_LENGTH) {
		return time.Time{}
	}
	t, err := time.ParseInLocation(putDateLayout+putTimeLayout,
		date+tm[:6]+"."+tm[6:], time.UTC)
	if err != nil {
		return time.Time{}
	}
	return t
}

// formatPutDateTime formats t, in UTC, as the MQI PutDate and PutTime fields.
// Fractions below a hundredth of a second are dropped.
func formatPutDateTime(t time.Time) (date, tm string) {
	t = t.UTC()
	hms := t.Format(putTimeLayout)
	return t.Format(putDateLayout), hms[:6] + hms[7:]
}
