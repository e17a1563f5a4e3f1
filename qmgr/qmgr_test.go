package qmgr

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/errlog"
	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/mqi"
)

// startQM creates and starts queue manager QM1 in a fresh data directory
// and points the mqi package at it. The queue manager ends with the test.
func startQM(t *testing.T, mqsc ...string) *QueueManager {
	t.Helper()
	return startQMFor(t, mqsc...)
}

func startQMFor(t testing.TB, mqsc ...string) *QueueManager {
	t.Helper()
	return startQMWith(t, StartOptions{Program: "qmgr.test"}, mqsc...)
}

// startQMWith is startQMFor with start options of the test's own.
func startQMWith(t testing.TB, opts StartOptions, mqsc ...string) *QueueManager {
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
	qm, err := Start(layout, "QM1", opts)
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

// restart ends the queue manager immediately and starts it again from
// the same data.
func restart(t *testing.T, q *QueueManager) *QueueManager {
	t.Helper()
	q.Close()
	q2, err := Start(q.layout, q.name, StartOptions{Program: "qmgr.test"})
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	t.Cleanup(func() { q2.Close() })
	return q2
}

func putWith(t *testing.T, obj mqi.MQObject, text string, persistence, options int32) {
	t.Helper()
	md := mqi.NewMQMD()
	md.Persistence = persistence
	pmo := mqi.NewMQPMO()
	pmo.Options = options
	if err := obj.Put(md, pmo, []byte(text)); err != nil {
		t.Fatalf("Put %q: %v", text, err)
	}
}

func TestPersistentMessagesSurviveRestart(t *testing.T) {
	q := startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT)
	putWith(t, out, "kept", mqi.MQPER_PERSISTENT, mqi.MQPMO_NO_SYNCPOINT)
	putWith(t, out, "lost", mqi.MQPER_NOT_PERSISTENT, mqi.MQPMO_NO_SYNCPOINT)
	putWith(t, out, "uncommitted", mqi.MQPER_PERSISTENT, mqi.MQPMO_SYNCPOINT)
	qm.Disc()
	restart(t, q)
	qm2 := connect(t)
	in := open(t, qm2, "APP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	text, md, err := get(in, 0)
	if err != nil || text != "kept" || md.Persistence != mqi.MQPER_PERSISTENT {
		t.Fatalf("after restart: %q %v (persistence %d), want the persistent message", text, err, md.Persistence)
	}
	if text, _, err := get(in, 0); !errors.Is(err, mqi.ErrNoMsgAvailable) {
		t.Fatalf("after restart a second message %q came back (%v): non-persistent and uncommitted ones must be gone", text, err)
	}
}

func TestSyncpointCommitAndBackout(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT)
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	putWith(t, out, "m1", mqi.MQPER_PERSISTENT, mqi.MQPMO_SYNCPOINT)
	if _, _, err := get(in, 0); !errors.Is(err, mqi.ErrNoMsgAvailable) {
		t.Fatalf("an uncommitted put is visible: %v", err)
	}
	if err := qm.Cmit(); err != nil {
		t.Fatal(err)
	}
	md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_SYNCPOINT
	buf := make([]byte, 100)
	if _, _, err := in.GetSlice(md, gmo, buf); err != nil {
		t.Fatalf("get under syncpoint: %v", err)
	}
	if md.BackoutCount != 0 {
		t.Fatalf("first delivery BackoutCount %d", md.BackoutCount)
	}
	if err := qm.Back(); err != nil {
		t.Fatal(err)
	}
	text, md2, err := get(in, 0)
	if err != nil || text != "m1" || md2.BackoutCount != 1 {
		t.Fatalf("after MQBACK: %q %v BackoutCount %d, want m1 with BackoutCount 1", text, err, md2.BackoutCount)
	}
}

