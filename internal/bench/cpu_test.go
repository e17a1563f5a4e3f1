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
	// busy = user+nice+system+irq+softirq+steal; guest (40) is inside user
	if a.busy != 100+5+50+1+2+3 || a.total != 100+5+50+1000+20+1+2+3 {
		t.Fatalf("busy %d total %d", a.busy, a.total)
	}
	b := machineTimes{busy: a.busy + 150, total: a.total + 200}
	if s := busyShare(a, b); s != 0.75 {
		t.Errorf("busy share %v, want 0.75", s)
	}
	if s := busyShare(b, b); s != 0 {
		t.Errorf("no time passed: share %v", s)
	}
	for _, bad := range []string{"", "intr 1 2 3", "cpu 1 2 x 4"} {
		if _, err := parseMachineTimes(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
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
