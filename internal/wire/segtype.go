package wire

import "fmt"

// SegmentType is the TSH segment type (MQ_TST_* in the protocol).
type SegmentType uint8

// Segment types. Reply types of the MQI verbs and XA calls are the request
// type plus 0x10 (see SegmentType.Reply).
const (
	SegInitialData  SegmentType = 0x01 // ID structure
	SegResyncData   SegmentType = 0x02
	SegResetData    SegmentType = 0x03 // ResetData
	SegMessageData  SegmentType = 0x04 // MessageData
	SegStatusData   SegmentType = 0x05 // Status
	SegSecurityData SegmentType = 0x06
	SegPingData     SegmentType = 0x07 // PingData
	SegUserIDData   SegmentType = 0x08 // UserID
	SegHeartbeat    SegmentType = 0x09 // no body
	SegConAuthInfo  SegmentType = 0x0A // CAUT
	SegRenegotiate  SegmentType = 0x0B
	SegSocketAction SegmentType = 0x0C
	SegAsyncMessage SegmentType = 0x0D
	SegRequestMsgs  SegmentType = 0x0E
	SegNotification SegmentType = 0x0F

	SegMQCONN  SegmentType = 0x81
	SegMQDISC  SegmentType = 0x82
	SegMQOPEN  SegmentType = 0x83
	SegMQCLOSE SegmentType = 0x84
	SegMQGET   SegmentType = 0x85
	SegMQPUT   SegmentType = 0x86
	SegMQPUT1  SegmentType = 0x87
	SegMQSET   SegmentType = 0x88
	SegMQINQ   SegmentType = 0x89
	SegMQCMIT  SegmentType = 0x8A
	SegMQBACK  SegmentType = 0x8B
	SegSPI     SegmentType = 0x8C
	SegMQSTAT  SegmentType = 0x8D
	SegMQSUB   SegmentType = 0x8E
	SegMQSUBRQ SegmentType = 0x8F

	SegMQCONNReply  SegmentType = 0x91
	SegMQDISCReply  SegmentType = 0x92
	SegMQOPENReply  SegmentType = 0x93
	SegMQCLOSEReply SegmentType = 0x94
	SegMQGETReply   SegmentType = 0x95
	SegMQPUTReply   SegmentType = 0x96
	SegMQPUT1Reply  SegmentType = 0x97
	SegMQSETReply   SegmentType = 0x98
	SegMQINQReply   SegmentType = 0x99
	SegMQCMITReply  SegmentType = 0x9A
	SegMQBACKReply  SegmentType = 0x9B
	SegSPIReply     SegmentType = 0x9C
	SegMQSTATReply  SegmentType = 0x9D
	SegMQSUBReply   SegmentType = 0x9E
	SegMQSUBRQReply SegmentType = 0x9F

	SegXAStart    SegmentType = 0xA1
	SegXAEnd      SegmentType = 0xA2
	SegXAOpen     SegmentType = 0xA3
	SegXAClose    SegmentType = 0xA4
	SegXAPrepare  SegmentType = 0xA5
	SegXACommit   SegmentType = 0xA6
	SegXARollback SegmentType = 0xA7
	SegXAForget   SegmentType = 0xA8
	SegXARecover  SegmentType = 0xA9
	SegXAComplete SegmentType = 0xAA
)

// replyOffset separates a request type from its reply type.
const replyOffset = 0x10

// IsAPI reports whether segments of this type start with an API header
// (the MQI verbs 0x81-0x8F and their replies 0x91-0x9F).
func (t SegmentType) IsAPI() bool {
	return t >= SegMQCONN && t <= SegMQSUBRQReply && t != 0x90
}

// IsReply reports whether t is the reply type of an MQI verb or XA call.
func (t SegmentType) IsReply() bool {
	return (t >= SegMQCONNReply && t <= SegMQSUBRQReply) || (t >= 0xB1 && t <= 0xBA)
}

// Reply returns the reply type for a request type (t + 0x10). For types
// that have no reply it returns t unchanged.
func (t SegmentType) Reply() SegmentType {
	if (t >= SegMQCONN && t <= SegMQSUBRQ) || (t >= SegXAStart && t <= SegXAComplete) {
		return t + replyOffset
	}
	return t
}

// String returns the name tshark prints for the type, e.g. "INITIAL_DATA"
// or "MQPUT_REPLY"; unknown types print as "Unknown (0xNN)".
func (t SegmentType) String() string {
	if name := segmentName(t); name != "" {
		return name
	}
	if t.IsReply() {
		if name := segmentName(t - replyOffset); name != "" {
			return name + "_REPLY"
		}
	}
	return fmt.Sprintf("Unknown (0x%02x)", uint8(t))
}

func segmentName(t SegmentType) string {
	switch t {
	case SegInitialData:
		return "INITIAL_DATA"
	case SegResyncData:
		return "RESYNC_DATA"
	case SegResetData:
		return "RESET_DATA"
	case SegMessageData:
		return "MESSAGE_DATA"
	case SegStatusData:
		return "STATUS_DATA"
	case SegSecurityData:
		return "SECURITY_DATA"
	case SegPingData:
		return "PING_DATA"
	case SegUserIDData:
		return "USERID_DATA"
	case SegHeartbeat:
		return "HEARTBEAT"
	case SegConAuthInfo:
		return "CONAUTH_INFO"
	case SegRenegotiate:
		return "RENEGOTIATE_DATA"
	case SegSocketAction:
		return "SOCKET_ACTION"
	case SegAsyncMessage:
		return "ASYNC_MESSAGE"
	case SegRequestMsgs:
		return "REQUEST_MSGS"
	case SegNotification:
		return "NOTIFICATION"
	}
	return apiName(t)
}

func apiName(t SegmentType) string {
	switch t {
	case SegMQCONN:
		return "MQCONN"
	case SegMQDISC:
		return "MQDISC"
	case SegMQOPEN:
		return "MQOPEN"
	case SegMQCLOSE:
		return "MQCLOSE"
	case SegMQGET:
		return "MQGET"
	case SegMQPUT:
		return "MQPUT"
	case SegMQPUT1:
		return "MQPUT1"
	case SegMQSET:
		return "MQSET"
	case SegMQINQ:
		return "MQINQ"
	case SegMQCMIT:
		return "MQCMIT"
	case SegMQBACK:
		return "MQBACK"
	case SegSPI:
		return "SPI"
	case SegMQSTAT:
		return "MQSTAT"
	case SegMQSUB:
		return "MQSUB"
	case SegMQSUBRQ:
		return "MQSUBRQ"
	}
	return xaName(t)
}

func xaName(t SegmentType) string {
	switch t {
	case SegXAStart:
		return "XA_START"
	case SegXAEnd:
		return "XA_END"
	case SegXAOpen:
		return "XA_OPEN"
	case SegXAClose:
		return "XA_CLOSE"
	case SegXAPrepare:
		return "XA_PREPARE"
	case SegXACommit:
		return "XA_COMMIT"
	case SegXARollback:
		return "XA_ROLLBACK"
	case SegXAForget:
		return "XA_FORGET"
	case SegXARecover:
		return "XA_RECOVER"
	case SegXAComplete:
		return "XA_COMPLETE"
	}
	return ""
}