func TestUnitOfWorkBackedOutWhenConnectionEnds(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	put(t, open(t, qm, "APP.Q", mqi.MQOO_OUTPUT), "m1")
	qm2, err := mqi.Conn("QM1")
	if err != nil {
		t.Fatal(err)
	}
	in2 := open(t, qm2, "APP.Q", mqi.MQOO_INPUT_SHARED)
	md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_SYNCPOINT
	if _, _, err := in2.GetSlice(md, gmo, make([]byte, 100)); err != nil {
		t.Fatal(err)
	}
	qm2.Disc() // ends without MQCMIT: the get is backed out
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_SHARED)
	text, md3, err := get(in, 2000)
	if err != nil || text != "m1" || md3.BackoutCount != 1 {
		t.Fatalf("after the connection ended: %q %v BackoutCount %d", text, err, md3.BackoutCount)
	}
}

func TestBrowseLeavesMessages(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT)
	for _, s := range []string{"a", "b", "c"} {
		put(t, out, s)
	}
	br := open(t, qm, "APP.Q", mqi.MQOO_BROWSE)
	var seen []string
	opt := int32(mqi.MQGMO_BROWSE_FIRST)
	for {
		md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
		gmo.Options = opt
		data, _, err := br.GetSlice(md, gmo, make([]byte, 10))
		if errors.Is(err, mqi.ErrNoMsgAvailable) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, string(data))
		opt = mqi.MQGMO_BROWSE_NEXT
	}
	if strings.Join(seen, "") != "abc" {
		t.Fatalf("browsed %v", seen)
	}
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	if text, _, err := get(in, 0); text != "a" || err != nil {
		t.Fatalf("browse removed messages: %q %v", text, err)
	}
}

func TestPriorityAndExpiry(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q) MSGDLVSQ(PRIORITY)")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT)
	for i, p := range []int32{1, 5, 3} {
		md := mqi.NewMQMD()
		md.Priority = p
		if i == 2 {
			md.Expiry = 1 // a tenth of a second
		}
		if err := out.Put(md, mqi.NewMQPMO(), []byte(fmt.Sprintf("p%d", p))); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(300 * time.Millisecond)
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	var got []string
	for {
		text, _, err := get(in, 0)
		if err != nil {
			break
		}
		got = append(got, text)
	}
	if strings.Join(got, ",") != "p5,p1" {
		t.Fatalf("got %v, want p5 then p1 (p3 expired)", got)
	}
}

func TestRecoveryReplaysTheLog(t *testing.T) {
	q := startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT)
	for i := range 5 {
		putWith(t, out, fmt.Sprintf("m%d", i), mqi.MQPER_PERSISTENT, mqi.MQPMO_NO_SYNCPOINT)
	}
	putWith(t, out, "committed", mqi.MQPER_PERSISTENT, mqi.MQPMO_SYNCPOINT)
	if err := qm.Cmit(); err != nil {
		t.Fatal(err)
	}
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	if text, _, err := get(in, 0); err != nil || text != "m0" {
		t.Fatalf("get m0: %q %v", text, err)
	}
	md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_SYNCPOINT // m1, never committed: comes back hardened
	if _, _, err := in.GetSlice(md, gmo, make([]byte, 64)); err != nil {
		t.Fatal(err)
	}
	putWith(t, out, "in-uow", mqi.MQPER_PERSISTENT, mqi.MQPMO_SYNCPOINT) // never committed
	q.noFinalCheckpoint = true                                           // as if killed: recovery must replay the log
	q.Close()

	var lines []string
	q2, err := Start(q.layout, q.name, StartOptions{Progress: func(s string) { lines = append(lines, s) }})
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	t.Cleanup(func() { q2.Close() })
	if len(lines) == 0 || !regexp.MustCompile(`^[1-9][0-9]* log records accessed`).MatchString(lines[0]) {
		t.Errorf("start-up did not report a replay: %q", lines)
	}
	qm2 := connect(t)
	in2 := open(t, qm2, "APP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	var got []string
	for {
		text, md, err := get(in2, 0)
		if err != nil {
			break
		}
		got = append(got, fmt.Sprintf("%s/%d", text, md.BackoutCount))
	}
	want := "m1/1,m2/0,m3/0,m4/0,committed/0"
	if strings.Join(got, ",") != want {
		t.Fatalf("after recovery: %v, want %s", got, want)
	}
}

