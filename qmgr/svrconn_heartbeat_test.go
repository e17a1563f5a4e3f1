package qmgr

import (
	"encoding/binary"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// heartbeatClient starts a client conversation on HB.SVRCONN (HBINT(1))
// and opens APP.Q for input; it returns the session and the handle.
func heartbeatClient(t *testing.T, port int) (*session.Conn, net.Conn, int32) {
	t.Helper()
	nc, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	_ = nc.SetDeadline(time.Now().Add(30 * time.Second))
	s, _, err := session.DialChannel(nc, "HB.SVRCONN", "QM1", "hbtest",
		session.Limits{MaxMsgSize: 1 << 20, HeartbeatInterval: 1, ConvPerSocket: 1})
	if err != nil {
		t.Fatalf("start-up: %v", err)
	}
	cb := wire.ConnBody{QMgrName: "QM1", ApplName: "hbtest", Options: wire.ConnOptMQCONNX}
	if h, _, err := s.Call(wire.SegMQCONN, wire.APIHeader{Hobj: -1}, cb.Marshal(binary.LittleEndian)); err != nil || h.CompCode != 0 {
		t.Fatalf("MQCONN: %+v %v", h, err)
	}
	ob := wire.OpenBody{OD: wire.MQOD{Version: 1, ObjectType: mqi.MQOT_Q, ObjectName: "APP.Q"}, Options: mqi.MQOO_INPUT_SHARED}
	h, _, err := s.Call(wire.SegMQOPEN, wire.APIHeader{}, ob.Marshal(binary.LittleEndian))
	if err != nil || h.CompCode != 0 {
		t.Fatalf("MQOPEN: %+v %v", h, err)
	}
	return s, nc, h.Hobj
}

func getBody(options, wait int32) []byte {
	gb := wire.GetBody{MD: wire.MQMD{Version: 1}, GMO: wire.MQGMO{Version: 1, Options: options, WaitInterval: wait}, BufferLength: 1024}
	return gb.Marshal(binary.LittleEndian)
}

// TestHeartbeatsKeepAWaitingClient: during an MQGET that waits 3.5 s on
// a channel with HBINT(1) the queue manager checks on the client every
// second; a client that answers keeps its connection and gets the
// message put while it waited.
func TestHeartbeatsKeepAWaitingClient(t *testing.T) {
	q, port := startClientQM(t, "DEFINE CHANNEL(HB.SVRCONN) CHLTYPE(SVRCONN) HBINT(1)")
	s, _, hobj := heartbeatClient(t, port)
	app := clientConnect(t, port, "APP.SVRCONN")
	out := open(t, app, "APP.Q", mqi.MQOO_OUTPUT)
	go func() {
		time.Sleep(3500 * time.Millisecond)
		md := mqi.NewMQMD()
		_ = out.Put(md, mqi.NewMQPMO(), []byte("after the heartbeats"))
	}()
	start := time.Now()
	h, body, err := s.Call(wire.SegMQGET, wire.APIHeader{Hobj: hobj}, getBody(mqi.MQGMO_WAIT|mqi.MQGMO_NO_SYNCPOINT, 10_000))
	if err != nil || h.CompCode != mqi.MQCC_OK {
		t.Fatalf("MQGET across heartbeats after %v: %+v %v", time.Since(start), h, err)
	}
	var reply wire.GetReplyBody
	if _, err := reply.Unmarshal(body, binary.LittleEndian); err != nil || string(reply.Data) != "after the heartbeats" {
		t.Fatalf("reply: %q %v", reply.Data, err)
	}
	if n := countEntries(t, q, amqmsg.AMQ9259E); n != 0 {
		t.Fatalf("%d AMQ9259E entries for a client that answered", n)
	}
}

// TestHeartbeatsEndASilentClient: a client that stops reading during a
// waiting MQGET does not answer the heartbeat; the queue manager logs
// AMQ9259E, ends the connection and backs out its unit of work, so the
// message it had got under syncpoint is back on the queue.
func TestHeartbeatsEndASilentClient(t *testing.T) {
	q, port := startClientQM(t, "DEFINE CHANNEL(HB.SVRCONN) CHLTYPE(SVRCONN) HBINT(1)")
	app := clientConnect(t, port, "APP.SVRCONN")
	out := open(t, app, "APP.Q", mqi.MQOO_OUTPUT)
	in := open(t, app, "APP.Q", mqi.MQOO_INPUT_SHARED)
	put(t, out, "in the unit of work")
	s, _, hobj := heartbeatClient(t, port)
	h, _, err := s.Call(wire.SegMQGET, wire.APIHeader{Hobj: hobj}, getBody(mqi.MQGMO_SYNCPOINT, 0))
	if err != nil || h.CompCode != mqi.MQCC_OK {
		t.Fatalf("MQGET under syncpoint: %+v %v", h, err)
	}
	// The next get waits without limit, and the client never reads again.
	if err := s.Send(wire.NewAPISegment(wire.SegMQGET, 1, 99, false, wire.APIHeader{Hobj: hobj},
		getBody(mqi.MQGMO_WAIT|mqi.MQGMO_SYNCPOINT, mqi.MQWI_UNLIMITED))); err != nil {
		t.Fatal(err)
	}
	text, md, err := get(in, 10_000) // waits for the backout
	if err != nil || text != "in the unit of work" || md.BackoutCount != 1 {
		t.Fatalf("after the silent client: %q %v (BackoutCount %d)", text, err, backoutOf(md))
	}
	for wait := time.Now().Add(5 * time.Second); countEntries(t, q, amqmsg.AMQ9259E) != 1; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(wait) {
			t.Fatalf("%d AMQ9259E entries, want 1", countEntries(t, q, amqmsg.AMQ9259E))
		}
	}
}

func backoutOf(md *mqi.MQMD) int32 {
	if md == nil {
		return -1
	}
	return md.BackoutCount
}
