package qmgr

import (
	"context"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// getRequest is one MQGET: what to match, how to wait, where it lands.
type getRequest struct {
	md     *wire.MQMD
	gmo    *wire.MQGMO
	bufLen int
	u      *uow        // the connection's unit of work
	who    putIdentity // the application, for events
	// watch, if set, is called once, when the get is about to wait for
	// a message; the context it returns ends the wait (the application
	// went away). A get that finds its message at once watches nothing.
	watch func() context.Context
}

// get returns the next matching message as gmo says: destructively,
// under syncpoint, or by browsing. It returns the message (also with
// MQRC_TRUNCATED_MSG_FAILED, when it is longer than the buffer and stays
// on the queue) or nil and a reason code.
func (qm *QueueManager) get(ctx context.Context, hd *handle, r getRequest) (*message, int32) {
	gmo := r.gmo
	browse := gmo.Options&(mqi.MQGMO_BROWSE_FIRST|mqi.MQGMO_BROWSE_NEXT|mqi.MQGMO_BROWSE_MSG_UNDER_CURSOR) != 0
	if browse && !hd.browse {
		return nil, mqi.MQRC_NOT_OPEN_FOR_BROWSE
	}
	if !browse && !hd.input {
		return nil, mqi.MQRC_NOT_OPEN_FOR_INPUT
	}
	if !hd.getAllowed() {
		qm.inhibitedEvent(mqi.MQRC_GET_INHIBITED, hd.name, r.who) // qmevents.go
		return nil, mqi.MQRC_GET_INHIBITED
	}
	if gmo.Options&mqi.MQGMO_UNLOCK != 0 {
		return nil, qm.unlock(hd)
	}
	if gmo.Options&mqi.MQGMO_LOCK != 0 && !browse {
		return nil, mqi.MQRC_OPTIONS_ERROR
	}
	mt := groupMatch(matchFor(r.md, gmo), hd, gmo, browse)
	deadline, wait := waitDeadline(gmo, time.Now())
	q := hd.q
	for {
		if qm.quiescing() && gmo.Options&mqi.MQGMO_FAIL_IF_QUIESCING != 0 {
			return nil, mqi.MQRC_Q_MGR_QUIESCING
		}
		q.mu.Lock()
		m, rc, found := qm.takeLocked(hd, q, mt, r)
		var arrived <-chan struct{}
		if !found && wait {
			arrived = q.arrivalLocked()
		}
		q.mu.Unlock()
		if found {
			if rc == mqi.MQRC_NONE && !browse {
				rc = qm.finishGet(hd, q, m, r)
				if rc == mqi.MQRC_NONE && !syncpointGet(gmo.Options, m) {
					qm.sendReport(reportCOD, m)
				}
			}
			if rc != mqi.MQRC_NONE && rc != mqi.MQRC_TRUNCATED_MSG_FAILED {
				return nil, rc
			}
			if rc == mqi.MQRC_NONE && !browse && gmo.Options&mqi.MQGMO_LOGICAL_ORDER != 0 {
				noteGroupGet(hd, m)
			}
			return m, rc
		}
		if rc != mqi.MQRC_NONE {
			return nil, rc
		}
		if !wait {
			return nil, mqi.MQRC_NO_MSG_AVAILABLE
		}
		var timeout <-chan time.Time
		if !deadline.IsZero() {
			d := time.Until(deadline)
			if d <= 0 {
				return nil, mqi.MQRC_NO_MSG_AVAILABLE
			}
			t := time.NewTimer(d)
			defer t.Stop()
			timeout = t.C
		}
		if r.watch != nil {
			ctx, r.watch = r.watch(), nil
		}
		quiesce := qm.quiesce
		if gmo.Options&mqi.MQGMO_FAIL_IF_QUIESCING == 0 {
			quiesce = nil
		}
		select {
		case <-arrived:
		case <-quiesce:
			return nil, mqi.MQRC_Q_MGR_QUIESCING
		case <-timeout:
			return nil, mqi.MQRC_NO_MSG_AVAILABLE
		case <-ctx.Done():
			if qm.quiescing() {
				return nil, mqi.MQRC_Q_MGR_STOPPING
			}
			return nil, mqi.MQRC_CONNECTION_BROKEN
		case <-qm.quit:
			return nil, mqi.MQRC_Q_MGR_STOPPING
		}
	}
}

// matchFor turns the MD's ids and the GMO's match options into a match.
// A zero MsgId or CorrelId (MQMI_NONE, MQCI_NONE) matches any message; a
// version-1 MQGMO has no MatchOptions and matches on both ids.
func matchFor(md *wire.MQMD, gmo *wire.MQGMO) match {
	var mt match
	var none [24]byte
	matchOpts := int32(mqi.MQMO_MATCH_MSG_ID | mqi.MQMO_MATCH_CORREL_ID)
	if gmo.Version >= 2 {
		matchOpts = gmo.MatchOptions
	}
	if matchOpts&mqi.MQMO_MATCH_MSG_ID != 0 && md.MsgID != none {
		id := md.MsgID
		mt.msgID = &id
	}
	if matchOpts&mqi.MQMO_MATCH_CORREL_ID != 0 && md.CorrelID != none {
		id := md.CorrelID
		mt.correlID = &id
	}
	if matchOpts&mqi.MQMO_MATCH_GROUP_ID != 0 && md.GroupID != none {
		id := md.GroupID
		mt.groupID = &id
	}
	if matchOpts&mqi.MQMO_MATCH_MSG_SEQ_NUMBER != 0 && gmo.Version >= 2 && md.Version >= 2 {
		seq := md.MsgSeqNumber
		mt.seq = &seq
	}
	if matchOpts&mqi.MQMO_MATCH_OFFSET != 0 && gmo.Version >= 2 && md.Version >= 2 {
		off := md.Offset
		mt.offset = &off
	}
	return mt
}

// takeLocked finds the message for r: by browsing (moving hd's cursor),
// the one under the cursor, or the next match. A destructive get takes it
// off the queue, or locks it to the unit of work under syncpoint. found is
// false when there is none yet (rc may then carry an error). The caller
// holds q.mu.
func (qm *QueueManager) takeLocked(hd *handle, q *queue, mt match, r getRequest) (m *message, rc int32, found bool) {
	now := time.Now()
	opts := r.gmo.Options
	var i int
	switch {
	case opts&mqi.MQGMO_BROWSE_MSG_UNDER_CURSOR != 0, opts&mqi.MQGMO_MSG_UNDER_CURSOR != 0:
		if hd.cursor == nil {
			return nil, mqi.MQRC_NO_MSG_UNDER_CURSOR, false
		}
		i = q.indexLocked(hd.cursor)
		if i < 0 || hd.cursor.lockedBy != nil || (hd.cursor.lockedFor != nil && hd.cursor.lockedFor != hd) {
			return nil, mqi.MQRC_NO_MSG_UNDER_CURSOR, false
		}
	case opts&mqi.MQGMO_BROWSE_FIRST != 0:
		i = q.findForLocked(hd, mt, 0, now, qm.dropExpired(q))
	case opts&mqi.MQGMO_BROWSE_NEXT != 0:
		from := q.afterLocked(hd.cursor)
		if opts&mqi.MQGMO_LOGICAL_ORDER != 0 {
			from = q.logicalBrowseFromLocked(hd.cursor, mt) // groups.go
		}
		i = q.findForLocked(hd, mt, from, now, qm.dropExpired(q))
	default:
		i = q.findForLocked(hd, mt, 0, now, qm.dropExpired(q))
	}
	if i < 0 {
		return nil, mqi.MQRC_NONE, false
	}
	m = q.msgs[i]
	browse := opts&(mqi.MQGMO_BROWSE_FIRST|mqi.MQGMO_BROWSE_NEXT|mqi.MQGMO_BROWSE_MSG_UNDER_CURSOR) != 0
	if len(m.data) > r.bufLen && opts&mqi.MQGMO_ACCEPT_TRUNCATED_MSG == 0 {
		if browse {
			hd.cursor = m
		}
		return m, mqi.MQRC_TRUNCATED_MSG_FAILED, true
	}
	if browse {
		hd.cursor = m
		if opts&mqi.MQGMO_LOCK != 0 {
			hd.unlockLocked(q)
			m.lockedFor, hd.locked = hd, m
		}
		return m, mqi.MQRC_NONE, true
	}
	if hd.cursor == m {
		hd.cursor = nil
	}
	if hd.locked == m {
		m.lockedFor, hd.locked = nil, nil
	}
	if syncpointGet(opts, m) {
		if r.u == nil {
			return nil, mqi.MQRC_OPTIONS_ERROR, false
		}
		if r.u.size() >= qm.maxUMsgs() {
			return nil, mqi.MQRC_SYNCPOINT_LIMIT_REACHED, false
		}
		m.lockedBy = r.u
		q.uncommitted++
		q.lastGet = now
		return m, mqi.MQRC_NONE, true
	}
	m = q.removeLocked(i, now)
	qm.noteDepthLocked(q, depthGet)
	return m, mqi.MQRC_NONE, true
}

// syncpointGet reports whether a get of m joins the unit of work.
func syncpointGet(opts int32, m *message) bool {
	return opts&mqi.MQGMO_SYNCPOINT != 0 || (opts&mqi.MQGMO_SYNCPOINT_IF_PERSISTENT != 0 && m.persistent)
}

// finishGet makes a destructive get of a persistent message durable: the
// get itself outside syncpoint, or the hardened backout count (HARDENBO)
// under syncpoint, so that a message whose unit of work never completes
// comes back with BackoutCount above zero even after a crash.
func (qm *QueueManager) finishGet(hd *handle, q *queue, m *message, r getRequest) int32 {
	if syncpointGet(r.gmo.Options, m) {
		r.u.gets = append(r.u.gets, pending{q: q, m: m})
		if !m.persistent || !hd.def.HardenBO {
			return mqi.MQRC_NONE
		}
		hardened := *m
		hardened.md.BackoutCount++
		rec := logRecord{kind: recBackout, queue: q.name, seq: m.seq}
		if err := qm.persist.write([]logRecord{rec}, map[msgKey]change{{q.name, m.seq}: {data: encodeMessage(&hardened)}}, nil); err != nil {
			r.u.gets = r.u.gets[:len(r.u.gets)-1]
			q.mu.Lock()
			m.lockedBy = nil
			q.uncommitted--
			q.signalLocked()
			q.mu.Unlock()
			qm.logFailure("MQGET", err)
			return qm.storageReason(err)
		}
		return mqi.MQRC_NONE
	}
	if !m.persistent {
		return mqi.MQRC_NONE
	}
	rec := logRecord{kind: recGet, queue: q.name, seq: m.seq}
	if err := qm.persist.write([]logRecord{rec}, map[msgKey]change{{q.name, m.seq}: {deleted: true}}, nil); err != nil {
		q.mu.Lock()
		q.putLocked(m, m.put)
		q.mu.Unlock()
		qm.logFailure("MQGET", err)
		return qm.storageReason(err)
	}
	return mqi.MQRC_NONE
}

// dropExpired returns the callback that forgets an expired message: a
// persistent one is deleted at the next checkpoint (if the queue manager
// stops first it is found expired again).
func (qm *QueueManager) dropExpired(q *queue) func(*message) {
	return func(m *message) {
		if m.persistent {
			qm.persist.forget(msgKey{q.name, m.seq})
		}
		// The caller holds q.mu: the report is put from a goroutine of
		// its own, owned by the queue manager.
		if reportExpiration.wants(m.md.Report) {
			select {
			case <-qm.quit:
			default:
				qm.wg.Add(1)
				go func() {
					defer qm.wg.Done()
					qm.sendReport(reportExpiration, m)
				}()
			}
		}
	}
}

// afterLocked is the position just after the browse cursor: where the
// cursor message is, or where it was. The caller holds q.mu.
func (q *queue) afterLocked(cursor *message) int {
	if cursor == nil {
		return 0
	}
	if i := q.indexLocked(cursor); i >= 0 {
		return i + 1
	}
	for i, m := range q.msgs {
		if (q.byPrio && m.md.Priority < cursor.md.Priority) || (m.md.Priority == cursor.md.Priority || !q.byPrio) && m.seq > cursor.seq {
			return i
		}
	}
	return len(q.msgs)
}

// unlock is MQGET with MQGMO_UNLOCK: it releases the message the handle
// locked by browsing. Without one it answers MQRC_NO_MSG_LOCKED.
func (qm *QueueManager) unlock(hd *handle) int32 {
	q := hd.q
	q.mu.Lock()
	defer q.mu.Unlock()
	if hd.locked == nil {
		return mqi.MQRC_NO_MSG_LOCKED
	}
	hd.unlockLocked(q)
	return mqi.MQRC_NONE
}

// unlockLocked releases the handle's browse lock, if any, and wakes
// getters that may now take the message. The caller holds q.mu.
func (hd *handle) unlockLocked(q *queue) {
	if hd.locked == nil {
		return
	}
	hd.locked.lockedFor, hd.locked = nil, nil
	q.signalLocked()
}