func TestControlledEndWakesQuiescingGetters(t *testing.T) {
	q := startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_SHARED)
	done := make(chan error, 1)
	go func() {
		md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
		gmo.Options = mqi.MQGMO_WAIT | mqi.MQGMO_FAIL_IF_QUIESCING
		gmo.WaitInterval = mqi.MQWI_UNLIMITED
		_, _, err := in.GetSlice(md, gmo, make([]byte, 10))
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	go q.Shutdown(context.Background(), EndControlled)
	select {
	case err := <-done:
		if !errors.Is(err, mqi.ErrQMgrQuiescing) {
			t.Fatalf("waiting get during endmqm -c: %v, want 2161", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a FAIL_IF_QUIESCING get was not woken by a controlled end")
	}
	qm.Disc()
	select {
	case <-q.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the controlled end did not finish once the application disconnected")
	}
}

func runMQSC(t *testing.T, cmd string) []string {
	t.Helper()
	c, err := admin.Dial("QM1", nil)
	if err != nil {
		t.Fatalf("admin.Dial: %v", err)
	}
	defer c.Close()
	lines, _, err := c.MQSC(cmd)
	if err != nil {
		t.Fatalf("%s: %v", cmd, err)
	}
	return lines
}

func TestDynamicQueuesAreObjects(t *testing.T) {
	q := startQM(t, "DEFINE QMODEL(APP.PERM.MODEL) DEFTYPE(PERMDYN)")
	qm := connect(t)
	od := mqi.NewMQOD()
	od.ObjectName = "SYSTEM.DEFAULT.MODEL.QUEUE"
	od.DynamicQName = "TMP.*"
	tmp, err := qm.Open(od, mqi.MQOO_INPUT_EXCLUSIVE)
	if err != nil {
		t.Fatal(err)
	}
	if out := strings.Join(runMQSC(t, "DISPLAY QLOCAL("+tmp.Name+") DEFTYPE"), "\n"); !strings.Contains(out, "DEFTYPE(TEMPDYN)") {
		t.Fatalf("temporary dynamic queue not displayed:\n%s", out)
	}
	od = mqi.NewMQOD()
	od.ObjectName = "APP.PERM.MODEL"
	od.DynamicQName = "PERM.*"
	perm, err := qm.Open(od, mqi.MQOO_OUTPUT)
	if err != nil {
		t.Fatal(err)
	}
	putWith(t, perm, "kept", mqi.MQPER_PERSISTENT, mqi.MQPMO_NO_SYNCPOINT)
	perm.Close(0)
	qm.Disc()
	restart(t, q)
	if out := strings.Join(runMQSC(t, "DISPLAY QLOCAL("+tmp.Name+")"), "\n"); !strings.Contains(out, "AMQ8147E") {
		t.Errorf("temporary queue survived a restart:\n%s", out)
	}
	qm2 := connect(t)
	in := open(t, qm2, perm.Name, mqi.MQOO_INPUT_AS_Q_DEF)
	if text, _, err := get(in, 0); text != "kept" || err != nil {
		t.Fatalf("permanent dynamic queue lost its message: %q %v", text, err)
	}
	if err := in.Close(mqi.MQCO_DELETE); err != nil {
		t.Fatal(err)
	}
	if out := strings.Join(runMQSC(t, "DISPLAY QLOCAL("+perm.Name+")"), "\n"); !strings.Contains(out, "AMQ8147E") {
		t.Errorf("MQCO_DELETE left the permanent dynamic queue:\n%s", out)
	}
}

func TestAlterPutDisabledReachesOpenHandles(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT)
	put(t, out, "before")
	runMQSC(t, "ALTER QLOCAL(APP.Q) PUT(DISABLED)")
	if err := out.Put(mqi.NewMQMD(), mqi.NewMQPMO(), []byte("after")); err == nil || err.(*mqi.MQReturn).MQRC != mqi.MQRC_PUT_INHIBITED {
		t.Fatalf("put after ALTER PUT(DISABLED) through an open handle: %v, want 2051", err)
	}
	runMQSC(t, "ALTER QLOCAL(APP.Q) PUT(ENABLED)")
	put(t, out, "again")
}

func TestClearAndDeleteRemovePersistentMessagesForGood(t *testing.T) {
	q := startQM(t, "DEFINE QLOCAL(CLR.Q)", "DEFINE QLOCAL(DEL.Q)")
	qm := connect(t)
	for _, name := range []string{"CLR.Q", "DEL.Q"} {
		out := open(t, qm, name, mqi.MQOO_OUTPUT)
		putWith(t, out, "persistent", mqi.MQPER_PERSISTENT, mqi.MQPMO_NO_SYNCPOINT)
		out.Close(0)
	}
	if out := strings.Join(runMQSC(t, "CLEAR QLOCAL(CLR.Q)"), "\n"); !strings.Contains(out, "AMQ8022I") {
		t.Fatalf("CLEAR: %s", out)
	}
	if out := strings.Join(runMQSC(t, "DELETE QLOCAL(DEL.Q) PURGE"), "\n"); !strings.Contains(out, "AMQ8007I") {
		t.Fatalf("DELETE PURGE: %s", out)
	}
	runMQSC(t, "DEFINE QLOCAL(DEL.Q)")
	qm.Disc()
	q.noFinalCheckpoint = true
	restart(t, q)
	qm2 := connect(t)
	for _, name := range []string{"CLR.Q", "DEL.Q"} {
		in := open(t, qm2, name, mqi.MQOO_INPUT_AS_Q_DEF)
		if text, _, err := get(in, 0); !errors.Is(err, mqi.ErrNoMsgAvailable) {
			t.Errorf("%s: a removed persistent message came back after restart: %q %v", name, text, err)
		}
	}
}

func TestReportsAndDeadLetterQueue(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)", "DEFINE QLOCAL(REP.Q)", "ALTER QMGR DEADQ(SYSTEM.DEAD.LETTER.QUEUE)")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT)
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	rep := open(t, qm, "REP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	dlq := open(t, qm, "SYSTEM.DEAD.LETTER.QUEUE", mqi.MQOO_INPUT_AS_Q_DEF)

	md := mqi.NewMQMD()
	md.Report = mqi.MQRO_COA | mqi.MQRO_COD
	md.ReplyToQ = "REP.Q"
	if err := out.Put(md, mqi.NewMQPMO(), []byte("order")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := get(in, 0); err != nil {
		t.Fatal(err)
	}
	for _, want := range []int32{mqi.MQFB_COA, mqi.MQFB_COD} {
		text, rmd, err := get(rep, 0)
		if err != nil || rmd.MsgType != mqi.MQMT_REPORT || rmd.Feedback != want || string(rmd.CorrelId) != string(md.MsgId) || text != "" {
			t.Fatalf("report: %q %v type %d feedback %d, want feedback %d correlated to the message", text, err, rmd.MsgType, rmd.Feedback, want)
		}
	}

	md = mqi.NewMQMD()
	md.Report = mqi.MQRO_EXPIRATION_WITH_DATA
	md.ReplyToQ = "REP.Q"
	md.Expiry = 1
	if err := out.Put(md, mqi.NewMQPMO(), []byte("too late")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if _, _, err := get(in, 0); !errors.Is(err, mqi.ErrNoMsgAvailable) {
		t.Fatalf("an expired message was returned: %v", err)
	}
	text, rmd, err := get(rep, 2000)
	if err != nil || rmd.Feedback != mqi.MQFB_EXPIRATION || text != "too late" {
		t.Fatalf("expiration report: %q %v feedback %d", text, err, rmd.Feedback)
	}

	md = mqi.NewMQMD()
	md.Report = mqi.MQRO_COA
	md.ReplyToQ = "NO.SUCH.REPLY.Q"
	if err := out.Put(md, mqi.NewMQPMO(), []byte("x")); err != nil {
		t.Fatal(err)
	}
	dmd, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
	buf := make([]byte, 1024)
	data, _, err := dlq.GetSlice(dmd, gmo, buf)
	if err != nil || dmd.Format != mqi.MQFMT_DEAD_LETTER_HEADER {
		t.Fatalf("dead letter: %v format %q", err, dmd.Format)
	}
	dlh, _, err := mqi.GetHeader(dmd, data)
	if err != nil {
		t.Fatalf("MQDLH: %v", err)
	}
	if h := dlh.(*mqi.MQDLH); h.Reason != mqi.MQRC_UNKNOWN_OBJECT_NAME || h.DestQName != "NO.SUCH.REPLY.Q" {
		t.Fatalf("MQDLH reason %d dest %q, want 2085 and the reply queue", h.Reason, h.DestQName)
	}
}

func TestBrowseWithLock(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT)
	put(t, out, "first")
	put(t, out, "second")
	br := open(t, qm, "APP.Q", mqi.MQOO_BROWSE|mqi.MQOO_INPUT_SHARED)
	other := open(t, qm, "APP.Q", mqi.MQOO_INPUT_SHARED)

	md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_BROWSE_FIRST | mqi.MQGMO_LOCK
	if data, _, err := br.GetSlice(md, gmo, make([]byte, 20)); err != nil || string(data) != "first" {
		t.Fatalf("browse with lock: %q %v", data, err)
	}
	if text, _, err := get(other, 0); err != nil || text != "second" {
		t.Fatalf("another handle got %q (%v): the locked message must be hidden", text, err)
	}
	md, gmo = mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_MSG_UNDER_CURSOR
	if data, _, err := br.GetSlice(md, gmo, make([]byte, 20)); err != nil || string(data) != "first" {
		t.Fatalf("get under cursor: %q %v", data, err)
	}
	md, gmo = mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_UNLOCK
	if _, _, err := br.GetSlice(md, gmo, make([]byte, 20)); err == nil || err.(*mqi.MQReturn).MQRC != mqi.MQRC_NO_MSG_LOCKED {
		t.Fatalf("unlock with nothing locked: %v, want 2209", err)
	}

	put(t, out, "third")
	md, gmo = mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_BROWSE_FIRST | mqi.MQGMO_LOCK
	if _, _, err := br.GetSlice(md, gmo, make([]byte, 20)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := get(other, 0); !errors.Is(err, mqi.ErrNoMsgAvailable) {
		t.Fatalf("locked message visible to another handle: %v", err)
	}
	md, gmo = mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_UNLOCK
	if _, _, err := br.GetSlice(md, gmo, make([]byte, 20)); err != nil {
		t.Fatalf("unlock: %v", err)
	}
	if text, _, err := get(other, 0); err != nil || text != "third" {
		t.Fatalf("after unlock: %q %v", text, err)
	}
}

func TestGarbageOnTheSocketIsLoggedAndIsolated(t *testing.T) {
	q := startQM(t, "DEFINE QLOCAL(APP.Q)")
	good := connect(t)
	out := open(t, good, "APP.Q", mqi.MQOO_OUTPUT)
	for _, junk := range junkFrames {
		nc, err := net.Dial("unix", SocketPath(q.Dir()))
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
	put(t, out, "still working") // the healthy connection is unaffected
	entries, err := errlog.ReadEntries(filepath.Join(q.Dir(), "errors", "AMQERR01.LOG"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.ID == amqmsg.AMQ9504E {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("%d AMQ9504E entries, want one per bad connection", n)
	}
}
