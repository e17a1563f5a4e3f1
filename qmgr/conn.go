package qmgr

import (
	"context"
	"encoding/binary"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// conn is one application connection. Its goroutine owns every field but
// connected, which the queue manager reads while counting applications,
// and done, which breaks a waiting MQGET when the connection is released.
type conn struct {
	qm *QueueManager
	nc net.Conn
	s  *session.Conn

	uid      int
	user     string // from the socket's peer credentials
	admin    bool   // may administer the queue manager
	applName string
	pid      int // the connecting process, from the peer credentials

	connected atomic.Bool
	handles   map[int32]*handle
	nextHobj  int32
	uow       uow // the unit of work in progress
	async     asyncPut
	hb        clientHeartbeat // a client connection's heartbeats; zero for bindings

	releaseOnce sync.Once
	done        chan struct{}
}

// handle is an open queue.
type handle struct {
	q       *queue
	def     queueDef
	options int32
	input   bool
	output  bool
	browse  bool
	cursor  *message // the browse cursor (the message last browsed)
	locked  *message // the message browsed with MQGMO_LOCK, guarded by q.mu

	name  string       // the object opened: an alias, not its base; the queue manager when q is nil
	owner *handleOwner // who opened it, for DISPLAY QSTATUS; nil for MQPUT1's handle; guarded by q.mu
	noPut atomic.Bool  // MQPUT inhibited now (see handles.go)
	noGet atomic.Bool  // MQGET inhibited now

	remote *remoteTarget // a remote queue: q is its transmission queue (route.go)

	putGroup putGroup // the group MQPMO_LOGICAL_ORDER is putting (groups.go)
	getGroup getGroup // the group MQGMO_LOGICAL_ORDER is getting
}

// release closes every handle of the connection (on MQDISC or a broken
// connection), deleting the temporary dynamic queues it created.
func (c *conn) release() {
	c.releaseOnce.Do(func() {
		c.connected.Store(false)
		c.qm.backout(&c.uow)
		for h, hd := range c.handles {
			c.qm.closeHandle(hd, 0)
			delete(c.handles, h)
		}
	})
}

func (c *conn) handleOpen(req *wire.Segment, hdr wire.APIHeader, body []byte, order binary.ByteOrder) bool {
	var ob wire.OpenBody
	if _, err := ob.Unmarshal(body, order); err != nil {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_OD_ERROR, nil)
	}
	if ob.Options&(mqi.MQOO_SET_ALL_CONTEXT|mqi.MQOO_SET_IDENTITY_CONTEXT) != 0 && !c.admin {
		// Setting context is for administrators until authority records exist.
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_NOT_AUTHORIZED, nil)
	}
	if len(c.handles) >= c.qm.maxHandles() {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_HANDLE_NOT_AVAILABLE, nil)
	}
	hd, rc := c.openObject(&ob.OD, ob.Options)
	if rc == mqi.MQRC_UNKNOWN_OBJECT_NAME {
		c.qm.unknownObjectEvent(ob.OD.ObjectName, ob.OD.ObjectQMgrName, c.identity()) // qmevents.go
	}
	if rc != mqi.MQRC_NONE {
		return c.reply(req, hdr, mqi.MQCC_FAILED, rc, nil)
	}
	c.nextHobj++
	c.handles[c.nextHobj] = hd
	hdr.Hobj = c.nextHobj
	ob.OD.ResolvedQMgrName = c.qm.name
	if hd.q != nil { // not the queue manager object
		ob.OD.ResolvedQName, ob.OD.ResolvedQMgrName = c.qm.resolvedNames(hd)
	}
	return c.reply(req, hdr, mqi.MQCC_OK, mqi.MQRC_NONE, ob.Marshal(order))
}

