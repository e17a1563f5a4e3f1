package mqi

// Sentinel errors for the reason codes that programs most often test for.
// They are matched by reason code only, so
//
//	errors.Is(err, ErrNoMsgAvailable)
//
// holds for every *MQReturn with MQRC 2033, whatever its verb and
// completion code. Do not modify them.

// Connecting and disconnecting (MQCONN, MQCONNX, MQDISC).
var (
	// ErrAlreadyConnected (2002) is returned, with MQCC_WARNING, when the
	// application connects again to a queue manager it is connected to.
	ErrAlreadyConnected = &MQReturn{MQCC: MQCC_WARNING, MQRC: MQRC_ALREADY_CONNECTED}
	// ErrConnectionBroken (2009) is returned when the connection to the
	// queue manager is lost during a verb.
	ErrConnectionBroken = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_CONNECTION_BROKEN}
	// ErrEnvironmentError (2012) is returned when the verb cannot be used
	// in the caller's environment or the client configuration is invalid.
	ErrEnvironmentError = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_ENVIRONMENT_ERROR}
	// ErrHConnError (2018) is returned when the connection handle is not
	// valid, for example after MQDISC.
	ErrHConnError = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_HCONN_ERROR}
	// ErrMaxConnsLimitReached (2025) is returned when the queue manager or
	// channel has no room for another connection.
	ErrMaxConnsLimitReached = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_MAX_CONNS_LIMIT_REACHED}
	// ErrQMgrNameError (2058) is returned when the queue manager name does
	// not match the queue manager reached.
	ErrQMgrNameError = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_Q_MGR_NAME_ERROR}
	// ErrQMgrNotAvailable (2059) is returned when the queue manager is not
	// running or cannot be reached.
	ErrQMgrNotAvailable = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_Q_MGR_NOT_AVAILABLE}
	// ErrSecurityError (2063) is returned when the queue manager's security
	// checks fail for a reason other than authority.
	ErrSecurityError = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_SECURITY_ERROR}
	// ErrQMgrQuiescing (2161) is returned when the queue manager is ending
	// in a controlled way and the verb asked to fail if quiescing.
	ErrQMgrQuiescing = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_Q_MGR_QUIESCING}
	// ErrQMgrStopping (2162) is returned when the queue manager is ending.
	ErrQMgrStopping = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_Q_MGR_STOPPING}
	// ErrConnectionQuiescing (2202) is returned when the channel or
	// connection is ending in a controlled way.
	ErrConnectionQuiescing = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_CONNECTION_QUIESCING}
	// ErrConnectionStopping (2203) is returned when the channel or
	// connection is ending.
	ErrConnectionStopping = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_CONNECTION_STOPPING}
)

// Authority (every verb that names an object).
var (
	// ErrNotAuthorized (2035) is returned when the user may not connect,
	// or may not open the object with the options given.
	ErrNotAuthorized = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_NOT_AUTHORIZED}
)

// Client channels and TLS (MQCONNX as a client).
var (
	// ErrSSLInitializationError (2393) is returned when TLS cannot be set
	// up for the client connection, for example a bad key repository.
	ErrSSLInitializationError = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_SSL_INITIALIZATION_ERROR}
	// ErrChannelNotAvailable (2537) is returned when the server-connection
	// channel is stopped or at its instance limit.
	ErrChannelNotAvailable = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_CHANNEL_NOT_AVAILABLE}
	// ErrHostNotAvailable (2538) is returned when nothing listens at the
	// connection name.
	ErrHostNotAvailable = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_HOST_NOT_AVAILABLE}
	// ErrChannelConfigError (2539) is returned when the client and server
	// channel definitions cannot agree on the channel's parameters.
	ErrChannelConfigError = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_CHANNEL_CONFIG_ERROR}
	// ErrUnknownChannelName (2540) is returned when the queue manager has
	// no server-connection channel of the name given.
	ErrUnknownChannelName = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_UNKNOWN_CHANNEL_NAME}
)

