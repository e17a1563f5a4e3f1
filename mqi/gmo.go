package mqi

// MQGMO holds the get-message options of MQGET. The queue manager fills in
// ResolvedQName, the status fields, MsgToken and ReturnedLength.
//
// TODO: add MsgHandle (MQMessageHandle, after Reserved2) with the handle types.
type MQGMO struct {
	Version        int32
	Options        int32
	WaitInterval   int32
	Signal1        int32
	Signal2        int32
	ResolvedQName  string
	MatchOptions   int32
	GroupStatus    rune
	SegmentStatus  rune
	Segmentation   rune
	Reserved1      rune
	MsgToken       []byte
	ReturnedLength int32
	Reserved2      int32
	OtelOpts       OtelOpts
}

// NewMQGMO returns get-message options with the MQI defaults: version 1,
// no wait (with an unlimited interval should MQGMO_WAIT be added), match on
// message id and correlation id, not in a group or segment, and an
// all-zero message token.
func NewMQGMO() *MQGMO {
	return &MQGMO{
		Version:        MQGMO_VERSION_1,
		Options:        MQGMO_NO_WAIT | MQGMO_PROPERTIES_AS_Q_DEF,
		WaitInterval:   MQWI_UNLIMITED,
		MatchOptions:   MQMO_MATCH_MSG_ID | MQMO_MATCH_CORREL_ID,
		GroupStatus:    MQGS_NOT_IN_GROUP,
		SegmentStatus:  MQSS_NOT_A_SEGMENT,
		Segmentation:   MQSEG_INHIBITED,
		Reserved1:      ' ',
		MsgToken:       make([]byte, MQ_MSG_TOKEN_LENGTH),
		ReturnedLength: MQRL_UNDEFINED,
	}
}
