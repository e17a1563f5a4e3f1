package channel_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gomqm/gomqm/channel"
	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/qmgr"
)

// pair is two queue managers in one data root with a receiver listening
// on loopback for the second.
type pair struct {
	root     string
	layout   qmdir.Layout
	qm1, qm2 *qmgr.QueueManager
	addr     string // the receiver's listener, host:port
	wg       sync.WaitGroup
	mu       sync.Mutex // guards qm1 and qm2 while restart replaces them
}

// newPair creates and starts QM1 and QM2, defines a sender QM1.TO.QM2 on
// QM1 (with the extra attributes sdr) and its receiver on QM2, and hands
// the connections of a loopback listener to QM2 until the test ends.
func newPair(t testing.TB, sdr string, mqsc1, mqsc2 []string) *pair {
	t.Helper()
	root, err := os.MkdirTemp("/tmp", "cht")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	t.Setenv("MQ_OVERRIDE_DATA_PATH", root)
	p := &pair{root: root, layout: qmdir.Layout{Root: root}}
	p.qm1 = startQM(t, p.layout, "QM1")
	p.qm2 = startQM(t, p.layout, "QM2")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = ln.Addr().String()
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			qm2 := p.qm2
			p.mu.Unlock()
			qm2.ServeChannel(nc, nil)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		p.wg.Wait()
	})
	host, port, _ := net.SplitHostPort(p.addr)
	mqsc(t, "QM1", append([]string{
		"DEFINE QLOCAL(QM2) USAGE(XMITQ)",
		"DEFINE QREMOTE(TO.QM2) RNAME(IN.Q) RQMNAME(QM2)",
		fmt.Sprintf("DEFINE CHANNEL(QM1.TO.QM2) CHLTYPE(SDR) CONNAME('%s(%s)') XMITQ(QM2) %s", host, port, sdr),
	}, mqsc1...)...)
	mqsc(t, "QM2", append([]string{
		"DEFINE QLOCAL(IN.Q) MAXDEPTH(100000)",
		"DEFINE CHANNEL(QM1.TO.QM2) CHLTYPE(RCVR)",
	}, mqsc2...)...)
	return p
}

func startQM(t testing.TB, layout qmdir.Layout, name string) *qmgr.QueueManager {
	t.Helper()
	if _, err := qmgr.Create(layout, qmgr.CreateOptions{Name: name}, nil); err != nil {
		t.Fatalf("Create %s: %v", name, err)
	}
	qm, err := qmgr.Start(layout, name, qmgr.StartOptions{Program: "channel.test"})
	if err != nil {
		t.Fatalf("Start %s: %v", name, err)
	}
	t.Cleanup(func() { qm.Close() })
	return qm
}

func mqsc(t testing.TB, qm string, cmds ...string) {
	t.Helper()
	c, err := admin.Dial(qm, nil)
	if err != nil {
		t.Fatalf("admin.Dial %s: %v", qm, err)
	}
	defer c.Close()
	for _, cmd := range cmds {
		lines, failed, err := c.MQSC(cmd)
		if err != nil || failed {
			t.Fatalf("%s on %s: %v %v", cmd, qm, err, lines)
		}
	}
}

// runSender runs the sender in the background; the returned function
// stops it and returns its result.
func (p *pair) runSender(t testing.TB, opts *channel.SenderOptions) func() error {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- channel.RunSender(ctx, p.qm1.MCA(), "QM1.TO.QM2", opts) }()
	var once sync.Once
	var result error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case result = <-done:
			case <-time.After(20 * time.Second):
				result = errors.New("the sender did not stop")
			}
		})
		return result
	}
	t.Cleanup(func() { stop() })
	return stop
}

// putMessages puts n messages with distinct bodies to TO.QM2 on QM1 and
// returns their MsgIds.
func putMessages(t testing.TB, n int, persistence int32, size int) map[string]bool {
	t.Helper()
	qm, obj, done := openQueue(t, "QM1", "TO.QM2", mqi.MQOO_OUTPUT)
	defer done()
	ids := map[string]bool{}
	body := make([]byte, size)
	for i := range n {
		md := mqi.NewMQMD()
		md.Persistence = persistence
		md.Format = mqi.MQFMT_STRING
		pmo := mqi.NewMQPMO()
		pmo.Options = mqi.MQPMO_SYNCPOINT
		copy(body, fmt.Sprintf("message %06d ", i))
		if err := obj.Put(md, pmo, body); err != nil {
			t.Fatalf("put %d: %v", i, err)
		}
		ids[string(md.MsgId)] = true
		if i%100 == 99 || i == n-1 {
			if err := qm.Cmit(); err != nil {
				t.Fatal(err)
			}
		}
	}
	return ids
}

// getAll gets messages from queue q of queue manager qmName until want
// arrived or the time is up, and returns their MsgIds with counts.
func getAll(t testing.TB, qmName, q string, want int, limit time.Duration) map[string]int {
	t.Helper()
	_, obj, done := openQueue(t, qmName, q, mqi.MQOO_INPUT_AS_Q_DEF)
	defer done()
	got := map[string]int{}
	deadline := time.Now().Add(limit)
	buf := make([]byte, 1<<20)
	for n := 0; n < want && time.Now().Before(deadline); {
		md := mqi.NewMQMD()
		gmo := mqi.NewMQGMO()
		gmo.Options = mqi.MQGMO_WAIT | mqi.MQGMO_NO_SYNCPOINT
		gmo.WaitInterval = 200
		if _, _, err := obj.GetSlice(md, gmo, buf); err != nil {
			if errors.Is(err, mqi.ErrNoMsgAvailable) {
				continue
			}
			t.Fatalf("get from %s: %v", q, err)
		}
		got[string(md.MsgId)]++
		n++
	}
	return got
}

