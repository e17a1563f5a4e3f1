package bench

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// cpuTime returns this process's user+system CPU time in nanoseconds, or
// 0 when the kernel does not say.
func cpuTime() int64 {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// clockTick is the unit of /proc times (USER_HZ), 100 on every Linux
// architecture Go supports.
const clockTick = 10 * time.Millisecond

// machineTimes is a reading of /proc/stat's "cpu" line: busy and total
// time over all CPUs.
type machineTimes struct {
	busy, total int64 // in ticks
}

// readMachineTimes reads the aggregate cpu line of /proc/stat.
func readMachineTimes() (machineTimes, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return machineTimes{}, fmt.Errorf("bench: %w", err)
	}
	return parseMachineTimes(string(b))
}

// parseMachineTimes parses the first line of /proc/stat: "cpu user nice
// system idle iowait irq softirq steal ...". Idle and iowait are not busy.
func parseMachineTimes(stat string) (machineTimes, error) {
	line, _, _ := strings.Cut(stat, "\n")
	f := strings.Fields(line)
	if len(f) < 5 || f[0] != "cpu" {
		return machineTimes{}, fmt.Errorf("bench: unexpected /proc/stat line %q", line)
	}
	var t machineTimes
	for i, s := range f[1:] {
		if i >= 8 { // guest times are already in user and nice
			break
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return machineTimes{}, fmt.Errorf("bench: /proc/stat field %q: %w", s, err)
		}
		t.total += v
		if i != 3 && i != 4 {
			t.busy += v
		}
	}
	return t, nil
}

// busyShare returns the share of all CPUs that was busy between a and b.
func busyShare(a, b machineTimes) float64 {
	if b.total <= a.total {
		return 0
	}
	return float64(b.busy-a.busy) / float64(b.total-a.total)
}

// processCPU returns the user+system CPU time of process pid from
// /proc/<pid>/stat.
func processCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	return parseProcessCPU(string(b))
}

// parseProcessCPU reads utime and stime (fields 14 and 15) of a
// /proc/<pid>/stat line; the command name in parentheses may hold spaces.
func parseProcessCPU(stat string) (time.Duration, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, fmt.Errorf("bench: unexpected /proc stat %q", stat)
	}
	f := strings.Fields(stat[i+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("bench: short /proc stat %q", stat)
	}
	var ticks int64
	for _, s := range f[11:13] {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("bench: /proc stat field %q: %w", s, err)
		}
		ticks += v
	}
	return time.Duration(ticks) * clockTick, nil
}
