package qmgr

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/qmdir"
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

// startWithHandler starts QM1 with a message-channel handler and a
// listener; it returns the port.
func startWithHandler(t *testing.T, h MessageChannelHandler) (*QueueManager, int) {
	t.Helper()
	root, err := os.MkdirTemp("/tmp", "qmt")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	t.Setenv("MQ_OVERRIDE_DATA_PATH", root)
	layout := qmdir.Layout{Root: root}
	if _, err := Create(layout, CreateOptions{Name: "QM1"}, nil); err != nil {
		t.Fatal(err)
	}
	q, err := Start(layout, "QM1", StartOptions{Program: "qmgr.test", MessageChannels: h})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	port := freePort(t)
	c, err := admin.Dial("QM1", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, cmd := range []string{
		fmt.Sprintf("DEFINE LISTENER(TCP.1) TRPTYPE(TCP) PORT(%d) IPADDR(127.0.0.1)", port), "START LISTENER(TCP.1)",
		"DEFINE CHANNEL(QM2.TO.QM1) CHLTYPE(RCVR)",
	} {
		if lines, failed, err := c.MQSC(cmd); err != nil || failed {
			t.Fatalf("%s: %v %v", cmd, lines, err)
		}
	}
	return q, port
}

func TestMessageChannelGoesToItsHandler(t *testing.T) {
	got := make(chan *InboundChannel, 1)
	_, port := startWithHandler(t, func(ctx context.Context, in *InboundChannel) {
		defer in.Conn.Close()
		got <- in
		// A handler answers the ID itself; here with a refusal.
		session.Refuse(in.Conn, in.Segment, wire.StatusUserClosed)
	})
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
	var st wire.Status
	if _, err := st.Unmarshal(seg.Body, seg.Order()); err != nil || st.Code != wire.StatusUserClosed {
		t.Fatalf("reply %s %v %v, want the handler's status", seg.Type, st.Code, err)
	}
	in := <-got
	if in.Definition.Name != "QM2.TO.QM1" || in.Definition.String("CHLTYPE") != "RCVR" || in.ID.QMgrName != "QM2" ||
		in.Listener != "TCP.1" || in.QueueManager == nil {
		t.Fatalf("handler saw %+v", in)
	}
}

func TestMessageChannelRefusedWithoutHandler(t *testing.T) {
	q, port := startWithHandler(t, nil)
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
	var st wire.Status
	if _, err := st.Unmarshal(seg.Body, seg.Order()); err != nil || st.Code != wire.StatusCanNotStore || seg.Flags1&wire.Flag1Error == 0 {
		t.Fatalf("reply %s status %v (flags %#x), want an error status 6", seg.Type, st.Code, seg.Flags1)
	}
	if countEntries(t, q, amqmsg.AMQ9547E) != 1 {
		t.Fatal("no AMQ9547E in the error log")
	}
}