// depth returns the current depth of a queue from DISPLAY QLOCAL.
func depth(t testing.TB, qm, q string) string {
	t.Helper()
	c, err := admin.Dial(qm, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	lines, _, err := c.MQSC("DISPLAY QLOCAL(" + q + ") CURDEPTH")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if i := strings.Index(l, "CURDEPTH("); i >= 0 {
			return strings.TrimSuffix(strings.Fields(l[i:])[0], ")")[len("CURDEPTH("):]
		}
	}
	t.Fatalf("no CURDEPTH in %q", lines)
	return ""
}

// errorLog returns queue manager qm's AMQERR01.LOG.
func (p *pair) errorLog(t testing.TB, qm *qmgr.QueueManager) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(qm.Dir(), "errors", "AMQERR01.LOG"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// syncs returns the sender's and the receiver's synchronisation records.
func (p *pair) syncs(t testing.TB) (channel.Sync, channel.Sync) {
	t.Helper()
	def, _ := p.qm1.MCA().Channel("QM1.TO.QM2")
	tx, err := p.qm1.MCA().OpenTransmission(def)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	s, err := tx.Sync()
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.qm2.MCA().ReceiverSync("QM1.TO.QM2")
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

func checkExactlyOnce(t testing.TB, sent map[string]bool, got map[string]int) {
	t.Helper()
	if len(got) != len(sent) {
		t.Errorf("%d distinct messages arrived, want %d", len(got), len(sent))
	}
	for id, n := range got {
		if !sent[id] {
			t.Errorf("message %x arrived but was never sent", id)
		}
		if n != 1 {
			t.Errorf("message %x arrived %d times", id, n)
		}
	}
}

func TestBatchMovesAndSequenceNumbersMatch(t *testing.T) {
	p := newPair(t, "BATCHSZ(10)", nil, nil)
	status := &channel.Status{}
	stop := p.runSender(t, &channel.SenderOptions{Status: status})
	sent := putMessages(t, 95, mqi.MQPER_PERSISTENT, 100)
	got := getAll(t, "QM2", "IN.Q", 95, 20*time.Second)
	checkExactlyOnce(t, sent, got)
	waitFor(t, func() bool { return depth(t, "QM1", "QM2") == "0" }, "the transmission queue to empty")
	if err := stop(); err != nil {
		t.Fatalf("the sender ended with %v", err)
	}
	s, r := p.syncs(t)
	if s.Seq != 95 || r.Seq != 95 || s.LUWID != r.LUWID || s.InDoubt {
		t.Errorf("sender seq %d luwid %x in doubt %v, receiver seq %d luwid %x; want both 95 and equal", s.Seq, s.LUWID, s.InDoubt, r.Seq, r.LUWID)
	}
	v := status.Values()
	if v.Msgs != 95 || v.Batches < 10 || v.LastSeq != 95 || v.RemoteQMgr != "QM2" || v.InDoubt {
		t.Errorf("status %+v", v)
	}
	if log := p.errorLog(t, p.qm1); !strings.Contains(log, "AMQ9002I") || !strings.Contains(log, "AMQ9001I") {
		t.Errorf("QM1's error log lacks the start and normal end of the channel:\n%s", log)
	}
	// The receiving end logs its start, and its end names the partner as
	// IBM's messages do: host(port).
	ended := regexp.MustCompile(`AMQ9001I: Channel 'QM1.TO.QM2' to host '127\.0\.0\.1\(\d+\)' ended`)
	log := p.errorLog(t, p.qm2)
	for wait := time.Now().Add(5 * time.Second); !ended.MatchString(log) && time.Now().Before(wait); log = p.errorLog(t, p.qm2) {
		time.Sleep(20 * time.Millisecond) // the receiver ends just after the sender
	}
	if !strings.Contains(log, "AMQ9002I: Channel 'QM1.TO.QM2' is starting.") || !ended.MatchString(log) {
		t.Errorf("QM2's error log lacks the receiver's start and normal end with the partner as host(port):\n%s", log)
	}
}

func waitFor(t testing.TB, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestChannelErrorsAreLoggedWithIBMIds(t *testing.T) {
	p := newPair(t, "", []string{
		"DEFINE CHANNEL(NOT.THERE) CHLTYPE(SDR) CONNAME('127.0.0.1(1)') XMITQ(QM2)",
	}, []string{"DEFINE CHANNEL(WRONG.TYPE) CHLTYPE(SDR) CONNAME('x') XMITQ(SYSTEM.DEFAULT.LOCAL.QUEUE)"})
	host, port, _ := net.SplitHostPort(p.addr)
	mqsc(t, "QM1",
		fmt.Sprintf("ALTER CHANNEL(NOT.THERE) CHLTYPE(SDR) CONNAME('%s(%s)')", host, port),
		fmt.Sprintf("DEFINE CHANNEL(WRONG.TYPE) CHLTYPE(SDR) CONNAME('%s(%s)') XMITQ(QM2)", host, port))
	run := func(name string) error {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		return channel.RunSender(ctx, p.qm1.MCA(), name, nil)
	}
	for _, tt := range []struct {
		channel      string
		local, other amqmsg.ID
	}{
		{"NOT.THERE", amqmsg.AMQ9520E, amqmsg.AMQ9519E},
		{"WRONG.TYPE", amqmsg.AMQ9547E, amqmsg.AMQ9547E},
	} {
		err := run(tt.channel)
		if !errors.Is(err, &channel.Error{ID: tt.local}) {
			t.Errorf("%s: %v, want %s", tt.channel, err, tt.local)
		}
		if log := p.errorLog(t, p.qm1); !strings.Contains(log, tt.local.String()) {
			t.Errorf("QM1's log lacks %s", tt.local)
		}
		if log := p.errorLog(t, p.qm2); !strings.Contains(log, tt.other.String()) {
			t.Errorf("QM2's log lacks %s", tt.other)
		}
	}
	if err := run("NO.SUCH.CHANNEL"); !errors.Is(err, &channel.Error{ID: amqmsg.AMQ9519E}) {
		t.Errorf("a channel not defined locally: %v", err)
	}
}

func TestSequenceNumberMismatchStopsBothEnds(t *testing.T) {
	p := newPair(t, "", nil, nil)
	if err := p.qm2.MCA().SetReceiverSync("QM1.TO.QM2", channel.Sync{Seq: 7}); err != nil {
		t.Fatal(err)
	}
	putMessages(t, 30, mqi.MQPER_PERSISTENT, 1000)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := channel.RunSender(ctx, p.qm1.MCA(), "QM1.TO.QM2", nil)
	if !errors.Is(err, &channel.Error{ID: amqmsg.AMQ9526E}) {
		t.Fatalf("got %v, want AMQ9526E", err)
	}
	for _, qm := range []*qmgr.QueueManager{p.qm1, p.qm2} {
		if log := p.errorLog(t, qm); !strings.Contains(log, "AMQ9526E") || !strings.Contains(log, "CommentInsert2(1)") || !strings.Contains(log, "CommentInsert3(8)") {
			t.Errorf("%s's log lacks AMQ9526E with the numbers:\n%s", qm.Name(), log)
		}
	}
	if d := depth(t, "QM1", "QM2"); d != "30" {
		t.Errorf("messages left the transmission queue: depth %s", d)
	}
	if d := depth(t, "QM2", "IN.Q"); d != "0" {
		t.Errorf("messages arrived despite the mismatch: depth %s", d)
	}
}

// cutConn is a connection that breaks after a budget of bytes, in either
// direction, as a network failure would.
type cutConn struct {
	net.Conn
	mu   sync.Mutex
	left int
}

func (c *cutConn) spend(n int) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.left <= n {
		n, c.left = c.left, 0
		return n, false
	}
	c.left -= n
	return n, true
}

func (c *cutConn) Write(b []byte) (int, error) {
	n, ok := c.spend(len(b))
	if !ok {
		w, _ := c.Conn.Write(b[:n])
		c.Conn.Close()
		return w, errors.New("cut")
	}
	return c.Conn.Write(b)
}

func (c *cutConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 {
		if m, ok := c.spend(n); !ok {
			c.Conn.Close()
			return m, errors.New("cut")
		}
	}
	return n, err
}

func TestCutConnectionsLoseAndDuplicateNothing(t *testing.T) {
	const total = 600
	p := newPair(t, "BATCHSZ(10)", nil, nil)
	sent := putMessages(t, total, mqi.MQPER_PERSISTENT, 200)
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rnd := newRand(seed)
	cuts := 0
	deadline := time.Now().Add(60 * time.Second)
	for i := 0; i < 200 && depth(t, "QM1", "QM2") != "0"; i++ {
		if time.Now().After(deadline) {
			t.Fatal("the messages did not cross within a minute")
		}
		budget := 300 + rnd.Intn(12000)
		dial := func(ctx context.Context, addr string) (net.Conn, error) {
			nc, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
			if err != nil {
				return nil, err
			}
			return &cutConn{Conn: nc, left: budget}, nil
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := channel.RunSender(ctx, p.qm1.MCA(), "QM1.TO.QM2", &channel.SenderOptions{Dial: dial, ConfirmTimeout: 5 * time.Second})
		cancel()
		if err != nil {
			cuts++
		}
	}
	// A last run without cuts moves what is left and resolves a batch in
	// doubt.
	stop := p.runSender(t, nil)
	waitFor(t, func() bool { return depth(t, "QM1", "QM2") == "0" }, "the transmission queue to empty")
	if err := stop(); err != nil {
		t.Fatalf("the last run ended with %v", err)
	}
	t.Logf("%d runs were cut", cuts)
	if cuts < 5 {
		t.Errorf("only %d runs were cut: the test did not test much", cuts)
	}
	got := getAll(t, "QM2", "IN.Q", total, 10*time.Second)
	checkExactlyOnce(t, sent, got)
	if d := depth(t, "QM2", "IN.Q"); d != "0" {
		t.Errorf("IN.Q still holds %s messages: duplicates", d)
	}
	s, r := p.syncs(t)
	if s.InDoubt || s.Seq != r.Seq || s.LUWID != r.LUWID {
		t.Errorf("sender %+v, receiver %+v: want matching and not in doubt", s, r)
	}
}

func newRand(seed int64) *rand.Rand { return rand.New(rand.NewSource(seed)) }

// readCut is a connection whose reads break once the sender has written
// writes segments' worth of bytes: the batch went out, the confirmation
// never arrives.
type readCut struct {
	net.Conn
	mu      sync.Mutex
	written int
	after   int
}

func (c *readCut) Write(b []byte) (int, error) {
	c.mu.Lock()
	c.written += len(b)
	c.mu.Unlock()
	return c.Conn.Write(b)
}

func (c *readCut) Read(b []byte) (int, error) {
	c.mu.Lock()
	done := c.written >= c.after
	c.mu.Unlock()
	if done {
		// Let the receiver read and commit the batch first.
		time.Sleep(300 * time.Millisecond)
		c.Conn.Close()
		return 0, errors.New("cut before the confirmation")
	}
	return c.Conn.Read(b)
}

func TestInDoubtBatchIsResolvedByCommandOrAtStart(t *testing.T) {
	for _, tt := range []struct {
		name      string
		commit    bool // what RESOLVE CHANNEL does; the receiver did commit
		byCommand bool
	}{
		{"RESOLVE COMMIT", true, true},
		{"restart resolves", false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := newPair(t, "BATCHSZ(5)", nil, nil)
			sent := putMessages(t, 5, mqi.MQPER_PERSISTENT, 50)
			var size int
			dial := func(ctx context.Context, addr string) (net.Conn, error) {
				nc, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
				if err != nil {
					return nil, err
				}
				// ID and RESYNC first, then 5 MESSAGE_DATA segments.
				size = 268 + 48 + 5*(28+20+104+364+50)
				return &readCut{Conn: nc, after: size}, nil
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			err := channel.RunSender(ctx, p.qm1.MCA(), "QM1.TO.QM2", &channel.SenderOptions{Dial: dial})
			if err == nil {
				t.Fatal("the sender did not notice the cut")
			}
			s, err := p.qm1.ChannelSync("QM1.TO.QM2")
			if err != nil {
				t.Fatal(err)
			}
			if !s.InDoubt || s.InDoubtSeq != 5 {
				t.Fatalf("sender record %+v, want in doubt at 5", s)
			}
			if d := depth(t, "QM1", "QM2"); d != "5" {
				t.Fatalf("transmission queue depth %s while in doubt, want 5", d)
			}
			if tt.byCommand {
				if err := p.qm1.ResolveChannel("QM1.TO.QM2", tt.commit); err != nil {
					t.Fatal(err)
				}
				if err := p.qm1.ResolveChannel("QM1.TO.QM2", tt.commit); !errors.Is(err, qmgr.ErrNotInDoubt) {
					t.Errorf("second RESOLVE: %v, want not in doubt", err)
				}
			}
			stop := p.runSender(t, nil)
			got := getAll(t, "QM2", "IN.Q", 5, 10*time.Second)
			waitFor(t, func() bool { return depth(t, "QM1", "QM2") == "0" }, "the transmission queue to empty")
			if err := stop(); err != nil {
				t.Fatal(err)
			}
			checkExactlyOnce(t, sent, got)
			if d := depth(t, "QM2", "IN.Q"); d != "0" {
				t.Errorf("%s more messages arrived: duplicates", d)
			}
			s, r := p.syncs(t)
			if s.InDoubt || s.Seq != 5 || r.Seq != 5 {
				t.Errorf("sender %+v receiver %+v", s, r)
			}
		})
	}
}

func TestUndeliverableMessagesGoToTheDeadLetterQueue(t *testing.T) {
	p := newPair(t, "", []string{
		"DEFINE QREMOTE(TO.NOWHERE) RNAME(NO.SUCH.Q) RQMNAME(QM2)",
	}, []string{
		"DEFINE QLOCAL(DLQ)",
		"ALTER QMGR DEADQ(DLQ)",
	})
	qm, err := mqi.Conn("QM1")
	if err != nil {
		t.Fatal(err)
	}
	defer qm.Disc()
	od := mqi.NewMQOD()
	od.ObjectName = "TO.NOWHERE"
	md := mqi.NewMQMD()
	md.Format = mqi.MQFMT_STRING
	md.Persistence = mqi.MQPER_PERSISTENT
	if err := qm.Put1(od, md, mqi.NewMQPMO(), []byte("lost soul")); err != nil {
		t.Fatal(err)
	}
	stop := p.runSender(t, nil)
	waitFor(t, func() bool { return depth(t, "QM2", "DLQ") == "1" }, "the dead-letter queue to get the message")
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	dlh, gmd, data := deadLetter(t, "QM2", "DLQ")
	if dlh.Reason != mqi.MQRC_UNKNOWN_OBJECT_NAME || dlh.DestQName != "NO.SUCH.Q" || dlh.DestQMgrName != "QM2" || string(data) != "lost soul" {
		t.Errorf("MQDLH reason %d dest %s at %s, data %q", dlh.Reason, dlh.DestQName, dlh.DestQMgrName, data)
	}
	if string(gmd.MsgId) != string(md.MsgId) {
		t.Errorf("the dead letter's MsgId %x, want the original %x", gmd.MsgId, md.MsgId)
	}
	if log := p.errorLog(t, p.qm2); !strings.Contains(log, "AMQ9544E") {
		t.Errorf("QM2's log lacks AMQ9544E")
	}
}

func TestNoDeadLetterQueueStopsTheChannel(t *testing.T) {
	p := newPair(t, "", []string{"DEFINE QREMOTE(TO.NOWHERE) RNAME(NO.SUCH.Q) RQMNAME(QM2)"}, nil)
	qm, err := mqi.Conn("QM1")
	if err != nil {
		t.Fatal(err)
	}
	defer qm.Disc()
	od := mqi.NewMQOD()
	od.ObjectName = "TO.NOWHERE"
	md := mqi.NewMQMD()
	md.Persistence = mqi.MQPER_PERSISTENT
	if err := qm.Put1(od, md, mqi.NewMQPMO(), []byte("x")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := channel.RunSender(ctx, p.qm1.MCA(), "QM1.TO.QM2", nil); !errors.Is(err, &channel.Error{ID: amqmsg.AMQ9506E}) {
		t.Errorf("sender: %v, want AMQ9506E", err)
	}
	waitFor(t, func() bool { return strings.Contains(p.errorLog(t, p.qm2), "AMQ9565E") }, "AMQ9565E in QM2's log")
	if d := depth(t, "QM1", "QM2"); d != "1" {
		t.Errorf("the message left the transmission queue: depth %s", d)
	}
}

func TestFastNonPersistentMessagesAndHeartbeats(t *testing.T) {
	p := newPair(t, "BATCHSZ(20) HBINT(1) NPMSPEED(FAST)", nil, []string{"ALTER CHANNEL(QM1.TO.QM2) CHLTYPE(RCVR) HBINT(1)"})
	status := &channel.Status{}
	stop := p.runSender(t, &channel.SenderOptions{Status: status})
	sent := putMessages(t, 50, mqi.MQPER_NOT_PERSISTENT, 100)
	got := getAll(t, "QM2", "IN.Q", 50, 20*time.Second)
	checkExactlyOnce(t, sent, got)
	// Idle for more than two heartbeat intervals: the channel stays up.
	time.Sleep(2500 * time.Millisecond)
	if v := status.Values(); v.State != channel.StateRunning || v.Heartbeat != time.Second {
		t.Errorf("status after idling %+v", v)
	}
	more := putMessages(t, 3, mqi.MQPER_PERSISTENT, 10)
	checkExactlyOnce(t, more, getAll(t, "QM2", "IN.Q", 3, 10*time.Second))
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	s, r := p.syncs(t)
	if s.Seq != 53 || r.Seq != 53 {
		t.Errorf("sequence numbers %d and %d, want 53", s.Seq, r.Seq)
	}
}

// mqscLines runs one command and returns its reply lines and whether it
// failed.
func mqscLines(t testing.TB, qm, cmd string) (string, bool) {
	t.Helper()
	c, err := admin.Dial(qm, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	lines, failed, err := c.MQSC(cmd)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n"), failed
}

func TestOperatorCommandsRunAndShowTheChannel(t *testing.T) {
	p := newPair(t, "BATCHSZ(7) SHORTRTY(1) SHORTTMR(1)", nil, nil)
	expect := func(qm, cmd string, wantFail bool, want ...string) string {
		t.Helper()
		out, failed := mqscLines(t, qm, cmd)
		if failed != wantFail {
			t.Errorf("%s: failed %v, want %v:\n%s", cmd, failed, wantFail, out)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: no %q in\n%s", cmd, w, out)
			}
		}
		return out
	}
	expect("QM1", "DISPLAY CHSTATUS(QM1.TO.QM2)", true, "AMQ8420I: Channel Status not found.")
	expect("QM1", "PING CHANNEL(QM1.TO.QM2) DATALEN(100)", false, "AMQ8020I: Ping IBM MQ channel complete.")
	expect("QM1", "STOP CHANNEL(QM1.TO.QM2)", true, "AMQ9533E")
	expect("QM1", "START CHANNEL(NO.SUCH)", true, "AMQ8227E")
	expect("QM1", "START CHANNEL(QM1.TO.QM2)", false, "AMQ8018I: Start IBM MQ channel accepted.")
	expect("QM1", "START CHANNEL(QM1.TO.QM2)", true, "AMQ9514E: Channel 'QM1.TO.QM2' is in use.")
	expect("QM1", "PING CHANNEL(QM1.TO.QM2)", true, "AMQ9514E")
	sent := putMessages(t, 30, mqi.MQPER_PERSISTENT, 20)
	checkExactlyOnce(t, sent, getAll(t, "QM2", "IN.Q", 30, 20*time.Second))
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(QM1.TO.QM2) MSGS")
		return strings.Contains(out, "MSGS(30)")
	}, "MSGS(30)")
	expect("QM1", "DISPLAY CHSTATUS(QM1.*) ALL", false,
		"AMQ8417I: Display Channel Status details.", "CHANNEL(QM1.TO.QM2)", "CHLTYPE(SDR)", "STATUS(RUNNING)",
		"RQMNAME(QM2)", "XMITQ(QM2)", "INDOUBT(NO)", "CURSEQNO(30)", "LSTSEQNO(30)", "BATCHES(", "BATCHSZ(7)", "XQMSGSA(0)", "SUBSTATE(MQGET)")
	expect("QM2", "DISPLAY CHSTATUS(*) ALL", false, "CHLTYPE(RCVR)", "STATUS(RUNNING)", "LSTSEQNO(30)", "MSGS(30)")
	expect("QM1", "RESOLVE CHANNEL(QM1.TO.QM2) ACTION(COMMIT)", false)
	expect("QM1", "STOP CHANNEL(QM1.TO.QM2)", false, "AMQ8019I: Stop IBM MQ channel accepted.")
	expect("QM1", "DISPLAY CHSTATUS(QM1.TO.QM2)", false, "STATUS(STOPPED)")
	expect("QM1", "DISPLAY CHSTATUS(QM1.TO.QM2) SAVED", false, "CHANNEL(QM1.TO.QM2)", "SAVED", "LSTSEQNO(30)", "CURSEQNO(30)", "INDOUBT(NO)", "XMITQ(QM2)")
	expect("QM2", "DISPLAY CHSTATUS(*) SAVED", false, "CHLTYPE(RCVR)", "LSTSEQNO(30)")
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM2", "DISPLAY CHSTATUS(QM1.TO.QM2)")
		return strings.Contains(out, "AMQ8420I")
	}, "the receiver to end")

	// RESET on the receiver only: the next start meets a sequence error.
	expect("QM2", "RESET CHANNEL(QM1.TO.QM2) SEQNUM(100)", false, "AMQ8023I: IBM MQ channel reset.")
	putMessages(t, 1, mqi.MQPER_PERSISTENT, 20)
	expect("QM1", "START CHANNEL(QM1.TO.QM2)", false, "AMQ8018I")
	waitFor(t, func() bool { return strings.Contains(p.errorLog(t, p.qm2), "AMQ9526E") }, "AMQ9526E at QM2")
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(QM1.TO.QM2)")
		return strings.Contains(out, "STATUS(RETRYING)") || strings.Contains(out, "STATUS(STOPPED)")
	}, "the sender to retry")
	expect("QM1", "STOP CHANNEL(QM1.TO.QM2)", false)
	// RESET on the sender passes the number on: the channel runs again.
	expect("QM1", "RESET CHANNEL(QM1.TO.QM2) SEQNUM(100)", false, "AMQ8023I")
	expect("QM1", "START CHANNEL(QM1.TO.QM2)", false)
	got := getAll(t, "QM2", "IN.Q", 1, 20*time.Second)
	if len(got) != 1 {
		t.Fatalf("after the resets %d messages arrived, want 1", len(got))
	}
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(QM1.TO.QM2) LSTSEQNO")
		return strings.Contains(out, "LSTSEQNO(100)")
	}, "LSTSEQNO(100)")
	expect("QM1", "STOP CHANNEL(QM1.TO.QM2) STATUS(INACTIVE)", false)
	expect("QM1", "DISPLAY CHSTATUS(QM1.TO.QM2)", true, "AMQ8420I")

	// A receiver left STOPPED refuses its partner (AMQ9558E).
	expect("QM2", "STOP CHANNEL(QM1.TO.QM2)", false)
	expect("QM2", "DISPLAY CHSTATUS(QM1.TO.QM2)", false, "STATUS(STOPPED)")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := channel.RunSender(ctx, p.qm1.MCA(), "QM1.TO.QM2", nil); !errors.Is(err, &channel.Error{ID: amqmsg.AMQ9558E}) {
		t.Errorf("sender to a stopped receiver: %v, want AMQ9558E", err)
	}
	expect("QM1", "PING CHANNEL(QM1.TO.QM2)", true, "AMQ9999E")
	expect("QM2", "START CHANNEL(QM1.TO.QM2)", false)
}

