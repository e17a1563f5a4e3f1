package qmgr

import (
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// TestListenerSurvivesBadFrames throws malformed, truncated, oversized and
// random frames at a live listener for a bounded time, next to a healthy
// client. Every bad connection must be closed by the queue manager with an
// AMQ entry in its error log; afterwards no goroutine is left over and the
// healthy client still works.
func TestListenerSurvivesBadFrames(t *testing.T) {
	q, port := startClientQM(t)
	good := clientConnect(t, port, "APP.SVRCONN")
	out := open(t, good, "APP.Q", mqi.MQOO_OUTPUT)
	in := open(t, good, "APP.Q", mqi.MQOO_INPUT_SHARED)
	put(t, out, "warm up")
	if _, _, err := get(in, 0); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	goroutines := runtime.NumGoroutine()
	logged := badConnectionEntries(t, q)

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	deadline := time.Now().Add(3 * time.Second)
	bad := 0
	for n := 0; n < 400 && time.Now().Before(deadline); n++ {
		frame := badFrame(rng)
		nc, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("the listener stopped accepting after %d bad connections: %v", bad, err)
		}
		nc.Write(frame)
		nc.(*net.TCPConn).CloseWrite()
		nc.SetReadDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.Copy(io.Discard, nc); err != nil && !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("frame % x: the queue manager did not close the connection: %v", frame[:min(len(frame), 16)], err)
		}
		nc.Close()
		bad++
		if n%50 == 0 {
			put(t, out, "alongside") // the healthy client keeps working
			if _, _, err := get(in, 1000); err != nil {
				t.Fatalf("healthy client after %d bad connections: %v", bad, err)
			}
		}
	}
	// A connection can be seen closed a moment before its entry is
	// written (the TLS path logs after the handshake has ended), so the
	// count may take a little while to reach bad.
	got := 0
	for wait := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if got = badConnectionEntries(t, q) - logged; got >= bad || time.Now().After(wait) {
			break
		}
	}
	if got != bad {
		t.Fatalf("%d bad connections, %d AMQ entries in the error log", bad, got)
	}

	// After a good start-up: random verbs and segments on a negotiated
	// connection are answered with an MQRC or end the connection.
	deadline = time.Now().Add(2 * time.Second)
	for n := 0; n < 150 && time.Now().Before(deadline); n++ {
		nc, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		s, _, err := session.DialChannel(nc, "APP.SVRCONN", "QM1", "fuzz", session.Limits{MaxMsgSize: 1 << 20, HeartbeatInterval: 300, ConvPerSocket: 1})
		if err != nil {
			t.Fatalf("start-up: %v", err)
		}
		cb := wire.ConnBody{QMgrName: "QM1", ApplName: "fuzz", Options: wire.ConnOptMQCONNX}
		ob := wire.OpenBody{OD: wire.MQOD{Version: 1, ObjectType: mqi.MQOT_Q, ObjectName: "APP.Q"},
			Options: mqi.MQOO_OUTPUT | mqi.MQOO_INPUT_SHARED | mqi.MQOO_BROWSE | mqi.MQOO_INQUIRE}
		if h, _, err := s.Call(wire.SegMQCONN, wire.APIHeader{Hobj: -1}, cb.Marshal(binary.LittleEndian)); err != nil || h.CompCode != 0 {
			t.Fatalf("MQCONN: %+v %v", h, err)
		}
		if h, _, err := s.Call(wire.SegMQOPEN, wire.APIHeader{}, ob.Marshal(binary.LittleEndian)); err != nil || h.CompCode != 0 {
			t.Fatalf("MQOPEN: %+v %v", h, err)
		}
		for range 1 + rng.IntN(4) {
			body := make([]byte, rng.IntN(700))
			for i := range body {
				body[i] = byte(rng.UintN(256))
			}
			typ := wire.SegmentType(0x81 + rng.IntN(15))
			if rng.IntN(4) == 0 {
				typ = wire.SegmentType(rng.UintN(256))
			}
			seg := wire.NewAPISegment(typ, 1, uint32(n), false, wire.APIHeader{Hobj: int32(rng.IntN(4))}, body)
			seg.Flags1 = uint8(rng.UintN(256)) | wire.Flag1First
			if s.Send(seg) != nil {
				break
			}
		}
		nc.(*net.TCPConn).CloseWrite()
		nc.SetReadDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.Copy(io.Discard, nc); err != nil && !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("after random verbs: %v", err)
		}
		nc.Close()
	}
	put(t, out, "after")
	if text, _, err := get(in, 1000); err != nil || text != "after" {
		t.Fatalf("healthy client at the end: %q %v", text, err)
	}
	var now int
	for wait := time.Now().Add(5 * time.Second); time.Now().Before(wait); time.Sleep(20 * time.Millisecond) {
		if now = runtime.NumGoroutine(); now <= goroutines {
			break
		}
	}
	if now > goroutines {
		t.Fatalf("%d goroutines before, %d after %d bad connections", goroutines, now, bad)
	}
	t.Logf("%d bad connections, each closed and logged", bad)
}

