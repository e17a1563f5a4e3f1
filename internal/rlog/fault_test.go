package rlog

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// faultFS wraps OpenOSFile. Its hooks, when set, run before each write or
// sync and may block or return an error to inject.
type faultFS struct {
	mu      sync.Mutex
	write   func(name string) error
	sync    func(name string) error
	partial int // a failed write first writes up to this many bytes
}

func (fs *faultFS) open(name string, flag int, perm os.FileMode) (File, error) {
	f, err := OpenOSFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return &faultFile{File: f, name: filepath.Base(name), fs: fs}, nil
}

func (fs *faultFS) set(write, sync func(string) error, partial int) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.write, fs.sync, fs.partial = write, sync, partial
}

type faultFile struct {
	File
	name string
	fs   *faultFS
}

func (f *faultFile) WriteAt(p []byte, off int64) (int, error) {
	f.fs.mu.Lock()
	hook, partial := f.fs.write, f.fs.partial
	f.fs.mu.Unlock()
	if hook != nil {
		if err := hook(f.name); err != nil {
			n, _ := f.File.WriteAt(p[:min(partial, len(p))], off)
			return n, err
		}
	}
	return f.File.WriteAt(p, off)
}

func (f *faultFile) Sync() error {
	f.fs.mu.Lock()
	hook := f.fs.sync
	f.fs.mu.Unlock()
	if hook != nil {
		if err := hook(f.name); err != nil {
			return err
		}
	}
	return f.File.Sync()
}

// on returns a hook failing with err for files whose name has the
// given suffix.
func on(suffix string, err error) func(string) error {
	return func(name string) error {
		if strings.HasSuffix(name, suffix) {
			return err
		}
		return nil
	}
}

func faultOptions(t *testing.T) (Options, *faultFS) {
	fs := &faultFS{}
	o := small(t.TempDir())
	o.FilePages = 8
	o.OpenFile = fs.open
	return o, fs
}

func TestWriteErrorFailsBatchAndLogGoesOn(t *testing.T) {
	o, fs := faultOptions(t)
	l := mustOpen(t, o)
	var m model
	for _, s := range []string{"a", "b"} {
		m.add(mustAppend(t, l, []byte(s)), []byte(s))
	}
	fs.set(on(".LOG", syscall.ENOSPC), nil, 5000)
	if _, err := l.Append(payload("c", 6000)); !errors.Is(err, syscall.ENOSPC) || errors.Is(err, ErrBroken) {
		t.Fatalf("Append with failing write = %v, want ENOSPC, not broken", err)
	}
	fs.set(nil, nil, 0)
	lsn := mustAppend(t, l, []byte("d"))
	if lsn != m.recs[1].LSN+PageSize {
		t.Errorf("append after the failed write at %v, want %v (where the failed batch began)", lsn, m.recs[1].LSN+PageSize)
	}
	m.add(lsn, []byte("d"))
	sameRecords(t, replayAll(t, l), m.recs)
	crash(t, l)
	l = mustOpen(t, o)
	sameRecords(t, replayAll(t, l), m.recs)
	mustClose(t, l)
}

func TestWriteErrorFailsRecordsQueuedBehind(t *testing.T) {
	o, fs := faultOptions(t)
	l := mustOpen(t, o)
	a := mustAppend(t, l, []byte("a"))
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	fs.set(func(name string) error {
		if !strings.HasSuffix(name, ".LOG") {
			return nil
		}
		once.Do(func() { close(entered); <-release })
		return syscall.EIO
	}, nil, 0)
	errs := make(chan error, 2)
	go func() { _, err := l.Append([]byte("leader")); errs <- err }()
	<-entered
	go func() { _, err := l.Append([]byte("queued")); errs <- err }()
	waitFor(t, func() bool { l.mu.Lock(); defer l.mu.Unlock(); return l.open.n == 1 })
	fs.set(nil, nil, 0)
	close(release)
	for range 2 {
		if err := <-errs; !errors.Is(err, syscall.EIO) {
			t.Errorf("Append = %v, want EIO", err)
		}
	}
	b := mustAppend(t, l, []byte("b"))
	sameRecords(t, replayAll(t, l), []Record{{a, []byte("a")}, {b, []byte("b")}})
	mustClose(t, l)
}

func TestSyncErrorBreaksLogUntilReopened(t *testing.T) {
	for _, viaHook := range []bool{false, true} {
		o, fs := faultOptions(t)
		var hookErr error
		var hookMu sync.Mutex
		o.SyncHook = func() error { hookMu.Lock(); defer hookMu.Unlock(); return hookErr }
		l := mustOpen(t, o)
		a := mustAppend(t, l, []byte("a"))
		if viaHook {
			hookMu.Lock()
			hookErr = syscall.EIO
			hookMu.Unlock()
		} else {
			fs.set(nil, on(".LOG", syscall.EIO), 0)
		}
		if _, err := l.Append([]byte("c")); !errors.Is(err, ErrBroken) || !errors.Is(err, syscall.EIO) {
			t.Fatalf("Append with failing sync = %v, want ErrBroken and EIO", err)
		}
		fs.set(nil, nil, 0)
		hookMu.Lock()
		hookErr = nil
		hookMu.Unlock()
		if _, err := l.Append([]byte("d")); !errors.Is(err, ErrBroken) {
			t.Errorf("Append after failed sync = %v, want ErrBroken", err)
		}
		if err := l.Checkpoint(a); !errors.Is(err, ErrBroken) {
			t.Errorf("Checkpoint after failed sync = %v, want ErrBroken", err)
		}
		if end := l.End(); end != a+PageSize {
			t.Errorf("durable end moved to %v after a failed sync", end)
		}
		sameRecords(t, replayAll(t, l), []Record{{a, []byte("a")}})
		mustClose(t, l)

		l = mustOpen(t, o)
		got := replayAll(t, l)
		// "c" reached the page cache; whether it counts is up to the
		// disk. Either way "a" is there and the log works again.
		if len(got) == 0 || string(got[0].Data) != "a" || len(got) > 2 {
			t.Fatalf("after reopen replayed %q", got)
		}
		mustAppend(t, l, []byte("e"))
		mustClose(t, l)
	}
}