// restart ends a queue manager immediately and starts it again from its
// data: what it recovers is what its log and store hold.
func (p *pair) restart(t testing.TB, qm **qmgr.QueueManager) {
	t.Helper()
	name := (*qm).Name()
	if err := (*qm).Close(); err != nil {
		t.Fatalf("Close %s: %v", name, err)
	}
	again, err := qmgr.Start(p.layout, name, qmgr.StartOptions{Program: "channel.test"})
	if err != nil {
		t.Fatalf("restart %s: %v", name, err)
	}
	t.Cleanup(func() { again.Close() })
	p.mu.Lock()
	*qm = again
	p.mu.Unlock()
}

func TestRestartsOfEitherQueueManagerLoseAndDuplicateNothing(t *testing.T) {
	const total = 3000
	p := newPair(t, "BATCHSZ(20)", nil, nil)
	sent := putMessages(t, total, mqi.MQPER_PERSISTENT, 1024)
	restarts := 0
	for round := 0; round < 8 && depth(t, "QM1", "QM2") != "0"; round++ {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		qm1 := p.qm1
		go func() { done <- channel.RunSender(ctx, qm1.MCA(), "QM1.TO.QM2", nil) }()
		time.Sleep(time.Duration(20+10*round) * time.Millisecond)
		// Alternately end the receiving and the sending queue manager
		// while the channel runs.
		if round%2 == 0 {
			p.restart(t, &p.qm2)
		} else {
			p.restart(t, &p.qm1)
		}
		cancel()
		<-done
		restarts++
		t.Logf("after restart %d the transmission queue holds %s", restarts, depth(t, "QM1", "QM2"))
	}
	if restarts < 2 {
		t.Errorf("only %d restarts happened while messages were moving", restarts)
	}
	stop := p.runSender(t, nil)
	waitFor(t, func() bool { return depth(t, "QM1", "QM2") == "0" }, "the transmission queue to empty")
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	checkExactlyOnce(t, sent, getAll(t, "QM2", "IN.Q", total, 10*time.Second))
	if d := depth(t, "QM2", "IN.Q"); d != "0" {
		t.Errorf("%s more messages arrived: duplicates", d)
	}
	s, r := p.syncs(t)
	if s.InDoubt || s.Seq != r.Seq || s.Seq != total {
		t.Errorf("sender %+v receiver %+v, want both at %d", s, r, total)
	}
}

