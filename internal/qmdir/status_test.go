package qmdir

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestStatusRoundTrip(t *testing.T) {
	dir := t.TempDir()
	started := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)
	in := Status{State: StateRunning, PID: 4321, Started: started, Changed: started.Add(time.Second)}
	if err := WriteStatus(dir, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadStatus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if out.State != in.State || out.PID != in.PID || !out.Started.Equal(in.Started) || !out.Changed.Equal(in.Changed) {
		t.Errorf("read %+v, wrote %+v", out, in)
	}
	if got := mode(t, filepath.Join(dir, StatusFile)); got != 0o660 {
		t.Errorf("mode %v", got)
	}
	if err := WriteStatus(dir, Status{State: StateEndedNormally}); err != nil {
		t.Fatal(err)
	}
	if out, _ := ReadStatus(dir); out.Changed.IsZero() || out.State != StateEndedNormally {
		t.Errorf("Changed not stamped: %+v", out)
	}
}

func TestCombine(t *testing.T) {
	tests := []struct {
		recorded string
		held     bool
		want     string
	}{
		{StateRunning, true, StateRunning},
		{StateQuiescing, true, StateQuiescing},
		{StateEndedNormally, true, StateStarting},
		{StateRunning, false, StateEndedUnexpectedly},
		{StateStarting, false, StateEndedUnexpectedly},
		{StateEndingImmediately, false, StateEndedUnexpectedly},
		{StateEndedNormally, false, StateEndedNormally},
		{StateEndedPreemptively, false, StateEndedPreemptively},
		{"", false, StateNotAvailable},
	}
	for _, tt := range tests {
		if got := combine(tt.recorded, tt.held); got != tt.want {
			t.Errorf("combine(%q, %v) = %q, want %q", tt.recorded, tt.held, got, tt.want)
		}
	}
}

func TestLockInSameProcess(t *testing.T) {
	l := newLayout(t)
	e, dir := createQM(t, l, "QM1")
	lock, err := AcquireLock(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteStatus(dir, Status{State: StateRunning, PID: os.Getpid()}); err != nil {
		t.Fatal(err)
	}
	if _, err := AcquireLock(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("second AcquireLock: %v, want ErrLocked", err)
	}
	if st, _ := l.QueryStatus(e); st != StateRunning {
		t.Errorf("holder querying itself sees %q, want Running", st)
	}
	if pid := strings.TrimSpace(readFile(t, filepath.Join(dir, LockFile))); pid != strconv.Itoa(os.Getpid()) {
		t.Errorf("lock file holds %q, want our pid", pid)
	}
	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	if err := lock.Release(); err != nil {
		t.Errorf("second Release: %v", err)
	}
	if st, _ := l.QueryStatus(e); st != StateEndedUnexpectedly {
		t.Errorf("after release without writing an ended state: %q", st)
	}
	if err := WriteStatus(dir, Status{State: StateEndedNormally}); err != nil {
		t.Fatal(err)
	}
	if st, _ := l.QueryStatus(e); st != StateEndedNormally {
		t.Errorf("after a clean end: %q", st)
	}
	again, err := AcquireLock(dir)
	if err != nil {
		t.Fatalf("lock not free after Release: %v", err)
	}
	again.Release()
}

const helperEnv = "QMDIR_TEST_LOCK_DIR"

// TestHelperProcess is not a test: TestLockAcrossProcesses runs the test
// binary again with this test selected to hold the lock from another
// process, as a running queue manager does.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		t.Skip("helper process only")
	}
	lock, err := AcquireLock(dir)
	if err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(1)
	}
	defer lock.Release()
	if err := WriteStatus(dir, Status{State: StateRunning, PID: os.Getpid(), Started: time.Now()}); err != nil {
		os.Exit(1)
	}
	os.Stdout.WriteString("locked\n")
	time.Sleep(time.Minute) // until killed
	os.Exit(0)
}

func TestLockAcrossProcesses(t *testing.T) {
	l := newLayout(t)
	e, dir := createQM(t, l, "QM1")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("helper said %q, %v", line, err)
	}

	if _, err := AcquireLock(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("AcquireLock while another process holds it: %v, want ErrLocked", err)
	}
	if st, err := l.QueryStatus(e); err != nil || st != StateRunning {
		t.Errorf("status while running: %q, %v", st, err)
	}
	if s, _ := ReadStatus(dir); s.PID != cmd.Process.Pid {
		t.Errorf("recorded pid %d, helper is %d", s.PID, cmd.Process.Pid)
	}

	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if st, err := l.QueryStatus(e); err != nil || st != StateEndedUnexpectedly {
		t.Errorf("status after SIGKILL: %q, %v; want %q", st, err, StateEndedUnexpectedly)
	}
	lock, err := AcquireLock(dir)
	if err != nil {
		t.Fatalf("lock not free after the holder died: %v", err)
	}
	lock.Release()
}
