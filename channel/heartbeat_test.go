package channel_test

import (
	"context"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gomqm/gomqm/channel"
	"github.com/gomqm/gomqm/mqi"
)

// muteConn is a connection whose writes vanish once it is muted, as when
// the partner's host hangs or a firewall drops the flow without a reset.
type muteConn struct {
	net.Conn
	muted atomic.Bool
}

func (c *muteConn) Write(b []byte) (int, error) {
	if c.muted.Load() {
		return len(b), nil
	}
	return c.Conn.Write(b)
}

// muteDialer returns a sender's Dial that makes each connection a
// muteConn, and the channel on which it hands each one to the test.
func muteDialer() (chan *muteConn, func(context.Context, string) (net.Conn, error)) {
	conns := make(chan *muteConn, 1)
	return conns, func(ctx context.Context, address string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, "tcp", address)
		if err != nil {
			return nil, err
		}
		mc := &muteConn{Conn: nc}
		conns <- mc
		return mc, nil
	}
}

// TestReceiverEndsASilentPartner: with HBINT(1) a receiver whose sender
// goes silent (no messages, no heartbeats, no close) ends after the
// receive timeout, twice the heartbeat interval, and logs AMQ9259E.
func TestReceiverEndsASilentPartner(t *testing.T) {
	p := newPair(t, "HBINT(1)", nil, []string{"ALTER CHANNEL(QM1.TO.QM2) CHLTYPE(RCVR) HBINT(1)"})
	conns, dial := muteDialer()
	p.runSender(t, &channel.SenderOptions{Dial: dial})
	sent := putMessages(t, 5, mqi.MQPER_PERSISTENT, 100)
	checkExactlyOnce(t, sent, getAll(t, "QM2", "IN.Q", 5, 20*time.Second))
	(<-conns).muted.Store(true)
	muted := time.Now()
	waitFor(t, func() bool { return strings.Contains(p.errorLog(t, p.qm2), "AMQ9259E") }, "AMQ9259E at QM2")
	if took := time.Since(muted); took < 1500*time.Millisecond {
		t.Errorf("the receiver gave up after %v, before its receive timeout of 2 s", took)
	}
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM2", "DISPLAY CHSTATUS(QM1.TO.QM2)")
		return strings.Contains(out, "AMQ8420I")
	}, "the receiver to end")
}
