package crashtest

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

// The channel failure tests: QM1 sends persistent messages to QM2 over a
// sender/receiver pair, through a TCP proxy on 127.0.0.1 that the test
// can cut, while the test kills either queue manager with SIGKILL. A
// persistent message crosses exactly once whatever fails.

const channelName = "QM1.TO.QM2"

// channelPair is QM1 (the sending queue manager, e.qm) and QM2 (the
// receiving one) in one data root, joined through proxy.
type channelPair struct {
	t     *testing.T
	e     *qmEnv
	qm2   *qmProc
	proxy *tcpProxy
	port  int // QM2's listener
}

// newChannelPair creates and starts QM1 and QM2 and defines the channel:
// a remote queue TO.QM2 on QM1 for IN.Q on QM2, transmission queue QM2,
// the sender with BATCHSZ(50) retrying every second, and on QM2 a
// listener and the receiver. The channel is not started.
func newChannelPair(t *testing.T) *channelPair {
	t.Helper()
	e := newQMEnv(t)
	t.Setenv("MQ_OVERRIDE_DATA_PATH", e.root)
	c := &channelPair{t: t, e: e}
	t.Cleanup(func() {
		if c.qm2 != nil {
			c.qm2.kill()
		}
	})
	e.mustRun("", "crtmqm", "QM1")
	e.mustRun("", "crtmqm", "QM2")
	e.mustStartQM()
	c.startQM2()
	port := freePort(t)
	c.port = port
	c.mqsc("QM2",
		"DEFINE QLOCAL(IN.Q) MAXDEPTH(50000)",
		fmt.Sprintf("DEFINE LISTENER(TCP.IN) TRPTYPE(TCP) PORT(%d) IPADDR(127.0.0.1) CONTROL(QMGR)", port),
		"START LISTENER(TCP.IN)",
		"DEFINE CHANNEL("+channelName+") CHLTYPE(RCVR)")
	c.proxy = startProxy(t, net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	c.mqsc("QM1",
		"DEFINE QLOCAL(QM2) USAGE(XMITQ) MAXDEPTH(50000)",
		"DEFINE QREMOTE(TO.QM2) RNAME(IN.Q) RQMNAME(QM2)",
		fmt.Sprintf("DEFINE CHANNEL(%s) CHLTYPE(SDR) CONNAME('127.0.0.1(%d)') XMITQ(QM2) BATCHSZ(50) SHORTRTY(10000) SHORTTMR(1)", channelName, c.proxy.port()))
	return c
}

// freePort returns a port of 127.0.0.1 that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// mqsc runs MQSC commands against a queue manager and fails the test
// unless runmqsc exits with 0.
func (c *channelPair) mqsc(qmgr string, cmds ...string) string {
	c.t.Helper()
	return c.e.mustRun(strings.Join(cmds, "\n")+"\n", "runmqsc", qmgr)
}

// startQM2 runs strmqm -f QM2 and waits until it has started.
func (c *channelPair) startQM2() {
	c.t.Helper()
	p, err := c.e.spawnStrmqm("QM2")
	if err != nil {
		c.t.Fatal(err)
	}
	select {
	case <-p.started:
		c.qm2 = p
	case <-p.exited:
		c.t.Fatalf("strmqm -f QM2 ended before it started (%v):\n%s", p.err, p.output())
	case <-time.After(60 * time.Second):
		p.kill()
		c.t.Fatalf("strmqm -f QM2 did not start within 60s:\n%s", p.output())
	}
}

func (c *channelPair) killQM2() {
	c.qm2.kill()
	c.qm2 = nil
}

func (c *channelPair) startChannel() {
	c.t.Helper()
	c.mqsc("QM1", "START CHANNEL("+channelName+")")
}

var curdepthRE = regexp.MustCompile(`CURDEPTH\((\d+)\)`)

// depth is a queue's CURDEPTH, or -1 when runmqsc cannot tell (the queue
// manager is down).
func (c *channelPair) depth(qmgr, q string) int {
	out, code := c.e.run("DISPLAY QLOCAL("+q+") CURDEPTH\n", "runmqsc", qmgr)
	m := curdepthRE.FindStringSubmatch(out)
	if code != 0 || m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// waitFor polls cond every 50 ms until it holds or the timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var fieldRE = regexp.MustCompile(`([A-Z]+)\(([^)]*)\)`)

// saved is the channel's DISPLAY CHSTATUS SAVED record at a queue
// manager: INDOUBT, CURSEQNO, LSTSEQNO, CURLUWID, LSTLUWID ...
func (c *channelPair) saved(qmgr string) map[string]string {
	c.t.Helper()
	out := c.mqsc(qmgr, "DISPLAY CHSTATUS("+channelName+") SAVED")
	f := map[string]string{}
	for _, m := range fieldRE.FindAllStringSubmatch(out, -1) {
		f[m[1]] = strings.TrimSpace(m[2])
	}
	if f["INDOUBT"] == "" {
		c.t.Fatalf("DISPLAY CHSTATUS SAVED at %s shows no INDOUBT:\n%s", qmgr, out)
	}
	return f
}

// putChunk puts persistent messages with the given ids to TO.QM2 at QM1
// in units of work of 10 until done or a call fails (QM1 was killed):
// committed are the ids whose MQCMIT returned, uncertain those of a unit
// whose MQCMIT failed (it may or may not have committed). A failed MQPUT
// leaves its unit uncommitted, backed out when QM1 restarts.
func putChunk(ids []string) (committed, uncertain []string, err error) {
	qm, obj, err := openRemote()
	if err != nil {
		return nil, nil, err
	}
	defer qm.Disc()
	defer obj.Close(0)
	unit := 0
	for i, id := range ids {
		md := mqi.NewMQMD()
		md.Persistence = mqi.MQPER_PERSISTENT
		md.Format = mqi.MQFMT_STRING
		pmo := mqi.NewMQPMO()
		pmo.Options = mqi.MQPMO_SYNCPOINT | mqi.MQPMO_NEW_MSG_ID
		if err := obj.Put(md, pmo, Body(id, 200)); err != nil {
			return committed, nil, fmt.Errorf("MQPUT %s: %w", id, err)
		}
		if i%10 == 9 || i == len(ids)-1 {
			// Both slices are capped: a caller appending to committed must
			// not write over the ids of uncertain or of the rest.
			if err := qm.Cmit(); err != nil {
				return committed, ids[unit : i+1 : i+1], fmt.Errorf("MQCMIT: %w", err)
			}
			committed, unit = ids[:i+1:i+1], i+1
		}
	}
	return committed, nil, nil
}

// openRemote connects to QM1 and opens TO.QM2 for output.
func openRemote() (mqi.MQQueueManager, mqi.MQObject, error) {
	qm, err := mqi.Conn("QM1")
	if err != nil {
		return qm, mqi.MQObject{}, fmt.Errorf("MQCONN QM1: %w", err)
	}
	od := mqi.NewMQOD()
	od.ObjectName = "TO.QM2"
	obj, err := qm.Open(od, mqi.MQOO_OUTPUT)
	if err != nil {
		qm.Disc()
		return qm, obj, fmt.Errorf("MQOPEN TO.QM2: %w", err)
	}
	return qm, obj, nil
}

// put puts persistent messages with the given ids to TO.QM2 at QM1 in
// units of work of 100.
func (c *channelPair) put(ids []string) {
	c.t.Helper()
	c.putAs(ids, mqi.MQPER_PERSISTENT)
}

// putAs is put with the given persistence.
func (c *channelPair) putAs(ids []string, persistence int32) {
	c.t.Helper()
	qm, obj, err := openRemote()
	if err != nil {
		c.t.Fatal(err)
	}
	defer qm.Disc()
	defer obj.Close(0)
	for i, id := range ids {
		md := mqi.NewMQMD()
		md.Persistence = persistence
		md.Format = mqi.MQFMT_STRING
		pmo := mqi.NewMQPMO()
		pmo.Options = mqi.MQPMO_SYNCPOINT | mqi.MQPMO_NEW_MSG_ID
		if err := obj.Put(md, pmo, Body(id, 200)); err != nil {
			c.t.Fatalf("MQPUT %s: %v", id, err)
		}
		if i%100 == 99 || i == len(ids)-1 {
			if err := qm.Cmit(); err != nil {
				c.t.Fatalf("MQCMIT: %v", err)
			}
		}
	}
}

// drain gets every message from IN.Q at QM2 and returns their ids; a
// damaged body fails the test.
func (c *channelPair) drain() []string {
	c.t.Helper()
	qm, err := mqi.Conn("QM2")
	if err != nil {
		c.t.Fatalf("MQCONN QM2: %v", err)
	}
	defer qm.Disc()
	a := &app{t: c.t, qm: qm}
	od := mqi.NewMQOD()
	od.ObjectName = "IN.Q"
	if a.obj, err = qm.Open(od, mqi.MQOO_INPUT_SHARED); err != nil {
		c.t.Fatalf("MQOPEN IN.Q: %v", err)
	}
	defer a.obj.Close(0)
	return a.drain()
}

// checkExactlyOnce compares the ids that arrived with those sent: each
// must arrive once.
func checkExactlyOnce(t *testing.T, sent, got []string) {
	t.Helper()
	checkDelivery(t, sent, nil, got)
}

// checkDelivery is checkExactlyOnce with ids whose put may or may not
// have committed (maybe): each of those arrives at most once.
func checkDelivery(t *testing.T, sent, maybe, got []string) {
	t.Helper()
	seen := map[string]int{}
	for _, id := range got {
		seen[id]++
	}
	for _, id := range maybe {
		if seen[id] > 1 {
			t.Errorf("%s (its MQCMIT failed) arrived %d times", id, seen[id])
		}
		delete(seen, id)
	}
	var lost, dup []string
	for _, id := range sent {
		switch seen[id] {
		case 0:
			lost = append(lost, id)
		case 1:
		default:
			dup = append(dup, id)
		}
		delete(seen, id)
	}
	if len(lost)+len(dup)+len(seen) > 0 {
		t.Fatalf("%d sent, %d arrived: %d lost (%v), %d duplicated (%v), %d never sent", len(sent), len(got),
			len(lost), lost[:min(len(lost), 10)], len(dup), dup[:min(len(dup), 10)], len(seen))
	}
}

// checkSettled waits for the transmission queue to empty and IN.Q to hold
// want messages, then checks that neither end is in doubt and that both
// show the same last sequence number.
func (c *channelPair) checkSettled(want int, timeout time.Duration) {
	c.t.Helper()
	waitFor(c.t, timeout, fmt.Sprintf("%d messages on IN.Q and none on the transmission queue", want), func() bool {
		return c.depth("QM2", "IN.Q") == want && c.depth("QM1", "QM2") == 0
	})
	waitFor(c.t, 10*time.Second, "the sender's record to settle", func() bool {
		return c.saved("QM1")["INDOUBT"] == "NO"
	})
	s1, s2 := c.saved("QM1"), c.saved("QM2")
	if s1["INDOUBT"] != "NO" || s2["INDOUBT"] != "NO" {
		c.t.Errorf("INDOUBT(%s) at QM1, INDOUBT(%s) at QM2, want NO at both", s1["INDOUBT"], s2["INDOUBT"])
	}
	if s1["LSTSEQNO"] != s2["LSTSEQNO"] || s1["LSTLUWID"] != s2["LSTLUWID"] {
		c.t.Errorf("QM1 has LSTSEQNO(%s) LSTLUWID(%s), QM2 LSTSEQNO(%s) LSTLUWID(%s)",
			s1["LSTSEQNO"], s1["LSTLUWID"], s2["LSTSEQNO"], s2["LSTLUWID"])
	}
}

func ids(prefix string, from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%06d", prefix, from+i)
	}
	return out
}

// TestChannelSurvivesFailures moves persistent messages QM1 -> QM2 in
// chunks while the test kills QM1, then QM2, then cuts the TCP
// connection, each at a random moment after a chunk was put: at the end
// every message arrived exactly once, the transmission queue is empty and
// both ends agree on the sequence number, out of doubt. -short moves a
// tenth of the messages through fewer failures.
func TestChannelSurvivesFailures(t *testing.T) {
	total, kills1, kills2, cuts := 10000, 5, 4, 10
	if testing.Short() {
		total, kills1, kills2, cuts = 1000, 2, 2, 3
	}
	rng := rand.New(rand.NewPCG(testSeed(t), 5))
	c := newChannelPair(t)
	c.startChannel()
	events := kills1 + kills2 + cuts
	chunk := total / events
	var sent, maybe []string
	next := 0
	start := time.Now()
	for i := range events {
		n := chunk
		if i == events-1 {
			n = total - next
		}
		batch := ids("M", next, n)
		next += n
		// Strike while the chunk is being put and crossing: the failure
		// comes at a random point of a batch, of its confirmation or of
		// a put.
		type result struct {
			committed, uncertain []string
			err                  error
		}
		done := make(chan result, 1)
		go func() {
			committed, uncertain, err := putChunk(batch)
			done <- result{committed, uncertain, err}
		}()
		// An idle sender finds a lost connection only when it next sends:
		// the chunk makes it send, fail and connect again.
		c.waitConnected(30 * time.Second)
		time.Sleep(time.Duration(rng.IntN(200)) * time.Millisecond)
		var r result
		switch {
		case i < kills1:
			c.e.killQM()
			r = <-done
			c.e.mustStartQM()
			c.startChannel()
			// Put again what the kill kept from being put.
			rest := batch[len(r.committed)+len(r.uncertain):]
			again, _, err := putChunk(rest)
			if err != nil {
				t.Fatalf("putting after the restart: %v", err)
			}
			r.committed = append(r.committed, again...)
		case i < kills1+kills2:
			c.killQM2()
			c.startQM2()
			r = <-done
		default:
			t.Logf("cut %d connection(s) at %d messages on IN.Q", c.proxy.cut(), c.depth("QM2", "IN.Q"))
			r = <-done
		}
		if r.err != nil && i >= kills1 {
			t.Fatalf("putting while QM1 ran: %v", r.err)
		}
		sent, maybe = append(sent, r.committed...), append(maybe, r.uncertain...)
	}
	t.Logf("%d puts committed, %d uncertain (MQCMIT cut by a kill), in %v", len(sent), len(maybe), time.Since(start).Round(time.Millisecond))
	// The uncertain units either all arrived or none did.
	var arrived []string
	waitFor(t, 90*time.Second, "the transmission queue to empty", func() bool {
		d := c.depth("QM2", "IN.Q")
		return c.depth("QM1", "QM2") == 0 && d >= len(sent) && d <= len(sent)+len(maybe)
	})
	c.checkSettled(c.depth("QM2", "IN.Q"), 30*time.Second)
	arrived = c.drain()
	checkDelivery(t, sent, maybe, arrived)
	total = len(arrived)
	c.e.checkQMLog()
	t.Logf("%d messages arrived exactly once through %d kills of QM1, %d of QM2, %d cuts in %v", total, kills1, kills2, cuts, time.Since(start).Round(time.Millisecond))
}

// waitConnected waits until the sender has a connection through the
// proxy; when it does not come, the test fails with the channel's status
// and the sending queue manager's goroutines (SIGQUIT) in its log.
func (c *channelPair) waitConnected(timeout time.Duration) {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for c.proxy.active() == 0 {
		if time.Now().After(deadline) {
			status := c.mqsc("QM1", "DISPLAY CHSTATUS("+channelName+") ALL")
			if c.e.qm != nil {
				c.e.qm.cmd.Process.Signal(syscall.SIGQUIT)
				<-c.e.qm.exited
				c.e.qm = nil
			}
			c.t.Fatalf("the sender did not connect within %v:\n%s\nerror log:\n%s", timeout, status, tail(c.e.errorLog(), 30))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// errHeld is what a hold that never saw the batch arrive reports.
var errHeld = errors.New("batch not held")

// holdBatch sends one batch of 50 while the proxy holds back QM2's
// answers, waits until QM1 shows the batch in doubt, and kills QM1: the
// sender stopped between sending the batch and its confirmation. It
// restarts QM1 without starting the channel and returns the ids sent.
func (c *channelPair) holdBatch(prefix string, committedAtQM2 bool) []string {
	c.t.Helper()
	before := c.depth("QM2", "IN.Q")
	if committedAtQM2 {
		c.proxy.holdBack.Store(true)
	} else {
		c.proxy.holdOut.Store(true)
	}
	batch := ids(prefix, 0, 50)
	c.put(batch)
	waitFor(c.t, 20*time.Second, "the batch in doubt at QM1", func() bool {
		return strings.Contains(c.mqsc("QM1", "DISPLAY CHSTATUS("+channelName+") INDOUBT"), "INDOUBT(YES)")
	})
	if committedAtQM2 {
		// The batch may be all 50 or the first part of them (the sender
		// may start it while the unit of work's messages appear).
		waitFor(c.t, 20*time.Second, "QM2 to commit the batch in doubt at QM1", func() bool {
			return c.saved("QM2")["LSTSEQNO"] == c.saved("QM1")["CURSEQNO"] && c.depth("QM2", "IN.Q") > before
		})
	}
	c.e.killQM()
	c.proxy.holdBack.Store(false)
	c.proxy.holdOut.Store(false)
	c.proxy.cut()
	c.e.mustStartQM()
	return batch
}

// TestChannelInDoubt stops a sender (SIGKILL of QM1) between sending a
// batch and receiving its confirmation: after the restart DISPLAY
// CHSTATUS SAVED shows INDOUBT(YES); RESOLVE CHANNEL with the action the
// receiver's record calls for loses and duplicates nothing, both when QM2
// committed the batch (COMMIT) and when it never got it (BACKOUT); and
// when nobody resolves it, the channel's restart does.
func TestChannelInDoubt(t *testing.T) {
	c := newChannelPair(t)
	c.startChannel()
	sent := ids("A", 0, 10)
	c.put(sent)
	c.checkSettled(10, 30*time.Second)

	// QM2 committed the batch; QM1 never heard: COMMIT is right.
	sent = append(sent, c.holdBatch("B", true)...)
	s1, s2 := c.saved("QM1"), c.saved("QM2")
	if s1["INDOUBT"] != "YES" {
		t.Fatalf("after the restart QM1 shows INDOUBT(%s), want YES", s1["INDOUBT"])
	}
	if s1["LSTSEQNO"] != "10" || s2["LSTSEQNO"] != s1["CURSEQNO"] || s1["CURLUWID"] != s2["LSTLUWID"] {
		t.Fatalf("QM1 in doubt at CURSEQNO(%s) CURLUWID(%s) after LSTSEQNO(%s); QM2 committed LSTSEQNO(%s) LSTLUWID(%s)",
			s1["CURSEQNO"], s1["CURLUWID"], s1["LSTSEQNO"], s2["LSTSEQNO"], s2["LSTLUWID"])
	}
	t.Log(c.mqsc("QM1", "RESOLVE CHANNEL("+channelName+") ACTION(COMMIT)"))
	if s := c.saved("QM1"); s["INDOUBT"] != "NO" || s["LSTSEQNO"] != s1["CURSEQNO"] {
		t.Fatalf("after RESOLVE ACTION(COMMIT) QM1 shows INDOUBT(%s) LSTSEQNO(%s), want NO and %s", s["INDOUBT"], s["LSTSEQNO"], s1["CURSEQNO"])
	}
	if d, n := c.depth("QM1", "QM2"), c.depth("QM2", "IN.Q"); d+n != 60 {
		t.Fatalf("after RESOLVE ACTION(COMMIT) the transmission queue holds %d messages and IN.Q %d, want 60 in all", d, n)
	}
	c.startChannel()
	more := ids("C", 0, 5)
	c.put(more)
	sent = append(sent, more...)
	c.checkSettled(65, 30*time.Second)

	// QM2 never got the batch: BACKOUT is right.
	committed := c.saved("QM2")["LSTSEQNO"]
	sent = append(sent, c.holdBatch("D", false)...)
	s1, s2 = c.saved("QM1"), c.saved("QM2")
	if s1["INDOUBT"] != "YES" || s2["LSTSEQNO"] != committed {
		t.Fatalf("QM1 shows INDOUBT(%s), QM2 LSTSEQNO(%s); want YES and %s", s1["INDOUBT"], s2["LSTSEQNO"], committed)
	}
	t.Log(c.mqsc("QM1", "RESOLVE CHANNEL("+channelName+") ACTION(BACKOUT)"))
	if d := c.depth("QM1", "QM2"); d != 50 {
		t.Fatalf("after RESOLVE ACTION(BACKOUT) the transmission queue holds %d messages, want the batch's 50", d)
	}
	c.startChannel()
	c.checkSettled(115, 30*time.Second)

	// Nobody resolves it: the channel's next start does, with QM2.
	sent = append(sent, c.holdBatch("E", true)...)
	if s := c.saved("QM1"); s["INDOUBT"] != "YES" {
		t.Fatalf("after the restart QM1 shows INDOUBT(%s), want YES", s["INDOUBT"])
	}
	c.startChannel()
	c.checkSettled(165, 30*time.Second)
	sent = append(sent, c.holdBatch("F", false)...)
	c.startChannel()
	c.checkSettled(215, 30*time.Second)

	checkExactlyOnce(t, sent, c.drain())
	c.e.checkQMLog()
}

// TestChannelNonPersistentBatchesSurviveKills: batches of non-persistent
// messages record the channel's numbers without waiting for the disk, so
// a SIGKILL among them can leave the two ends' records apart. Each round
// kills QM1 or QM2 (in turn) while non-persistent messages flow; the
// channel must start again without a sequence number error, and the
// persistent messages sent next arrive exactly once. Non-persistent ones
// may be lost, never duplicated.
func TestChannelNonPersistentBatchesSurviveKills(t *testing.T) {
	rounds := 6
	if testing.Short() {
		rounds = 2
	}
	rng := rand.New(rand.NewPCG(testSeed(t), 7))
	c := newChannelPair(t)
	c.startChannel()
	var sent, fast []string
	for r := range rounds {
		before := c.depth("QM2", "IN.Q")
		stop, done := make(chan struct{}), make(chan []string, 1)
		go func() { done <- putNonPersistent(fmt.Sprintf("N%d-", r), stop) }()
		waitFor(t, 30*time.Second, "non-persistent messages to flow", func() bool {
			return c.depth("QM2", "IN.Q") > before+100
		})
		time.Sleep(time.Duration(rng.IntN(20)) * time.Millisecond)
		if r%2 == 0 {
			c.e.killQM()
			close(stop)
			fast = append(fast, <-done...)
			c.e.mustStartQM()
			c.startChannel()
		} else {
			// The sender retries until QM2 is back.
			c.killQM2()
			close(stop)
			fast = append(fast, <-done...)
			c.startQM2()
		}
		p := ids(fmt.Sprintf("P%d-", r), 0, 60)
		sent = append(sent, p...)
		c.put(p)
		// A restart of QM2 took the non-persistent messages off IN.Q.
		waitFor(t, 60*time.Second, "the persistent messages to cross", func() bool {
			return c.depth("QM1", "QM2") == 0 && c.depth("QM2", "IN.Q") >= len(sent)
		})
	}
	c.checkSettled(c.depth("QM2", "IN.Q"), 30*time.Second)
	arrived := c.drain()
	checkDelivery(t, sent, fast, arrived)
	log2, _ := os.ReadFile(filepath.Join(c.e.root, "qmgrs", "QM2", "errors", "AMQERR01.LOG"))
	for name, log := range map[string]string{"QM1": c.e.errorLog(), "QM2": string(log2)} {
		if strings.Contains(log, "AMQ9526E") {
			t.Errorf("%s logged a sequence number error:\n%s", name, tail(log, 30))
		}
	}
	c.e.checkQMLog()
	t.Logf("%d persistent messages arrived exactly once, %d of %d non-persistent ones, through %d kills", len(sent), len(arrived)-len(sent), len(fast), rounds)
}

// putNonPersistent puts non-persistent messages to TO.QM2 at QM1, one by
// one outside syncpoint, until stop closes or a put fails (QM1 was
// killed), and returns the ids it put.
func putNonPersistent(prefix string, stop <-chan struct{}) []string {
	qm, obj, err := openRemote()
	if err != nil {
		return nil
	}
	defer qm.Disc()
	defer obj.Close(0)
	var put []string
	for i := 0; ; i++ {
		select {
		case <-stop:
			return put
		default:
		}
		id := fmt.Sprintf("%s%06d", prefix, i)
		md := mqi.NewMQMD()
		md.Persistence = mqi.MQPER_NOT_PERSISTENT
		md.Format = mqi.MQFMT_STRING
		pmo := mqi.NewMQPMO()
		pmo.Options = mqi.MQPMO_NO_SYNCPOINT | mqi.MQPMO_NEW_MSG_ID
		if err := obj.Put(md, pmo, Body(id, 200)); err != nil {
			return put
		}
		put = append(put, id)
	}
}
