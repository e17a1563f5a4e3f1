package qmgr

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/errlog"
	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startClientQM starts QM1 with a listener on 127.0.0.1 and the
// channels the tests connect through; it returns the port.
func startClientQM(t *testing.T, mqsc ...string) (*QueueManager, int) {
	t.Helper()
	port := freePort(t)
	cmds := append([]string{
		// The default channel-authentication records would refuse the
		// test's own (administrator) user; TestDefaultChannelAuthRecords
		// covers them.
		"ALTER QMGR CHLAUTH(DISABLED)",
		fmt.Sprintf("DEFINE LISTENER(TCP.1) TRPTYPE(TCP) PORT(%d) IPADDR(127.0.0.1)", port),
		"START LISTENER(TCP.1)",
		"DEFINE QLOCAL(APP.Q)",
		"DEFINE CHANNEL(APP.SVRCONN) CHLTYPE(SVRCONN) MCAUSER('app1') MAXMSGL(65536)",
		"DEFINE CHANNEL(OWN.SVRCONN) CHLTYPE(SVRCONN)",
	}, mqsc...)
	return startQM(t, cmds...), port
}

// clientConnect connects through a channel with an MQCD, as mq-golang
// programs do.
func clientConnect(t *testing.T, port int, channel string) mqi.MQQueueManager {
	t.Helper()
	x, err := clientConn(port, channel)
	if err != nil {
		t.Fatalf("client Connx through %s: %v", channel, err)
	}
	t.Cleanup(func() { x.Disc() })
	return x
}

func clientConn(port int, channel string) (mqi.MQQueueManager, error) {
	cd := mqi.NewMQCD()
	cd.ChannelName = channel
	cd.ConnectionName = fmt.Sprintf("127.0.0.1(%d)", port)
	cno := mqi.NewMQCNO()
	cno.ClientConn = cd
	cno.Options = mqi.MQCNO_CLIENT_BINDING
	return mqi.Connx("QM1", cno)
}

func TestClientVerbsAndIdentity(t *testing.T) {
	_, port := startClientQM(t)
	c := clientConnect(t, port, "APP.SVRCONN")
	if c.Name != "QM1" {
		t.Fatalf("connected to %q", c.Name)
	}
	out := open(t, c, "APP.Q", mqi.MQOO_OUTPUT|mqi.MQOO_INQUIRE)
	md := put(t, out, "one")
	od := mqi.NewMQOD()
	od.ObjectName = "APP.Q"
	md1 := mqi.NewMQMD()
	if err := c.Put1(od, md1, mqi.NewMQPMO(), []byte("two")); err != nil {
		t.Fatalf("Put1: %v", err)
	}
	attrs, err := out.Inq([]int32{mqi.MQIA_CURRENT_Q_DEPTH, mqi.MQCA_Q_NAME})
	if err != nil || attrs[mqi.MQIA_CURRENT_Q_DEPTH] != int32(2) {
		t.Fatalf("Inq: %v %v", attrs, err)
	}

	// Syncpoint: backed out puts are gone, committed ones stay.
	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_SYNCPOINT
	if err := out.Put(mqi.NewMQMD(), pmo, []byte("backed out")); err != nil {
		t.Fatal(err)
	}
	if err := c.Back(); err != nil {
		t.Fatal(err)
	}
	if err := out.Put(mqi.NewMQMD(), pmo, []byte("three")); err != nil {
		t.Fatal(err)
	}
	if err := c.Cmit(); err != nil {
		t.Fatal(err)
	}

	in := open(t, c, "APP.Q", mqi.MQOO_INPUT_SHARED)
	var got []string
	for {
		text, gmd, err := get(in, 0)
		if errors.Is(err, mqi.ErrNoMsgAvailable) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, text)
		if gmd.UserIdentifier != "app1" {
			t.Errorf("UserIdentifier %q, want the channel's MCAUSER app1", gmd.UserIdentifier)
		}
	}
	if strings.Join(got, ",") != "one,two,three" {
		t.Fatalf("got %v", got)
	}
	if len(md.MsgId) != 24 || md.MsgId[0] != 'A' {
		t.Fatalf("MsgId %x not set by the queue manager", md.MsgId)
	}

	// Without MCAUSER the asserted user id is the identity.
	own := clientConnect(t, port, "OWN.SVRCONN")
	put(t, open(t, own, "APP.Q", mqi.MQOO_OUTPUT), "mine")
	_, gmd, err := get(in, 0)
	if err != nil || gmd.UserIdentifier == "" || gmd.UserIdentifier == "app1" {
		t.Fatalf("UserIdentifier %q (%v), want the client's user", gmd.UserIdentifier, err)
	}
}