// listen hands the connections of a new loopback listener to qm until the
// test ends, and returns its CONNAME.
func listen(t testing.TB, qm **qmgr.QueueManager) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			(*qm).ServeChannel(nc, nil)
		}
	}()
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	return host + "(" + port + ")"
}

func TestMultiHopThroughAQueueManagerAlias(t *testing.T) {
	p := newPair(t, "", []string{
		// QM3 is reached through QM2: a queue manager alias on QM1.
		"DEFINE QREMOTE(QM3) RNAME(' ') RQMNAME(QM3) XMITQ(QM2)",
		"DEFINE QREMOTE(TO.QM3) RNAME(FINAL.Q) RQMNAME(QM3)",
	}, []string{"DEFINE QLOCAL(QM3) USAGE(XMITQ)"})
	qm3 := startQM(t, p.layout, "QM3")
	conn3 := listen(t, &qm3)
	mqsc(t, "QM2", "DEFINE CHANNEL(QM2.TO.QM3) CHLTYPE(SDR) CONNAME('"+conn3+"') XMITQ(QM3)")
	mqsc(t, "QM3", "DEFINE QLOCAL(FINAL.Q)", "DEFINE CHANNEL(QM2.TO.QM3) CHLTYPE(RCVR)")
	stop1 := p.runSender(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- channel.RunSender(ctx, p.qm2.MCA(), "QM2.TO.QM3", nil) }()
	defer func() { cancel(); <-done }()

	qm, err := mqi.Conn("QM1")
	if err != nil {
		t.Fatal(err)
	}
	defer qm.Disc()
	mds := map[string]*mqi.MQMD{}
	for _, target := range [][2]string{{"TO.QM3", ""}, {"FINAL.Q", "QM3"}} {
		od := mqi.NewMQOD()
		od.ObjectName, od.ObjectQMgrName = target[0], target[1]
		md := mqi.NewMQMD()
		md.Persistence = mqi.MQPER_PERSISTENT
		md.ReplyToQ = "REPLIES"
		if err := qm.Put1(od, md, mqi.NewMQPMO(), []byte("hop "+target[0])); err != nil {
			t.Fatalf("put to %s at %q: %v", target[0], target[1], err)
		}
		mds[string(md.MsgId)] = md
	}
	q3, err := mqi.Conn("QM3")
	if err != nil {
		t.Fatal(err)
	}
	defer q3.Disc()
	od := mqi.NewMQOD()
	od.ObjectName = "FINAL.Q"
	in, err := q3.Open(od, mqi.MQOO_INPUT_AS_Q_DEF)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close(0)
	for range 2 {
		md := mqi.NewMQMD()
		gmo := mqi.NewMQGMO()
		gmo.Options = mqi.MQGMO_WAIT
		gmo.WaitInterval = 20000
		data, _, err := in.GetSlice(md, gmo, make([]byte, 100))
		if err != nil {
			t.Fatalf("get at QM3: %v", err)
		}
		put := mds[string(md.MsgId)]
		if put == nil {
			t.Fatalf("unexpected message %q at QM3", data)
		}
		if md.ReplyToQMgr != "QM1" || md.ReplyToQ != "REPLIES" || md.PutApplName != put.PutApplName || md.Format != put.Format {
			t.Errorf("at QM3: ReplyTo %s at %s, PutApplName %q, Format %q", md.ReplyToQ, md.ReplyToQMgr, md.PutApplName, md.Format)
		}
		delete(mds, string(md.MsgId))
	}
	if err := stop1(); err != nil {
		t.Fatal(err)
	}
}

