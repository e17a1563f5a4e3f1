package rlog

import (
	"errors"
	"fmt"
)

// Errors of Open.
var (
	// ErrLocked is returned by Open when another Log (in this or another
	// process) has the directory open.
	ErrLocked = errors.New("rlog: log directory is in use")

	// ErrGeometry is returned (wrapped, with both values) by Open when
	// Options give a file size or file count different from the one the
	// log was created with. The circular space cannot be resized in place.
	ErrGeometry = errors.New("rlog: options do not match the log's geometry")

	// ErrControl is returned (wrapped) by Open when neither copy of the
	// control file amqhlctl.lfh is intact or a log file is missing or
	// short.
	ErrControl = errors.New("rlog: log control data damaged")
)

// Errors of Append and AppendBatch.
var (
	// ErrLogFull is returned (wrapped) when the records not yet released
	// by Checkpoint leave no room for the new ones. Nothing was written;
	// the call may be retried after a checkpoint. The queue manager maps
	// it to MQRC_RESOURCE_PROBLEM and an AMQ7463-style message.
	ErrLogFull = errors.New("rlog: log full")

	// ErrRecordTooLarge is returned when a record (or batch) could never
	// fit in the log, even when it is empty.
	ErrRecordTooLarge = errors.New("rlog: record larger than the log")

	// ErrEmptyBatch is returned by AppendBatch for zero records.
	ErrEmptyBatch = errors.New("rlog: empty batch")

	// ErrBroken is returned (joined with the original cause) by every
	// Append and Checkpoint after a data-file sync failed. The kernel may
	// have dropped the unwritten pages, so nothing written since the last
	// good sync can be trusted; the log must be closed and reopened,
	// which replays what really reached the disk.
	ErrBroken = errors.New("rlog: log failed and needs reopening")

	// ErrClosed is returned by every method after Close.
	ErrClosed = errors.New("rlog: log closed")
)

// Errors of Checkpoint.
var (
	// ErrBadLSN is returned (wrapped) by Checkpoint for an LSN before the
	// current checkpoint or after the durable end of the log.
	ErrBadLSN = errors.New("rlog: LSN out of range")
)

// Errors of Open, Replay, Append and Checkpoint after damage was found.
var (
	// ErrCorrupt matches every *CorruptError with errors.Is.
	ErrCorrupt = errors.New("rlog: log damaged")
)

// CorruptError reports a damaged record that cannot be a torn tail:
// either intact records follow it or the control file records that the
// log once extended past it. Records before LSN are intact; the log
// refuses appends and checkpoints until an operator intervenes.
type CorruptError struct {
	LSN    LSN    // position of the first damaged record
	Reason string // what was wrong, e.g. "checksum mismatch"
	// Resume is the start of the next intact batch found after the
	// damage, or zero when the damage was found by the control file's
	// known end alone.
	Resume LSN
}

func (e *CorruptError) Error() string {
	s := fmt.Sprintf("rlog: damaged log record at LSN %v: %s", e.LSN, e.Reason)
	if e.Resume != 0 {
		s += fmt.Sprintf("; intact records follow at LSN %v", e.Resume)
	}
	return s
}

// Is makes errors.Is(err, ErrCorrupt) true.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }
