// Package logbench measures the recovery log (package rlog) against the
// disk's own limit: D, the rate of 4 KiB overwrite + fdatasync on a
// preallocated file in the same directory. It backs the rlog benchmarks
// and the mqlogbench command.
package logbench

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gomqm/gomqm/internal/rlog"
)

// MeasureD returns D for dir: a 16 MiB zero-filled, synced file, then
// consecutive 4 KiB pwrite + fdatasync for window.
func MeasureD(dir string, window time.Duration) (float64, error) {
	tmp, err := os.MkdirTemp(dir, "rlog-d-")
	if err != nil {
		return 0, fmt.Errorf("logbench: %w", err)
	}
	defer os.RemoveAll(tmp)
	const size, page = 16 << 20, 4096
	f, err := os.Create(filepath.Join(tmp, "d.dat"))
	if err != nil {
		return 0, fmt.Errorf("logbench: %w", err)
	}
	defer f.Close()
	if _, err := f.Write(make([]byte, size)); err != nil {
		return 0, fmt.Errorf("logbench: preallocate: %w", err)
	}
	if err := f.Sync(); err != nil {
		return 0, fmt.Errorf("logbench: %w", err)
	}
	fd := int(f.Fd())
	buf := make([]byte, page)
	start := time.Now()
	n := 0
	for time.Since(start) < window {
		buf[0] = byte(n)
		if _, err := unix.Pwrite(fd, buf, int64(n*page%size)); err != nil {
			return 0, fmt.Errorf("logbench: pwrite: %w", err)
		}
		if err := unix.Fdatasync(fd); err != nil {
			return 0, fmt.Errorf("logbench: fdatasync: %w", err)
		}
		n++
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// Load describes one closed-loop run.
type Load struct {
	Dir        string        // parent directory of the fresh log
	Appenders  int           // concurrent goroutines calling Append
	RecordSize int           // bytes per record
	Count      int           // stop after this many appends (0: use Window)
	Window     time.Duration // stop after this long (when Count is 0)
	FilePages  int           // log geometry; zero means 1024 pages x (3+2) files
	Async      bool          // use AppendAsync, each appender waiting for its completion
}

// Result is what a run measured.
type Result struct {
	Appends     int
	Elapsed     time.Duration
	Rate        float64 // appends per second
	RecsPerSync float64
	Busy        float64 // share of the time a batch write or sync was running
	P50, P99    time.Duration
}

// Run opens a fresh log under load.Dir and appends from load.Appenders
// goroutines, each waiting for its Append before the next. A checkpoint
// releases the log whenever half of it is in use, as the queue manager
// would.
func Run(load Load) (Result, error) {
	dir, err := os.MkdirTemp(load.Dir, "rlog-bench-")
	if err != nil {
		return Result{}, fmt.Errorf("logbench: %w", err)
	}
	defer os.RemoveAll(dir)
	pages := load.FilePages
	if pages == 0 {
		pages = 1024
	}
	l, err := rlog.Open(rlog.Options{Dir: dir, FilePages: pages, PrimaryFiles: 3, SecondaryFiles: 2})
	if err != nil {
		return Result{}, err
	}
	defer l.Close()
	stop := make(chan struct{})
	ckErr := make(chan error, 1)
	go func() { ckErr <- checkpointer(l, stop) }()
	res, err := closedLoop(l, load)
	close(stop)
	if cerr := <-ckErr; err == nil {
		err = cerr
	}
	return res, err
}

func closedLoop(l *rlog.Log, load Load) (Result, error) {
	rec := make([]byte, load.RecordSize)
	lat := make([][]time.Duration, load.Appenders)
	var next atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	before := l.Stats()
	start := time.Now()
	more := func() bool {
		if load.Count > 0 {
			return next.Add(1) <= int64(load.Count)
		}
		return time.Since(start) < load.Window
	}
	for i := range load.Appenders {
		wg.Go(func() {
			app := appender(l, rec, load.Async)
			for more() {
				t := time.Now()
				if err := app(); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				lat[i] = append(lat[i], time.Since(t))
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err, ok := firstErr.Load().(error); ok {
		return Result{}, err
	}
	after := l.Stats()
	all := slices.Concat(lat...)
	slices.Sort(all)
	r := Result{Appends: len(all), Elapsed: elapsed}
	r.Rate = float64(len(all)) / elapsed.Seconds()
	r.Busy = float64(after.SyncTime-before.SyncTime) / float64(elapsed)
	if s := after.Syncs - before.Syncs; s > 0 {
		r.RecsPerSync = float64(after.Records-before.Records) / float64(s)
	}
	if len(all) > 0 {
		r.P50, r.P99 = all[len(all)/2], all[len(all)*99/100]
	}
	return r, nil
}

// appender returns one durable append of rec: Append, or AppendAsync
// followed by waiting for the completion.
func appender(l *rlog.Log, rec []byte, async bool) func() error {
	if !async {
		return func() error { _, err := l.Append(rec); return err }
	}
	recs := [][]byte{rec}
	done := make(chan error, 1)
	complete := func(_ rlog.LSN, err error) { done <- err }
	return func() error {
		l.AppendAsync(recs, complete)
		return <-done
	}
}

func checkpointer(l *rlog.Log, stop chan struct{}) error {
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return nil
		case <-t.C:
		}
		if st := l.Stats(); st.Used > st.Capacity/2 {
			if err := l.Checkpoint(st.End); err != nil {
				return err
			}
		}
	}
}
