package rlog

import (
	"bytes"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestConcurrentAppenders runs appenders, a checkpointer and a reader at
// once (meant for -race). Every acknowledged record at or after the
// final checkpoint must replay exactly once, each appender's records in
// its own order, and batching must have happened.
func TestConcurrentAppenders(t *testing.T) {
	const writers, perWriter = 16, 150
	o := Options{Dir: t.TempDir(), FilePages: 16, PrimaryFiles: 2, SecondaryFiles: 2}
	o.SyncHook = func() error { time.Sleep(100 * time.Microsecond); return nil }
	l := mustOpen(t, o)
	capacity := l.Stats().Capacity

	acked := make([][]Record, writers)
	var wg, bg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, writers+2)
	for w := range writers {
		wg.Go(func() { errs <- appendLoop(l, w, perWriter, &acked[w]) })
	}
	bg.Go(func() { errs <- checkpointLoop(l, capacity, stop) })
	bg.Go(func() { errs <- replayLoop(l, stop) })
	wg.Wait()
	close(stop)
	bg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}

	st := l.Stats()
	if st.Batches >= st.Records {
		t.Errorf("%d records in %d batches: no group commit", st.Records, st.Batches)
	}
	t.Logf("%d records, %d batches, %d checkpoint-limited laps", st.Records, st.Batches, st.End/LSN(capacity))
	got := replayAll(t, l)
	mustClose(t, l)
	checkAcked(t, got, acked, st.Checkpoint)
}

func appendLoop(l *Log, w, n int, acked *[]Record) error {
	last := LSN(0)
	for i := 0; i < n; i++ {
		if i%5 == 4 && i+1 < n {
			recs := [][]byte{payload(fmt.Sprintf("w%d-%d", w, i), 700), payload(fmt.Sprintf("w%d-%d", w, i+1), 300)}
			first, err := retryFull(func() (LSN, error) { return l.AppendBatch(recs) })
			if err != nil {
				return err
			}
			*acked = append(*acked, Record{first, recs[0]}, Record{first + headerSize + 700, recs[1]})
			last = first
			i++
			continue
		}
		rec := payload(fmt.Sprintf("w%d-%d", w, i), 100+i%900)
		lsn, err := retryFull(func() (LSN, error) { return l.Append(rec) })
		if err != nil {
			return err
		}
		if lsn <= last && last != 0 {
			return fmt.Errorf("writer %d: LSN %v after %v", w, lsn, last)
		}
		last = lsn
		*acked = append(*acked, Record{lsn, rec})
	}
	return nil
}

// retryFull retries while the log is full, as an application retries
// MQRC_RESOURCE_PROBLEM: the checkpointer frees space.
func retryFull(f func() (LSN, error)) (LSN, error) {
	for {
		lsn, err := f()
		if !errors.Is(err, ErrLogFull) {
			return lsn, err
		}
		time.Sleep(100 * time.Microsecond)
	}
}

func checkpointLoop(l *Log, capacity int64, stop chan struct{}) error {
	for {
		select {
		case <-stop:
			return nil
		case <-time.After(200 * time.Microsecond):
		}
		if l.Stats().Used > capacity/2 {
			if err := l.Checkpoint(l.End()); err != nil {
				return err
			}
		}
	}
}

// replayLoop replays while appends go on: what it sees must be intact
// and in order.
func replayLoop(l *Log, stop chan struct{}) error {
	for {
		select {
		case <-stop:
			return nil
		default:
		}
		prev := LSN(0)
		first := true
		if _, err := l.Replay(func(r Record) error {
			if !first && r.LSN <= prev {
				return fmt.Errorf("replay order: %v after %v", r.LSN, prev)
			}
			tag, _, _ := bytes.Cut(r.Data, []byte("|"))
			if !bytes.Equal(r.Data, payload(string(tag), len(r.Data))) {
				return fmt.Errorf("record at %v damaged", r.LSN)
			}
			prev, first = r.LSN, false
			return nil
		}); err != nil {
			return err
		}
	}
}

func checkAcked(t *testing.T, got []Record, acked [][]Record, ckpt LSN) {
	t.Helper()
	byLSN := map[LSN][]byte{}
	for i, r := range got {
		if i > 0 && r.LSN <= got[i-1].LSN {
			t.Fatalf("replay out of order at %v", r.LSN)
		}
		byLSN[r.LSN] = r.Data
	}
	total := 0
	for w, recs := range acked {
		for _, r := range recs {
			if r.LSN < ckpt {
				continue
			}
			total++
			if d, ok := byLSN[r.LSN]; !ok || !bytes.Equal(d, r.Data) {
				t.Fatalf("writer %d: acknowledged record %v missing or different", w, r.LSN)
			}
		}
	}
	if total != len(got) {
		t.Fatalf("replayed %d records, %d acknowledged after the checkpoint", len(got), total)
	}
}
