package rlog

import (
	"fmt"
	"time"
)

// batch is a group of records written with one write and made durable
// with one sync. Records are encoded into buf as they arrive (under
// Log.mu), so their LSNs are fixed when Append queues them.
type batch struct {
	start   LSN
	buf     []byte
	n       int           // records in buf
	last    int           // offset in buf of the last record's header
	lastCRC uint32        // payload CRC of the last record
	done    chan struct{} // closed when the batch is durable or failed
	lead    chan struct{} // receives one token: "you write this batch"
	err     error         // set before done is closed
	calls   []call        // AppendAsync completions, run after done
}

// call is a queued AppendAsync completion.
type call struct {
	first LSN
	done  func(LSN, error)
}

// maxFreeBuf bounds the size of batch buffers kept for reuse.
const maxFreeBuf = 4 << 20

func (l *Log) newBatchLocked(start LSN) *batch {
	b := &batch{start: start, done: make(chan struct{}), lead: make(chan struct{}, 1)}
	if n := len(l.free); n > 0 {
		b.buf, l.free = l.free[n-1][:0], l.free[:n-1]
	}
	return b
}

// Append writes rec to the log and returns when it is durable. Its LSN
// identifies it in Replay and positions it for Checkpoint.
//
// Group commit: the caller that finds no write in progress writes and
// syncs every queued record itself; callers arriving meanwhile queue
// their records and wait to be covered by the next write, which one of
// them performs.
func (l *Log) Append(rec []byte) (LSN, error) {
	recs := [1][]byte{rec}
	crcs := [1]uint32{payloadCRC(rec)}
	return l.appendRecs(recs[:], crcs[:])
}

// AppendBatch writes recs as one unit: they are contiguous, made durable
// by one sync, and Replay delivers either all of them or none. It
// returns the LSN of the first record.
func (l *Log) AppendBatch(recs [][]byte) (LSN, error) {
	if len(recs) == 0 {
		return 0, ErrEmptyBatch
	}
	crcs := make([]uint32, len(recs))
	for i, r := range recs {
		crcs[i] = payloadCRC(r)
	}
	return l.appendRecs(recs, crcs)
}

func (l *Log) appendRecs(recs [][]byte, crcs []uint32) (LSN, error) {
	l.mu.Lock()
	if err := l.usableLocked(); err != nil {
		l.mu.Unlock()
		return 0, err
	}
	b := l.open
	first, err := l.addLocked(b, recs, crcs)
	if err != nil {
		l.mu.Unlock()
		return 0, err
	}
	if l.syncing {
		l.mu.Unlock()
		err = l.await(b)
	} else {
		l.syncing = true
		l.takeLocked()
		l.mu.Unlock()
		l.commit(b)
		err = b.err
	}
	if err != nil {
		return 0, err
	}
	return first, nil
}

// addLocked encodes recs at the end of b after checking that the batch,
// padded to a page, still fits before the replay start comes round.
func (l *Log) addLocked(b *batch, recs [][]byte, crcs []uint32) (LSN, error) {
	need := int64(0)
	for _, r := range recs {
		need += headerSize + int64(len(r))
	}
	if roundUp(need) > l.geo.capacity() || need > int64(^uint32(0)) {
		return 0, fmt.Errorf("%w: %d bytes, log holds %d", ErrRecordTooLarge, need, l.geo.capacity())
	}
	end := int64(b.start-l.scan) + roundUp(int64(len(b.buf))+need)
	if end > l.geo.capacity() {
		return 0, fmt.Errorf("%w: %d bytes needed, %d of %d in use",
			ErrLogFull, need, l.usedLocked(), l.geo.capacity())
	}
	first := b.start + LSN(len(b.buf))
	for i, r := range recs {
		off := len(b.buf)
		flags := uint16(0)
		if b.n == 0 {
			flags = flagBegin
		}
		b.buf = append(b.buf, make([]byte, headerSize)...)
		putHeader(b.buf[off:], flags, uint32(len(r)), b.start+LSN(off), crcs[i])
		b.buf = append(b.buf, r...)
		b.last, b.lastCRC = off, crcs[i]
		b.n++
	}
	return first, nil
}

// takeLocked closes the queued batch to new records and queues a new one
// after it. The caller now owns the write+sync role for the taken batch.
func (l *Log) takeLocked() {
	b := l.open
	l.open = l.newBatchLocked(b.start + LSN(roundUp(int64(len(b.buf)))))
}