func (c *conn) handleClose(req *wire.Segment, hdr wire.APIHeader, body []byte, order binary.ByteOrder) bool {
	var cb wire.CloseBody
	if _, err := cb.Unmarshal(body, order); err != nil {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_OPTIONS_ERROR, nil)
	}
	hd, ok := c.handles[hdr.Hobj]
	if !ok {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_HOBJ_ERROR, nil)
	}
	delete(c.handles, hdr.Hobj)
	c.qm.closeHandle(hd, cb.Options)
	if hd.putGroup.active {
		// Closed in the middle of a group put in logical order: IBM's
		// warning; the messages already put stay.
		return c.reply(req, hdr, mqi.MQCC_WARNING, mqi.MQRC_INCOMPLETE_GROUP, cb.Marshal(order))
	}
	return c.reply(req, hdr, mqi.MQCC_OK, mqi.MQRC_NONE, cb.Marshal(order))
}

func (c *conn) handlePut(req *wire.Segment, hdr wire.APIHeader, body []byte, order binary.ByteOrder) bool {
	pb := c.putBody()
	if _, err := pb.Unmarshal(body, order); err != nil {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_MD_ERROR, nil)
	}
	hd, ok := c.handles[hdr.Hobj]
	if !ok {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_HOBJ_ERROR, nil)
	}
	if !hd.output {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_NOT_OPEN_FOR_OUTPUT, nil)
	}
	rc, later := c.putAsync(req, hdr, order, hd)
	if later {
		return true
	}
	if rc != mqi.MQRC_NONE {
		return c.reply(req, hdr, mqi.MQCC_FAILED, rc, nil)
	}
	pb.PMO.ResolvedQName, pb.PMO.ResolvedQMgrName = c.qm.resolvedNames(hd)
	pb.Data = nil
	return c.reply(req, hdr, mqi.MQCC_OK, mqi.MQRC_NONE, pb.Marshal(order))
}

func (c *conn) handlePut1(req *wire.Segment, hdr wire.APIHeader, body []byte, order binary.ByteOrder) bool {
	var pb wire.Put1Body
	if _, err := pb.Unmarshal(body, order); err != nil {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_MD_ERROR, nil)
	}
	hd, rc := c.qm.openQueue(&pb.OD, mqi.MQOO_OUTPUT)
	if rc == mqi.MQRC_UNKNOWN_OBJECT_NAME {
		c.qm.unknownObjectEvent(pb.OD.ObjectName, pb.OD.ObjectQMgrName, c.identity()) // qmevents.go
	}
	if rc == mqi.MQRC_NONE {
		rc = c.qm.put(hd, &pb.MD, &pb.PMO, pb.Data, c.identity(), &c.uow)
		c.qm.closeHandle(hd, 0)
	}
	if rc != mqi.MQRC_NONE {
		return c.reply(req, hdr, mqi.MQCC_FAILED, rc, nil)
	}
	pb.Data = nil
	return c.reply(req, hdr, mqi.MQCC_OK, mqi.MQRC_NONE, pb.Marshal(order))
}

