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
}

// openQueue resolves od to a local queue and opens it with options.
// Model queues create a temporary dynamic queue, whose name is written
// back into od.ObjectName.
func (qm *QueueManager) openQueue(od *wire.MQOD, options int32) (*handle, int32) {
	if od.ObjectType != mqi.MQOT_Q {
		return nil, mqi.MQRC_OBJECT_TYPE_ERROR
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
		if def.DefType != "TEMPDYN" {
			return nil, mqi.MQRC_OPTION_NOT_VALID_FOR_TYPE
		}
		name := dynamicName(od.DynamicQName)
		def.Type, def.Name = "QLOCAL", name
		q := qm.queues.get(name)
		q.mu.Lock()
		q.temporary = true
		q.def = def
		q.mu.Unlock()
		od.ObjectName = name
	}
	if def.Type != "QLOCAL" {
		return nil, mqi.MQRC_UNKNOWN_REMOTE_Q_MGR
	}
	q := qm.queues.get(def.Name)
	hd := &handle{q: q, def: def, options: options}
	hd.input = options&(mqi.MQOO_INPUT_AS_Q_DEF|mqi.MQOO_INPUT_SHARED|mqi.MQOO_INPUT_EXCLUSIVE) != 0
	hd.output = options&mqi.MQOO_OUTPUT != 0
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
	return hd, mqi.MQRC_NONE
}

// resolve follows aliases to the queue definition od names.
func (qm *QueueManager) resolve(name string, depth int) (queueDef, int32) {
	if depth > 8 {
		return queueDef{}, mqi.MQRC_ALIAS_BASE_Q_TYPE_ERROR
	}
	if q, ok := qm.queues.lookup(name); ok {
		q.mu.Lock()
		temp, def := q.temporary, q.def
		q.mu.Unlock()
		if temp {
			return def, mqi.MQRC_NONE
		}
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
	q.mu.Lock()
	if hd.input {
		q.inputs--
		q.exclusive = false
	}
	if hd.output {
		q.outputs--
	}
	remove := q.temporary && q.inputs == 0 && q.outputs == 0
	q.mu.Unlock()
	if remove {
		qm.queues.remove(q.name)
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

// put adds a message to an open queue, completing its descriptor.
func (qm *QueueManager) put(hd *handle, md *wire.MQMD, pmo *wire.MQPMO, data []byte, who putIdentity) int32 {
	if qm.quiescing() && pmo.Options&mqi.MQPMO_FAIL_IF_QUIESCING != 0 {
		return mqi.MQRC_Q_MGR_QUIESCING
	}
	def := hd.def
	if !def.PutOK {
		return mqi.MQRC_PUT_INHIBITED
	}
	if len(data) > def.MaxMsgL {
		return mqi.MQRC_MSG_TOO_BIG_FOR_Q
	}
	now := time.Now()
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
	utc := now.UTC()
	md.PutDate = utc.Format("20060102")
	md.PutTime = fmt.Sprintf("%s%02d", utc.Format("150405"), utc.Nanosecond()/10_000_000)
	md.UserIdentifier = who.user
	md.PutApplName = who.applName
	md.PutApplType = who.applType
	if md.ReplyToQ != "" && md.ReplyToQMgr == "" {
		md.ReplyToQMgr = qm.name
	}
	m := &message{md: *md, data: append([]byte(nil), data...)}
	m.md.Version = 2
	q := hd.q
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.msgs) >= def.MaxDepth {
		return mqi.MQRC_Q_FULL
	}
	q.putLocked(m, now)
	return mqi.MQRC_NONE
}

// get removes the next matching message, waiting as gmo says. It returns
// the message (also with MQRC_TRUNCATED_MSG_FAILED, when it is longer
// than bufLen and stays on the queue) or nil and a reason code.
func (qm *QueueManager) get(ctx context.Context, hd *handle, md *wire.MQMD, gmo *wire.MQGMO, bufLen int) (*message, int32) {
	if !hd.def.GetOK {
		return nil, mqi.MQRC_GET_INHIBITED
	}
	// A zero MsgId or CorrelId (MQMI_NONE, MQCI_NONE) matches any message.
	// A version-1 MQGMO has no MatchOptions: it matches on both ids.
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
	deadline, wait := waitDeadline(gmo, time.Now())
	q := hd.q
	for {
		if qm.quiescing() && gmo.Options&mqi.MQGMO_FAIL_IF_QUIESCING != 0 {
			return nil, mqi.MQRC_Q_MGR_QUIESCING
		}
		q.mu.Lock()
		if i := q.findLocked(mt); i >= 0 {
			m := q.msgs[i]
			if len(m.data) > bufLen && gmo.Options&mqi.MQGMO_ACCEPT_TRUNCATED_MSG == 0 {
				q.mu.Unlock()
				return m, mqi.MQRC_TRUNCATED_MSG_FAILED
			}
			m = q.removeLocked(i, time.Now())
			q.mu.Unlock()
			return m, mqi.MQRC_NONE
		}
		arrived := q.arrived
		q.mu.Unlock()
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
		select {
		case <-arrived:
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
