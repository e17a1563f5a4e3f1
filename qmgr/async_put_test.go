package qmgr

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// rawApp is an application speaking the protocol itself, so that it can
// send requests without waiting for their replies.
type rawApp struct {
	nc   net.Conn
	s    *session.Conn
	hobj int32
}

func dialRaw(t *testing.T, q *QueueManager, queue string) *rawApp {
	t.Helper()
	nc, err := net.Dial("unix", SocketPath(q.Dir()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	s, _, err := session.Dial(nc, "", "QM1")
	if err != nil {
		t.Fatal(err)
	}
	order := binary.LittleEndian
	cb := wire.ConnBody{QMgrName: "QM1", ApplName: "rawapp", ApplType: mqi.MQAT_UNIX, Options: wire.ConnOptMQCONNX}
	if h, _, err := s.Call(wire.SegMQCONN, wire.APIHeader{Hobj: -1}, cb.Marshal(order)); err != nil || h.CompCode != mqi.MQCC_OK {
		t.Fatalf("MQCONN: %+v %v", h, err)
	}
	ob := wire.OpenBody{OD: wire.MQOD{Version: 1, ObjectType: mqi.MQOT_Q, ObjectName: queue},
		Options: mqi.MQOO_OUTPUT | mqi.MQOO_INPUT_SHARED}
	h, _, err := s.Call(wire.SegMQOPEN, wire.APIHeader{}, ob.Marshal(order))
	if err != nil || h.CompCode != mqi.MQCC_OK {
		t.Fatalf("MQOPEN: %+v %v", h, err)
	}
	return &rawApp{nc: nc, s: s, hobj: h.Hobj}
}

// putRequest is a persistent MQPUT outside syncpoint with request id id.
func (a *rawApp) putRequest(id uint32, data []byte) []byte {
	pb := wire.PutBody{
		MD:   wire.MQMD{Version: 2, Persistence: mqi.MQPER_PERSISTENT, Priority: mqi.MQPRI_PRIORITY_AS_Q_DEF, Expiry: mqi.MQEI_UNLIMITED, Encoding: mqi.MQENC_NATIVE, CodedCharSetID: mqi.MQCCSI_Q_MGR},
		PMO:  wire.MQPMO{Version: 1, Options: mqi.MQPMO_NO_SYNCPOINT},
		Data: data,
	}
	b, err := wire.AppendAPISegment(nil, wire.SegMQPUT, 1, id, false, wire.APIHeader{Hobj: a.hobj}, pb.Marshal(binary.LittleEndian))
	if err != nil {
		panic(err)
	}
	return b
}

// TestPipelinedRequestsAreAnsweredInOrder sends persistent puts and a
// get without waiting for any reply: each reply comes back in request
// order, and the get finds the first put's message (every put before it
// had completed).
func TestPipelinedRequestsAreAnsweredInOrder(t *testing.T) {
	q := startQM(t, "DEFINE QLOCAL(APP.Q)")
	a := dialRaw(t, q, "APP.Q")
	const puts = 50
	var burst []byte
	for i := range puts {
		burst = append(burst, a.putRequest(uint32(100+i), []byte(fmt.Sprintf("message %d", i)))...)
	}
	gb := wire.GetBody{MD: wire.MQMD{Version: 2}, GMO: wire.MQGMO{Version: 1, Options: mqi.MQGMO_NO_SYNCPOINT}, BufferLength: 100}
	burst, _ = wire.AppendAPISegment(burst, wire.SegMQGET, 1, 100+puts, false, wire.APIHeader{Hobj: a.hobj}, gb.Marshal(binary.LittleEndian))
	if _, err := a.nc.Write(burst); err != nil {
		t.Fatal(err)
	}
	a.nc.SetReadDeadline(time.Now().Add(20 * time.Second))
	br := bufio.NewReader(a.nc)
	for i := range puts + 1 {
		seg, err := wire.ReadSegment(br, session.MaxSegment)
		if err != nil {
			t.Fatalf("reply %d: %v", i, err)
		}
		h, body, err := wire.SplitAPI(seg)
		if err != nil || seg.RequestID != uint32(100+i) || h.CompCode != mqi.MQCC_OK {
			t.Fatalf("reply %d: request id %d, %+v, %v", i, seg.RequestID, h, err)
		}
		if i == puts {
			var reply wire.GetReplyBody
			if _, err := reply.Unmarshal(body, binary.LittleEndian); err != nil || string(reply.Data) != "message 0" {
				t.Fatalf("get after the puts: %q %v", reply.Data, err)
			}
		}
	}
}

// TestAppsNotReadingRepliesDoNotHoldUpOthers: applications that send
// persistent puts and never read the replies fill their sockets while
// others put persistent messages too, so that the goroutine syncing the
// log often has to answer a full socket; the other applications' puts
// keep completing.
func TestAppsNotReadingRepliesDoNotHoldUpOthers(t *testing.T) {
	q := startQM(t, "DEFINE QLOCAL(APP.Q) MAXDEPTH(100000)")
	var stuck []*rawApp
	for range 3 {
		stuck = append(stuck, dialRaw(t, q, "APP.Q"))
	}
	data := make([]byte, 30_000)
	for _, a := range stuck {
		go func() {
			a.nc.SetWriteDeadline(time.Now().Add(30 * time.Second))
			for i := range 1000 { // far more replies than the socket holds
				if _, err := a.nc.Write(a.putRequest(uint32(100+i), data)); err != nil {
					return
				}
			}
		}()
	}
	const apps, puts = 4, 300
	errs := make(chan error, apps)
	start := time.Now()
	for g := range apps {
		go func() {
			qm, err := mqi.Conn("QM1")
			if err != nil {
				errs <- err
				return
			}
			defer qm.Disc()
			od := mqi.NewMQOD()
			od.ObjectName = "APP.Q"
			out, err := qm.Open(od, mqi.MQOO_OUTPUT)
			if err != nil {
				errs <- err
				return
			}
			for i := range puts {
				md, pmo := mqi.NewMQMD(), mqi.NewMQPMO()
				md.Persistence = mqi.MQPER_PERSISTENT
				pmo.Options = mqi.MQPMO_NO_SYNCPOINT
				if err := out.Put(md, pmo, []byte(fmt.Sprintf("app %d put %d", g, i))); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range apps {
		select {
		case err := <-errs:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("persistent puts stalled beside applications that do not read (%v)", time.Since(start))
		}
	}
	for _, a := range stuck {
		a.nc.Close()
	}
}