func TestClientBrokenConnectionBacksOutAndWaitEnds(t *testing.T) {
	q, port := startClientQM(t, "DEFINE QLOCAL(APP.Q2)")
	local := connect(t)
	put(t, open(t, local, "APP.Q", mqi.MQOO_OUTPUT), "kept")

	c := clientConnect(t, port, "APP.SVRCONN")
	in := open(t, c, "APP.Q", mqi.MQOO_INPUT_SHARED)
	gmo := mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_SYNCPOINT
	if _, err := in.Get(mqi.NewMQMD(), gmo, make([]byte, 64)); err != nil {
		t.Fatalf("Get under syncpoint: %v", err)
	}
	waiter := clientConnect(t, port, "APP.SVRCONN")
	// (on another queue: a get outside syncpoint that completes as its
	// connection breaks would take the backed-out message with it)
	win := open(t, waiter, "APP.Q2", mqi.MQOO_INPUT_SHARED)
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, _, err := get(win, 60_000)
		done <- err
	}()
	time.Sleep(200 * time.Millisecond)
	lines := runMQSC(t, "STOP CHANNEL(APP.SVRCONN) MODE(FORCE) CONNAME('127.0.0.1')")
	if !strings.HasPrefix(lines[0], "AMQ8019I") {
		t.Fatalf("STOP CHANNEL: %v", lines)
	}
	select {
	case err := <-done:
		if !errors.Is(err, mqi.ErrConnectionBroken) {
			t.Fatalf("waiting get after STOP CHANNEL: %v, want 2009", err)
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("the waiting get did not end with the channel")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the waiting get did not end with the channel")
	}
	if err := c.Cmit(); !errors.Is(err, mqi.ErrConnectionBroken) {
		t.Fatalf("MQCMIT on a stopped channel: %v, want 2009", err)
	}
	// The unit of work was backed out: the message is back, counted.
	lin := open(t, local, "APP.Q", mqi.MQOO_INPUT_SHARED)
	deadline := time.Now().Add(5 * time.Second)
	for {
		text, md, err := get(lin, 0)
		if err == nil {
			if text != "kept" || md.BackoutCount != 1 {
				t.Fatalf("got %q with BackoutCount %d", text, md.BackoutCount)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the message got under syncpoint did not come back: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if st := q.Channels(false); len(st) != 0 {
		t.Fatalf("instances left after STOP CHANNEL: %+v", st)
	}
}

func TestClientNegotiatesLimits(t *testing.T) {
	_, port := startClientQM(t)
	nc, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	s, peer, err := session.DialChannel(nc, "APP.SVRCONN", "QM1", "tester",
		session.Limits{MaxMsgSize: 100 << 20, HeartbeatInterval: 5, ConvPerSocket: 50})
	if err != nil {
		t.Fatal(err)
	}
	// Conversations are not shared: 50 asked for, SHARECNV(10) defined, 1 agreed.
	if peer.MaxMsgSize != 65536 || peer.HeartbeatInterval != 300 || peer.ConvPerSocket != 1 {
		t.Fatalf("agreed MAXMSGL %d HBINT %d SHARECNV %d, want the channel's 65536, 300, and 1",
			peer.MaxMsgSize, peer.HeartbeatInterval, peer.ConvPerSocket)
	}
	// A segment longer than the agreed size is refused before it is read.
	before := heapAlloc()
	hdr := &wire.Segment{TSH: wire.TSH{Multiplexed: true, ConvID: 1, Type: wire.SegMQPUT, Flags1: wire.Flag1First | wire.Flag1Last, Encoding: wire.EncNative, CCSID: 819}}
	frame, _ := hdr.MarshalBinary()
	frame[4], frame[5], frame[6], frame[7] = 0x06, 0, 0, 0 // 100 MiB
	if err := s.Send(&wire.Segment{TSH: wire.TSH{Multiplexed: true, ConvID: 1, Type: wire.SegHeartbeat, Encoding: wire.EncNative, CCSID: 819}}); err != nil {
		t.Fatal(err)
	}
	nc.Write(frame)
	nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 4096)
	for {
		if _, err := nc.Read(buf); err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatal("the queue manager kept the connection open")
			}
			break
		}
	}
	if grown := heapAlloc() - before; grown > 50<<20 {
		t.Fatalf("heap grew %d bytes for an oversized header", grown)
	}
}

func heapAlloc() int64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.TotalAlloc)
}

func TestBadClientDataIsLoggedAndIsolated(t *testing.T) {
	q, port := startClientQM(t)
	good := clientConnect(t, port, "APP.SVRCONN")
	out := open(t, good, "APP.Q", mqi.MQOO_OUTPUT)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	for _, junk := range junkFrames {
		nc, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		nc.Write(junk)
		nc.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := nc.Read(make([]byte, 1)); err == nil {
			t.Errorf("%q: the queue manager answered instead of closing", junk[:8])
		}
		nc.Close()
	}
	put(t, out, "still working")
	if n := countEntries(t, q, amqmsg.AMQ9504E); n != 3 {
		t.Fatalf("%d AMQ9504E entries, want one per bad connection", n)
	}
}

