package rlog

import "time"

// AppendAsync writes recs as one unit, like AppendBatch, and reports
// the outcome by calling done(first LSN, nil) once they are durable, or
// done(0, err) if they cannot be made durable. done is called exactly
// once:
//
//   - if no write is in progress, the calling goroutine writes and syncs
//     the records itself and calls done before AppendAsync returns (the
//     idle path: no hand-off);
//   - otherwise AppendAsync returns at once and done runs later on the
//     goroutine that syncs the batch (another caller, or the log's
//     committer goroutine), after the sync;
//   - on an immediate error (full, closed, broken, damaged log) done runs
//     before AppendAsync returns.
//
// This lets a connection goroutine go back to reading while its
// persistent put waits for the next sync, and lets the syncing
// goroutine send the replies, saving a goroutine wake-up per record.
// done must be quick and must not call Close; it may call the other
// methods.
func (l *Log) AppendAsync(recs [][]byte, done func(first LSN, err error)) {
	if len(recs) == 0 {
		done(0, ErrEmptyBatch)
		return
	}
	crcs := make([]uint32, len(recs))
	for i, r := range recs {
		crcs[i] = payloadCRC(r)
	}
	l.mu.Lock()
	if err := l.usableLocked(); err != nil {
		l.mu.Unlock()
		done(0, err)
		return
	}
	b := l.open
	first, err := l.addLocked(b, recs, crcs)
	if err != nil {
		l.mu.Unlock()
		done(0, err)
		return
	}
	if l.syncing {
		b.calls = append(b.calls, call{first, done})
		l.mu.Unlock()
		return
	}
	l.syncing = true
	l.takeLocked()
	l.mu.Unlock()
	l.commit(b)
	if b.err != nil {
		done(0, b.err)
		return
	}
	done(first, nil)
}

// AppendLater queues recs as one unit, like AppendBatch, for a caller
// that must not wait for the disk at all, not even when the log is idle:
// the log's committer goroutine (within laterDelay), or the next caller
// that syncs, writes and syncs them and then calls done(nil), or done(err) if they could not
// be made durable. It returns an error, and never calls done, when the
// records cannot be queued (full, closed, broken or damaged log). done
// may run before AppendLater returns, on another goroutine; it must be
// quick and must not call Close.
func (l *Log) AppendLater(recs [][]byte, done func(error)) error {
	if len(recs) == 0 {
		return ErrEmptyBatch
	}
	crcs := make([]uint32, len(recs))
	for i, r := range recs {
		crcs[i] = payloadCRC(r)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.usableLocked(); err != nil {
		return err
	}
	b := l.open
	first, err := l.addLocked(b, recs, crcs)
	if err != nil {
		return err
	}
	b.calls = append(b.calls, call{first, func(_ LSN, err error) { done(err) }})
	if !l.laterDue {
		// The committer writes them after laterDelay, with whatever
		// else has been queued by then, unless a sync takes them first.
		l.laterDue = true
		time.AfterFunc(laterDelay, func() {
			l.mu.Lock()
			l.laterDue = false
			l.mu.Unlock()
			select {
			case l.kick <- struct{}{}:
			default:
			}
		})
	}
	return nil
}

// laterDelay is how long AppendLater records may wait for a sync: those
// of many channel batches without persistent messages share one.
const laterDelay = 10 * time.Millisecond

// Hurry asks the committer to write queued records now, without waiting
// for laterDelay: for a caller about to wait until they are durable.
func (l *Log) Hurry() {
	select {
	case l.kick <- struct{}{}:
	default:
	}
}

// committer writes queued batches that hold AppendAsync records, which
// have no goroutine waiting to write them. It runs from Open to Close
// and sleeps until offerLocked kicks it.
func (l *Log) committer() {
	defer l.wg.Done()
	for {
		select {
		case <-l.quit:
			return
		case <-l.kick:
		}
		for l.commitQueued() {
		}
	}
}

// commitQueued takes the role and writes the queued batch if the role
// is free and records are queued.
func (l *Log) commitQueued() bool {
	l.mu.Lock()
	if l.syncing || l.open.n == 0 {
		l.mu.Unlock()
		return false
	}
	b := l.open
	l.syncing = true
	l.takeLocked()
	l.mu.Unlock()
	l.commit(b)
	return true
}
