// Package qmdir manages the IBM MQ data directory tree: the root (/var/mqm,
// or whatever the caller decides), mqs.ini with its QueueManager stanzas, the
// per-queue-manager directories under qmgrs/ and log/, qm.ini and
// qmstatus.ini, and the lock a running queue manager holds.
//
// The package never reads the environment: callers pass the root in Layout.
//
// # Names and directories
//
// Queue manager names are 1 to 48 characters from A-Z a-z 0-9 . / _ %.
// Directory names are the queue manager name with '.' written as '!' and
// '/' as '&' (Mangle). When that directory already exists for another queue
// manager, or is left over on disk, DirFor appends .000, .001 and so on.
//
// # Creating a queue manager
//
// The order that keeps two crtmqm runs from colliding is: ValidateQMgrName,
// Lookup (AMQ8110E if found), DirFor, Register (which claims the name under
// the mqs.ini lock and fails with ErrExists if someone was faster), then
// CreateQMgrTree; if that fails, Unregister again.
//
// # Modes and ownership
//
// Directories and files are given IBM MQ's modes explicitly, so the umask
// neither weakens nor tightens them: directories at the root level 2775,
// queue manager data and log directories 2770 (as since IBM MQ 9.1), mqs.ini
// 0664, other files 0660. Existing directories keep the mode they have.
// When the process runs as root and a user and a group called mqm exist,
// everything created is given to mqm:mqm; otherwise files belong to the
// user running the command, which is what tests and single-user setups want.
//
// # Status and the instance lock
//
// A running queue manager holds an exclusive flock on qmgrs/<dir>/qmgr.lock
// for its whole life (AcquireLock) and records its state in qmstatus.ini
// (WriteStatus). QueryStatus combines the two: when nobody holds the lock but
// the file still says Running (or Starting, Quiescing, Ending ...), the
// process died and the state is "Ended unexpectedly". flock locks belong to
// an open file, so QueryStatus opens the lock file afresh and sees the lock
// as held even when called by the holder itself.
package qmdir