// badConnectionEntries counts the error-log entries of refused or broken
// channel connections.
func badConnectionEntries(t *testing.T, q *QueueManager) int {
	n := 0
	for _, id := range []amqmsg.ID{amqmsg.AMQ9504E, amqmsg.AMQ9519E, amqmsg.AMQ9547E,
		// A first byte of 0x16 starts a TLS handshake (tls.go). This queue
		// manager has no key repository, so such a connection is refused
		// with the key store's failure (AMQ9657E, AMQ9660E, AMQ9661E).
		amqmsg.AMQ9616E, amqmsg.AMQ9638E, amqmsg.AMQ9639E, amqmsg.AMQ9665E,
		amqmsg.AMQ9657E, amqmsg.AMQ9660E, amqmsg.AMQ9661E} {
		n += countEntries(t, q, id)
	}
	return n
}

// badFrame returns one kind of bad first frame, chosen at random.
func badFrame(rng *rand.Rand) []byte {
	id := validID()
	switch rng.IntN(7) {
	case 0: // random bytes
		b := make([]byte, 1+rng.IntN(600))
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		return b
	case 1: // a header promising far more than a start-up segment may hold
		b := append([]byte(nil), id...)
		binary.BigEndian.PutUint32(b[4:], 0x7ffffff0)
		return b
	case 2: // truncated
		return id[:1+rng.IntN(len(id)-1)]
	case 3: // bit flips in a valid ID
		b := append([]byte(nil), id...)
		for range 1 + rng.IntN(8) {
			b[8+rng.IntN(len(b)-8)] ^= 1 << rng.UintN(8)
		}
		return b
	case 4: // a verb before any initial data
		s := wire.NewAPISegment(wire.SegmentType(0x81+rng.IntN(15)), 1, 1, rng.IntN(2) == 0, wire.APIHeader{}, make([]byte, rng.IntN(300)))
		b, _ := s.MarshalBinary()
		return b
	case 5: // the whole ID for a channel that does not exist
		return id
	default: // an ID whose length field disagrees with its FAP level
		b := append([]byte(nil), id...)
		b = b[:wire.TSHLength+5+rng.IntN(30)]
		binary.BigEndian.PutUint32(b[4:], uint32(len(b)))
		return b
	}
}

// validID is a well-formed first segment naming a channel that is not
// defined: the base the mutations start from, so that no mutation makes
// a connection the queue manager accepts.
func validID() []byte {
	id := &wire.InitialData{FapLevel: 13, CapFlags1: wire.ICF1MQRequest, MaxMsgSize: 4 << 20,
		MaxTransmissionSize: 32748, ChannelName: "FUZZ.SVRCONN", QMgrName: "QM1", CCSID: 819, HeartbeatInterval: 300}
	s := &wire.Segment{TSH: wire.TSH{Type: wire.SegInitialData, Flags1: wire.Flag1First | wire.Flag1Last, Encoding: wire.EncNative, CCSID: 819}}
	s.Body = id.Marshal(s.Order())
	b, _ := s.MarshalBinary()
	return b
}
