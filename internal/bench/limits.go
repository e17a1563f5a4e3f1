package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/sys/unix"
)

// Measure is one measurement of a machine limit.
type Measure struct {
	Ops     uint64        `json:"ops"`
	Elapsed time.Duration `json:"elapsed_ns"`
	Rate    float64       `json:"per_s"`
	P50     time.Duration `json:"p50_ns"`
	P99     time.Duration `json:"p99_ns"`
}

// Limit is a machine limit measured more than once in a run (before and
// after the scenarios); Rate is the median of the measurements' rates
// (the mean of the middle two for an even count).
type Limit struct {
	Rate     float64   `json:"per_s"`
	Measures []Measure `json:"measures"`
}

// add records m and updates the median.
func (l *Limit) add(m Measure) {
	l.Measures = append(l.Measures, m)
	rates := make([]float64, len(l.Measures))
	for i, x := range l.Measures {
		rates[i] = x.Rate
	}
	slices.Sort(rates)
	n := len(rates)
	l.Rate = (rates[(n-1)/2] + rates[n/2]) / 2
}

// The D measurement's file and block.
const (
	dFileSize  = 64 << 20
	dBlockSize = 4096
)

// MeasureD measures D in dir: it writes a 64 MiB file of zeros and syncs
// it (and dir), then overwrites consecutive 4 KiB blocks, one pwrite and
// one fdatasync each, until window passes or maxOps syncs are done. The
// file's size never changes, so fdatasync flushes data only. The file is
// removed afterwards.
func MeasureD(dir string, window time.Duration, maxOps int) (Measure, error) {
	f, err := os.CreateTemp(dir, "mqbench-d-*.dat")
	if err != nil {
		return Measure{}, fmt.Errorf("bench: D file: %w", err)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	if err := preallocate(f, dir); err != nil {
		return Measure{}, err
	}
	return syncLoop(int(f.Fd()), window, maxOps)
}

func preallocate(f *os.File, dir string) error {
	zero := make([]byte, 1<<20)
	for off := 0; off < dFileSize; off += len(zero) {
		if _, err := f.Write(zero); err != nil {
			return fmt.Errorf("bench: preallocate the D file: %w", err)
		}
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("bench: sync the D file: %w", err)
	}
	d, err := os.Open(filepath.Clean(dir))
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("bench: sync %s: %w", dir, err)
	}
	return nil
}

func syncLoop(fd int, window time.Duration, maxOps int) (Measure, error) {
	block := make([]byte, dBlockSize)
	var h Histogram
	start := time.Now()
	n := 0
	for ; n < maxOps && time.Since(start) < window; n++ {
		t := time.Now()
		block[0], block[1] = byte(n), byte(n>>8)
		off := int64(n) * dBlockSize % dFileSize
		if _, err := unix.Pwrite(fd, block, off); err != nil {
			return Measure{}, fmt.Errorf("bench: pwrite: %w", err)
		}
		if err := unix.Fdatasync(fd); err != nil {
			return Measure{}, fmt.Errorf("bench: fdatasync: %w", err)
		}
		h.Record(time.Since(t))
	}
	return measureOf(&h, time.Since(start)), nil
}

// measureOf summarises a closed loop's histogram over elapsed.
func measureOf(h *Histogram, elapsed time.Duration) Measure {
	m := Measure{Ops: h.Count(), Elapsed: elapsed, P50: h.Percentile(0.50), P99: h.Percentile(0.99)}
	if elapsed > 0 {
		m.Rate = float64(m.Ops) / elapsed.Seconds()
	}
	return m
}
