package qmgr

import (
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
	XmitQ    bool        // USAGE(XMITQ)
	Triggers string      // the channel a put starts (channels.go), "" for none
	Depth    depthLimits // queue depth events (events.go)
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
	if options&(mqi.MQOO_INPUT_AS_Q_DEF|mqi.MQOO_INPUT_SHARED|mqi.MQOO_INPUT_EXCLUSIVE|mqi.MQOO_BROWSE|mqi.MQOO_OUTPUT|mqi.MQOO_INQUIRE|mqi.MQOO_SET) == 0 {
		return nil, mqi.MQRC_OPTIONS_ERROR
	}
	dest, rc := qm.route(od.ObjectName, od.ObjectQMgrName)
	if rc != mqi.MQRC_NONE {
		return nil, rc
	}
	if dest.remote() {
		return qm.openRemote(dest, options) // route.go
	}
	def, rc := dest.def, mqi.MQRC_NONE // route read it: not read twice
	if !dest.loaded || def.Type == "QALIAS" {
		def, rc = qm.resolve(dest.local, 0)
	}
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
	if def.Type == "QREMOTE" { // an alias of a remote queue
		if dest, rc := qm.route(def.Name, ""); rc != mqi.MQRC_NONE || dest.remote() {
			if rc != mqi.MQRC_NONE {
				return nil, rc
			}
			return qm.openRemote(dest, options)
		}
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
	copy(id[4:16], "            ")
	copy(id[4:16], qmgr)
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
