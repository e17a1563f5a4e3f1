package qmgr

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// qmgrCCSID is the queue manager's CCSID (UTF-8), given to messages put
// with MQCCSI_Q_MGR.
const qmgrCCSID = 1208

// queueDef is what the messaging code needs of a queue's definition.
type queueDef struct {
	Type     string // QLOCAL, QALIAS, QMODEL or QREMOTE
	Name     string
	Target   string // QALIAS
	DefType  string // QMODEL: TEMPDYN or PERMDYN
	MaxDepth int
	MaxMsgL  int
	PutOK    bool
	GetOK    bool
	DefPsist bool
	DefPrty  int32
	ByPrio   bool // MSGDLVSQ(PRIORITY)
	Share    bool
	HardenBO bool
}

// openQueue resolves od to a local queue and opens it with options.
// Model queues create a temporary dynamic queue, whose name is written
// back into od.ObjectName.
func (qm *QueueManager) openQueue(od *wire.MQOD, options int32) (*handle, int32) {
	if od.ObjectType != mqi.MQOT_Q {
		return nil, mqi.MQRC_OBJECT_TYPE_ERROR
	}
	if qm.quiescing() && options&mqi.MQOO_FAIL_IF_QUIESCING != 0 {
		return nil, mqi.MQRC_Q_MGR_QUIESCING
	}
	if od.ObjectQMgrName != "" && od.ObjectQMgrName != qm.name {
		return nil, mqi.MQRC_UNKNOWN_REMOTE_Q_MGR
	}
	if options&(mqi.MQOO_INPUT_AS_Q_DEF|mqi.MQOO_INPUT_SHARED|mqi.MQOO_INPUT_EXCLUSIVE|mqi.MQOO_BROWSE|mqi.MQOO_OUTPUT|mqi.MQOO_INQUIRE|mqi.MQOO_SET) == 0 {
		return nil, mqi.MQRC_OPTIONS_ERROR
	}
	def, rc := qm.resolve(od.ObjectName, 0)
	if rc != mqi.MQRC_NONE {
		return nil, rc
	}
	if def.Type == "QMODEL" {
		def, rc = qm.createDynamic(def, od.DynamicQName)
		if rc != mqi.MQRC_NONE {
			return nil, rc
		}
		od.ObjectName = def.Name
	}
	if def.Type != "QLOCAL" {
		return nil, mqi.MQRC_UNKNOWN_REMOTE_Q_MGR
	}
	q := qm.queues.get(def.Name)
	hd := &handle{q: q, def: def, options: options}
	hd.input = options&(mqi.MQOO_INPUT_AS_Q_DEF|mqi.MQOO_INPUT_SHARED|mqi.MQOO_INPUT_EXCLUSIVE) != 0
	hd.output = options&mqi.MQOO_OUTPUT != 0
	hd.browse = options&mqi.MQOO_BROWSE != 0
	q.mu.Lock()
	defer q.mu.Unlock()
	if hd.input {
		exclusive := options&mqi.MQOO_INPUT_EXCLUSIVE != 0 || (options&mqi.MQOO_INPUT_AS_Q_DEF != 0 && !def.Share)
		if q.exclusive || (exclusive && q.inputs > 0) {
			return nil, mqi.MQRC_OBJECT_IN_USE
		}
		q.exclusive = exclusive
		q.inputs++
	}
	if hd.output {
		q.outputs++
	}
	q.byPrio = def.ByPrio
	qm.addHandleLocked(q, hd, od.ObjectName)
	return hd, mqi.MQRC_NONE
}

// resolve follows aliases to the queue definition od names.
func (qm *QueueManager) resolve(name string, depth int) (queueDef, int32) {
	if depth > 8 {
		return queueDef{}, mqi.MQRC_ALIAS_BASE_Q_TYPE_ERROR
	}
	def, ok := qm.lookupQueueDef(name)
	if !ok {
		if depth > 0 {
			return queueDef{}, mqi.MQRC_UNKNOWN_ALIAS_BASE_Q
		}
		return queueDef{}, mqi.MQRC_UNKNOWN_OBJECT_NAME
	}
	if def.Type == "QALIAS" {
		base, rc := qm.resolve(def.Target, depth+1)
		if rc != mqi.MQRC_NONE {
			return base, rc
		}
		base.PutOK = base.PutOK && def.PutOK
		base.GetOK = base.GetOK && def.GetOK
		return base, mqi.MQRC_NONE
	}
	return def, mqi.MQRC_NONE
}

// closeHandle closes an open queue; a temporary dynamic queue goes away
// with its creator's handle.
func (qm *QueueManager) closeHandle(hd *handle, options int32) {
	q := hd.q
	if q == nil {
		return // the queue manager object
	}
	q.mu.Lock()
	hd.unlockLocked(q)
	q.removeHandleLocked(hd)
	if hd.input {
		q.inputs--
		q.exclusive = false
	}
	if hd.output {
		q.outputs--
	}
	remove := q.temporary && q.inputs == 0 && q.outputs == 0
	permanent := hd.def.DefType == "PERMDYN" && options&(mqi.MQCO_DELETE|mqi.MQCO_DELETE_PURGE) != 0 &&
		q.inputs == 0 && q.outputs == 0 && q.uncommitted == 0 &&
		(len(q.msgs) == 0 || options&mqi.MQCO_DELETE_PURGE != 0)
	q.mu.Unlock()
	if remove || permanent {
		qm.deleteDynamic(q.name)
	}
}