// Opening and closing objects (MQOPEN, MQPUT1, MQCLOSE).
var (
	// ErrHObjError (2019) is returned when the object handle is not valid,
	// for example after MQCLOSE.
	ErrHObjError = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_HOBJ_ERROR}
	// ErrObjectInUse (2042) is returned when the object is already open
	// with options that conflict with those requested, such as exclusive input.
	ErrObjectInUse = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_OBJECT_IN_USE}
	// ErrOptionsError (2046) is returned when the options are not valid or
	// not consistent with each other.
	ErrOptionsError = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_OPTIONS_ERROR}
	// ErrUnknownAliasBaseQ (2082) is returned when an alias queue resolves
	// to a queue that does not exist.
	ErrUnknownAliasBaseQ = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_UNKNOWN_ALIAS_BASE_Q}
	// ErrUnknownObjectName (2085) is returned when the named object does
	// not exist.
	ErrUnknownObjectName = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_UNKNOWN_OBJECT_NAME}
	// ErrUnknownObjectQMgr (2086) is returned when the object queue
	// manager name is neither the local queue manager nor a known one.
	ErrUnknownObjectQMgr = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_UNKNOWN_OBJECT_Q_MGR}
	// ErrUnknownRemoteQMgr (2087) is returned when no route to the remote
	// queue manager is defined.
	ErrUnknownRemoteQMgr = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_UNKNOWN_REMOTE_Q_MGR}
)

// Putting messages (MQPUT, MQPUT1).
var (
	// ErrMsgTooBigForQ (2030) is returned when the message is longer than
	// the queue's MAXMSGL.
	ErrMsgTooBigForQ = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_MSG_TOO_BIG_FOR_Q}
	// ErrMsgTooBigForQMgr (2031) is returned when the message is longer
	// than the queue manager's MAXMSGL.
	ErrMsgTooBigForQMgr = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_MSG_TOO_BIG_FOR_Q_MGR}
	// ErrNotOpenForOutput (2039) is returned when putting through a handle
	// opened without MQOO_OUTPUT.
	ErrNotOpenForOutput = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_NOT_OPEN_FOR_OUTPUT}
	// ErrPersistentNotAllowed (2048) is returned when a persistent message
	// is put to a queue that cannot hold one.
	ErrPersistentNotAllowed = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_PERSISTENT_NOT_ALLOWED}
	// ErrPutInhibited (2051) is returned when puts to the queue are
	// inhibited (PUT(DISABLED)).
	ErrPutInhibited = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_PUT_INHIBITED}
	// ErrQFull (2053) is returned when the queue already holds MAXDEPTH
	// messages.
	ErrQFull = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_Q_FULL}
	// ErrUnknownXmitQ (2196) is returned when the transmission queue named
	// for a remote queue does not exist.
	ErrUnknownXmitQ = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_UNKNOWN_XMIT_Q}
)

// Getting messages (MQGET).
var (
	// ErrGetInhibited (2016) is returned when gets from the queue are
	// inhibited (GET(DISABLED)).
	ErrGetInhibited = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_GET_INHIBITED}
	// ErrNoMsgAvailable (2033) is returned when no message matches the
	// request, after the wait interval if MQGMO_WAIT was given.
	ErrNoMsgAvailable = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_NO_MSG_AVAILABLE}
	// ErrNotOpenForInput (2037) is returned when getting through a handle
	// opened without an MQOO_INPUT_* option.
	ErrNotOpenForInput = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_NOT_OPEN_FOR_INPUT}
	// ErrTruncatedMsgAccepted (2079) is returned, with MQCC_WARNING, when
	// the buffer was too small, MQGMO_ACCEPT_TRUNCATED_MSG was given and
	// the message was removed from the queue truncated.
	ErrTruncatedMsgAccepted = &MQReturn{MQCC: MQCC_WARNING, MQRC: MQRC_TRUNCATED_MSG_ACCEPTED}
	// ErrTruncatedMsgFailed (2080) is returned when the buffer is too small
	// for the message, which stays on the queue.
	ErrTruncatedMsgFailed = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_TRUNCATED_MSG_FAILED}
)

// Units of work (MQCMIT, MQBACK and verbs under syncpoint).
var (
	// ErrBackedOut (2003) is returned when the unit of work was backed out
	// instead of committed.
	ErrBackedOut = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_BACKED_OUT}
	// ErrSyncpointLimitReached (2024) is returned when the unit of work
	// already holds MAXUMSGS uncommitted messages.
	ErrSyncpointLimitReached = &MQReturn{MQCC: MQCC_FAILED, MQRC: MQRC_SYNCPOINT_LIMIT_REACHED}
)
