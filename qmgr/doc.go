// Package qmgr is the queue manager: the process that owns one queue
// manager's data while it runs.
//
// # Life cycle
//
// Create makes a queue manager's directory tree and default objects (what
// crtmqm does). Start opens a created queue manager: it takes the
// single-instance lock in the data directory, opens and checks the store,
// recovers, listens on the Unix socket in @ipcc/ and starts the command
// server. Shutdown is endmqm: controlled (wait for applications) or
// immediate; Close is the immediate form with no wait. Delete removes a
// queue manager that is not running (dltmqm).
//
// # Connections
//
// Applications and the control commands connect to the Unix socket and
// speak IBM MQ's FAP frames (package internal/wire): an initial-data
// exchange, then MQCONN and the MQI verbs. The user of a connection is
// taken from the socket's peer credentials (SO_PEERCRED), never from what
// the client says.
//
// TCP listeners (listener.go) accept client connections for
// server-connection channels (svrconn.go): the same frames and the same
// dispatch, after the channel is looked up, admitted and its limits
// negotiated. There the identity is the channel's MCAUSER, else the user
// id the client asserts, subject to IBM's default channel-authentication
// records (chlauth.go). Connections for message channels go to the
// MessageChannelHandler the queue manager was started with.
//
// # Messages
//
// Each local queue lives in memory (queue.go) in delivery order; open.go
// resolves names (aliases, model queues), put.go and get.go are MQPUT and
// MQGET with units of work (uow.go), browse cursors and locks, expiry and
// report messages (report.go). Persistent messages are made durable by the
// persister (persist.go): every change goes to the recovery log
// (internal/rlog) with group commit before the call returns, and is copied
// to the store (internal/store) at checkpoints; recover.go replays the log
// at start. The rules are in ARCHITECTURE.md under Invariants.
//
// # Administration
//
// runmqsc and endmqm are ordinary applications: they put PCF messages on
// SYSTEM.ADMIN.COMMAND.QUEUE (an escape message carrying MQSC text, or
// MQCMD_STOP_Q_MGR) and read the replies from a temporary dynamic queue,
// as IBM's command server does. The command server checks that the
// message's user identifier, which the queue manager set from the
// connection, belongs to an administrator.
package qmgr
