package mqi

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestMQReturnError(t *testing.T) {
	tests := []struct {
		verb   string
		cc, rc int32
		want   string
	}{
		{"MQGET", MQCC_FAILED, MQRC_NO_MSG_AVAILABLE,
			"MQGET: MQCC = MQCC_FAILED [2] MQRC = MQRC_NO_MSG_AVAILABLE [2033]"},
		{"MQCONNX", MQCC_FAILED, MQRC_Q_MGR_NOT_AVAILABLE,
			"MQCONNX: MQCC = MQCC_FAILED [2] MQRC = MQRC_Q_MGR_NOT_AVAILABLE [2059]"},
		// The cases of ibmmq's own test.
		{"test", 0, 0, "test: MQCC = MQCC_OK [0] MQRC = MQRC_NONE [0]"},
		{"test", 1, 2393, "test: MQCC = MQCC_WARNING [1] MQRC = MQRC_SSL_INITIALIZATION_ERROR [2393]"},
		{"test", 2, 2035, "test: MQCC = MQCC_FAILED [2] MQRC = MQRC_NOT_AUTHORIZED [2035]"},
		// PCF reasons are named too.
		{"MQPUT", 2, 3049, "MQPUT: MQCC = MQCC_FAILED [2] MQRC = MQRCCF_CCSID_ERROR [3049]"},
		// Unknown codes keep their number and have an empty name.
		{"MQOPEN", 7, 9999, "MQOPEN: MQCC =  [7] MQRC =  [9999]"},
		{"", MQCC_FAILED, MQRC_Q_FULL, "MQCC = MQCC_FAILED [2] MQRC = MQRC_Q_FULL [2053]"},
	}
	for _, tt := range tests {
		if got := NewReturn(tt.verb, tt.cc, tt.rc).Error(); got != tt.want {
			t.Errorf("NewReturn(%q, %d, %d).Error() =\n %q, want\n %q", tt.verb, tt.cc, tt.rc, got, tt.want)
		}
	}
}

func TestNewReturnKeepsCodes(t *testing.T) {
	e := NewReturn("MQPUT", MQCC_WARNING, MQRC_Q_FULL)
	if e == nil || e.MQCC != MQCC_WARNING || e.MQRC != MQRC_Q_FULL {
		t.Fatalf("NewReturn = %+v, want MQCC 1 MQRC 2053", e)
	}
	if NewReturn("MQPUT", MQCC_OK, MQRC_NONE) == nil {
		t.Error("NewReturn with MQCC_OK returned nil; it must always return the error")
	}
}

