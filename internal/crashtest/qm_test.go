package crashtest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// qmEnv is one data root with queue manager QM1, the programs that work
// on it and a work directory for journals and process output.
type qmEnv struct {
	t    *testing.T
	bin  string // programs
	root string // MQ_OVERRIDE_DATA_PATH
	work string // journals, logs
	qm   *qmProc

	startups []time.Duration // how long each successful start took
}

// keepEnv keeps the data and logs of a test that passed.
const keepEnv = "GOMQM_CRASHTEST_KEEP"

// newQMEnv makes a data root under a short /tmp path: the queue
// manager's socket path must stay under 108 bytes.
func newQMEnv(t *testing.T) *qmEnv {
	t.Helper()
	base, err := os.MkdirTemp("/tmp", "gcr")
	if err != nil {
		t.Fatal(err)
	}
	return newQMEnvIn(t, base)
}

// newQMEnvIn uses base/mqm as the data root and base/work for journals
// and logs; base is removed when the test ends, unless it failed.
func newQMEnvIn(t *testing.T, base string) *qmEnv {
	t.Helper()
	bin := binaries(t)
	e := &qmEnv{t: t, bin: bin, root: filepath.Join(base, "mqm"), work: filepath.Join(base, "work")}
	for _, d := range []string{e.root, e.work} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		if e.qm != nil {
			e.qm.kill()
		}
		if t.Failed() || os.Getenv(keepEnv) != "" {
			t.Logf("data and logs kept in %s", base)
			return
		}
		os.RemoveAll(base)
	})
	return e
}

// command returns a command for one of the built programs with the data
// root in its environment.
func (e *qmEnv) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(e.bin, name), args...)
	// A race-enabled program sleeps a second at exit unless told not to.
	gorace := strings.TrimSpace(os.Getenv("GORACE") + " atexit_sleep_ms=0")
	cmd.Env = append(os.Environ(), "MQ_OVERRIDE_DATA_PATH="+e.root, "GORACE="+gorace)
	cmd.Dir = e.work
	return cmd
}

// run runs a program to completion with stdin and returns its combined
// output and exit status.
func (e *qmEnv) run(stdin, name string, args ...string) (string, int) {
	e.t.Helper()
	cmd := e.command(name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return string(out), ee.ExitCode()
	case err != nil:
		e.t.Fatalf("%s: %v", name, err)
	}
	return string(out), 0
}

