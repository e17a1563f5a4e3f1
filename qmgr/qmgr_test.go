package qmgr

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/mqi"
)

// startQM creates and starts queue manager QM1 in a fresh data directory
// and points the mqi package at it. The queue manager ends with the test.
func startQM(t *testing.T, mqsc ...string) *QueueManager {
	t.Helper()
	root, err := os.MkdirTemp("/tmp", "qmt")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	t.Setenv("MQ_OVERRIDE_DATA_PATH", root)
	layout := qmdir.Layout{Root: root}
	if _, err := Create(layout, CreateOptions{Name: "QM1"}, nil); err != nil {
		t.Fatalf("Create: %v", err)
	}
	qm, err := Start(layout, "QM1", StartOptions{Program: "qmgr.test"})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { qm.Close() })
	if len(mqsc) > 0 {
		c, err := admin.Dial("QM1", nil)
		if err != nil {
			t.Fatalf("admin.Dial: %v", err)
		}
		defer c.Close()
		for _, cmd := range mqsc {
			lines, failed, err := c.MQSC(cmd)
			if err != nil || failed {
				t.Fatalf("%s: %v %v", cmd, err, lines)
			}
		}
	}
	return qm
}

func connect(t *testing.T) mqi.MQQueueManager {
	t.Helper()
	qm, err := mqi.Conn("QM1")
	if err != nil {
		t.Fatalf("Conn: %v", err)
	}
	t.Cleanup(func() { qm.Disc() })
	return qm
}

func open(t *testing.T, qm mqi.MQQueueManager, name string, opts int32) mqi.MQObject {
	t.Helper()
	od := mqi.NewMQOD()
	od.ObjectName = name
	obj, err := qm.Open(od, opts)
	if err != nil {
		t.Fatalf("Open %s: %v", name, err)
	}
	return obj
}

func put(t *testing.T, obj mqi.MQObject, text string) *mqi.MQMD {
	t.Helper()
	md := mqi.NewMQMD()
	md.Format = mqi.MQFMT_STRING
	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT
	if err := obj.Put(md, pmo, []byte(text)); err != nil {
		t.Fatalf("Put: %v", err)
	}
	return md
}

func get(obj mqi.MQObject, wait int32) (string, *mqi.MQMD, error) {
	md := mqi.NewMQMD()
	gmo := mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_NO_SYNCPOINT
	if wait != 0 {
		gmo.Options |= mqi.MQGMO_WAIT
		gmo.WaitInterval = wait
	}
	buf := make([]byte, 1024)
	data, _, err := obj.GetSlice(md, gmo, buf)
	return string(data), md, err
}

func TestPutGetRoundTrip(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT)
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	md := put(t, out, "hello")
	if len(md.MsgId) != 24 || strings.Trim(string(md.MsgId), "\x00") == "" {
		t.Fatalf("put did not assign a MsgId: %x", md.MsgId)
	}
	if !strings.HasPrefix(string(md.MsgId), "AMQ QM1") {
		t.Errorf("MsgId %q does not start with AMQ and the queue manager name", md.MsgId)
	}
	text, got, err := get(in, 0)
	if err != nil || text != "hello" {
		t.Fatalf("Get = %q, %v", text, err)
	}
	if string(got.MsgId) != string(md.MsgId) {
		t.Errorf("MsgId changed: put %x, got %x", md.MsgId, got.MsgId)
	}
	if got.Format != mqi.MQFMT_STRING || got.PutDateTime.IsZero() || got.UserIdentifier == "" {
		t.Errorf("descriptor not completed: format %q, put time %v, user %q", got.Format, got.PutDateTime, got.UserIdentifier)
	}
	if _, _, err := get(in, 0); !errors.Is(err, mqi.ErrNoMsgAvailable) {
		t.Fatalf("empty queue: got %v, want 2033", err)
	}
}

func TestGetWaitIsWokenByPut(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_SHARED)
	done := make(chan string, 1)
	go func() {
		text, _, err := get(in, 10_000)
		if err != nil {
			text = err.Error()
		}
		done <- text
	}()
	time.Sleep(100 * time.Millisecond)
	qm2 := connect(t)
	put(t, open(t, qm2, "APP.Q", mqi.MQOO_OUTPUT), "wake up")
	select {
	case text := <-done:
		if text != "wake up" {
			t.Fatalf("waiting get returned %q", text)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a waiting MQGET was not woken by a put")
	}
}

