package mqi

// MQOD is the object descriptor: it names the object that MQOPEN and
// MQPUT1 work on. The queue manager fills in the Resolved* fields.
// Distribution lists are not supported, so the MQOD record fields are absent.
type MQOD struct {
	Version             int32
	ObjectType          int32
	ObjectName          string
	ObjectQMgrName      string
	DynamicQName        string
	AlternateUserId     string
	AlternateSecurityId []byte
	ResolvedQName       string
	ResolvedQMgrName    string
	ObjectString        string
	SelectionString     string
	ResObjectString     string
	ResolvedType        int32
}

// NewMQOD returns an object descriptor with the MQI defaults: version 1,
// object type queue, dynamic queue name "AMQ.*" and an all-zero
// alternate security id.
func NewMQOD() *MQOD {
	return &MQOD{
		Version:             MQOD_VERSION_1,
		ObjectType:          MQOT_Q,
		DynamicQName:        "AMQ.*",
		AlternateSecurityId: make([]byte, MQ_SECURITY_ID_LENGTH),
		ResolvedType:        MQOT_NONE,
	}
}