func (c *conn) handleGet(req *wire.Segment, hdr wire.APIHeader, body []byte, order binary.ByteOrder) bool {
	var gb wire.GetBody
	if _, err := gb.Unmarshal(body, order); err != nil {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_GMO_ERROR, nil)
	}
	hd, ok := c.handles[hdr.Hobj]
	if !ok {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_HOBJ_ERROR, nil)
	}
	r := getRequest{md: &gb.MD, gmo: &gb.GMO, bufLen: int(gb.BufferLength), u: &c.uow, who: c.identity()}
	var stopWatch func()
	if gb.GMO.Options&mqi.MQGMO_WAIT != 0 {
		// The peer is watched only once the get has to wait.
		r.watch = func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			stop := c.watchPeer(cancel, &req.TSH)
			stopWatch = func() { stop(); cancel() }
			return ctx
		}
	}
	m, rc := c.qm.get(context.Background(), hd, r)
	// The watch must end before the reply goes out: the application's
	// next request may follow at once.
	if stopWatch != nil {
		stopWatch()
	}
	if m == nil {
		// MQGMO_UNLOCK returns no message: OK, or a warning when nothing
		// was locked; every other call without a message failed.
		switch rc {
		case mqi.MQRC_NONE:
			return c.reply(req, hdr, mqi.MQCC_OK, rc, nil)
		case mqi.MQRC_NO_MSG_LOCKED:
			return c.reply(req, hdr, mqi.MQCC_WARNING, rc, nil)
		}
		return c.reply(req, hdr, mqi.MQCC_FAILED, rc, nil)
	}
	data := m.data
	cc := int32(mqi.MQCC_OK)
	if int(gb.BufferLength) < len(data) {
		data = data[:max(gb.BufferLength, 0)]
		cc = mqi.MQCC_WARNING
		if rc == mqi.MQRC_NONE {
			rc = mqi.MQRC_TRUNCATED_MSG_ACCEPTED
		}
	}
	if rc == mqi.MQRC_TRUNCATED_MSG_FAILED {
		cc = mqi.MQCC_WARNING
	}
	gb.GMO.ReturnedLength = int32(len(m.data))
	gb.GMO.ResolvedQName = hd.q.name
	gb.GMO.GroupStatus = groupStatus(&m.md)
	gb.GMO.SegmentStatus, gb.GMO.Segmentation = segmentStatus(&m.md) // groups.go
	reply := wire.GetReplyBody{MD: m.md, GMO: gb.GMO, Data: data}
	reply.MD.Expiry = m.remainingExpiry(time.Now())
	reply.MD.Version = gb.MD.Version
	if reply.MD.Version < 1 {
		reply.MD.Version = 1
	}
	return c.reply(req, hdr, cc, rc, reply.Marshal(order))
}

// identity is what a put records about the connection: the user from
// the peer credentials and the application name from MQCONN.
func (c *conn) identity() putIdentity {
	return putIdentity{user: c.user, applName: c.applName, applType: mqi.MQAT_UNIX}
}

type putIdentity struct {
	user     string
	applName string
	applType int32
}

// waitDeadline turns an MQGMO wait interval (ms, -1 unlimited) into a
// deadline; the zero time means no wait.
func waitDeadline(gmo *wire.MQGMO, now time.Time) (time.Time, bool) {
	if gmo.Options&mqi.MQGMO_WAIT == 0 {
		return time.Time{}, false
	}
	if gmo.WaitInterval == mqi.MQWI_UNLIMITED {
		return time.Time{}, true
	}
	return now.Add(time.Duration(gmo.WaitInterval) * time.Millisecond), true
}

// watchPeer cancels a waiting MQGET when the application goes away or the
// queue manager ends immediately. A client sends nothing while it waits
// for a reply, so a read that returns means the socket closed. The
// returned function stops the watch before the reply is written.
func (c *conn) watchPeer(cancel context.CancelFunc, req *wire.TSH) (stop func()) {
	if c.hb.interval > 0 {
		return c.watchHeartbeats(cancel, req)
	}
	finished := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		var b [1]byte
		if _, err := c.nc.Read(b[:]); err == nil || !isTimeout(err) {
			cancel()
		}
	}()
	go c.cancelOnQuit(cancel, finished)
	return func() {
		close(finished)
		_ = c.nc.SetReadDeadline(time.Now())
		<-exited
		_ = c.nc.SetReadDeadline(time.Time{})
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func (c *conn) handleCmit(req *wire.Segment, hdr wire.APIHeader) bool {
	if rc := c.qm.commit(&c.uow); rc != mqi.MQRC_NONE {
		return c.reply(req, hdr, mqi.MQCC_FAILED, rc, nil)
	}
	return c.reply(req, hdr, mqi.MQCC_OK, mqi.MQRC_NONE, nil)
}

func (c *conn) handleBack(req *wire.Segment, hdr wire.APIHeader) bool {
	c.qm.backout(&c.uow)
	return c.reply(req, hdr, mqi.MQCC_OK, mqi.MQRC_NONE, nil)
}

// cancelOnQuit calls cancel if the queue manager starts to break its
// connections before finished closes: a watcher of a waiting MQGET ends
// with the wait.
func (c *conn) cancelOnQuit(cancel func(), finished <-chan struct{}) {
	select {
	case <-c.qm.quit:
		cancel()
	case <-finished:
	}
}
