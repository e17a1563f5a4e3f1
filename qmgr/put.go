package qmgr

import (
	"time"

	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// put adds a message to an open queue, completing its descriptor. Under
// syncpoint the message joins the connection's unit of work; a persistent
// message outside syncpoint is in the log before put returns.
func (qm *QueueManager) put(hd *handle, md *wire.MQMD, pmo *wire.MQPMO, data []byte, who putIdentity, u *uow) int32 {
	return qm.putThen(hd, md, pmo, data, who, u, nil)
}

// rcPending is putThen's answer when the outcome comes later, to done.
const rcPending = -1

// putThen is put. When done is not nil and the message is persistent,
// outside syncpoint and asks for no confirmation of arrival, putThen
// returns rcPending as soon as the log write is queued, and done(rc) is
// called once the message is in the log and on its queue (or failed), on
// the goroutine that synced the log: often this one, before putThen
// returns. md must stay untouched until then.
func (qm *QueueManager) putThen(hd *handle, md *wire.MQMD, pmo *wire.MQPMO, data []byte, who putIdentity, u *uow, done func(rc int32)) int32 {
	if qm.quiescing() && pmo.Options&mqi.MQPMO_FAIL_IF_QUIESCING != 0 {
		return mqi.MQRC_Q_MGR_QUIESCING
	}
	def := hd.def
	if !hd.putAllowed() {
		if who.applType != mqi.MQAT_QMGR { // not for the queue manager's own puts, events among them
			qm.inhibitedEvent(mqi.MQRC_PUT_INHIBITED, hd.name, who) // qmevents.go
		}
		return mqi.MQRC_PUT_INHIBITED
	}
	if len(data) > qm.qmgrInt("MAXMSGL", 4194304) {
		return mqi.MQRC_MSG_TOO_BIG_FOR_Q_MGR
	}
	if len(data) > def.MaxMsgL {
		return mqi.MQRC_MSG_TOO_BIG_FOR_Q
	}
	syncpoint := pmo.Options&mqi.MQPMO_SYNCPOINT != 0
	if syncpoint && u == nil {
		return mqi.MQRC_OPTIONS_ERROR
	}
	if syncpoint && u.size() >= qm.maxUMsgs() {
		return mqi.MQRC_SYNCPOINT_LIMIT_REACHED
	}
	if rc := contextAllowed(hd, pmo); rc != mqi.MQRC_NONE {
		return rc
	}
	now := time.Now()
	if pmo.Options&mqi.MQPMO_SET_ALL_CONTEXT == 0 {
		qm.resolveReplyTo(md) // route.go
	}
	qm.completeMD(md, pmo, def, who, now)
	group, rc := qm.groupForPut(hd, md, pmo, syncpoint) // groups.go
	if rc != mqi.MQRC_NONE {
		return rc
	}
	if hd.remote != nil {
		md, data = wrapForTransmission(hd.remote, md, data) // route.go
	}
	if md.Persistence == mqi.MQPER_PERSISTENT && hd.q.temporary {
		return mqi.MQRC_PERSISTENT_NOT_ALLOWED
	}
	m := &message{md: *md, data: data, seq: qm.nextSeq.Add(1), put: now,
		persistent: md.Persistence == mqi.MQPER_PERSISTENT}
	m.md.Version = 2
	if syncpoint || !m.persistent {
		// A persistent put outside syncpoint copies the data once, into
		// its log record (sharedPutRecord); the others keep a copy here.
		m.data = append([]byte(nil), data...)
	}
	q := hd.q
	q.mu.Lock()
	full := len(q.msgs)+q.uncommitted >= def.MaxDepth
	if !full && syncpoint {
		q.uncommitted++
	}
	if full {
		qm.noteDepthLocked(q, depthFull)
	}
	q.mu.Unlock()
	if full {
		return mqi.MQRC_Q_FULL
	}
	hd.putGroup = group
	switch {
	case syncpoint:
		u.puts = append(u.puts, pending{q: q, m: m})
	case m.persistent && done != nil && !reportCOA.wants(m.md.Report):
		rec := sharedPutRecord(q.name, m)
		qm.persist.writeAsync(rec, msgKey{q.name, m.seq}, change{data: rec.msg}, func() {
			q.mu.Lock()
			q.putLocked(m, now)
			qm.noteDepthLocked(q, depthPut)
			q.mu.Unlock()
		}, func(err error) {
			if err != nil {
				qm.logFailure("MQPUT", err)
				done(qm.storageReason(err))
				return
			}
			done(mqi.MQRC_NONE)
			if def.Triggers != "" {
				qm.triggerChannel(def.Triggers) // channels.go
			}
		})
		return rcPending
	case m.persistent:
		rec := sharedPutRecord(q.name, m)
		err := qm.persist.write([]logRecord{rec}, map[msgKey]change{{q.name, m.seq}: {data: rec.msg}}, func() {
			q.mu.Lock()
			q.putLocked(m, now)
			qm.noteDepthLocked(q, depthPut)
			q.mu.Unlock()
		})
		if err != nil {
			qm.logFailure("MQPUT", err)
			return qm.storageReason(err)
		}
	default:
		q.mu.Lock()
		q.putLocked(m, now)
		qm.noteDepthLocked(q, depthPut)
		q.mu.Unlock()
	}
	if !syncpoint {
		qm.sendReport(reportCOA, m)
	}
	if def.Triggers != "" {
		qm.triggerChannel(def.Triggers) // channels.go
	}
	return mqi.MQRC_NONE
}

// completeMD fills what the queue manager sets on a put: ids, persistence
// and priority from the queue's defaults, the put time, and the identity
// context from the connection.
func (qm *QueueManager) completeMD(md *wire.MQMD, pmo *wire.MQPMO, def queueDef, who putIdentity, now time.Time) {
	var zero [24]byte
	if md.MsgID == zero || pmo.Options&mqi.MQPMO_NEW_MSG_ID != 0 {
		md.MsgID = newMsgID(qm.name)
	}
	if pmo.Options&mqi.MQPMO_NEW_CORREL_ID != 0 {
		md.CorrelID = newMsgID(qm.name)
	}
	if md.Persistence == mqi.MQPER_PERSISTENCE_AS_Q_DEF {
		md.Persistence = mqi.MQPER_NOT_PERSISTENT
		if def.DefPsist {
			md.Persistence = mqi.MQPER_PERSISTENT
		}
	}
	if md.Priority == mqi.MQPRI_PRIORITY_AS_Q_DEF {
		md.Priority = def.DefPrty
	}
	md.BackoutCount = 0
	setAll := pmo.Options&mqi.MQPMO_SET_ALL_CONTEXT != 0
	setIdentity := setAll || pmo.Options&mqi.MQPMO_SET_IDENTITY_CONTEXT != 0
	switch {
	case pmo.Options&mqi.MQPMO_NO_CONTEXT != 0:
		md.UserIdentifier, md.ApplIdentityData, md.AccountingToken = "", "", [32]byte{}
	case !setIdentity:
		md.UserIdentifier = who.user
		md.ApplIdentityData, md.AccountingToken = "", [32]byte{}
	}
	if setAll {
		return // the application supplied the origin context too
	}
	utc := now.UTC()
	var stamp [24]byte
	b := utc.AppendFormat(stamp[:0], "20060102150405")
	hundredths := utc.Nanosecond() / 10_000_000
	b = append(b, byte('0'+hundredths/10), byte('0'+hundredths%10))
	md.PutDate, md.PutTime = string(b[:8]), string(b[8:])
	md.PutApplName = who.applName
	md.PutApplType = who.applType
	md.ApplOriginData = ""
	if pmo.Options&mqi.MQPMO_NO_CONTEXT != 0 {
		md.PutApplName, md.PutApplType = "", 0
	}
	if md.ReplyToQMgr == "" {
		md.ReplyToQMgr = qm.name
	}
	if md.CodedCharSetID == mqi.MQCCSI_Q_MGR {
		md.CodedCharSetID = qmgrCCSID
	}
}

// contextAllowed checks a put's context options against the handle: the
// identity or all context may be set only through a handle opened with
// MQOO_SET_IDENTITY_CONTEXT or MQOO_SET_ALL_CONTEXT.
func contextAllowed(hd *handle, pmo *wire.MQPMO) int32 {
	switch {
	case pmo.Options&mqi.MQPMO_SET_ALL_CONTEXT != 0 && hd.options&mqi.MQOO_SET_ALL_CONTEXT == 0,
		pmo.Options&mqi.MQPMO_SET_IDENTITY_CONTEXT != 0 && hd.options&(mqi.MQOO_SET_IDENTITY_CONTEXT|mqi.MQOO_SET_ALL_CONTEXT) == 0:
		return mqi.MQRC_OPTIONS_ERROR
	}
	return mqi.MQRC_NONE
}