// junkFrames are first frames that are not MQ: HTTP, a length far beyond
// any limit, a length shorter than a header.
var junkFrames = [][]byte{
	[]byte("GET / HTTP/1.1\r\n\r\n"),
	append([]byte("TSH \x7f\xff\xff\xff"), make([]byte, 64)...),
	append([]byte("TSH \x00\x00\x00\x10"), make([]byte, 64)...),
}

func countEntries(t *testing.T, q *QueueManager, id amqmsg.ID) int {
	t.Helper()
	entries, err := errlog.ReadEntries(filepath.Join(q.Dir(), "errors", "AMQERR01.LOG"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.ID == id {
			n++
		}
	}
	return n
}

func TestMaxInstancesPerClient(t *testing.T) {
	_, port := startClientQM(t, "DEFINE CHANNEL(TWO.SVRCONN) CHLTYPE(SVRCONN) MAXINST(3) MAXINSTC(2)")
	clientConnect(t, port, "TWO.SVRCONN")
	clientConnect(t, port, "TWO.SVRCONN")
	_, err := clientConn(port, "TWO.SVRCONN")
	if !errors.Is(err, mqi.ErrChannelNotAvailable) {
		t.Fatalf("third instance from one address: %v, want 2537", err)
	}
}

func TestClientMessageTooBigForChannel(t *testing.T) {
	_, port := startClientQM(t)
	c := clientConnect(t, port, "APP.SVRCONN") // MAXMSGL(65536)
	out := open(t, c, "APP.Q", mqi.MQOO_OUTPUT)
	md := mqi.NewMQMD()
	err := out.Put(md, mqi.NewMQPMO(), make([]byte, 70000))
	var mqr *mqi.MQReturn
	if !errors.As(err, &mqr) || mqr.MQRC != mqi.MQRC_MSG_TOO_BIG_FOR_CHANNEL {
		t.Fatalf("a 70000-byte put on a 64 KiB channel: %v, want 2218", err)
	}
	put(t, out, "the connection is still good")
}

func TestDefaultChannelAuthRecords(t *testing.T) {
	port := freePort(t)
	q := startQM(t,
		fmt.Sprintf("DEFINE LISTENER(TCP.1) TRPTYPE(TCP) PORT(%d) IPADDR(127.0.0.1)", port), "START LISTENER(TCP.1)",
		"DEFINE CHANNEL(APP.SVRCONN) CHLTYPE(SVRCONN) MCAUSER('app1')", "DEFINE CHANNEL(OWN.SVRCONN) CHLTYPE(SVRCONN)")
	for _, c := range []struct {
		channel string
		id      amqmsg.ID
	}{{"SYSTEM.DEF.SVRCONN", amqmsg.AMQ9777E}, {"OWN.SVRCONN", amqmsg.AMQ9776E}} {
		before := countEntries(t, q, c.id)
		if _, err := clientConn(port, c.channel); !errors.Is(err, mqi.ErrNotAuthorized) {
			t.Errorf("%s as the test's administrator user: %v, want 2035", c.channel, err)
		}
		if countEntries(t, q, c.id) != before+1 {
			t.Errorf("%s: no %v in the error log", c.channel, c.id)
		}
	}
	clientConnect(t, port, "APP.SVRCONN") // MCAUSER is not an administrator
	runMQSC(t, "ALTER QMGR CHLAUTH(DISABLED)")
	clientConnect(t, port, "OWN.SVRCONN")
}

func TestControlledEndQuiescesClients(t *testing.T) {
	q, port := startClientQM(t)
	c := clientConnect(t, port, "APP.SVRCONN")
	out := open(t, c, "APP.Q", mqi.MQOO_OUTPUT)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := q.Shutdown(ctx, EndControlled); err != nil {
		t.Fatalf("controlled end with a client connected: %v", err)
	}
	if err := out.Put(mqi.NewMQMD(), mqi.NewMQPMO(), []byte("late")); !errors.Is(err, mqi.ErrConnectionBroken) {
		t.Fatalf("put after the end: %v, want 2009", err)
	}
}

func TestEndBreaksSilentConnections(t *testing.T) {
	q, port := startClientQM(t)
	nc, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	nc.Write([]byte("TSH ")) // a start that never completes
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	q.Close()
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("the end waited %v for a silent connection", d)
	}
}