var msgIDCounter atomic.Uint64

func init() {
	var b [8]byte
	_, _ = rand.Read(b[:])
	msgIDCounter.Store(binary.BigEndian.Uint64(b[:]) >> 16)
}

// newMsgID makes a message id the way IBM MQ does: "AMQ ", the queue
// manager name in 12 bytes, then an 8-byte counter that never repeats
// within this process and starts at a random point.
func newMsgID(qmgr string) [24]byte {
	var id [24]byte
	copy(id[:], "AMQ ")
	name := qmgr + strings.Repeat(" ", 12)
	copy(id[4:16], name[:12])
	binary.BigEndian.PutUint64(id[16:], msgIDCounter.Add(1))
	return id
}

var dynCounter atomic.Uint64

// dynamicName makes a dynamic queue name from a DynamicQName pattern: a
// trailing '*' becomes 16 hex digits unique in this process.
func dynamicName(pattern string) string {
	if pattern == "" {
		pattern = "AMQ.*"
	}
	prefix, star := strings.CutSuffix(pattern, "*")
	if !star {
		return pattern
	}
	n := dynCounter.Add(1)
	s := fmt.Sprintf("%s%08X%08X", prefix, uint32(time.Now().Unix()), uint32(n))
	if len(s) > 48 {
		s = s[:48]
	}
	return s
}

// put adds a message to an open queue, completing its descriptor. Under
// syncpoint the message joins the connection's unit of work; a persistent
// message outside syncpoint is in the log before put returns.
func (qm *QueueManager) put(hd *handle, md *wire.MQMD, pmo *wire.MQPMO, data []byte, who putIdentity, u *uow) int32 {
	if qm.quiescing() && pmo.Options&mqi.MQPMO_FAIL_IF_QUIESCING != 0 {
		return mqi.MQRC_Q_MGR_QUIESCING
	}
	def := hd.def
	if !hd.putAllowed() {
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
	qm.completeMD(md, pmo, def, who, now)
	if md.Persistence == mqi.MQPER_PERSISTENT && hd.q.temporary {
		return mqi.MQRC_PERSISTENT_NOT_ALLOWED
	}
	m := &message{md: *md, data: append([]byte(nil), data...), seq: qm.nextSeq.Add(1), put: now,
		persistent: md.Persistence == mqi.MQPER_PERSISTENT}
	m.md.Version = 2
	q := hd.q
	q.mu.Lock()
	full := len(q.msgs)+q.uncommitted >= def.MaxDepth
	if !full && syncpoint {
		q.uncommitted++
	}
	q.mu.Unlock()
	if full {
		return mqi.MQRC_Q_FULL
	}
	switch {
	case syncpoint:
		u.puts = append(u.puts, pending{q: q, m: m})
	case m.persistent:
		data := encodeMessage(m)
		rec := logRecord{kind: recPut, queue: q.name, seq: m.seq, msg: data}
		err := qm.persist.write([]logRecord{rec}, map[msgKey]change{{q.name, m.seq}: {data: data}}, func() {
			q.mu.Lock()
			q.putLocked(m, now)
			q.mu.Unlock()
		})
		if err != nil {
			qm.logFailure("MQPUT", err)
			return qm.storageReason(err)
		}
	default:
		q.mu.Lock()
		q.putLocked(m, now)
		q.mu.Unlock()
	}
	if !syncpoint {
		qm.sendReport(reportCOA, m)
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
	md.PutDate = utc.Format("20060102")
	md.PutTime = fmt.Sprintf("%s%02d", utc.Format("150405"), utc.Nanosecond()/10_000_000)
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

// getRequest is one MQGET: what to match, how to wait, where it lands.
type getRequest struct {
	md     *wire.MQMD
	gmo    *wire.MQGMO
	bufLen int
	u      *uow // the connection's unit of work
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
		return nil, mqi.MQRC_GET_INHIBITED
	}
	if gmo.Options&mqi.MQGMO_UNLOCK != 0 {
		return nil, qm.unlock(hd)
	}
	if gmo.Options&mqi.MQGMO_LOCK != 0 && !browse {
		return nil, mqi.MQRC_OPTIONS_ERROR
	}
	mt := matchFor(r.md, gmo)
	deadline, wait := waitDeadline(gmo, time.Now())
	q := hd.q
	for {
		if qm.quiescing() && gmo.Options&mqi.MQGMO_FAIL_IF_QUIESCING != 0 {
			return nil, mqi.MQRC_Q_MGR_QUIESCING
		}
		q.mu.Lock()
		m, rc, found := qm.takeLocked(hd, q, mt, r)
		arrived := q.arrived
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
		i = q.findForLocked(hd, mt, q.afterLocked(hd.cursor), now, qm.dropExpired(q))
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
	return q.removeLocked(i, now), mqi.MQRC_NONE, true
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
