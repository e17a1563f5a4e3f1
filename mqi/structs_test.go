package mqi

import (
	"reflect"
	"strings"
	"testing"
)

// The defaults are written as numbers, not constants, so that a wrong
// constant in a constructor shows up.
func TestNewMQMDDefaults(t *testing.T) {
	want := &MQMD{
		Version: 1, Report: 0, MsgType: 8, Expiry: -1, Feedback: 0,
		Encoding: 546, CodedCharSetId: 0, Format: "        ",
		Priority: -1, Persistence: 2,
		MsgId: make([]byte, 24), CorrelId: make([]byte, 24),
		AccountingToken: make([]byte, 32), GroupId: make([]byte, 24),
		PutApplType: 0, MsgSeqNumber: 1, Offset: 0, MsgFlags: 0, OriginalLength: -1,
	}
	checkDefaults(t, NewMQMD(), want)
}

func TestNewMQODDefaults(t *testing.T) {
	want := &MQOD{
		Version: 1, ObjectType: 1, DynamicQName: "AMQ.*",
		AlternateSecurityId: make([]byte, 40), ResolvedType: 0,
	}
	checkDefaults(t, NewMQOD(), want)
}

func TestNewMQPMODefaults(t *testing.T) {
	want := &MQPMO{Version: 1, Options: 0, Timeout: -1, Action: 0, PubLevel: 9}
	checkDefaults(t, NewMQPMO(), want)
}

func TestNewMQGMODefaults(t *testing.T) {
	want := &MQGMO{
		Version: 1, Options: 0, WaitInterval: -1, MatchOptions: 3,
		GroupStatus: ' ', SegmentStatus: ' ', Segmentation: ' ', Reserved1: ' ',
		MsgToken: make([]byte, 16), ReturnedLength: -1,
	}
	checkDefaults(t, NewMQGMO(), want)
}

func TestNewMQCNODefaults(t *testing.T) {
	checkDefaults(t, NewMQCNO(), &MQCNO{Version: 1, Options: 0})
}

func TestNewMQCSPDefaults(t *testing.T) {
	checkDefaults(t, NewMQCSP(), &MQCSP{AuthenticationType: 0})
}

func TestNewMQBNODefaults(t *testing.T) {
	checkDefaults(t, NewMQBNO(), &MQBNO{ApplType: 0, Timeout: -1, Options: 0})
}

func TestNewMQCDDefaults(t *testing.T) {
	want := &MQCD{
		DiscInterval: 6000, MaxMsgLength: 4194304, HeartbeatInterval: 1,
		SSLClientAuth: 0, KeepAliveInterval: -1, SharingConversations: 10,
		PropertyControl: 0, ClientChannelWeight: 0, ConnectionAffinity: 1, DefReconnect: 0,
		HdrCompList: [2]int32{0, -1},
		MsgCompList: [16]int32{0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
	}
	checkDefaults(t, NewMQCD(), want)
}

func TestNewMQSCODefaults(t *testing.T) {
	want := &MQSCO{KeyResetCount: 0, EncryptionPolicySuiteB: [4]int32{1, 0, 0, 0}, CertificateValPolicy: 0}
	checkDefaults(t, NewMQSCO(), want)
}

func TestNewMQBODefaults(t *testing.T) {
	checkDefaults(t, NewMQBO(), &MQBO{Options: 0})
}

func TestNewMQSTSDefaults(t *testing.T) {
	checkDefaults(t, NewMQSTS(), &MQSTS{CompCode: 0, Reason: 0, ObjectType: 1})
}

func checkDefaults(t *testing.T, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("defaults\n got %+v\nwant %+v", got, want)
	}
}

// Two descriptors never share their identifier buffers, since MQPUT and
// MQGET write into them.
func TestConstructorsAllocateFreshBuffers(t *testing.T) {
	a, b := NewMQMD(), NewMQMD()
	a.MsgId[0], a.CorrelId[0], a.GroupId[0], a.AccountingToken[0] = 1, 1, 1, 1
	if b.MsgId[0] != 0 || b.CorrelId[0] != 0 || b.GroupId[0] != 0 || b.AccountingToken[0] != 0 {
		t.Error("two MQMDs share an identifier buffer")
	}
	g1, g2 := NewMQGMO(), NewMQGMO()
	g1.MsgToken[0] = 1
	if g2.MsgToken[0] != 0 {
		t.Error("two MQGMOs share MsgToken")
	}
	o1, o2 := NewMQOD(), NewMQOD()
	o1.AlternateSecurityId[0] = 1
	if o2.AlternateSecurityId[0] != 0 {
		t.Error("two MQODs share AlternateSecurityId")
	}
}

