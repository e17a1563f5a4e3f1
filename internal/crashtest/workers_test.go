package crashtest

import (
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// workerProc is one run of the worker program.
type workerProc struct {
	name    string
	journal string
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	out     lockedBuffer
	done    chan struct{} // closed once reaped; err is set
	err     error
}

// startWorker runs worker MODE with args and a journal named after the
// worker in the work directory. The worker is killed when the test ends.
func (e *qmEnv) startWorker(name, mode string, args ...string) *workerProc {
	e.t.Helper()
	w := &workerProc{name: name, journal: filepath.Join(e.work, name+".journal"), done: make(chan struct{})}
	w.cmd = e.command("worker", append([]string{mode, "-journal", w.journal}, args...)...)
	w.cmd.Stdout, w.cmd.Stderr = &w.out, &w.out
	stdin, err := w.cmd.StdinPipe()
	if err != nil {
		e.t.Fatal(err)
	}
	w.stdin = stdin
	if err := w.cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	go func() {
		w.err = w.cmd.Wait()
		close(w.done)
	}()
	e.t.Cleanup(func() {
		select {
		case <-w.done:
		default:
			w.cmd.Process.Kill()
			<-w.done
		}
	})
	return w
}

// stop tells the worker to finish: producers after the unit of work in
// progress, consumers once the queue is empty.
func (w *workerProc) stop() { w.stdin.Close() }

// wait waits for the worker to exit and returns its summary line.
func (w *workerProc) wait(t *testing.T, timeout time.Duration) string {
	t.Helper()
	select {
	case <-w.done:
	case <-time.After(timeout):
		w.cmd.Process.Kill()
		<-w.done
		t.Fatalf("worker %s did not finish within %v:\n%s", w.name, timeout, w.out.Bytes())
	}
	out := strings.TrimSpace(string(w.out.Bytes()))
	if w.err != nil {
		t.Fatalf("worker %s: %v\n%s", w.name, w.err, out)
	}
	return out
}

// readJournals reads and joins the journals of workers.
func readJournals(t *testing.T, ws ...*workerProc) []Entry {
	t.Helper()
	var all []Entry
	for _, w := range ws {
		es, err := ReadJournal(w.journal)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, es...)
	}
	return all
}