func TestVerbsSplitAtTheTransmissionSize(t *testing.T) {
	q, port := startClientQM(t, "DEFINE CHANNEL(BIG.SVRCONN) CHLTYPE(SVRCONN)")
	nc, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	// An 8 KiB transmission size, as small clients propose: a 100 KB
	// message travels in 13 segments each way.
	s, peer, err := session.DialChannel(nc, "BIG.SVRCONN", "QM1", "tester",
		session.Limits{MaxTransmissionSize: 8192, MaxMsgSize: 4 << 20, HeartbeatInterval: 300, ConvPerSocket: 1})
	if err != nil {
		t.Fatal(err)
	}
	if peer.MaxTransmissionSize != 8192 {
		t.Fatalf("agreed transmission size %d", peer.MaxTransmissionSize)
	}
	order := binary.LittleEndian
	cb := wire.ConnBody{QMgrName: "QM1", ApplName: "split", Options: wire.ConnOptMQCONNX}
	if h, _, err := s.Call(wire.SegMQCONN, wire.APIHeader{Hobj: -1}, cb.Marshal(order)); err != nil || h.CompCode != 0 {
		t.Fatalf("MQCONN %+v %v", h, err)
	}
	ob := wire.OpenBody{OD: wire.MQOD{Version: 1, ObjectType: mqi.MQOT_Q, ObjectName: "APP.Q"}, Options: mqi.MQOO_OUTPUT | mqi.MQOO_INPUT_SHARED}
	h, _, err := s.Call(wire.SegMQOPEN, wire.APIHeader{}, ob.Marshal(order))
	if err != nil || h.CompCode != 0 {
		t.Fatalf("MQOPEN %+v %v", h, err)
	}
	hobj := h.Hobj
	data := bytes.Repeat([]byte("0123456789"), 10_000)
	_, before := q.chlSent(t)
	pb := wire.PutBody{MD: wire.MQMD{Version: 2, Format: "MQSTR", Persistence: 0, Priority: 0, Expiry: -1},
		PMO: wire.MQPMO{Version: 1, Options: mqi.MQPMO_NO_SYNCPOINT}, Data: data}
	if h, _, err := s.Call(wire.SegMQPUT, wire.APIHeader{Hobj: hobj}, pb.Marshal(order)); err != nil || h.CompCode != 0 {
		t.Fatalf("split MQPUT %+v %v", h, err)
	}
	gb := wire.GetBody{MD: wire.MQMD{Version: 2}, GMO: wire.MQGMO{Version: 3, Options: mqi.MQGMO_NO_SYNCPOINT}, BufferLength: 200_000}
	h, body, err := s.Call(wire.SegMQGET, wire.APIHeader{Hobj: hobj}, gb.Marshal(order))
	if err != nil || h.CompCode != 0 {
		t.Fatalf("split MQGET %+v %v", h, err)
	}
	var reply wire.GetReplyBody
	if _, err := reply.Unmarshal(body, order); err != nil || !bytes.Equal(reply.Data, data) {
		t.Fatalf("got %d bytes back (%v), want the %d put", len(reply.Data), err, len(data))
	}
	if _, segs := q.chlSent(t); segs-before < 13 {
		t.Fatalf("the queue manager sent %d segments for the reply, want it split in 8 KiB segments", segs-before)
	}
}

// chlSent returns what the queue manager sent on its one client channel.
func (qm *QueueManager) chlSent(t *testing.T) (bytes, segs int64) {
	t.Helper()
	qm.chl.mu.Lock()
	defer qm.chl.mu.Unlock()
	for inst := range qm.chl.instances {
		if inst.running.Load() && inst.channel == "BIG.SVRCONN" {
			return inst.s.Sent()
		}
	}
	return 0, 0
}

// TestClientPersistentPutsOutsideSyncpoint puts persistent messages one
// after another outside syncpoint over a client channel: each reply comes
// from the goroutine that syncs the log, and every one must arrive, in
// order, before the next put (internal/bench's client scenarios once hung
// there when the client loop did not wait for the reply).
func TestClientPersistentPutsOutsideSyncpoint(t *testing.T) {
	_, port := startClientQM(t)
	c := clientConnect(t, port, "APP.SVRCONN")
	out := open(t, c, "APP.Q", mqi.MQOO_OUTPUT)
	done := make(chan error, 1)
	go func() {
		for i := range 50 {
			md := mqi.NewMQMD()
			md.Persistence = mqi.MQPER_PERSISTENT
			if err := out.Put(md, mqi.NewMQPMO(), []byte(fmt.Sprintf("persistent %d", i))); err != nil {
				done <- fmt.Errorf("put %d: %w", i, err)
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("persistent puts over the client channel did not complete")
	}
	in := open(t, c, "APP.Q", mqi.MQOO_INPUT_SHARED|mqi.MQOO_INQUIRE)
	attrs, err := in.Inq([]int32{mqi.MQIA_CURRENT_Q_DEPTH})
	if err != nil || attrs[mqi.MQIA_CURRENT_Q_DEPTH] != int32(50) {
		t.Fatalf("CURDEPTH after 50 persistent puts: %v %v", attrs, err)
	}
}