// The exported fields and their types are those of ibmmq, so that programs
// written for it compile. MQPMO and MQGMO lack the handle fields for now.
func TestStructureShapes(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{MQMD{}, "Version int32, Report int32, MsgType int32, Expiry int32, Feedback int32, " +
			"Encoding int32, CodedCharSetId int32, Format string, Priority int32, Persistence int32, " +
			"MsgId []uint8, CorrelId []uint8, BackoutCount int32, ReplyToQ string, ReplyToQMgr string, " +
			"UserIdentifier string, AccountingToken []uint8, ApplIdentityData string, PutApplType int32, " +
			"PutApplName string, PutDate string, PutTime string, PutDateTime time.Time, " +
			"ApplOriginData string, GroupId []uint8, MsgSeqNumber int32, Offset int32, MsgFlags int32, " +
			"OriginalLength int32"},
		{MQOD{}, "Version int32, ObjectType int32, ObjectName string, ObjectQMgrName string, " +
			"DynamicQName string, AlternateUserId string, AlternateSecurityId []uint8, " +
			"ResolvedQName string, ResolvedQMgrName string, ObjectString string, " +
			"SelectionString string, ResObjectString string, ResolvedType int32"},
		{MQPMO{}, "Version int32, Options int32, Timeout int32, KnownDestCount int32, " +
			"UnknownDestCount int32, InvalidDestCount int32, ResolvedQName string, " +
			"ResolvedQMgrName string, Action int32, PubLevel int32, OtelOpts mqi.OtelOpts"},
		{MQGMO{}, "Version int32, Options int32, WaitInterval int32, Signal1 int32, Signal2 int32, " +
			"ResolvedQName string, MatchOptions int32, GroupStatus int32, SegmentStatus int32, " +
			"Segmentation int32, Reserved1 int32, MsgToken []uint8, ReturnedLength int32, " +
			"Reserved2 int32, OtelOpts mqi.OtelOpts"},
		{MQCNO{}, "Version int32, Options int32, SecurityParms *mqi.MQCSP, CCDTUrl string, " +
			"ClientConn *mqi.MQCD, SSLConfig *mqi.MQSCO, ApplName string, BalanceParms *mqi.MQBNO"},
		{MQCSP{}, "AuthenticationType int32, UserId string, Password string, InitialKey string, Token string"},
		{MQBNO{}, "ApplType int32, Timeout int32, Options int32"},
		{MQCD{}, "ChannelName string, ConnectionName string, DiscInterval int32, SecurityExit string, " +
			"SecurityUserData string, MaxMsgLength int32, HeartbeatInterval int32, SSLCipherSpec string, " +
			"SSLPeerName string, SSLClientAuth int32, KeepAliveInterval int32, " +
			"SharingConversations int32, PropertyControl int32, ClientChannelWeight int32, " +
			"ConnectionAffinity int32, DefReconnect int32, CertificateLabel string, " +
			"HdrCompList [2]int32, MsgCompList [16]int32"},
		{MQSCO{}, "KeyRepository string, CryptoHardware string, KeyResetCount int32, FipsRequired bool, " +
			"EncryptionPolicySuiteB [4]int32, CertificateValPolicy int32, CertificateLabel string, " +
			"KeyRepoPassword string, HTTPSCertValidation int32, HTTPSCertRevocation int32, " +
			"HTTPSKeyStore string"},
		{MQBO{}, "Options int32"},
		{MQSTS{}, "CompCode int32, Reason int32, PutSuccessCount int32, PutWarningCount int32, " +
			"PutFailureCount int32, ObjectType int32, ObjectName string, ObjectQMgrName string, " +
			"ResolvedObjectName string, ResolvedQMgrName string, ObjectString string, SubName string, " +
			"OpenOptions int32, SubOptions int32"},
		{MQDLH{}, "Reason int32, DestQName string, DestQMgrName string, Encoding int32, " +
			"CodedCharSetId int32, Format string, PutApplType int32, PutApplName string, " +
			"PutDate string, PutTime string, PutDateTime time.Time"},
		{MQReturn{}, "MQCC int32, MQRC int32"},
	}
	for _, tt := range tests {
		typ := reflect.TypeOf(tt.v)
		if got := exportedFields(typ); got != tt.want {
			t.Errorf("%s fields:\n got %s\nwant %s", typ.Name(), got, tt.want)
		}
	}
}

func exportedFields(typ reflect.Type) string {
	var fields []string
	for f := range typ.Fields() {
		if f.IsExported() {
			fields = append(fields, f.Name+" "+f.Type.String())
		}
	}
	return strings.Join(fields, ", ")
}