func TestOpenErrors(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q) DEFSOPT(EXCL) NOSHARE", "DEFINE QALIAS(APP.ALIAS) TARGET(NO.SUCH.Q)")
	qm := connect(t)
	od := mqi.NewMQOD()
	od.ObjectName = "NO.SUCH.Q"
	if _, err := qm.Open(od, mqi.MQOO_OUTPUT); !errors.Is(err, mqi.ErrUnknownObjectName) {
		t.Errorf("unknown queue: %v, want 2085", err)
	}
	od.ObjectName = "APP.ALIAS"
	if _, err := qm.Open(od, mqi.MQOO_OUTPUT); err == nil || err.(*mqi.MQReturn).MQRC != mqi.MQRC_UNKNOWN_ALIAS_BASE_Q {
		t.Errorf("alias to a missing queue: %v, want 2082", err)
	}
	open(t, qm, "APP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	od.ObjectName = "APP.Q"
	if _, err := qm.Open(od, mqi.MQOO_INPUT_AS_Q_DEF); !errors.Is(err, mqi.ErrObjectInUse) {
		t.Errorf("second exclusive input open: %v, want 2042", err)
	}
}

func TestModelQueueMakesTemporaryQueue(t *testing.T) {
	startQM(t)
	qm := connect(t)
	od := mqi.NewMQOD()
	od.ObjectName = "SYSTEM.DEFAULT.MODEL.QUEUE"
	od.DynamicQName = "MY.REPLY.*"
	dyn, err := qm.Open(od, mqi.MQOO_INPUT_EXCLUSIVE)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(dyn.Name, "MY.REPLY.") || len(dyn.Name) <= len("MY.REPLY.") {
		t.Fatalf("dynamic queue name %q", dyn.Name)
	}
	out := open(t, qm, dyn.Name, mqi.MQOO_OUTPUT)
	put(t, out, "reply")
	if text, _, err := get(dyn, 0); err != nil || text != "reply" {
		t.Fatalf("get from the dynamic queue: %q %v", text, err)
	}
	out.Close(0)
	dyn.Close(0)
	od = mqi.NewMQOD()
	od.ObjectName = dyn.Name
	if _, err := qm.Open(od, mqi.MQOO_OUTPUT); !errors.Is(err, mqi.ErrUnknownObjectName) {
		t.Errorf("temporary queue still there after close: %v", err)
	}
}

func TestTruncatedMessage(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	put(t, open(t, qm, "APP.Q", mqi.MQOO_OUTPUT), "0123456789")
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
	buf := make([]byte, 4)
	_, n, err := in.GetSlice(md, gmo, buf)
	var mqr *mqi.MQReturn
	if !errors.As(err, &mqr) || mqr.MQRC != mqi.MQRC_TRUNCATED_MSG_FAILED || n != 10 {
		t.Fatalf("small buffer: n=%d err=%v, want 2080 and length 10", n, err)
	}
	md, gmo = mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_ACCEPT_TRUNCATED_MSG
	data, _, err := in.GetSlice(md, gmo, buf)
	if !errors.As(err, &mqr) || mqr.MQRC != mqi.MQRC_TRUNCATED_MSG_ACCEPTED || string(data) != "0123" {
		t.Fatalf("accept truncated: %q %v, want 2079 and the first 4 bytes", data, err)
	}
	if _, _, err := get(in, 0); !errors.Is(err, mqi.ErrNoMsgAvailable) {
		t.Fatalf("the truncated message stayed on the queue: %v", err)
	}
}

func TestPutInhibitedAndQueueFull(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(FULL.Q) MAXDEPTH(1)", "DEFINE QLOCAL(SHUT.Q) PUT(DISABLED)")
	qm := connect(t)
	out := open(t, qm, "FULL.Q", mqi.MQOO_OUTPUT)
	put(t, out, "one")
	md, pmo := mqi.NewMQMD(), mqi.NewMQPMO()
	if err := out.Put(md, pmo, []byte("two")); err == nil || err.(*mqi.MQReturn).MQRC != mqi.MQRC_Q_FULL {
		t.Errorf("put to a full queue: %v, want 2053", err)
	}
	shut := open(t, qm, "SHUT.Q", mqi.MQOO_OUTPUT)
	if err := shut.Put(mqi.NewMQMD(), mqi.NewMQPMO(), []byte("x")); err == nil || err.(*mqi.MQReturn).MQRC != mqi.MQRC_PUT_INHIBITED {
		t.Errorf("put to PUT(DISABLED): %v, want 2051", err)
	}
}

func TestShutdownBreaksWaitingGet(t *testing.T) {
	q := startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_SHARED)
	done := make(chan error, 1)
	go func() {
		_, _, err := get(in, -1)
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	go q.Shutdown(ctx, EndImmediate)
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a waiting get succeeded during shutdown")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("an immediate shutdown did not break a waiting get")
	}
	<-q.Done()
	st, err := qmdir.ReadStatus(q.Dir())
	if err != nil || st.State != "Ended immediately" {
		t.Errorf("status after endmqm -i: %+v %v", st, err)
	}
	if _, err := os.Stat(filepath.Join(q.Dir(), "@ipcc", "qmgr.sock")); err == nil {
		// A stale socket file is harmless (the next start removes it), but
		// nothing may be listening on it.
		if _, err := mqi.Conn("QM1"); err == nil {
			t.Error("connected to an ended queue manager")
		}
	}
}
