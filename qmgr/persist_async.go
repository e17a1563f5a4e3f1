package qmgr

import (
	"errors"
	"fmt"
	"sync/atomic"
	"syscall"

	"github.com/gomqm/gomqm/internal/rlog"
)

// writeAsync is write for one record whose caller need not wait: the
// record is appended with rlog.AppendAsync, and once it is durable its
// change is recorded, apply runs and then done(nil), on whichever
// goroutine synced the log (often the caller itself, before writeAsync
// returns). done(err) reports a failure instead; nothing was applied.
//
// cp is held shared from the append until apply has run, as in write.
// apply and done must be quick and must not append to the log.
func (p *persister) writeAsync(rec logRecord, key msgKey, ch change, apply func(), done func(error)) {
	if rec.kind == recPut && p.diskFull.Load() {
		done(fmt.Errorf("%w: the file system is full", syscall.ENOSPC))
		return
	}
	if rec.kind == recPut && p.nearlyFull() {
		if err := p.checkpoint(); err != nil || p.nearlyFull() {
			done(fmt.Errorf("%w: the space left is kept for gets (checkpoint: %v)", rlog.ErrLogFull, err))
			return
		}
	}
	bufs := [1][]byte{rec.encode()}
	// A full log is reported at once, on this goroutine (never later):
	// then checkpoint and try again with write, as write itself does.
	calling, retry := true, false
	p.cp.RLock()
	p.log.AppendAsync(bufs[:], func(_ rlog.LSN, err error) {
		if err != nil {
			p.cp.RUnlock()
			if errors.Is(err, rlog.ErrLogFull) && calling {
				retry = true
				return
			}
			done(err)
			return
		}
		full := p.record(key, ch)
		apply()
		p.cp.RUnlock()
		if full {
			p.kickCheckpoint()
		}
		done(nil)
	})
	calling = false
	if retry {
		done(p.write([]logRecord{rec}, map[msgKey]change{key: ch}, apply))
	}
}

// record notes one change for the next checkpoint and reports whether
// the log is now half full (time for a checkpoint). The caller holds cp
// shared.
func (p *persister) record(key msgKey, ch change) bool {
	p.mu.Lock()
	p.dirty[key] = ch
	p.pending++
	look := p.pending%checkpointCheck == 0
	p.mu.Unlock()
	if !look {
		return false
	}
	st := p.log.Stats()
	return st.Used*2 > st.Primary
}

// kickCheckpoint asks the checkpoint goroutine to run soon.
func (p *persister) kickCheckpoint() {
	select {
	case p.kick <- struct{}{}:
	default:
	}
}

// writeLater is write without waiting for the disk: the records are
// queued in the log (rlog.AppendLater), the changes recorded and apply
// run at once, and the log's committer makes them durable soon after.
// A crash before that loses them, so it serves only what may be lost:
// the synchronisation record of a channel batch that carried no
// persistent message. cp is held shared until the records are durable,
// so that no checkpoint passes them first. A log that refuses the
// records returns the error and nothing is applied; a later failure to
// make them durable is logged (the log is then broken, and the next
// write reports it).
func (p *persister) writeLater(recs []logRecord, changes map[msgKey]change, apply func(), onLate func(error)) error {
	if addsData(recs) && p.diskFull.Load() {
		return fmt.Errorf("%w: the file system is full", syscall.ENOSPC)
	}
	if p.nearlyFull() {
		return fmt.Errorf("%w: the log is nearly full", rlog.ErrLogFull)
	}
	bufs := make([][]byte, len(recs))
	for i := range recs {
		bufs[i] = recs[i].encode()
	}
	p.cp.RLock()
	// cp is released by whichever of the completion and this goroutine
	// (once it has applied the changes) finishes last.
	var left atomic.Int32
	left.Store(2)
	release := func() {
		if left.Add(-1) == 0 {
			p.cp.RUnlock()
		}
	}
	err := p.log.AppendLater(bufs, func(err error) {
		if err != nil {
			onLate(err)
		}
		release()
	})
	if err != nil {
		p.cp.RUnlock()
		return err
	}
	full := p.recordAll(changes)
	apply()
	release()
	if full {
		p.kickCheckpoint()
	}
	return nil
}

// recordAll notes changes for the next checkpoint, as record does for
// one, and reports whether the log is now half full.
func (p *persister) recordAll(changes map[msgKey]change) bool {
	p.mu.Lock()
	for k, c := range changes {
		p.dirty[k] = c
	}
	before := p.pending
	p.pending += len(changes)
	look := before/checkpointCheck != p.pending/checkpointCheck
	p.mu.Unlock()
	if !look {
		return false
	}
	st := p.log.Stats()
	return st.Used*2 > st.Primary
}
