package mqi

// MQSTS is the status structure that MQSTAT fills in, chiefly with the
// results of asynchronous puts.
type MQSTS struct {
	CompCode           int32
	Reason             int32
	PutSuccessCount    int32
	PutWarningCount    int32
	PutFailureCount    int32
	ObjectType         int32
	ObjectName         string
	ObjectQMgrName     string
	ResolvedObjectName string
	ResolvedQMgrName   string
	ObjectString       string
	SubName            string
	OpenOptions        int32
	SubOptions         int32
}

// NewMQSTS returns a status structure with the MQI defaults: MQCC_OK,
// MQRC_NONE, zero counts and object type queue.
func NewMQSTS() *MQSTS {
	return &MQSTS{
		CompCode:   MQCC_OK,
		Reason:     MQRC_NONE,
		ObjectType: MQOT_Q,
	}
}
