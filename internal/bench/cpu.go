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

// machineTimes is a reading of /proc/stat's "cpu" line: the time all
// CPUs were not busy, and when it was read.
type machineTimes struct {
	notBusy int64 // idle, iowait and steal, in ticks
	at      time.Time
}

// readMachineTimes reads the aggregate cpu line of /proc/stat.
func readMachineTimes() (machineTimes, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return machineTimes{}, fmt.Errorf("bench: %w", err)
	}
	t, err := parseMachineTimes(string(b))
	t.at = time.Now()
	return t, err
}

// parseMachineTimes parses the first line of /proc/stat: "cpu user nice
// system idle iowait irq softirq steal ...", keeping idle, iowait and
// steal (time the hypervisor gave to others).
func parseMachineTimes(stat string) (machineTimes, error) {
	line, _, _ := strings.Cut(stat, "\n")
	f := strings.Fields(line)
	if len(f) < 6 || f[0] != "cpu" {
		return machineTimes{}, fmt.Errorf("bench: unexpected /proc/stat line %q", line)
	}
	var t machineTimes
	for i, s := range f[1:min(len(f), 9)] {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return machineTimes{}, fmt.Errorf("bench: /proc/stat field %q: %w", s, err)
		}
		switch i {
		case 3, 4, 7:
			t.notBusy += v
		}
	}
	return t, nil
}

// busyShare returns the share of cpus CPUs that was busy between a and
// b: what was not idle (nor waiting for I/O, nor stolen) of the time that
// passed. Idle time is measured exactly by a tickless kernel, whereas
// busy time is sampled at ticks and comes out short under a load of many
// short wake-ups, as in a guest with halt polling off, so the busy share
// is taken from the idle time.
func busyShare(a, b machineTimes, cpus int) float64 {
	wall := b.at.Sub(a.at)
	if wall <= 0 || cpus <= 0 {
		return 0
	}
	idle := float64(time.Duration(b.notBusy-a.notBusy)*clockTick) / float64(wall) / float64(cpus)
	return min(max(1-idle, 0), 1)
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
