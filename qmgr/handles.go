package qmgr

import (
	"net"
	"slices"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// Open handles
//
// Every handle of a local queue is registered with the queue (openState),
// so that DISPLAY QSTATUS TYPE(HANDLE) can list them and MQSET can change
// what handles that are already open may do.
//
// put and get ask the handle whether they are allowed (putAllowed,
// getAllowed) instead of the definition captured at MQOPEN. The two flags
// start from that definition and are recomputed from the stored
// definitions of the names the handle resolved through (an alias, then its
// base queue) whenever an MQSET through any handle of the queue succeeds.
// MQSET holds queue.mu from loading the definition to recomputing the
// flags, and a handle registered after an MQSET on its queue reads its
// flags from the store under that lock, so an MQOPEN racing an MQSET never
// keeps the old value. Writers hold queue.mu; put and get read the flags
// without it. MQSET thus writes the store while holding one queue lock:
// nothing that holds a store transaction waits for a queue lock.
//
// ALTER from MQSC changes the stored definition only: handles opened later
// see it, handles already open keep the inhibit state they had.

// openState is what a queue keeps about its open handles and MQSET.
// queue.mu guards it.
type openState struct {
	handles map[*handle]struct{}
	sets    int // successful MQSETs through this queue's handles
}

// handleOwner is the application that opened a handle, for DISPLAY
// QSTATUS TYPE(HANDLE).
type handleOwner struct {
	applTag string // the application name given on MQCONN
	user    string // from the socket's peer credentials
	pid     int    // the connecting process, from the peer credentials
	opened  time.Time
}

// putAllowed reports whether MQPUT may put through hd now. A handle the
// queue manager makes for itself, not through openQueue, allows both.
func (hd *handle) putAllowed() bool { return !hd.noPut.Load() }

// getAllowed reports whether MQGET may get through hd now.
func (hd *handle) getAllowed() bool { return !hd.noGet.Load() }

// addHandleLocked registers hd, opened as name, with its queue q and sets
// its inhibit flags. The caller holds q.mu.
func (qm *QueueManager) addHandleLocked(q *queue, hd *handle, name string) {
	hd.name = name
	putOK, getOK := hd.def.PutOK, hd.def.GetOK
	if q.open.sets > 0 {
		// An MQSET may have changed the definition since openQueue read it.
		if p, g, ok := qm.inhibits(name); ok {
			putOK, getOK = p, g
		}
	}
	hd.noPut.Store(!putOK)
	hd.noGet.Store(!getOK)
	if q.open.handles == nil {
		q.open.handles = map[*handle]struct{}{}
	}
	q.open.handles[hd] = struct{}{}
}

// removeHandleLocked forgets a closed handle. The caller holds q.mu.
func (q *queue) removeHandleLocked(hd *handle) { delete(q.open.handles, hd) }

// refreshInhibitsLocked recomputes the inhibit flags of every handle of q
// after an MQSET. The caller holds q.mu.
func (qm *QueueManager) refreshInhibitsLocked(q *queue) {
	for hd := range q.open.handles {
		if p, g, ok := qm.inhibits(hd.name); ok {
			hd.noPut.Store(!p)
			hd.noGet.Store(!g)
		}
	}
}

// inhibits reads from the store whether puts and gets are allowed through
// the queue name: every alias on the way and the base queue must allow
// them. ok is false when a definition is gone (the flags are then left as
// they are).
func (qm *QueueManager) inhibits(name string) (putOK, getOK, ok bool) {
	putOK, getOK = true, true
	for range 9 {
		def, found := qm.lookupQueueDef(name)
		if !found {
			return false, false, false
		}
		putOK, getOK = putOK && def.PutOK, getOK && def.GetOK
		if def.Type != objects.TypeQAlias {
			return putOK, getOK, true
		}
		name = def.Target
	}
	return false, false, false
}

// openObject is MQOPEN of the object od names: the queue manager (for
// inquiry) or a queue, whose handle records who opened it.
func (c *conn) openObject(od *wire.MQOD, options int32) (*handle, int32) {
	if od.ObjectType == mqi.MQOT_Q_MGR {
		return c.qm.openQMgr(od, options)
	}
	hd, rc := c.qm.openQueue(od, options)
	if rc != mqi.MQRC_NONE {
		return nil, rc
	}
	owner := &handleOwner{applTag: c.applName, user: c.user, pid: c.pid, opened: time.Now()}
	hd.q.mu.Lock()
	hd.owner = owner
	hd.q.mu.Unlock()
	return hd, mqi.MQRC_NONE
}

// openQMgr opens the queue manager object, which allows only inquiry.
func (qm *QueueManager) openQMgr(od *wire.MQOD, options int32) (*handle, int32) {
	if od.ObjectQMgrName != "" && od.ObjectQMgrName != qm.name {
		return nil, mqi.MQRC_UNKNOWN_OBJECT_Q_MGR
	}
	if od.ObjectName != "" && od.ObjectName != qm.name {
		return nil, mqi.MQRC_UNKNOWN_OBJECT_NAME
	}
	const valid = mqi.MQOO_INQUIRE | mqi.MQOO_FAIL_IF_QUIESCING | mqi.MQOO_ALTERNATE_USER_AUTHORITY
	if options&mqi.MQOO_INQUIRE == 0 {
		if options&^valid != 0 {
			return nil, mqi.MQRC_OPTION_NOT_VALID_FOR_TYPE
		}
		return nil, mqi.MQRC_OPTIONS_ERROR
	}
	if options&^valid != 0 {
		return nil, mqi.MQRC_OPTION_NOT_VALID_FOR_TYPE
	}
	return &handle{name: qm.name, options: options}, mqi.MQRC_NONE
}

// Handles implements objects.Runtime: the handles applications hold open
// on the local queue name, oldest first.
func (qm *QueueManager) Handles(name string) []objects.HandleStatus {
	q, ok := qm.queues.lookup(name)
	if !ok {
		return nil
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	hds := make([]*handle, 0, len(q.open.handles))
	for hd := range q.open.handles {
		if hd.owner != nil { // MQPUT1's own handle lives only during the call
			hds = append(hds, hd)
		}
	}
	slices.SortFunc(hds, func(a, b *handle) int { return a.owner.opened.Compare(b.owner.opened) })
	out := make([]objects.HandleStatus, len(hds))
	for i, hd := range hds {
		out[i] = hd.status()
	}
	return out
}

// status describes an open handle as DISPLAY QSTATUS TYPE(HANDLE) does.
// The caller holds hd.q.mu.
func (hd *handle) status() objects.HandleStatus {
	o := hd.options
	return objects.HandleStatus{
		ApplTag: hd.owner.applTag, ApplType: "USER", UserID: hd.owner.user, PID: hd.owner.pid,
		Input:   inputMode(o, hd.def.Share),
		Output:  o&mqi.MQOO_OUTPUT != 0,
		Browse:  o&mqi.MQOO_BROWSE != 0,
		Inquire: o&mqi.MQOO_INQUIRE != 0,
		Set:     o&mqi.MQOO_SET != 0,
		HState:  "ACTIVE", URType: "QMGR",
	}
}

// inputMode is DISPLAY QSTATUS's INPUT: SHARED, EXCL or NO. share is the
// queue's DEFSOPT/SHARE setting, for MQOO_INPUT_AS_Q_DEF.
func inputMode(options int32, share bool) string {
	switch {
	case options&mqi.MQOO_INPUT_EXCLUSIVE != 0:
		return "EXCL"
	case options&mqi.MQOO_INPUT_SHARED != 0:
		return "SHARED"
	case options&mqi.MQOO_INPUT_AS_Q_DEF != 0 && share:
		return "SHARED"
	case options&mqi.MQOO_INPUT_AS_Q_DEF != 0:
		return "EXCL"
	}
	return "NO"
}

// peerPID returns the process id at the other end of a Unix socket, 0 when
// the kernel does not say.
func peerPID(nc net.Conn) int {
	uc, ok := nc.(*net.UnixConn)
	if !ok {
		return 0
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return 0
	}
	pid := 0
	_ = raw.Control(func(fd uintptr) {
		if cred, err := unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED); err == nil {
			pid = int(cred.Pid)
		}
	})
	return pid
}

// refreshAllInhibits makes an ALTER or DEFINE REPLACE of PUT or GET reach
// the handles already open, as MQSET does.
func (qm *QueueManager) refreshAllInhibits() {
	qm.queues.mu.Lock()
	qs := make([]*queue, 0, len(qm.queues.m))
	for _, q := range qm.queues.m {
		qs = append(qs, q)
	}
	qm.queues.mu.Unlock()
	for _, q := range qs {
		q.mu.Lock()
		qm.refreshInhibitsLocked(q)
		q.mu.Unlock()
	}
}
