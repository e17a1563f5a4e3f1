// Package rlog is the queue manager's recovery log: a preallocated,
// circular write-ahead log written with group commit. Persistent
// messages and units of work are logged here before MQPUT or MQCMIT
// returns; the queue data itself is checkpointed elsewhere (the bbolt
// store), and at start the log is replayed from the last checkpoint.
//
// # Use
//
// At start: Open, then Replay to re-apply every logged change since the
// last checkpoint to the queues, then serve. A persistent MQPUT outside
// syncpoint is one Append before the reply; an MQCMIT is one AppendBatch
// of the unit of work's records. AppendAsync is the same with the reply
// sent from a completion: the calibration of this machine found that
// letting the syncing goroutine send replies, and keeping the idle path
// inline, is what reaches the 8- and 32-application targets over
// sockets. When the queue files (the store) hold everything logged
// before some LSN, Checkpoint(that LSN) releases the space; a good
// trigger is Stats().Used passing Stats().Primary, which mirrors IBM
// MQ's use of the primary files. ErrLogFull means the checkpoint came
// too late.
//
// # Files
//
// The log directory (qm.ini LogPath, e.g. <data>/log/QM1/) holds, as
// IBM MQ's does:
//
//	amqhlctl.lfh          control file: two 4 KiB slots (below)
//	active/S0000000.LOG   log files, LogFilePages x 4 KiB each,
//	active/S0000001.LOG   LogPrimaryFiles + LogSecondaryFiles of them
//	...
//
// Open creates a missing log: the control file is written first under
// a temporary name (amqhlctl.lfh.tmp, marking a creation in progress),
// every log file is zero-filled and synced, the directories are synced,
// and the control file is renamed into place last. A directory with the
// temporary file is an interrupted creation and is created again; log
// files without any control file are refused (ErrControl), never
// overwritten. All files, secondary ones included, are preallocated
// (creating the default 80 MiB takes a few seconds); they never change
// size afterwards, so a data sync (fdatasync) never has to write file
// metadata. The geometry is fixed at creation: Open refuses other
// values with ErrGeometry. The directory is flock'ed while open
// (ErrLocked).
//
// # Log sequence numbers and the circular space
//
// The log files laid end to end form the circular space of capacity C
// bytes. An LSN is a byte offset in the endless logical log; LSN n is
// stored at byte n mod C of the space. Records and batches may cross
// file boundaries and the wrap from the last file to the first. LSNs
// only grow, and each header carries its own LSN, so a record left over
// from an earlier lap (LSN n-C at position n mod C) is recognised as
// stale.
//
// # Records and batches
//
// A record is a 24-byte header followed by its payload (little endian):
//
//	0  magic    uint32  "GMQL"
//	4  flags    uint16  1 = first record of a batch, 2 = last record
//	6  version  uint16  1
//	8  length   uint32  payload bytes
//	12 crc      uint32  CRC32C (Castagnoli) of the payload followed by
//	                    the header with this field zero
//	16 lsn      uint64  the record's own LSN
//
// Records are written in batches: one batch is one write and one sync.
// A batch starts on a page (4 KiB) boundary, holds its records back to
// back, flags its first and last record, and is zero-padded to the next
// page boundary. Padding costs space (one 1 KiB record alone takes a
// page) but means no write ever touches a page that holds records
// already acknowledged, so a torn write cannot damage durable data.
//
// # Reading
//
// Open scans batches from the replay start in the control file. A batch
// counts only if every record in it is intact (magic, version, flags,
// its LSN equal to its position, length, CRC) from the first-flagged
// record to the last-flagged one; so an AppendBatch is replayed
// completely or not at all. Where intact batches stop, the log ends,
// unless the stop is damage:
//
//   - if an intact first record of a batch of this lap starts at a later
//     page boundary, that batch was written after the bad one was synced
//     (only one batch is ever in flight), so the bad one was durable;
//   - if the control file records that the log was durable beyond the
//     stop (it records the end at each checkpoint and at Close).
//
// For the first test Open reads the rest of the lap (about 20 ms for a
// full 80 MiB log in the page cache).
// Damage is reported as *CorruptError with the LSN of the first bad
// record: Replay delivers the records before it and returns it, and the
// log refuses Append and Checkpoint. Anything else at the stop (zeros,
// stale records, a partly written batch) is a torn tail: the normal end
// after a crash. Open syncs every log file after the scan, so a batch
// that was written but not yet synced when the process died, and that
// Replay will therefore deliver, is durable before anything follows it
// (a sync error there fails Open).
// The next batch overwrites the torn tail; remnants of a torn batch
// beyond the new end never carry the first-record flag at a page
// boundary of this lap, so they are never taken for data.
//
// # Control file
//
// amqhlctl.lfh holds two slots of one page, each with magic, version,
// geometry, a sequence number, the checkpoint LSN, the replay start (the
// start of the batch holding the checkpoint) and the known durable end,
// under a CRC32C. A write goes to the slot not holding the newest copy
// and is synced; Open takes the intact slot with the higher sequence
// number, so a torn control write leaves the previous checkpoint. A
// control write that fails is retried in the same slot; if it reached
// the disk anyway, the log merely keeps more than it has to.
//
// # Group commit
//
// State guarded by Log.mu: the open batch (records queued for the next
// write, already encoded with their LSNs), and the syncing flag, which
// marks that some goroutine owns the write+sync role.
//
//  1. Append computes the payload CRC, takes mu, checks space, and
//     encodes its record(s) into the open batch.
//  2. If no goroutine owns the role, the caller takes it: it takes the
//     open batch (a new empty one starts at the next page boundary),
//     releases mu, writes the batch with one positioned write, syncs it,
//     and completes the batch's waiters. No hand-off happens on the idle
//     path: a single appender writes and syncs in its own goroutine.
//  3. Otherwise it releases mu and waits for the batch's done channel:
//     it is covered by the next write.
//  4. The owner, after the sync, sets the durable end, closes done (every
//     waiter of the batch returns), gives up the role and, if records are
//     queued, offers the role to one of their waiters with a token. The
//     first goroutine to find the role free takes it: a caller arriving
//     right then, or the waiter holding the token. A waiter that finds
//     its batch taken waits for done.
//
// AppendAsync follows the same path but, when it finds the role taken,
// queues its records with a completion and returns at once. The
// goroutine that later syncs the batch runs the completions after the
// sync (for a queued socket reply, this saves waking the connection
// goroutine). Because no caller waits to write such a batch, the owner
// also kicks the Log's committer goroutine when completions are queued;
// it takes the role like any caller, writes queued batches until none is
// left, and sleeps. The committer is started by Open and stopped by
// Close, which first waits for queued records and running completions.
//
// So there is at most one write in flight, batches are written in LSN
// order, and a batch is written only after the one before it is
// durable; recovery relies on this.
//
// # Durability contract
//
//   - When Append or AppendBatch returns nil, or AppendAsync's
//     completion is called with a nil error, the records have been
//     written and synced and are replayed after any crash, exactly once,
//     in LSN order, until released by Checkpoint.
//   - A call that returns an error, or a process killed during a call,
//     leaves its records in doubt: they may or may not be replayed (a
//     batch is still all or nothing). The queue manager treats such an
//     MQPUT or MQCMIT like IBM MQ's in-doubt cases.
//   - A failed write (e.g. ENOSPC on a copy-on-write file system) fails
//     the batch and the records queued behind it; the log's end returns to
//     where the batch began and later appends go on.
//   - A failed sync breaks the log (ErrBroken): after an fdatasync error
//     the kernel may have dropped the dirty pages and cleared the error,
//     so a later successful sync proves nothing. Every later Append and
//     Checkpoint fails until the log is closed and reopened, which
//     replays what really reached the disk. Replay still works.
//   - Append never overwrites space not released by Checkpoint: when the
//     unreleased records plus the new ones exceed the space, it fails
//     with ErrLogFull (MQRC_RESOURCE_PROBLEM, AMQ7463-style message).
//   - Checkpoint makes the new position durable in the control file
//     before the space is reused.
//
// # Locking
//
// Lock order: Log.ckptMu, then Log.mu. mu is held only for short
// in-memory work, never across I/O. ckptMu is held across control-file
// I/O and for the whole of Replay (so a checkpoint cannot release space
// being read) and serialises Checkpoint, Replay and Close's final
// control write; Replay's callback must therefore not call Checkpoint,
// Replay or Close. Data files are written and synced only by the owner
// of the write+sync role; readers only read below the durable end. The
// *Locked method suffix means "caller holds mu". The Log owns one
// goroutine, the committer, with a kick channel, a quit channel and a
// WaitGroup; Close stops it after the queue has drained.
package rlog
