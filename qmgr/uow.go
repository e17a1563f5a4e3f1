package qmgr

import (
	"errors"
	"sync/atomic"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

// uow is a connection's unit of work: puts that become visible and gets
// that become final at MQCMIT, and are undone at MQBACK or when the
// connection ends. Only the connection's goroutine touches it.
type uow struct {
	id   uint64
	puts []pending
	gets []pending
}

type pending struct {
	q *queue
	m *message
}

var uowIDs atomic.Uint64

func (u *uow) size() int { return len(u.puts) + len(u.gets) }

// commit makes the unit of work final: one log write holds its persistent
// records and the commit record.
func (qm *QueueManager) commit(u *uow) int32 { return qm.commitAs(u, false) }

// commitAs is commit; with later, the unit's log records are not waited
// for (persister.writeLater): only for work a crash may undo, a channel
// batch's synchronisation record when the batch carried no persistent
// message.
func (qm *QueueManager) commitAs(u *uow, later bool) int32 {
	if u == nil || u.size() == 0 {
		return mqi.MQRC_NONE
	}
	if u.id == 0 {
		u.id = uowIDs.Add(1)
	}
	var recs []logRecord
	changes := map[msgKey]change{}
	for _, p := range u.puts {
		if p.m.persistent {
			rec := putRecord(u.id, p.q.name, p.m)
			recs = append(recs, rec)
			changes[msgKey{p.q.name, p.m.seq}] = change{data: rec.msg}
		}
	}
	for _, g := range u.gets {
		if g.m.persistent {
			recs = append(recs, logRecord{kind: recGet, uow: u.id, queue: g.q.name, seq: g.m.seq})
			changes[msgKey{g.q.name, g.m.seq}] = change{deleted: true}
		}
	}
	apply := func() {
		now := time.Now()
		for _, p := range u.puts {
			p.q.mu.Lock()
			p.q.uncommitted--
			p.q.putLocked(p.m, now)
			qm.noteDepthLocked(p.q, depthPut)
			p.q.mu.Unlock()
		}
		for _, g := range u.gets {
			g.q.mu.Lock()
			g.q.uncommitted--
			g.q.removeMsgLocked(g.m)
			qm.noteDepthLocked(g.q, depthGet)
			g.q.mu.Unlock()
		}
	}
	if len(recs) > 0 {
		recs = append(recs, logRecord{kind: recCommit, uow: u.id})
		err := errNotLater
		if later {
			err = qm.persist.writeLater(recs, changes, apply, func(err error) { qm.logFailure("MQCMIT", err) })
		}
		if err != nil {
			// Not deferred (or the log refused it): wait for the disk,
			// which also checkpoints a full log and tries again.
			err = qm.persist.write(recs, changes, apply)
		}
		if err != nil {
			qm.logFailure("MQCMIT", err)
			qm.backout(u)
			return mqi.MQRC_BACKED_OUT
		}
	} else {
		apply()
	}
	puts, gets := u.puts, u.gets
	*u = uow{}
	for _, p := range puts {
		qm.sendReport(reportCOA, p.m)
	}
	for _, g := range gets {
		qm.sendReport(reportCOD, g.m)
	}
	return mqi.MQRC_NONE
}

// errNotLater marks a commit that waits for the disk.
var errNotLater = errors.New("qmgr: commit waits for the log")

// hasPersistent reports whether u puts or gets a persistent message.
func (u *uow) hasPersistent() bool {
	for _, p := range u.puts {
		if p.m.persistent {
			return true
		}
	}
	for _, g := range u.gets {
		if g.m.persistent {
			return true
		}
	}
	return false
}

// backout undoes the unit of work: its puts vanish, its gets return to
// their queues with BackoutCount one higher.
func (qm *QueueManager) backout(u *uow) {
	if u == nil {
		return
	}
	for _, p := range u.puts {
		p.q.mu.Lock()
		p.q.uncommitted--
		p.q.mu.Unlock()
	}
	for _, g := range u.gets {
		g.q.mu.Lock()
		g.q.uncommitted--
		if g.q.indexLocked(g.m) >= 0 {
			g.m.lockedBy = nil
			g.m.md.BackoutCount++
			g.q.signalLocked()
		}
		g.q.mu.Unlock()
	}
	*u = uow{}
}
