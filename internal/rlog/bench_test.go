package rlog_test

import (
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/rlog/logbench"
)

var benchDir = flag.String("rlog.dir", "", "directory for benchmark logs and the fdatasync baseline (default: the temp dir)")

// dWindow is how long D is measured before and after each benchmark
// run. The rate drifts by tens of percent within minutes on a shared VM,
// so every run compares itself with the mean of its own two windows,
// measured in the same directory.
const dWindow = time.Second

func benchParent() string {
	if *benchDir != "" {
		return *benchDir
	}
	return os.TempDir()
}

func measureD(b *testing.B) float64 {
	b.Helper()
	d, err := logbench.MeasureD(benchParent(), dWindow)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkBaselineD reports D alone (ns/op is meaningless here).
func BenchmarkBaselineD(b *testing.B) {
	for range b.N {
		b.ReportMetric(measureD(b), "D/s")
	}
}

// BenchmarkAppend measures durable 1 KiB appends from 1, 8 and 32
// concurrent appenders, each a closed loop, against D from the same run
// (metrics msgs/s and xD). A background checkpoint releases the log when
// half of it is in use, as the queue manager would.
func BenchmarkAppend(b *testing.B) { benchAppend(b, false) }

// BenchmarkAppendAsync is BenchmarkAppend with AppendAsync, each
// appender waiting for its completion (run by the syncing goroutine).
func BenchmarkAppendAsync(b *testing.B) { benchAppend(b, true) }

func benchAppend(b *testing.B, async bool) {
	for _, n := range []int{1, 8, 32} {
		b.Run(fmt.Sprintf("appenders=%d", n), func(b *testing.B) {
			d0 := measureD(b)
			b.ResetTimer()
			r, err := logbench.Run(logbench.Load{Dir: benchParent(), Appenders: n, RecordSize: 1024, Count: b.N, Async: async})
			b.StopTimer()
			if err != nil {
				b.Fatal(err)
			}
			d := (d0 + measureD(b)) / 2
			b.ReportMetric(r.Rate, "msgs/s")
			b.ReportMetric(r.Rate/d, "xD")
			b.ReportMetric(d, "D/s")
			b.ReportMetric(r.RecsPerSync, "recs/sync")
			b.ReportMetric(r.Busy, "busy")
		})
	}
}