// await waits until b is durable or failed, or until this goroutine is
// offered the role of writing it. The offer (a token sent when the batch
// before b became durable) is taken up only if no other goroutine took
// the role and b first: a caller that arrives meanwhile leads at once
// instead of waiting for this goroutine to be scheduled.
func (l *Log) await(b *batch) error {
	select {
	case <-b.done:
		return b.err
	case <-b.lead:
	}
	l.mu.Lock()
	if l.syncing || l.open != b {
		l.mu.Unlock()
		<-b.done
		return b.err
	}
	l.syncing = true
	l.takeLocked()
	l.mu.Unlock()
	l.commit(b)
	return b.err
}

// seal marks the last record as the end of the batch and zero-pads the
// buffer to a page boundary.
func (b *batch) seal() {
	h := b.buf[b.last:]
	flags := flagEnd
	if b.last == 0 {
		flags |= flagBegin
	}
	putHeader(h, flags, uint32(len(h)-headerSize), b.start+LSN(b.last), b.lastCRC)
	pad := int(roundUp(int64(len(b.buf)))) - len(b.buf)
	b.buf = append(b.buf, make([]byte, pad)...)
}

// commit writes and syncs b (the caller owns the role), completes its
// waiters, passes the role on or gives it up, and finally runs the
// AppendAsync completions of the batches it completed.
func (l *Log) commit(b *batch) {
	b.seal()
	t0 := time.Now()
	werr := l.sp.writeAt(b.buf, b.start)
	var serr error
	if werr == nil {
		serr = l.sp.sync(b.start, len(b.buf))
	}
	l.mu.Lock()
	l.stats.SyncTime += time.Since(t0)
	size := len(b.buf)
	l.recycleLocked(b.buf)
	b.buf = nil
	var failed *batch
	switch {
	case werr != nil:
		failed = l.failQueuedLocked(b, werr)
	case serr != nil:
		l.broken = serr
		failed = l.failQueuedLocked(b, fmt.Errorf("%w: %w", ErrBroken, serr))
	default:
		l.durable = b.start + LSN(size)
		l.starts.push(b.start)
		l.stats.Syncs++
		l.stats.Batches++
		l.stats.Records += uint64(b.n)
		l.stats.Bytes += uint64(size)
		close(b.done)
		l.offerLocked()
	}
	l.syncing = false
	pending := len(b.calls) > 0 || (failed != nil && len(failed.calls) > 0)
	if pending {
		l.running++
	}
	l.idle.Broadcast()
	l.mu.Unlock()
	if pending {
		b.complete()
		if failed != nil {
			failed.complete()
		}
		l.mu.Lock()
		l.running--
		l.idle.Broadcast()
		l.mu.Unlock()
	}
}

// offerLocked offers the role for the queued batch, if any: a token to
// one of its blocking waiters, and a kick to the committer goroutine
// when AppendAsync records are queued (no goroutine waits for those).
func (l *Log) offerLocked() {
	if l.open.n == 0 {
		return
	}
	l.open.lead <- struct{}{}
	if len(l.open.calls) > 0 {
		select {
		case l.kick <- struct{}{}:
		default:
		}
	}
}

// complete runs b's AppendAsync completions.
func (b *batch) complete() {
	for _, c := range b.calls {
		if b.err != nil {
			c.done(0, b.err)
		} else {
			c.done(c.first, nil)
		}
	}
}

// failQueuedLocked fails b and the batch queued behind it (whose LSNs
// assumed b would be written), queues a fresh batch where b began, and
// returns the failed queued batch.
func (l *Log) failQueuedLocked(b *batch, err error) *batch {
	b.err = err
	close(b.done)
	q := l.open
	if q.n > 0 {
		q.err = fmt.Errorf("rlog: an earlier write failed: %w", err)
		close(q.done)
	}
	l.open = l.newBatchLocked(b.start)
	l.recycleLocked(q.buf)
	q.buf = nil
	return q
}

// recycleLocked keeps a few batch buffers of moderate size for reuse.
func (l *Log) recycleLocked(buf []byte) {
	if c := cap(buf); c > 0 && c <= maxFreeBuf && len(l.free) < 4 {
		l.free = append(l.free, buf[:0])
	}
}
