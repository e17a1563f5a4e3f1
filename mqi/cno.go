package mqi

// MQCNO holds the connect options of MQCONNX. A nil ClientConn lets the
// connection choose its channel from the environment (MQSERVER, a CCDT).
type MQCNO struct {
	Version       int32
	Options       int32
	SecurityParms *MQCSP
	CCDTUrl       string
	ClientConn    *MQCD
	SSLConfig     *MQSCO
	ApplName      string
	BalanceParms  *MQBNO
}

// NewMQCNO returns connect options with the MQI defaults: version 1, no
// options and no security, client, TLS or balancing parameters.
func NewMQCNO() *MQCNO {
	return &MQCNO{
		Version: MQCNO_VERSION_1,
		Options: MQCNO_NONE,
	}
}

// MQCSP holds the security parameters of MQCONNX: a user id and password,
// or a token.
type MQCSP struct {
	AuthenticationType int32
	UserId             string
	Password           string
	InitialKey         string
	Token              string
}

// NewMQCSP returns security parameters with the MQI default, MQCSP_AUTH_NONE.
func NewMQCSP() *MQCSP {
	return &MQCSP{AuthenticationType: MQCSP_AUTH_NONE}
}

// MQBNO holds the application balancing options of MQCONNX.
type MQBNO struct {
	ApplType int32
	Timeout  int32
	Options  int32
}

// NewMQBNO returns balancing options with the MQI defaults: simple
// balancing, the default timeout and no options.
func NewMQBNO() *MQBNO {
	return &MQBNO{
		ApplType: MQBNO_BALTYPE_SIMPLE,
		Timeout:  MQBNO_TIMEOUT_AS_DEFAULT,
		Options:  MQBNO_OPTIONS_NONE,
	}
}
