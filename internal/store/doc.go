// Package store keeps a queue manager's persistent state in one bbolt
// file: object definitions now, and later messages and channel sequence
// numbers.
//
// # File layout
//
// The file (qmgrs/<dir>/qmgr.db, see qmgr.StorePath) holds these
// top-level buckets:
//
//	meta      format -> "1"           layout version, written by Open
//	objects   <type> -> bucket        one nested bucket per object type
//	          <type>/<name> -> JSON   one record per object definition
//	messages  <queue> -> bucket       persistent messages as of the last checkpoint
//	          <queue>/<seq> -> msg    8-byte big-endian sequence; encoded message + CRC-32C
//	quarantine <queue>/<seq> -> msg   damaged messages moved aside at start
//
// Object types are chosen by the caller; the store only requires that a
// type and a name are non-empty. gomqm's object model uses one type per
// name space: QUEUE (local, remote, alias and model queues share one),
// CHANNEL, PROCESS, NAMELIST, QMGR, LISTENER, SERVICE, TOPIC, AUTHINFO
// and COMMINFO.
//
// Each record is a JSON object with at least a string member "name"
// equal to its key. Nothing else in the record is interpreted here, so
// this package does not depend on the object model.
//
// Packages that add buckets (messages, channel status) must list them
// above and add an invariant to [Store.Check].
//
// # Durability
//
// Every write is one bbolt read-write transaction, committed with fsync
// before the call returns (unless Options.NoSync is set for tests). A
// process killed at any point leaves either the old or the new state.
package store
