package rlog

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
)

func TestAppendAsyncIdlePathCompletesBeforeReturn(t *testing.T) {
	l := mustOpen(t, small(t.TempDir()))
	defer mustClose(t, l)
	var got LSN
	called := 0
	l.AppendAsync([][]byte{[]byte("a"), []byte("b")}, func(first LSN, err error) {
		if err != nil {
			t.Error(err)
		}
		got = first
		called++
	})
	if called != 1 {
		t.Fatalf("done called %d times before AppendAsync returned", called)
	}
	sameRecords(t, replayAll(t, l), []Record{{got, []byte("a")}, {got + headerSize + 1, []byte("b")}})
	l.AppendAsync(nil, func(_ LSN, err error) {
		if !errors.Is(err, ErrEmptyBatch) {
			t.Errorf("empty AppendAsync: %v", err)
		}
	})
}

// blockSync makes the first data sync after arm is called wait until
// release is closed.
func blockSync(o *Options) (arm func(), entered, release chan struct{}) {
	entered, release = make(chan struct{}), make(chan struct{})
	var once sync.Once
	var armed atomic.Bool
	o.SyncHook = func() error {
		if armed.Load() {
			once.Do(func() { close(entered); <-release })
		}
		return nil
	}
	return func() { armed.Store(true) }, entered, release
}

// TestAppendAsyncQueuedBehindSync: records queued while a sync runs are
// written by the committer goroutine (no caller waits for them) and
// their completions run after their sync, in LSN order.
func TestAppendAsyncQueuedBehindSync(t *testing.T) {
	o := small(t.TempDir())
	arm, entered, release := blockSync(&o)
	l := mustOpen(t, o)
	arm()
	leader := make(chan error)
	go func() { _, err := l.Append([]byte("leader")); leader <- err }()
	<-entered
	type result struct {
		lsn LSN
		err error
	}
	results := make(chan result, 5)
	var want []Record
	for i := range 5 {
		rec := []byte(fmt.Sprintf("q%d", i))
		l.AppendAsync([][]byte{rec}, func(first LSN, err error) { results <- result{first, err} })
		want = append(want, Record{Data: rec})
	}
	if len(results) != 0 {
		t.Fatal("a queued completion ran before its sync")
	}
	close(release)
	if err := <-leader; err != nil {
		t.Fatal(err)
	}
	for i := range want {
		r := <-results
		if r.err != nil {
			t.Fatal(r.err)
		}
		if i > 0 && r.lsn <= want[i-1].LSN {
			t.Errorf("completion %d at %v after %v", i, r.lsn, want[i-1].LSN)
		}
		want[i].LSN = r.lsn
	}
	got := replayAll(t, l)
	sameRecords(t, got[1:], want)
	if st := l.Stats(); st.Batches != 2 {
		t.Errorf("%d batches, want 2 (the leader's, then all queued records)", st.Batches)
	}
	mustClose(t, l)
}

func TestAppendAsyncQueuedRecordsFailWithTheWrite(t *testing.T) {
	o, fs := faultOptions(t)
	l := mustOpen(t, o)
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	fs.set(func(name string) error {
		if !strings.HasSuffix(name, ".LOG") {
			return nil
		}
		failed := false
		once.Do(func() { close(entered); <-release; failed = true })
		if failed {
			return syscall.EIO
		}
		return nil
	}, nil, 0)
	go l.Append([]byte("leader"))
	<-entered
	errs := make(chan error, 1)
	l.AppendAsync([][]byte{[]byte("queued")}, func(_ LSN, err error) { errs <- err })
	close(release)
	if err := <-errs; !errors.Is(err, syscall.EIO) {
		t.Fatalf("queued AppendAsync after a failed write: %v, want EIO", err)
	}
	done := make(chan error, 1)
	l.AppendAsync([][]byte{[]byte("later")}, func(_ LSN, err error) { done <- err })
	if err := <-done; err != nil {
		t.Fatalf("AppendAsync after the failure: %v", err)
	}
	mustClose(t, l)
}

// TestCloseWaitsForQueuedAsync: Close returns only after queued records
// are durable and their completions have run.
func TestCloseWaitsForQueuedAsync(t *testing.T) {
	o := small(t.TempDir())
	arm, entered, release := blockSync(&o)
	l := mustOpen(t, o)
	arm()
	go l.Append([]byte("leader"))
	<-entered
	var mu sync.Mutex
	completed := 0
	for range 3 {
		l.AppendAsync([][]byte{[]byte("x")}, func(_ LSN, err error) {
			if err == nil {
				mu.Lock()
				completed++
				mu.Unlock()
			}
		})
	}
	closed := make(chan error)
	go func() { closed <- l.Close() }()
	close(release)
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	if completed != 3 {
		t.Fatalf("Close returned with %d of 3 completions run", completed)
	}
	l = mustOpen(t, o)
	if n := len(replayAll(t, l)); n != 4 {
		t.Errorf("replayed %d records, want 4", n)
	}
	mustClose(t, l)
}

func TestConcurrentAppendAsync(t *testing.T) {
	const writers, perWriter = 8, 100
	o := Options{Dir: t.TempDir(), FilePages: 64, PrimaryFiles: 3, SecondaryFiles: 2}
	l := mustOpen(t, o)
	acked := make([][]Record, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				rec := payload(fmt.Sprintf("w%d-%d", w, i), 200+i)
				ch := make(chan error, 1)
				var lsn LSN
				l.AppendAsync([][]byte{rec}, func(first LSN, err error) { lsn = first; ch <- err })
				if err := <-ch; err != nil {
					t.Error(err)
					return
				}
				acked[w] = append(acked[w], Record{lsn, rec})
			}
		})
	}
	wg.Wait()
	st := l.Stats()
	if st.Batches >= st.Records {
		t.Errorf("%d records in %d batches: no group commit", st.Records, st.Batches)
	}
	got := replayAll(t, l)
	mustClose(t, l)
	checkAcked(t, got, acked, 0)
}

// TestAppendLaterNeverWritesOnTheCaller: with the log idle, AppendLater
// returns before its records are written (the sync is blocked), and the
// committer goroutine makes them durable and completes them; records
// that cannot be queued are refused at once.
func TestAppendLaterNeverWritesOnTheCaller(t *testing.T) {
	o := small(t.TempDir())
	arm, entered, release := blockSync(&o)
	l := mustOpen(t, o)
	defer mustClose(t, l)
	arm()
	done := make(chan error, 1)
	if err := l.AppendLater([][]byte{[]byte("later")}, func(err error) { done <- err }); err != nil {
		t.Fatalf("AppendLater: %v", err)
	}
	// AppendLater returned: the sync it asked for is held in the hook,
	// on another goroutine.
	<-entered
	select {
	case err := <-done:
		t.Fatalf("completed before its sync: %v", err)
	default:
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("completion: %v", err)
	}
	recs := replayAll(t, l)
	if len(recs) != 1 || string(recs[0].Data) != "later" {
		t.Fatalf("replay: %v", recs)
	}
	if err := l.AppendLater(nil, func(error) { t.Error("done called for an empty batch") }); !errors.Is(err, ErrEmptyBatch) {
		t.Errorf("empty AppendLater: %v", err)
	}
}