func TestMessageRetryBeforeTheDeadLetterQueue(t *testing.T) {
	p := newPair(t, "", nil, []string{
		"DEFINE QLOCAL(DLQ)", "ALTER QMGR DEADQ(DLQ)",
		"ALTER QLOCAL(IN.Q) PUT(DISABLED)",
		"ALTER CHANNEL(QM1.TO.QM2) CHLTYPE(RCVR) MRRTY(3) MRTMR(100)",
	})
	stop := p.runSender(t, nil)
	start := time.Now()
	putMessages(t, 1, mqi.MQPER_PERSISTENT, 10)
	waitFor(t, func() bool { return depth(t, "QM2", "DLQ") == "1" }, "the dead-letter queue")
	if took := time.Since(start); took < 300*time.Millisecond {
		t.Errorf("the message reached the dead-letter queue after %v: fewer than 3 retries 100 ms apart", took)
	}
	// A queue that lets puts in again while the receiver retries gets the
	// message.
	mqsc(t, "QM2", "ALTER CHANNEL(QM1.TO.QM2) CHLTYPE(RCVR) MRRTY(100) MRTMR(100)")
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	stop = p.runSender(t, nil)
	sent := putMessages(t, 1, mqi.MQPER_PERSISTENT, 10)
	time.Sleep(300 * time.Millisecond)
	mqsc(t, "QM2", "ALTER QLOCAL(IN.Q) PUT(ENABLED)")
	checkExactlyOnce(t, sent, getAll(t, "QM2", "IN.Q", 1, 20*time.Second))
	if d := depth(t, "QM2", "DLQ"); d != "1" {
		t.Errorf("dead-letter queue depth %s, want 1", d)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

func TestDisconnectIntervalEndsAnIdleSender(t *testing.T) {
	p := newPair(t, "DISCINT(1)", nil, nil)
	mqsc(t, "QM1", "START CHANNEL(QM1.TO.QM2)")
	sent := putMessages(t, 2, mqi.MQPER_PERSISTENT, 10)
	checkExactlyOnce(t, sent, getAll(t, "QM2", "IN.Q", 2, 10*time.Second))
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(QM1.TO.QM2)")
		return strings.Contains(out, "AMQ8420I")
	}, "the idle sender to end")
	log := p.errorLog(t, p.qm1)
	if !strings.Contains(log, "AMQ9545E") || !strings.Contains(log, "AMQ9001I") {
		t.Errorf("QM1's log lacks AMQ9545E and AMQ9001I")
	}
	// A second instance of a running sender is refused (START CHANNEL
	// only starts it: wait until it runs).
	mqsc(t, "QM1", "START CHANNEL(QM1.TO.QM2)")
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(QM1.TO.QM2)")
		return strings.Contains(out, "STATUS(RUNNING)")
	}, "the sender to run")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := channel.RunSender(ctx, p.qm1.MCA(), "QM1.TO.QM2", nil); !errors.Is(err, &channel.Error{ID: amqmsg.AMQ9514E}) {
		t.Errorf("second instance: %v, want AMQ9514E", err)
	}
}

