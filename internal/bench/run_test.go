package bench

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestWorkerArgsRoundTrip(t *testing.T) {
	want := WorkerConfig{QMgr: "QM1", Queue: "APP.Q", Role: RolePutGet, Persistent: true, Size: 2048,
		Warmup: 300 * time.Millisecond, Window: 5 * time.Second, MaxOps: 77}
	args := workerArgs(want)
	if args[0] != "worker" {
		t.Fatalf("args %q do not start with the worker mode", args)
	}
	got, err := parseWorkerArgs(args[1:], io.Discard)
	if err != nil || got != want {
		t.Fatalf("parseWorkerArgs = %+v, %v; want %+v", got, err, want)
	}
	for _, bad := range [][]string{
		{"-q", "Q", "-role", "browse"},
		{"-role", "put"},
		{"-q", "Q", "-role", "put", "-d", "0s"},
		{"-q", "Q", "-role", "put", "-maxops", "0"},
		{"-q", "Q", "-role", "put", "-nosuchflag"},
	} {
		if _, err := parseWorkerArgs(bad, io.Discard); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestReadGo(t *testing.T) {
	at := time.Now().Add(time.Second).Truncate(time.Millisecond)
	got, err := readGo(strings.NewReader("go " + strconv.FormatInt(at.UnixNano(), 10) + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d := got.Sub(at); d < -time.Millisecond || d > time.Millisecond {
		t.Errorf("start %v, want %v", got, at)
	}
	for _, bad := range []string{"", "go\n", "go x\n", "start 1\n", "go 1"} {
		if _, err := readGo(strings.NewReader(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestWorkerConfigs(t *testing.T) {
	cfg := Config{Size: 100, Warmup: time.Second, Window: 2 * time.Second}
	tg := &target{name: "QM1"}
	roles := func(s Scenario) string {
		var out []string
		for _, wc := range cfg.workerConfigs(tg, s, "Q") {
			if wc.Queue != "Q" || wc.QMgr != "QM1" || wc.Size != 100 || wc.Persistent != s.Persistent || wc.Window != 2*time.Second {
				t.Errorf("%s: worker %+v", s.ID(), wc)
			}
			out = append(out, string(wc.Role))
		}
		return strings.Join(out, " ")
	}
	if got := roles(Scenario{Kind: KindPut, Persistent: true, Apps: 3}); got != "put put put" {
		t.Errorf("put x3: %s", got)
	}
	if got := roles(Scenario{Kind: KindPutGet, Apps: 1}); got != "putget" {
		t.Errorf("putget x1: %s", got)
	}
	if got := roles(Scenario{Kind: KindConcurrent, Apps: 2}); got != "get put get put" {
		t.Errorf("concurrent 2+2: %s", got)
	}
	if q := cfg.queueName(Scenario{Kind: KindPut, Persistent: true, Apps: 32}); q != "MQBENCH.PUT.PERSISTENT.32" {
		t.Errorf("queue name %q", q)
	}
	cfg.Queue = "MY.Q"
	if q := cfg.queueName(Scenario{Kind: KindPut, Apps: 1}); q != "MY.Q" {
		t.Errorf("queue name %q with -q", q)
	}
}

func hist(ds ...time.Duration) *Histogram {
	var h Histogram
	for _, d := range ds {
		h.Record(d)
	}
	return &h
}

func TestAggregate(t *testing.T) {
	ms := time.Millisecond
	var row Row
	aggregate(Scenario{Kind: KindPut, Apps: 2}, []WorkerResult{
		{Role: RolePut, Ops: 3, CPUNS: 300, Latency: hist(ms, ms, 9*ms)},
		{Role: RolePut, Ops: 1, CPUNS: 100, Latency: hist(ms)},
	}, 2*time.Second, &row)
	if row.Rate != 2 || row.PutRate != 0 || row.AppCPU != 100 || row.Max != 9*ms || row.P50 > 1100*time.Microsecond {
		t.Errorf("put: %+v", row)
	}

	row = Row{}
	aggregate(Scenario{Kind: KindConcurrent, Apps: 1}, []WorkerResult{
		{Role: RoleGet, Ops: 10, CPUNS: 500, Latency: hist(5 * ms)},
		{Role: RolePut, Ops: 30, CPUNS: 1500, Latency: hist(ms)},
	}, time.Second, &row)
	// the getters' messages make the rate and latency; CPU of both sides
	// is charged to the messages moved
	if row.Rate != 10 || row.PutRate != 30 || row.AppCPU != 200 || row.Max != 5*ms {
		t.Errorf("concurrent: %+v", row)
	}
	if n := messages(&row, 3*time.Second); n != 30 {
		t.Errorf("messages = %d, want 30", n)
	}
}

func TestMeasureDIsBoundedByCount(t *testing.T) {
	dir := t.TempDir()
	m, err := MeasureD(dir, 10*time.Second, 50)
	if err != nil {
		t.Fatal(err)
	}
	if m.Ops != 50 || m.Rate <= 0 || m.P50 <= 0 || m.P99 < m.P50 {
		t.Fatalf("MeasureD: %+v", m)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != 0 {
		t.Errorf("D file left behind: %v", left)
	}
	if _, err := MeasureD(filepath.Join(dir, "missing"), time.Second, 1); err == nil {
		t.Error("no error for a missing directory")
	}
}

func TestMeasureDIsBoundedByTime(t *testing.T) {
	start := time.Now()
	m, err := MeasureD(t.TempDir(), 100*time.Millisecond, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); m.Ops == 0 || m.Elapsed < 100*time.Millisecond || took > 10*time.Second {
		t.Fatalf("MeasureD: %+v in %v", m, took)
	}
}

func TestEchoRoundTrips(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "e.sock")
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- echoServe(sock, 1024, pw) }()
	buf := make([]byte, len(readyLine)+1)
	if _, err := io.ReadFull(pr, buf); err != nil || string(buf) != readyLine+"\n" {
		t.Fatalf("server said %q, %v", buf, err)
	}
	go io.Copy(io.Discard, pr)
	res, err := echoClient(sock, 1024, 20*time.Millisecond, 200*time.Millisecond, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	if res.Ops == 0 || res.Latency.Count() != res.Ops || res.Latency.Percentile(0.5) <= 0 {
		t.Fatalf("echo client: %+v", res)
	}
	if err := <-done; err != nil {
		t.Errorf("server ended with %v after the client closed", err)
	}
	if _, err := os.Stat(sock); err == nil {
		t.Error("socket left behind")
	}
}

func TestOtherShare(t *testing.T) {
	// 2 CPUs busy 80% over 1 s = 1.6 s; the run's processes used 1.2 s.
	if got := otherShare(0.8, 1200*time.Millisecond, time.Second, 2); abs(got-0.2) > 1e-9 {
		t.Errorf("other share %v, want 0.2", got)
	}
	if got := otherShare(0.1, time.Second, time.Second, 2); got != 0 {
		t.Errorf("other share %v, want 0 when the counters disagree", got)
	}
	if got := otherShare(0.5, 0, 0, 2); got != 0 {
		t.Errorf("other share %v for an empty window", got)
	}
}

func TestMedianRow(t *testing.T) {
	rows := []Row{{Scenario: "s", Rate: 30, P50: 3}, {Scenario: "s", Rate: 10, P50: 1}, {Scenario: "s", Rate: 20, P50: 2}}
	m := medianRow(rows)
	if m.Rate != 20 || m.P50 != 2 || !slices.Equal(m.Runs, []float64{30, 10, 20}) {
		t.Errorf("median of three: %+v", m)
	}
	if m := medianRow(rows[:1]); m.Rate != 30 || m.Runs != nil {
		t.Errorf("one run: %+v", m)
	}
	// the lower of the middle two
	if m := medianRow(rows[:2]); m.Rate != 10 {
		t.Errorf("two runs: %+v", m)
	}
	failed := append(slices.Clone(rows), Row{Scenario: "s", Error: "boom"})
	if m := medianRow(failed); m.Error != "boom" {
		t.Errorf("a failed round must fail the scenario: %+v", m)
	}
	var tb strings.Builder
	rep := &Report{Rounds: 3, Rows: []Row{m}}
	rep.Rows[0] = medianRow(rows)
	if err := rep.WriteTable(&tb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tb.String(), "20 (10-30)") || !strings.Contains(tb.String(), "3 rounds") {
		t.Errorf("table does not show the runs' range:\n%s", tb.String())
	}
}

func TestLimitIsTheMedianMeasure(t *testing.T) {
	var l Limit
	for _, r := range []float64{7000, 3000, 6000} {
		l.add(Measure{Rate: r})
	}
	if l.Rate != 6000 {
		t.Errorf("median of 7000, 3000, 6000 = %v", l.Rate)
	}
	l.add(Measure{Rate: 8000})
	if l.Rate != 6500 || len(l.Measures) != 4 {
		t.Errorf("median of four = %v", l.Rate)
	}
}
