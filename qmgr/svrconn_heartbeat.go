package qmgr

import (
	"sync"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
)

// clientHeartbeat is what a client connection's waiting MQGET needs to
// check on the client: the negotiated heartbeat interval and how to
// report a client that stopped answering.
type clientHeartbeat struct {
	interval time.Duration
	lost     func() // logs the client as gone (AMQ9259E)
}

// watchHeartbeats is watchPeer for a client (SVRCONN) connection that
// negotiated a heartbeat interval. While the MQGET waits, it sends a
// heartbeat with CONFIRM_REQUEST after every interval of silence and
// reads the client's answers as segments. A client that does not answer
// within the next interval, or whose socket closes, is taken to be gone:
// the get is cancelled and the socket closed, so the connection is
// released and its unit of work backed out.
func (c *conn) watchHeartbeats(cancel func(), req *wire.TSH) (stop func()) {
	var mu sync.Mutex // guards stopped and the read deadline
	stopped := false
	finished := make(chan struct{})
	exited := make(chan struct{})
	arm := func(d time.Duration) bool {
		mu.Lock()
		defer mu.Unlock()
		if !stopped {
			_ = c.nc.SetReadDeadline(time.Now().Add(d))
		}
		return !stopped
	}
	go func() {
		defer close(exited)
		awaiting := false // a heartbeat was sent and not yet answered
		for arm(c.hb.interval) {
			seg, err := c.s.Next()
			switch {
			case err == nil && seg.Type == wire.SegHeartbeat:
				awaiting = false
				continue
			case err == nil || !isTimeout(err):
				cancel() // the client closed, or broke the protocol
				return
			}
			select {
			case <-finished:
				return
			default:
			}
			if awaiting {
				c.hb.lost()
				cancel()
				_ = c.nc.Close()
				return
			}
			hb := &wire.Segment{TSH: *req}
			hb.Type, hb.Flags1, hb.Flags2 = wire.SegHeartbeat, wire.Flag1ConfirmRequest, 0
			if err := c.s.Send(hb); err != nil {
				cancel()
				return
			}
			awaiting = true
		}
	}()
	go c.cancelOnQuit(cancel, finished)
	return func() {
		close(finished)
		mu.Lock()
		stopped = true
		_ = c.nc.SetReadDeadline(time.Now())
		mu.Unlock()
		<-exited
		_ = c.nc.SetReadDeadline(time.Time{})
	}
}
