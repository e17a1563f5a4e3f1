package channel_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gomqm/gomqm/mqi"
)

// BenchmarkChannelThroughput moves b.N messages that wait on QM1's
// transmission queue to QM2 with BATCHSZ(50) and reports messages per
// second arriving at the target queue, and for persistent messages the
// ratio to this machine's fdatasync rate D measured in the same run.
func BenchmarkChannelThroughput(b *testing.B) {
	for _, bc := range []struct {
		name        string
		persistence int32
		size        int
	}{
		{"persistent-1KiB", mqi.MQPER_PERSISTENT, 1024},
		{"nonpersistent-1KiB", mqi.MQPER_NOT_PERSISTENT, 1024},
		{"persistent-64KiB", mqi.MQPER_PERSISTENT, 64 << 10},
	} {
		b.Run(bc.name, func(b *testing.B) {
			p := newPair(b, "BATCHSZ(50)", nil, nil)
			putMessages(b, b.N, bc.persistence, bc.size)
			d := fdatasyncRate(b, p.root)
			b.ResetTimer()
			cpu0 := cpuTime(b)
			start := time.Now()
			stop := p.runSender(b, nil)
			want := strconv.Itoa(b.N)
			for depth(b, "QM2", "IN.Q") != want {
				time.Sleep(50 * time.Millisecond)
			}
			elapsed := time.Since(start)
			cpu := cpuTime(b) - cpu0
			b.StopTimer()
			stop()
			rate := float64(b.N) / elapsed.Seconds()
			b.ReportMetric(rate, "msgs/s")
			// Both queue managers run in this process: its CPU time per
			// message is the cost of moving one, whatever the load of the
			// machine.
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-us/msg")
			if bc.persistence == mqi.MQPER_PERSISTENT {
				b.ReportMetric(rate/d, "xD")
				b.ReportMetric(d, "D/s")
			}
		})
	}
}

// fdatasyncRate measures how many 4 KiB write+fdatasync pairs a second
// the file system under dir does.
func fdatasyncRate(b *testing.B, dir string) float64 {
	f, err := os.Create(filepath.Join(dir, "fsync.probe"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	const n = 200
	start := time.Now()
	for i := range n {
		if _, err := f.WriteAt(buf, int64(i%16)*4096); err != nil {
			b.Fatal(err)
		}
		if err := unix.Fdatasync(int(f.Fd())); err != nil {
			b.Fatal(err)
		}
	}
	return n / time.Since(start).Seconds()
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