func TestErrorsIsMatchesReason(t *testing.T) {
	get := NewReturn("MQGET", MQCC_FAILED, MQRC_NO_MSG_AVAILABLE)
	wrapped := fmt.Errorf("amqsget: %w", get)
	tests := []struct {
		name   string
		err    error
		target error
		want   bool
	}{
		{"sentinel", get, ErrNoMsgAvailable, true},
		{"wrapped", wrapped, ErrNoMsgAvailable, true},
		{"other verb", NewReturn("MQCB", MQCC_FAILED, MQRC_NO_MSG_AVAILABLE), ErrNoMsgAvailable, true},
		{"other completion code", NewReturn("MQGET", MQCC_WARNING, MQRC_NO_MSG_AVAILABLE), ErrNoMsgAvailable, true},
		{"two returns", get, NewReturn("MQGET", MQCC_FAILED, 2033), true},
		{"other reason", get, ErrQFull, false},
		{"not an MQReturn", get, io.EOF, false},
		{"nil target pointer", get, (*MQReturn)(nil), false},
		{"plain error", errors.New("no message"), ErrNoMsgAvailable, false},
	}
	for _, tt := range tests {
		if got := errors.Is(tt.err, tt.target); got != tt.want {
			t.Errorf("%s: errors.Is = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestErrorsAsReadsCodes(t *testing.T) {
	err := fmt.Errorf("put failed: %w", NewReturn("MQPUT", MQCC_FAILED, MQRC_PUT_INHIBITED))
	var mqret *MQReturn
	if !errors.As(err, &mqret) {
		t.Fatal("errors.As found no *MQReturn")
	}
	if mqret.MQCC != MQCC_FAILED || mqret.MQRC != MQRC_PUT_INHIBITED {
		t.Errorf("codes %d/%d, want 2/2051", mqret.MQCC, mqret.MQRC)
	}
}

// Each sentinel must carry the reason its name promises.
func TestSentinels(t *testing.T) {
	tests := []struct {
		err  *MQReturn
		cc   int32
		rc   int32
		name string
	}{
		{ErrAlreadyConnected, 1, 2002, "MQRC_ALREADY_CONNECTED"},
		{ErrBackedOut, 2, 2003, "MQRC_BACKED_OUT"},
		{ErrConnectionBroken, 2, 2009, "MQRC_CONNECTION_BROKEN"},
		{ErrEnvironmentError, 2, 2012, "MQRC_ENVIRONMENT_ERROR"},
		{ErrGetInhibited, 2, 2016, "MQRC_GET_INHIBITED"},
		{ErrHConnError, 2, 2018, "MQRC_HCONN_ERROR"},
		{ErrHObjError, 2, 2019, "MQRC_HOBJ_ERROR"},
		{ErrSyncpointLimitReached, 2, 2024, "MQRC_SYNCPOINT_LIMIT_REACHED"},
		{ErrMaxConnsLimitReached, 2, 2025, "MQRC_MAX_CONNS_LIMIT_REACHED"},
		{ErrMsgTooBigForQ, 2, 2030, "MQRC_MSG_TOO_BIG_FOR_Q"},
		{ErrMsgTooBigForQMgr, 2, 2031, "MQRC_MSG_TOO_BIG_FOR_Q_MGR"},
		{ErrNoMsgAvailable, 2, 2033, "MQRC_NO_MSG_AVAILABLE"},
		{ErrNotAuthorized, 2, 2035, "MQRC_NOT_AUTHORIZED"},
		{ErrNotOpenForInput, 2, 2037, "MQRC_NOT_OPEN_FOR_INPUT"},
		{ErrNotOpenForOutput, 2, 2039, "MQRC_NOT_OPEN_FOR_OUTPUT"},
		{ErrObjectInUse, 2, 2042, "MQRC_OBJECT_IN_USE"},
		{ErrOptionsError, 2, 2046, "MQRC_OPTIONS_ERROR"},
		{ErrPersistentNotAllowed, 2, 2048, "MQRC_PERSISTENT_NOT_ALLOWED"},
		{ErrPutInhibited, 2, 2051, "MQRC_PUT_INHIBITED"},
		{ErrQFull, 2, 2053, "MQRC_Q_FULL"},
		{ErrQMgrNameError, 2, 2058, "MQRC_Q_MGR_NAME_ERROR"},
		{ErrQMgrNotAvailable, 2, 2059, "MQRC_Q_MGR_NOT_AVAILABLE"},
		{ErrSecurityError, 2, 2063, "MQRC_SECURITY_ERROR"},
		{ErrTruncatedMsgAccepted, 1, 2079, "MQRC_TRUNCATED_MSG_ACCEPTED"},
		{ErrTruncatedMsgFailed, 2, 2080, "MQRC_TRUNCATED_MSG_FAILED"},
		{ErrUnknownAliasBaseQ, 2, 2082, "MQRC_UNKNOWN_ALIAS_BASE_Q"},
		{ErrUnknownObjectName, 2, 2085, "MQRC_UNKNOWN_OBJECT_NAME"},
		{ErrUnknownObjectQMgr, 2, 2086, "MQRC_UNKNOWN_OBJECT_Q_MGR"},
		{ErrUnknownRemoteQMgr, 2, 2087, "MQRC_UNKNOWN_REMOTE_Q_MGR"},
		{ErrQMgrQuiescing, 2, 2161, "MQRC_Q_MGR_QUIESCING"},
		{ErrQMgrStopping, 2, 2162, "MQRC_Q_MGR_STOPPING"},
		{ErrUnknownXmitQ, 2, 2196, "MQRC_UNKNOWN_XMIT_Q"},
		{ErrConnectionQuiescing, 2, 2202, "MQRC_CONNECTION_QUIESCING"},
		{ErrConnectionStopping, 2, 2203, "MQRC_CONNECTION_STOPPING"},
		{ErrSSLInitializationError, 2, 2393, "MQRC_SSL_INITIALIZATION_ERROR"},
		{ErrChannelNotAvailable, 2, 2537, "MQRC_CHANNEL_NOT_AVAILABLE"},
		{ErrHostNotAvailable, 2, 2538, "MQRC_HOST_NOT_AVAILABLE"},
		{ErrChannelConfigError, 2, 2539, "MQRC_CHANNEL_CONFIG_ERROR"},
		{ErrUnknownChannelName, 2, 2540, "MQRC_UNKNOWN_CHANNEL_NAME"},
	}
	seen := map[int32]bool{}
	for _, tt := range tests {
		if tt.err.MQCC != tt.cc || tt.err.MQRC != tt.rc {
			t.Errorf("%s sentinel has MQCC %d MQRC %d, want %d %d", tt.name, tt.err.MQCC, tt.err.MQRC, tt.cc, tt.rc)
		}
		if got := MQItoString("RC", int(tt.err.MQRC)); got != tt.name {
			t.Errorf("sentinel for %d is %s, want %s", tt.rc, got, tt.name)
		}
		if seen[tt.rc] {
			t.Errorf("two sentinels for reason %d", tt.rc)
		}
		seen[tt.rc] = true
		if !errors.Is(NewReturn("MQGET", MQCC_FAILED, tt.rc), tt.err) {
			t.Errorf("errors.Is does not match reason %d to its sentinel", tt.rc)
		}
	}
}
