package mqi

// MQBO holds the begin options of MQBEGIN.
type MQBO struct {
	Options int32
}

// NewMQBO returns begin options with the MQI default, MQBO_NONE.
func NewMQBO() *MQBO {
	return &MQBO{Options: MQBO_NONE}
}