func TestTriggeredTransmissionQueueStartsTheChannel(t *testing.T) {
	p := newPair(t, "DISCINT(1)", []string{
		"ALTER QLOCAL(QM2) TRIGGER TRIGTYPE(FIRST) INITQ(SYSTEM.CHANNEL.INITQ) TRIGDATA(QM1.TO.QM2)",
	}, nil)
	for round := range 2 {
		sent := putMessages(t, 5, mqi.MQPER_PERSISTENT, 10)
		checkExactlyOnce(t, sent, getAll(t, "QM2", "IN.Q", 5, 10*time.Second))
		// DISCINT ends the idle channel; the next message starts it again.
		waitFor(t, func() bool {
			out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(QM1.TO.QM2)")
			return strings.Contains(out, "AMQ8420I")
		}, fmt.Sprintf("the channel to end after round %d", round))
	}
	if n := strings.Count(p.errorLog(t, p.qm1), "AMQ9545E"); n != 2 {
		t.Errorf("%d disconnect-interval ends logged, want 2", n)
	}
}

func TestRetriesRunOutAndTheChannelStops(t *testing.T) {
	p := newPair(t, "", []string{
		"DEFINE CHANNEL(TO.NOBODY) CHLTYPE(SDR) CONNAME('127.0.0.1(1)') XMITQ(QM2) SHORTRTY(2) SHORTTMR(0) LONGRTY(1) LONGTMR(1)",
	}, nil)
	start := time.Now()
	mqsc(t, "QM1", "START CHANNEL(TO.NOBODY)")
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(TO.NOBODY)")
		return strings.Contains(out, "STATUS(STOPPED)")
	}, "the channel to stop after its retries")
	if took := time.Since(start); took < time.Second {
		t.Errorf("stopped after %v: the long retry waits LONGTMR(1)", took)
	}
	if n := strings.Count(p.errorLog(t, p.qm1), "AMQ9202E"); n != 4 {
		t.Errorf("%d connection attempts logged, want 4 (the first, two short and one long retry)", n)
	}
}

