package rlog

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

var benchDir = flag.String("rlog.dir", "", "directory for benchmark logs and the fdatasync baseline (default: the temp dir)")

// dWindow is how long D is measured before and after each benchmark
// run. The rate drifts by tens of percent within minutes on a shared VM,
// so every run compares itself with the mean of its own two windows,
// measured in the same directory.
const dWindow = time.Second

// baselineD measures D: a 16 MiB zero-filled, synced file in the
// benchmark directory, then consecutive 4 KiB pwrite + fdatasync.
func baselineD(b *testing.B) float64 {
	b.Helper()
	d, err := measureD(benchParent(b), dWindow)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

func benchParent(b *testing.B) string {
	if *benchDir != "" {
		return *benchDir
	}
	return os.TempDir()
}

func measureD(parent string, window time.Duration) (float64, error) {
	dir, err := os.MkdirTemp(parent, "rlog-d-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	const size = 16 << 20
	name := filepath.Join(dir, "d.dat")
	if err := preallocate(&Options{OpenFile: OpenOSFile}, name, size); err != nil {
		return 0, err
	}
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	fd := int(f.Fd())
	page := make([]byte, PageSize)
	start := time.Now()
	n := 0
	for time.Since(start) < window {
		page[0] = byte(n)
		if _, err := unix.Pwrite(fd, page, int64(n*PageSize%size)); err != nil {
			return 0, err
		}
		if err := unix.Fdatasync(fd); err != nil {
			return 0, err
		}
		n++
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// BenchmarkBaselineD reports D alone (ns/op is meaningless here).
func BenchmarkBaselineD(b *testing.B) {
	for range b.N {
		b.ReportMetric(baselineD(b), "D/s")
	}
}

// BenchmarkAppend measures durable 1 KiB appends from 1, 8 and 32
// concurrent appenders, each a closed loop, against D from the same run.
// A background checkpoint releases the log when half of it is in use, as
// the queue manager would.
func BenchmarkAppend(b *testing.B) {
	for _, n := range []int{1, 8, 32} {
		b.Run(fmt.Sprintf("appenders=%d", n), func(b *testing.B) { benchAppend(b, n, 1024) })
	}
}

func benchAppend(b *testing.B, appenders, size int) {
	dir, err := os.MkdirTemp(benchParent(b), "rlog-bench-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	l, err := Open(Options{Dir: dir, FilePages: 1024, PrimaryFiles: 3, SecondaryFiles: 2})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	stop := make(chan struct{})
	var bg sync.WaitGroup
	bg.Go(func() { benchCheckpointer(b, l, stop) })

	dBefore := baselineD(b)
	rec := make([]byte, size)
	var next atomic.Int64
	var wg sync.WaitGroup
	start0 := l.Stats()
	b.ResetTimer()
	start := time.Now()
	for range appenders {
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				if _, err := l.Append(rec); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	close(stop)
	bg.Wait()
	st := l.Stats()
	d := (dBefore + baselineD(b)) / 2
	rate := float64(b.N) / elapsed.Seconds()
	b.ReportMetric(rate, "msgs/s")
	b.ReportMetric(rate/d, "xD")
	b.ReportMetric(d, "D/s")
	b.ReportMetric(float64(st.SyncTime-start0.SyncTime)/float64(elapsed), "busy")
	if syncs := st.Syncs - start0.Syncs; syncs > 0 {
		b.ReportMetric(float64(st.Records-start0.Records)/float64(syncs), "recs/sync")
	}
}

func benchCheckpointer(b *testing.B, l *Log, stop chan struct{}) {
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		if st := l.Stats(); st.Used > st.Capacity/2 {
			if err := l.Checkpoint(st.End); err != nil {
				b.Error(err)
				return
			}
		}
	}
}