// mustRun runs a program and fails the test unless it exits with 0.
func (e *qmEnv) mustRun(stdin, name string, args ...string) string {
	e.t.Helper()
	out, code := e.run(stdin, name, args...)
	if code != 0 {
		e.t.Fatalf("%s %s: exit status %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

var statusRE = regexp.MustCompile(`STATUS\(([^)]*)\)`)

// status is what dspmq -m QM1 shows as STATUS.
func (e *qmEnv) status() string {
	e.t.Helper()
	out := e.mustRun("", "dspmq", "-m", "QM1")
	m := statusRE.FindStringSubmatch(out)
	if m == nil {
		e.t.Fatalf("dspmq output without STATUS: %q", out)
	}
	return m[1]
}

// qmgrDir is QM1's data directory.
func (e *qmEnv) qmgrDir() string { return filepath.Join(e.root, "qmgrs", "QM1") }

// errorLog returns QM1's error log, oldest file first.
func (e *qmEnv) errorLog() string {
	var b strings.Builder
	for _, n := range []string{"AMQERR03.LOG", "AMQERR02.LOG", "AMQERR01.LOG"} {
		data, _ := os.ReadFile(filepath.Join(e.qmgrDir(), "errors", n))
		b.Write(data)
	}
	return b.String()
}

// qmLog is where the output of every strmqm -f run is collected.
func (e *qmEnv) qmLog() string { return filepath.Join(e.work, "strmqm.log") }

// startQM runs strmqm -f QM1 and waits until it reports that it has
// started. A start that fails (strmqm refuses damaged data) or takes
// longer than the timeout is returned as an error with the output.
func (e *qmEnv) startQM(timeout time.Duration) error {
	e.t.Helper()
	p, err := e.spawnQM()
	if err != nil {
		return err
	}
	select {
	case <-p.started:
		e.startups = append(e.startups, p.startup)
		return nil
	case <-p.exited:
		e.qm = nil
		return fmt.Errorf("strmqm -f QM1 ended before it started (%v):\n%s", p.err, p.output())
	case <-time.After(timeout):
		p.kill()
		e.qm = nil
		return fmt.Errorf("strmqm -f QM1 did not start within %v:\n%s", timeout, p.output())
	}
}

// mustStartQM starts QM1 and checks that dspmq shows it Running.
func (e *qmEnv) mustStartQM() {
	e.t.Helper()
	if err := e.startQM(60 * time.Second); err != nil {
		e.t.Fatalf("%v\nerror log:\n%s", err, tail(e.errorLog(), 20))
	}
	if st := e.status(); st != "Running" {
		e.t.Fatalf("dspmq after a start shows STATUS(%s)", st)
	}
}

// spawnQM starts the strmqm -f process without waiting for it.
func (e *qmEnv) spawnQM() (*qmProc, error) {
	e.t.Helper()
	if e.qm != nil {
		e.t.Fatal("spawnQM: a queue manager process is already running")
	}
	p, err := e.spawnStrmqm("QM1")
	if err != nil {
		return nil, err
	}
	e.qm = p
	return p, nil
}

// spawnStrmqm starts strmqm -f for queue manager name, its output going
// to the log, without waiting for it.
func (e *qmEnv) spawnStrmqm(name string) (*qmProc, error) {
	logf, err := os.OpenFile(e.qmLog(), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := e.command("strmqm", "-f", name)
	p := &qmProc{cmd: cmd, spawned: time.Now(), started: make(chan struct{}), exited: make(chan struct{})}
	out, err := cmd.StdoutPipe()
	if err != nil {
		logf.Close()
		return nil, err
	}
	cmd.Stderr = &p.stderr
	fmt.Fprintf(logf, "=== strmqm -f %s at %s\n", name, time.Now().Format(time.RFC3339Nano))
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, err
	}
	go p.watch(out, logf)
	return p, nil
}

// killQM sends SIGKILL to the queue-manager process and reaps it.
func (e *qmEnv) killQM() {
	e.t.Helper()
	if e.qm == nil {
		e.t.Fatal("killQM: no queue manager process")
	}
	e.qm.kill()
	e.qm = nil
}

// endQM ends QM1 with endmqm -i and waits for strmqm -f to exit with 0.
func (e *qmEnv) endQM() {
	e.t.Helper()
	e.mustRun("", "endmqm", "-i", "QM1")
	p := e.qm
	e.qm = nil
	select {
	case <-p.exited:
	case <-time.After(30 * time.Second):
		p.kill()
		e.t.Fatalf("strmqm -f did not exit within 30s of endmqm -i:\n%s", p.output())
	}
	if p.err != nil {
		e.t.Fatalf("strmqm -f ended with %v after endmqm -i:\n%s", p.err, p.output())
	}
}

// checkQMLog fails the test if any queue-manager process panicked, hit a
// fatal runtime error or reported a data race.
func (e *qmEnv) checkQMLog() {
	e.t.Helper()
	data, err := os.ReadFile(e.qmLog())
	if err != nil {
		e.t.Fatal(err)
	}
	for _, bad := range []string{"panic:", "fatal error:", "WARNING: DATA RACE"} {
		if i := bytes.Index(data, []byte(bad)); i >= 0 {
			e.t.Errorf("a queue-manager process reported %q:\n%s", bad, data[max(0, i-200):min(len(data), i+3000)])
		}
	}
}

// qmProc is one strmqm -f process.
type qmProc struct {
	cmd     *exec.Cmd
	spawned time.Time
	startup time.Duration // from spawn to the start-up line; set before started closes
	started chan struct{} // closed once strmqm reports the queue manager started
	exited  chan struct{} // closed once the process has been reaped; err is set
	err     error
	stderr  lockedBuffer
	mu      sync.Mutex
	stdout  strings.Builder
}

// watch copies the process's output to the log, notices the start-up
// line, then reaps the process.
func (p *qmProc) watch(out io.Reader, logf *os.File) {
	sc := bufio.NewScanner(out)
	seen := false
	for sc.Scan() {
		line := sc.Text()
		p.mu.Lock()
		p.stdout.WriteString(line + "\n")
		p.mu.Unlock()
		fmt.Fprintln(logf, line)
		if !seen && strings.Contains(line, "started using") {
			p.startup = time.Since(p.spawned)
			fmt.Fprintf(logf, "=== started after %v\n", p.startup)
			seen = true
			close(p.started)
		}
	}
	p.err = p.cmd.Wait()
	logf.Write(p.stderr.Bytes())
	fmt.Fprintf(logf, "=== exit: %v\n", p.err)
	logf.Close()
	close(p.exited)
}

func (p *qmProc) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
}

func (p *qmProc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stdout.String() + string(p.stderr.Bytes())
}

// lockedBuffer is a bytes.Buffer safe for a writer and a reader.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]byte(nil), l.b.Bytes()...)
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// startupSummary describes how long the starts took.
func (e *qmEnv) startupSummary() string {
	if len(e.startups) == 0 {
		return "no starts"
	}
	var sum, top time.Duration
	for _, d := range e.startups {
		sum += d
		top = max(top, d)
	}
	return fmt.Sprintf("%d starts, mean %v, longest %v", len(e.startups),
		(sum / time.Duration(len(e.startups))).Round(time.Millisecond), top.Round(time.Millisecond))
}
