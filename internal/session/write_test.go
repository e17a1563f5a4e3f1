package session

import (
	"bytes"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
)

// TestReplyNoWaitDoesNotWaitForThePeer fills the socket of a peer that
// does not read: ReplyNoWait keeps returning at once, the reply that did
// not fit is finished in the background, and the peer then reads every
// reply whole and in order.
func TestReplyNoWaitDoesNotWaitForThePeer(t *testing.T) {
	cc, sc := pair(t)
	accepted := make(chan *Conn, 1)
	go func() {
		s, _, err := Accept(sc, "QM1", func(*wire.InitialData) uint32 { return 0 })
		if err != nil {
			t.Error(err)
		}
		accepted <- s
	}()
	c, _, err := Dial(cc, "", "QM1")
	if err != nil {
		t.Fatal(err)
	}
	s := <-accepted
	if s == nil {
		t.FailNow()
	}
	body := func(i int) []byte { return bytes.Repeat([]byte{byte('a' + i)}, 60_000) }
	sent := make(chan error, 40)
	n, stuck := 0, false
	for ; n < 40 && !stuck; n++ {
		req := &wire.Segment{TSH: wire.TSH{Multiplexed: true, ConvID: 1, RequestID: uint32(n + 1), Type: wire.SegMQPUT}}
		start := time.Now()
		s.ReplyNoWait(req, wire.APIHeader{Hobj: int32(n)}, body(n), func(err error) { sent <- err })
		if d := time.Since(start); d > time.Second {
			t.Fatalf("reply %d: ReplyNoWait took %v with the peer not reading", n, d)
		}
		select {
		case err := <-sent:
			if err != nil {
				t.Fatalf("reply %d: %v", n, err)
			}
		case <-time.After(200 * time.Millisecond):
			stuck = true // the socket is full: this reply waits for the peer
		}
	}
	if !stuck {
		t.Fatalf("%d replies of 60 kB fitted in the socket without a read", n)
	}
	for i := 0; i < n; i++ {
		seg, err := wire.ReadSegment(c.br, MaxSegment)
		if err != nil {
			t.Fatalf("reading reply %d: %v", i, err)
		}
		h, b, err := wire.SplitAPI(seg)
		if err != nil || seg.Type != wire.SegMQPUTReply || seg.RequestID != uint32(i+1) || h.Hobj != int32(i) || !bytes.Equal(b, body(i)) {
			t.Fatalf("reply %d: type %v request %d hobj %d, %d bytes, %v", i, seg.Type, seg.RequestID, h.Hobj, len(b), err)
		}
	}
	if err := <-sent; err != nil {
		t.Fatalf("the reply finished in the background: %v", err)
	}
	cc.Close()
	sc.Close()
	s.ReplyNoWait(&wire.Segment{TSH: wire.TSH{Type: wire.SegMQPUT}}, wire.APIHeader{}, nil, func(err error) { sent <- err })
	if err := <-sent; err == nil {
		t.Error("a reply on a closed socket was reported sent")
	}
}