func TestMessageTooBigForTheChannelGoesToTheSendersDeadLetterQueue(t *testing.T) {
	p := newPair(t, "MAXMSGL(1000)", []string{"DEFINE QLOCAL(DLQ)", "ALTER QMGR DEADQ(DLQ)"}, nil)
	stop := p.runSender(t, nil)
	big := putMessages(t, 1, mqi.MQPER_PERSISTENT, 2000)
	small := putMessages(t, 1, mqi.MQPER_PERSISTENT, 10)
	checkExactlyOnce(t, small, getAll(t, "QM2", "IN.Q", 1, 10*time.Second))
	dlh, md, _ := deadLetter(t, "QM1", "DLQ")
	if dlh.Reason != mqi.MQRC_MSG_TOO_BIG_FOR_CHANNEL || dlh.DestQName != "IN.Q" || dlh.DestQMgrName != "QM2" || !big[string(md.MsgId)] {
		t.Errorf("dead letter at QM1: reason %d for %s at %s, MsgId %x", dlh.Reason, dlh.DestQName, dlh.DestQMgrName, md.MsgId)
	}
	waitFor(t, func() bool { return depth(t, "QM1", "QM2") == "0" }, "the transmission queue to empty")
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	s, r := p.syncs(t)
	if s.Seq != 1 || r.Seq != 1 {
		t.Errorf("sequence numbers %d and %d: the dead letter must not take one", s.Seq, r.Seq)
	}
}

