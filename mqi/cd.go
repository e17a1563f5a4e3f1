package mqi

// MQCD is the client channel definition given to MQCONNX in
// MQCNO.ClientConn: the channel name, connection name (host(port)) and the
// client side of the channel's attributes.
type MQCD struct {
	ChannelName          string
	ConnectionName       string
	DiscInterval         int32
	SecurityExit         string
	SecurityUserData     string
	MaxMsgLength         int32
	HeartbeatInterval    int32
	SSLCipherSpec        string
	SSLPeerName          string
	SSLClientAuth        int32 // Kept for compatibility; a client does not use it.
	KeepAliveInterval    int32
	SharingConversations int32
	PropertyControl      int32
	ClientChannelWeight  int32
	ConnectionAffinity   int32
	DefReconnect         int32
	CertificateLabel     string
	HdrCompList          [2]int32
	MsgCompList          [16]int32
}

// Defaults of a client-connection channel definition.
const (
	defDiscInterval         = 6000
	defMaxMsgLength         = 4194304
	defHeartbeatInterval    = 1
	defKeepAliveInterval    = MQKAI_AUTO
	defSharingConversations = 10
)

// NewMQCD returns a client channel definition with the MQI defaults:
// DiscInterval 6000, MaxMsgLength 4 MiB, HeartbeatInterval 1,
// KeepAliveInterval MQKAI_AUTO, SharingConversations 10, preferred
// connection affinity, no reconnect, and no compression.
func NewMQCD() *MQCD {
	cd := &MQCD{
		DiscInterval:         defDiscInterval,
		MaxMsgLength:         defMaxMsgLength,
		HeartbeatInterval:    defHeartbeatInterval,
		SSLClientAuth:        MQSCA_REQUIRED,
		KeepAliveInterval:    defKeepAliveInterval,
		SharingConversations: defSharingConversations,
		PropertyControl:      MQPROP_COMPATIBILITY,
		ConnectionAffinity:   MQCAFTY_PREFERRED,
		DefReconnect:         MQRCN_NO,
	}
	fillCompList(cd.HdrCompList[:])
	fillCompList(cd.MsgCompList[:])
	return cd
}

// fillCompList sets a compression list to "none, then nothing else".
func fillCompList(list []int32) {
	list[0] = MQCOMPRESS_NONE
	for i := 1; i < len(list); i++ {
		list[i] = MQCOMPRESS_NOT_AVAILABLE
	}
}
