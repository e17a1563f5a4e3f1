package logbench

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

const usageText = `Usage: mqlogbench [-dir Directory] [-appenders N,...] [-size Bytes]
                  [-window Duration] [-dwindow Duration] [-rounds N] [-async]

Measures the recovery log's durable appends per second for each count of
concurrent appenders, against D (4 KiB overwrite+fdatasync per second on a
preallocated file in the same directory), measured around each run.

`

// Main is the mqlogbench command: rounds of D, then each appender count,
// then D again, each figure compared with the mean of the D windows
// around it. It prints one line per measurement and a median summary.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mqlogbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", os.TempDir(), "directory for the logs and the D file (use the queue manager's log file system)")
	counts := fs.String("appenders", "1,8,32", "comma-separated appender counts")
	size := fs.Int("size", 1024, "record size in bytes")
	window := fs.Duration("window", 2*time.Second, "length of each append run")
	dWindow := fs.Duration("dwindow", time.Second, "length of each D measurement")
	rounds := fs.Int("rounds", 3, "rounds")
	async := fs.Bool("async", false, "use AppendAsync (each appender waits for its completion)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usageText)
		fs.PrintDefaults()
	}
	if slices.Contains(args, "-?") {
		fs.Usage()
		return 0
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	var ns []int
	for _, s := range strings.Split(*counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "mqlogbench: bad appender count %q\n", s)
			return 2
		}
		ns = append(ns, n)
	}
	ratios := map[int][]float64{}
	fmt.Fprintf(stdout, "%-5s %9s %9s %9s %7s %9s %6s %9s %9s\n",
		"round", "appenders", "D/s", "msgs/s", "xD", "recs/sync", "busy", "p50", "p99")
	for round := 1; round <= *rounds; round++ {
		d0, err := MeasureD(*dir, *dWindow)
		if err != nil {
			fmt.Fprintln(stderr, "mqlogbench:", err)
			return 1
		}
		for _, n := range ns {
			r, err := Run(Load{Dir: *dir, Appenders: n, RecordSize: *size, Window: *window, Async: *async})
			if err != nil {
				fmt.Fprintln(stderr, "mqlogbench:", err)
				return 1
			}
			d1, err := MeasureD(*dir, *dWindow)
			if err != nil {
				fmt.Fprintln(stderr, "mqlogbench:", err)
				return 1
			}
			d := (d0 + d1) / 2
			ratios[n] = append(ratios[n], r.Rate/d)
			fmt.Fprintf(stdout, "%-5d %9d %9.0f %9.0f %7.2f %9.2f %6.2f %9v %9v\n", round, n, d, r.Rate,
				r.Rate/d, r.RecsPerSync, r.Busy, r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond))
			d0 = d1
		}
	}
	for _, n := range ns {
		rs := ratios[n]
		slices.Sort(rs)
		fmt.Fprintf(stdout, "appenders=%d: median %.2f x D (min %.2f, max %.2f, %d rounds)\n",
			n, rs[len(rs)/2], rs[0], rs[len(rs)-1], len(rs))
	}
	return 0
}
