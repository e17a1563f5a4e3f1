package bench

import (
	"os"
	"testing"
	"time"
)

func TestParseMachineTimes(t *testing.T) {
	a, err := parseMachineTimes("cpu  100 5 50 1000 20 1 2 3 40 0\ncpu0 1 2 3 4\n")
	if err != nil {
		t.Fatal(err)
	}
	// not busy = idle + iowait + steal
	if a.notBusy != 1000+20+3 {
		t.Fatalf("not busy %d", a.notBusy)
	}
	for _, bad := range []string{"", "intr 1 2 3", "cpu 1 2 3", "cpu 1 2 x 4 5"} {
		if _, err := parseMachineTimes(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestBusyShareIsAgainstElapsedTime(t *testing.T) {
	t0 := time.Now()
	a := machineTimes{notBusy: 1000, at: t0}
	// 50 ticks (0.5 CPU-seconds) idle in 1 s on 2 CPUs: 75% busy
	b := machineTimes{notBusy: 1050, at: t0.Add(time.Second)}
	if s := busyShare(a, b, 2); abs(s-0.75) > 1e-9 {
		t.Errorf("busy share %v, want 0.75", s)
	}
	if s := busyShare(a, a, 2); s != 0 {
		t.Errorf("no time passed: share %v", s)
	}
	// more idle ticks than time (a late read) is never a negative share
	if s := busyShare(a, machineTimes{notBusy: 1300, at: t0.Add(time.Second)}, 2); s != 0 {
		t.Errorf("share %v, want 0", s)
	}
}

func TestParseProcessCPU(t *testing.T) {
	// The command name may hold spaces and parentheses.
	line := "4242 (str mqm (x)) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 70 0 0 20 0 9 0 1234 5000000 300 18446744073709551615"
	d, err := parseProcessCPU(line)
	if err != nil || d != 320*clockTick {
		t.Fatalf("parseProcessCPU = %v, %v; want %v", d, err, 320*clockTick)
	}
	for _, bad := range []string{"4242 no parens", "1 (x) S 1 2"} {
		if _, err := parseProcessCPU(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestCPUOfThisProcess(t *testing.T) {
	before, err := processCPU(os.Getpid())
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	r0 := cpuTime()
	for end := time.Now().Add(50 * time.Millisecond); time.Now().Before(end); {
	}
	after, _ := processCPU(os.Getpid())
	if after <= before || cpuTime() <= r0 {
		t.Errorf("50 ms of spinning not seen: /proc %v -> %v, getrusage %d -> %d", before, after, r0, cpuTime())
	}
}
