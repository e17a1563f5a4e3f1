package qmgr

import (
	"encoding/binary"

	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// asyncPut is the connection's persistent MQPUT whose reply is written
// by the goroutine that syncs the log (see putThen), so that the
// connection goroutine goes back to reading at once and is not woken
// just to reply. A connection has at most one: the connection goroutine
// waits for its reply to be sent (awaitPut) before it handles the next
// request, so replies keep their order.
type asyncPut struct {
	pending bool      // a reply is outstanding; connection goroutine only
	sent    chan bool // receives true when the reply went out, false if sending failed
	req     *wire.Segment
	hdr     wire.APIHeader
	order   binary.ByteOrder
	hd      *handle
	pb      wire.PutBody

	finishFn func(int32) // c.finishPut, bound once
	sentFn   func(error) // c.replySent, bound once
}

// putBody returns the connection's reusable MQPUT body; no reply may be
// outstanding.
func (c *conn) putBody() *wire.PutBody {
	a := &c.async
	if a.sent == nil {
		a.sent = make(chan bool, 1)
		a.finishFn = c.finishPut
		a.sentFn = c.replySent
	}
	a.pb = wire.PutBody{}
	return &a.pb
}

// putAsync runs the MQPUT decoded into c.async.pb through hd; it reports
// whether the reply is left to the log's syncing goroutine (otherwise rc
// is the outcome and the caller replies).
func (c *conn) putAsync(req *wire.Segment, hdr wire.APIHeader, order binary.ByteOrder, hd *handle) (rc int32, later bool) {
	a := &c.async
	a.req, a.hdr, a.order, a.hd = req, hdr, order, hd
	a.pending = true
	rc = c.qm.putThen(hd, &a.pb.MD, &a.pb.PMO, a.pb.Data, c.identity(), &c.uow, a.finishFn)
	if rc == rcPending {
		return 0, true
	}
	a.pending = false
	return rc, false
}

// finishPut replies to the pending MQPUT once its message is durable (or
// failed). It runs on the goroutine that synced the log and never waits
// for the application.
func (c *conn) finishPut(rc int32) {
	a := &c.async
	hdr := a.hdr
	var body []byte
	if rc == mqi.MQRC_NONE {
		hdr.CompCode, hdr.Reason = mqi.MQCC_OK, mqi.MQRC_NONE
		a.pb.PMO.ResolvedQName, a.pb.PMO.ResolvedQMgrName = c.qm.resolvedNames(a.hd)
		a.pb.Data = nil
		body = a.pb.Marshal(a.order)
	} else {
		hdr.CompCode, hdr.Reason = mqi.MQCC_FAILED, rc
	}
	c.s.ReplyNoWait(a.req, hdr, body, a.sentFn)
}

func (c *conn) replySent(err error) {
	if err != nil {
		c.nc.Close() // the connection goroutine's read ends too
	}
	c.async.sent <- err == nil
}

// awaitPut waits until the reply of an outstanding MQPUT is sent; it
// returns false if sending it failed.
func (c *conn) awaitPut() bool {
	a := &c.async
	if !a.pending {
		return true
	}
	ok := <-a.sent
	a.pending = false
	a.req, a.hd = nil, nil
	return ok
}