// deadLetter gets the next message from a dead-letter queue and returns
// its MQDLH, descriptor and the data after the header.
func deadLetter(t testing.TB, qmName, q string) (*mqi.MQDLH, *mqi.MQMD, []byte) {
	t.Helper()
	_, dlq, done := openQueue(t, qmName, q, mqi.MQOO_INPUT_AS_Q_DEF)
	defer done()
	md := mqi.NewMQMD()
	gmo := mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_WAIT
	gmo.WaitInterval = 10000
	data, _, err := dlq.GetSlice(md, gmo, make([]byte, 1<<16))
	if err != nil {
		t.Fatal(err)
	}
	hdr, n, err := mqi.GetHeader(md, data)
	if err != nil {
		t.Fatal(err)
	}
	return hdr.(*mqi.MQDLH), md, data[n:]
}

// openQueue connects to queue manager qmName and opens queue q; done
// closes both.
func openQueue(t testing.TB, qmName, q string, options int32) (mqi.MQQueueManager, mqi.MQObject, func()) {
	t.Helper()
	qm, err := mqi.Conn(qmName)
	if err != nil {
		t.Fatal(err)
	}
	od := mqi.NewMQOD()
	od.ObjectName = q
	obj, err := qm.Open(od, options)
	if err != nil {
		qm.Disc()
		t.Fatal(err)
	}
	return qm, obj, func() { obj.Close(0); qm.Disc() }
}

// TestLazyRecordsAgreeAfterLoss: a batch without persistent messages
// records the channel's numbers at both ends without waiting for the
// disk (Sync.Lazy). When a crash has left the two ends' records apart by
// such batches, the next start goes on from the receiver's number
// instead of stopping with AMQ9526E, and persistent messages then cross
// exactly once; a persistent batch's record is not lazy.
func TestLazyRecordsAgreeAfterLoss(t *testing.T) {
	p := newPair(t, "", nil, nil)
	putMessages(t, 20, mqi.MQPER_NOT_PERSISTENT, 100)
	stop := p.runSender(t, nil)
	if got := getAll(t, "QM2", "IN.Q", 20, 20*time.Second); len(got) != 20 {
		t.Fatalf("%d non-persistent messages arrived, want 20", len(got))
	}
	if err := stop(); err != nil {
		t.Fatalf("sender: %v", err)
	}
	rs, err := p.qm2.MCA().ReceiverSync("QM1.TO.QM2")
	if err != nil || !rs.Lazy || rs.Seq != 20 {
		t.Fatalf("receiver's record after a non-persistent batch: %+v, %v; want Seq 20, Lazy", rs, err)
	}
	// What a crash of QM2 before its lazy record reached the disk leaves
	// behind: the record of an earlier batch.
	if err := p.qm2.MCA().SetReceiverSync("QM1.TO.QM2", channel.Sync{Seq: 7}); err != nil {
		t.Fatal(err)
	}
	ids := putMessages(t, 30, mqi.MQPER_PERSISTENT, 100)
	stop = p.runSender(t, nil)
	got := getAll(t, "QM2", "IN.Q", 30, 20*time.Second)
	if err := stop(); err != nil {
		t.Fatalf("sender after the loss: %v", err)
	}
	if len(got) != 30 {
		t.Fatalf("%d persistent messages arrived, want 30", len(got))
	}
	for id, n := range got {
		if !ids[id] || n != 1 {
			t.Errorf("message %x arrived %d times (sent: %v)", id, n, ids[id])
		}
	}
	for _, qm := range []*qmgr.QueueManager{p.qm1, p.qm2} {
		if log := p.errorLog(t, qm); strings.Contains(log, "AMQ9526E") {
			t.Errorf("%s logged a sequence number mismatch:\n%s", qm.Name(), log)
		}
	}
	rs, err = p.qm2.MCA().ReceiverSync("QM1.TO.QM2")
	if err != nil || rs.Lazy || rs.Seq != 37 {
		t.Errorf("receiver's record after the persistent batch: %+v, %v; want Seq 37, not lazy", rs, err)
	}
}