func TestCreateFailureLeavesNoLog(t *testing.T) {
	o, fs := faultOptions(t)
	fs.set(on("S0000001.LOG", syscall.ENOSPC), nil, PageSize)
	if _, err := Open(o); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Open on a full disk = %v, want ENOSPC", err)
	}
	if _, err := os.Stat(filepath.Join(o.Dir, controlName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("control file after failed create: %v", err)
	}
	fs.set(nil, nil, 0)
	l := mustOpen(t, o) // the interrupted creation is done again
	mustAppend(t, l, []byte("x"))
	mustClose(t, l)
}

func TestLogFilesWithoutControlFileAreRefused(t *testing.T) {
	o := small(t.TempDir())
	l := mustOpen(t, o)
	mustAppend(t, l, []byte("precious"))
	mustClose(t, l)
	if err := os.Remove(filepath.Join(o.Dir, controlName)); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(o); !errors.Is(err, ErrControl) {
		t.Fatalf("Open without control file = %v, want ErrControl", err)
	}
	data, err := os.ReadFile(filepath.Join(o.Dir, activeDir, fileName(0)))
	if err != nil || !bytes.Contains(data, []byte("precious")) {
		t.Fatalf("log file was overwritten (%v)", err)
	}
}

func TestCheckpointControlWriteFailureKeepsOldCheckpoint(t *testing.T) {
	o, fs := faultOptions(t)
	l := mustOpen(t, o)
	a := mustAppend(t, l, []byte("a"))
	b := mustAppend(t, l, []byte("b"))
	if err := l.Checkpoint(a); err != nil {
		t.Fatal(err)
	}
	fs.set(on(controlName, syscall.EIO), nil, 40) // tears the slot
	if err := l.Checkpoint(b); !errors.Is(err, syscall.EIO) {
		t.Fatalf("Checkpoint with failing control write = %v", err)
	}
	fs.set(nil, nil, 0)
	c := mustAppend(t, l, []byte("c"))
	want := []Record{{a, []byte("a")}, {b, []byte("b")}, {c, []byte("c")}}
	sameRecords(t, replayAll(t, l), want)
	crash(t, l) // the torn slot must not be used
	l = mustOpen(t, o)
	sameRecords(t, replayAll(t, l), want)
	if err := l.Checkpoint(c); err != nil {
		t.Fatal(err)
	}
	crash(t, l)
	l = mustOpen(t, o)
	sameRecords(t, replayAll(t, l), want[2:])
	mustClose(t, l)
}

func TestControlFileDamage(t *testing.T) {
	o := small(t.TempDir())
	l := mustOpen(t, o)
	a := mustAppend(t, l, []byte("a"))
	b := mustAppend(t, l, []byte("b"))
	if err := l.Checkpoint(b); err != nil {
		t.Fatal(err)
	}
	newest := l.ctl.seq % controlSlots
	crash(t, l)
	ctl := filepath.Join(o.Dir, controlName)
	data, err := os.ReadFile(ctl)
	if err != nil {
		t.Fatal(err)
	}
	data[newest*PageSize+40] ^= 1 // checkpoint field of the newest slot
	if err := os.WriteFile(ctl, data, 0o660); err != nil {
		t.Fatal(err)
	}
	l = mustOpen(t, o) // falls back to the older slot: checkpoint 0
	sameRecords(t, replayAll(t, l), []Record{{a, []byte("a")}, {b, []byte("b")}})
	crash(t, l)
	data[(1-newest)*PageSize] = 'X'
	if err := os.WriteFile(ctl, data, 0o660); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(o); !errors.Is(err, ErrControl) {
		t.Fatalf("Open with both slots damaged = %v, want ErrControl", err)
	}
}

func TestMissingLogFile(t *testing.T) {
	o := small(t.TempDir())
	mustClose(t, mustOpen(t, o))
	if err := os.Truncate(filepath.Join(o.Dir, activeDir, fileName(2)), PageSize); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(o); !errors.Is(err, ErrControl) {
		t.Errorf("Open with a short log file = %v, want ErrControl", err)
	}
	if err := os.Remove(filepath.Join(o.Dir, activeDir, fileName(1))); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(o); !errors.Is(err, ErrControl) {
		t.Errorf("Open with a missing log file = %v, want ErrControl", err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 5s")
		}
		time.Sleep(time.Millisecond)
	}
}

// TestOpenSyncsWhatItWillReplay: batches found intact by the scan may
// never have been synced by the process that wrote them; Open syncs
// every log file before the log goes on, and fails if it cannot.
func TestOpenSyncsWhatItWillReplay(t *testing.T) {
	o := small(t.TempDir())
	mustClose(t, mustOpen(t, o))
	var syncs int
	var fail error
	o.SyncHook = func() error { syncs++; return fail }
	l := mustOpen(t, o)
	if syncs != 3 {
		t.Errorf("Open synced %d log files, want 3", syncs)
	}
	mustClose(t, l)
	fail = syscall.EIO
	if _, err := Open(o); !errors.Is(err, syscall.EIO) {
		t.Fatalf("Open with failing sync = %v, want EIO", err)
	}
	fail = nil
	mustClose(t, mustOpen(t, o))
}
