package qmgr

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
)

// senderID is the first segment a sender channel sends.
func senderID(channel string) []byte {
	id := &wire.InitialData{FapLevel: 13, CapFlags1: wire.ICF1MsgSeq | wire.ICF1ConversionCapable | wire.ICF1SplitMessage,
		MaxMsgsPerBatch: 50, MaxMsgSize: 4 << 20, MaxTransmissionSize: 32748, SeqWrap: 999999999,
		ChannelName: channel, QMgrName: "QM2", CCSID: 819, HeartbeatInterval: 300}
	s := &wire.Segment{TSH: wire.TSH{Type: wire.SegInitialData, Flags1: wire.Flag1First | wire.Flag1Last, Encoding: wire.EncNative, CCSID: 819}}
	s.Body = id.Marshal(s.Order())
	b, _ := s.MarshalBinary()
	return b
}

// startWithHandler starts QM1 with a message-channel handler, a listener
// and a receiver channel; it returns the port.
func startWithHandler(t *testing.T, h MessageChannelHandler) (*QueueManager, int) {
	t.Helper()
	port := freePort(t)
	q := startQMWith(t, StartOptions{Program: "qmgr.test", MessageChannels: h},
		fmt.Sprintf("DEFINE LISTENER(TCP.1) TRPTYPE(TCP) PORT(%d) IPADDR(127.0.0.1)", port), "START LISTENER(TCP.1)",
		"DEFINE CHANNEL(QM2.TO.QM1) CHLTYPE(RCVR)")
	return q, port
}

// senderStart sends a sender's first segment to the listener and returns
// the status segment that answers it.
func senderStart(t *testing.T, port int) (*wire.Segment, wire.Status) {
	t.Helper()
	seg := senderFirstReply(t, port)
	var st wire.Status
	if _, err := st.Unmarshal(seg.Body, seg.Order()); err != nil {
		t.Fatalf("reply %s: %v", seg.Type, err)
	}
	return seg, st
}

func TestMessageChannelGoesToItsHandler(t *testing.T) {
	got := make(chan *InboundChannel, 1)
	_, port := startWithHandler(t, func(ctx context.Context, in *InboundChannel) {
		defer in.Conn.Close()
		got <- in
		// A handler answers the ID itself; here with a refusal.
		session.Refuse(in.Conn, in.Segment, wire.StatusUserClosed)
	})
	seg, st := senderStart(t, port)
	if st.Code != wire.StatusUserClosed {
		t.Fatalf("reply %s %v, want the handler's status", seg.Type, st.Code)
	}
	in := <-got
	if in.Definition.Name != "QM2.TO.QM1" || in.Definition.String("CHLTYPE") != "RCVR" || in.ID.QMgrName != "QM2" ||
		in.Listener != "TCP.1" || in.QueueManager == nil {
		t.Fatalf("handler saw %+v", in)
	}
}

// senderFirstReply sends a sender's first segment to the listener and
// returns the segment that answers it.
func senderFirstReply(t *testing.T, port int) *wire.Segment {
	t.Helper()
	nc, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	nc.Write(senderID("QM2.TO.QM1"))
	nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	seg, err := wire.ReadSegment(nc, 4096)
	if err != nil {
		t.Fatal(err)
	}
	return seg
}

func TestListenerHandsMessageChannelToItsReceiver(t *testing.T) {
	q, port := startWithHandler(t, nil)
	seg := senderFirstReply(t, port)
	if seg.Type != wire.SegInitialData || seg.Flags1&wire.Flag1Error != 0 {
		t.Fatalf("reply %s (flags %#x), want the receiver's initial data", seg.Type, seg.Flags1)
	}
	var id wire.InitialData
	if _, err := id.Unmarshal(seg.Body, seg.Order()); err != nil {
		t.Fatal(err)
	}
	if id.ChannelName != "QM2.TO.QM1" || id.QMgrName != "QM1" {
		t.Fatalf("receiver answered as channel %q of %q", id.ChannelName, id.QMgrName)
	}
	if countEntries(t, q, amqmsg.AMQ9547E) != 0 {
		t.Fatal("AMQ9547E logged for a receiver the queue manager serves")
	}
}
