package mqi

// MQPMO holds the put-message options of MQPUT and MQPUT1. The queue
// manager fills in the Resolved* fields and the destination counts.
// Distribution lists are not supported, so the MQPMO record fields are absent.
//
// TODO: add Context (*MQObject, after Timeout) and OriginalMsgHandle and
// NewMsgHandle (MQMessageHandle, before Action) with the handle types.
type MQPMO struct {
	Version          int32
	Options          int32
	Timeout          int32
	KnownDestCount   int32
	UnknownDestCount int32
	InvalidDestCount int32
	ResolvedQName    string
	ResolvedQMgrName string
	Action           int32
	PubLevel         int32
	OtelOpts         OtelOpts
}

// NewMQPMO returns put-message options with the MQI defaults: version 1,
// no options, no timeout (-1), action MQACTP_NEW and publication level 9.
func NewMQPMO() *MQPMO {
	return &MQPMO{
		Version:  MQPMO_VERSION_1,
		Options:  MQPMO_NONE,
		Timeout:  -1,
		Action:   MQACTP_NEW,
		PubLevel: 9,
	}
}
