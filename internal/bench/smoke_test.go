package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildCommands builds mqbench and the control commands it drives into a
// temporary directory, as `go build -o bin ./cmd/...` would.
func buildCommands(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build mqbench")
	}
	bin := t.TempDir()
	args := []string{"build", "-o", bin}
	for _, c := range []string{"mqbench", "crtmqm", "strmqm", "endmqm", "dltmqm", "runmqsc"} {
		args = append(args, "github.com/gomqm/gomqm/cmd/"+c)
	}
	out, err := exec.Command(goTool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// mqbench runs the built mqbench with env and returns its standard output.
func mqbench(t *testing.T, bin string, env []string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(bin, "mqbench"), args...)
	cmd.Env = env
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGQUIT) }
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("mqbench %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// checkSane checks that a row holds figures, not that they meet targets.
func checkSane(t *testing.T, r Row) {
	t.Helper()
	if r.Error != "" || r.Rate <= 0 || r.P50 <= 0 || r.P99 < r.P50 || r.Max < r.P99 ||
		r.LimitRate <= 0 || r.Ratio <= 0 || r.Busy <= 0 || r.Busy > 1 || r.AppCPU <= 0 {
		t.Errorf("%s: figures missing or insane: %+v", r.Scenario, r)
	}
	if strings.HasPrefix(r.Scenario, "concurrent/") && r.PutRate <= 0 {
		t.Errorf("%s: no put rate", r.Scenario)
	}
}

func TestEndToEndEveryScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a queue manager and every scenario (about 30 s)")
	}
	bin := buildCommands(t)
	work := t.TempDir()
	out := mqbench(t, bin, os.Environ(), "-json", "-quiet", "-dir", work,
		"-d", "500ms", "-warmup", "150ms", "-limitwindow", "300ms")
	var rep Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output is not a JSON report: %v\n%s", err, out)
	}
	if rep.QMgr != tempQMgrName || rep.D.Rate <= 0 || rep.E.Rate <= 0 || len(rep.D.Measures) != 2 || len(rep.E.Measures) != 2 {
		t.Fatalf("limits not measured twice: D %+v E %+v", rep.D, rep.E)
	}
	if !strings.HasPrefix(rep.DDir, work) {
		t.Errorf("D measured in %s, not in the temporary queue manager's log below %s", rep.DDir, work)
	}
	all := Scenarios()
	if len(rep.Rows) != len(all) {
		t.Fatalf("%d rows for %d scenarios", len(rep.Rows), len(all))
	}
	for i, r := range rep.Rows {
		if r.Scenario != all[i].ID() {
			t.Errorf("row %d is %s, want %s", i, r.Scenario, all[i].ID())
		}
		checkSane(t, r)
	}
	if left, _ := os.ReadDir(work); len(left) != 0 {
		t.Errorf("temporary queue manager left behind: %v", left)
	}
}

func TestEndToEndExistingQueueManager(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a queue manager")
	}
	bin := buildCommands(t)
	root := t.TempDir()
	env := withEnv(os.Environ(), "MQ_OVERRIDE_DATA_PATH", root)
	tg := &target{name: "BENCH1", bin: bin, env: env, temp: root}
	if _, err := tg.command(nil, "crtmqm", tg.name); err != nil {
		t.Fatal(err)
	}
	if _, err := tg.command(nil, "strmqm", tg.name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := tg.close(); err != nil {
			t.Error(err)
		}
	})
	if err := tg.mqsc("DEFINE QLOCAL(MY.BENCH.Q) MAXDEPTH(100000)"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	out := mqbench(t, bin, env, "-m", "BENCH1", "-q", "MY.BENCH.Q", "-quiet",
		"-scenario", "putget/nonpersistent/1,concurrent/nonpersistent/1", "-d", "400ms", "-warmup", "100ms", "-limitwindow", "200ms")
	for _, want := range []string{"queue manager BENCH1", "putget/nonpersistent/1", "concurrent/nonpersistent/1", "E/2=", ">=0.70x"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("two short scenarios took %v", took)
	}
	// The user's queue and queue manager are still there afterwards.
	if err := tg.mqsc("DISPLAY QLOCAL(MY.BENCH.Q)"); err != nil {
		t.Errorf("queue gone after mqbench -q: %v", err)
	}
}
