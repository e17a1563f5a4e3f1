package bench

import (
	"cmp"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Config is one mqbench run.
type Config struct {
	// QMgr is a running queue manager to measure; empty means create a
	// temporary one below TempParent and delete it afterwards.
	QMgr string
	// Queue is an existing local queue to use (cleared before each
	// scenario); empty means a queue per scenario, defined and deleted.
	Queue  string
	Window time.Duration // measured window per scenario
	Warmup time.Duration // before each window
	// Rounds is how many times the scenario list runs; each scenario
	// reports its median run. The limits are measured before the first
	// round and after each.
	Rounds      int
	LimitWindow time.Duration // each measurement of D and E
	Size        int           // message length
	Scenarios   []Scenario
	TempParent  string // parent of the temporary data root; "" is the system's
	Exe         string // this program, run again for workers and echo processes
	Bin         string // directory of the control commands
	Environ     []string
	// DataRoot is the data root of QMgr (MQ_OVERRIDE_DATA_PATH or /var/mqm).
	DataRoot string
	// Progress receives a line as each step starts; nil for none.
	Progress io.Writer
	// Channels runs the channel scenarios (channel.go) instead: those of
	// ChannelScenarios that ChannelSelect names.
	Channels      bool
	ChannelSelect []ChannelScenario
}

// Defaults for a Config's zero fields.
const (
	DefaultWindow      = 5 * time.Second
	DefaultWarmup      = time.Second
	DefaultLimitWindow = 2500 * time.Millisecond
	DefaultSize        = 1024
	// dMaxOps bounds each D measurement: twice per run gives at most
	// 40,000 syncs.
	dMaxOps = 20000
	// eWarmup is the echo client's warm-up before its window.
	eWarmup = 500 * time.Millisecond
	// defaultMaxOps bounds every application loop, whatever its time.
	defaultMaxOps = 50_000_000
	// readyBound is how long all applications of a scenario may take to
	// connect and open the queue.
	readyBound = 60 * time.Second
	// startDelay leaves time to send the start instant to every process.
	startDelay = 100 * time.Millisecond
	// maxDepth is the depth of the queues mqbench defines: puts alone
	// must never fill them.
	maxDepth = 999999999
)

// Run measures the limits, runs every scenario and measures the limits
// again, for each round; each row is compared with the median of the
// limit's measurements.
// A scenario that fails is reported in its row; Run returns an error only
// when the run as a whole cannot go on.
func Run(cfg Config) (rep *Report, err error) {
	cfg.defaults()
	t, err := cfg.target()
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := t.close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	rep = &Report{QMgr: t.name, CPUs: runtime.NumCPU(), Size: cfg.Size, Warmup: cfg.Warmup,
		Window: cfg.Window, Rounds: cfg.Rounds, DDir: t.logDir, Started: time.Now()}
	if err := cfg.measureLimits(rep, t); err != nil {
		return nil, err
	}
	runs := make([][]Row, len(cfg.Scenarios))
	for round := 1; round <= cfg.Rounds; round++ {
		for i, s := range cfg.Scenarios {
			cfg.progress("round %d/%d: running %s (%d processes)", round, cfg.Rounds, s.ID(), s.Processes())
			row, err := cfg.runScenario(t, s)
			if err != nil {
				return nil, err
			}
			runs[i] = append(runs[i], row)
		}
		if err := cfg.measureLimits(rep, t); err != nil {
			return nil, err
		}
	}
	for _, rows := range runs {
		r := medianRow(rows)
		rep.compare(&r)
		rep.Rows = append(rep.Rows, r)
	}
	rep.compareClients(cfg.Scenarios)
	return rep, nil
}

// medianRow returns the run of a scenario with the median rate, with the
// rates of all runs beside it; a failed run makes the scenario failed.
func medianRow(rows []Row) Row {
	for _, r := range rows {
		if r.Error != "" {
			return r
		}
	}
	sorted := slices.Clone(rows)
	slices.SortStableFunc(sorted, func(a, b Row) int { return cmp.Compare(a.Rate, b.Rate) })
	m := sorted[(len(sorted)-1)/2]
	if len(rows) > 1 {
		m.Runs = make([]float64, len(rows))
		for i, r := range rows {
			m.Runs[i] = r.Rate
		}
	}
	return m
}

func (cfg *Config) defaults() {
	if cfg.Window <= 0 {
		cfg.Window = DefaultWindow
	}
	if cfg.Warmup < 0 {
		cfg.Warmup = 0
	}
	if cfg.Rounds < 1 {
		cfg.Rounds = 1
	}
	if cfg.LimitWindow <= 0 {
		cfg.LimitWindow = DefaultLimitWindow
	}
	if cfg.Size <= 0 {
		cfg.Size = DefaultSize
	}
	if cfg.Scenarios == nil {
		cfg.Scenarios = Scenarios()
	}
}

func (cfg *Config) progress(format string, args ...any) {
	if cfg.Progress != nil {
		fmt.Fprintf(cfg.Progress, "mqbench: "+format+"\n", args...)
	}
}

func (cfg *Config) target() (*target, error) {
	if cfg.QMgr == "" {
		cfg.progress("creating queue manager %s", tempQMgrName)
		return createTarget(cfg.Bin, cfg.TempParent, cfg.Environ)
	}
	return attachTarget(cfg.QMgr, cfg.Bin, cfg.DataRoot, cfg.Environ)
}

// measureLimits measures D in the log directory and E once each.
func (cfg *Config) measureLimits(rep *Report, t *target) error {
	cfg.progress("measuring D in %s", t.logDir)
	d, err := MeasureD(t.logDir, cfg.LimitWindow, dMaxOps)
	if err != nil {
		return err
	}
	rep.D.add(d)
	cfg.progress("measuring E")
	e, err := MeasureE(cfg.Exe, cfg.Environ, cfg.TempParent, DefaultSize, eWarmup, cfg.LimitWindow)
	if err != nil {
		return err
	}
	rep.E.add(e)
	return nil
}

// queueName is the queue a scenario uses.
func (cfg *Config) queueName(s Scenario) string {
	if cfg.Queue != "" {
		return cfg.Queue
	}
	return "MQBENCH." + strings.ToUpper(strings.ReplaceAll(s.ID(), "/", "."))
}

// runScenario prepares the queue, runs the scenario and removes the queue
// again. A scenario that fails is reported in the row's Error; the error
// returned means the queue manager no longer does what runmqsc asks, and
// the run cannot go on.
func (cfg *Config) runScenario(t *target, s Scenario) (Row, error) {
	row := Row{Scenario: s.ID(), Apps: s.AppsLabel(), Persistent: s.Persistent, Limit: s.Limit, Target: s.Target}
	q := cfg.queueName(s)
	prepare := fmt.Sprintf("DEFINE QLOCAL(%s) MAXDEPTH(%d) REPLACE", q, maxDepth)
	if cfg.Queue != "" {
		prepare = fmt.Sprintf("CLEAR QLOCAL(%s)", q)
	}
	if err := t.mqsc(prepare); err != nil {
		return row, err
	}
	if s.Client {
		if err := t.enableClients(); err != nil {
			return row, err
		}
	}
	if err := cfg.measure(t, s, q, &row); err != nil {
		row.Error = err.Error()
	}
	if cfg.Queue == "" {
		if err := t.mqsc(fmt.Sprintf("DELETE QLOCAL(%s) PURGE", q)); err != nil {
			return row, err
		}
	}
	return row, nil
}

// workerConfigs returns the applications of scenario s on queue q.
func (cfg *Config) workerConfigs(t *target, s Scenario, q string) []WorkerConfig {
	base := WorkerConfig{QMgr: t.name, Queue: q, Persistent: s.Persistent, Size: cfg.Size,
		Warmup: cfg.Warmup, Window: cfg.Window, MaxOps: defaultMaxOps}
	if s.Client {
		base.ConnName = t.connName
	}
	var roles []Role
	for range s.Apps {
		switch s.Kind {
		case KindPut:
			roles = append(roles, RolePut)
		case KindPutGet:
			roles = append(roles, RolePutGet)
		case KindConcurrent:
			roles = append(roles, RoleGet, RolePut)
		}
	}
	out := make([]WorkerConfig, len(roles))
	for i, r := range roles {
		out[i] = base
		out[i].Role = r
	}
	return out
}

// measure starts the applications, waits until all are connected, starts
// them together, samples CPU over the window and gathers their results.
func (cfg *Config) measure(t *target, s Scenario, q string, row *Row) error {
	wcs := cfg.workerConfigs(t, s, q)
	bound := readyBound + cfg.Warmup + cfg.Window + time.Minute
	var kids []*child
	defer func() {
		for _, c := range kids {
			c.stop()
		}
	}()
	for _, wc := range wcs {
		c, err := startChild(cfg.Exe, t.env, workerArgs(wc), bound)
		if err != nil {
			return err
		}
		kids = append(kids, c)
	}
	for _, c := range kids {
		if err := c.expect(readyLine); err != nil {
			return err
		}
	}
	start := time.Now().Add(startDelay)
	for _, c := range kids {
		if _, err := io.WriteString(c.stdin, goWord+" "+strconv.FormatInt(start.UnixNano(), 10)+"\n"); err != nil {
			return c.failure(err)
		}
		c.stdin.Close()
	}
	usage := sampleWindow(t.pid, start.Add(cfg.Warmup), start.Add(cfg.Warmup+cfg.Window))
	results := make([]WorkerResult, len(kids))
	for i, c := range kids {
		err := c.result(&results[i])
		if results[i].Error != "" {
			return fmt.Errorf("%w: %s", errResult, results[i].Error)
		}
		if err != nil {
			return err
		}
	}
	aggregate(s, results, cfg.Window, row)
	row.Busy = usage.busy
	if n := messages(row, cfg.Window); n > 0 && usage.qmgrCPU > 0 {
		row.QMgrCPU = usage.qmgrCPU / time.Duration(n)
	}
	own := usage.qmgrCPU
	for _, r := range results {
		own += time.Duration(r.CPUNS)
	}
	row.Other = otherShare(usage.busy, own, cfg.Window, runtime.NumCPU())
	return nil
}

// otherShare is the share of all CPUs busy with something other than
// the run's own processes (own CPU time over window): other programs and
// kernel threads. It is never negative.
func otherShare(busy float64, own, window time.Duration, cpus int) float64 {
	if window <= 0 || cpus <= 0 {
		return 0
	}
	return max(busy-float64(own)/float64(window)/float64(cpus), 0)
}

// windowUsage is the CPU use sampled over a window.
type windowUsage struct {
	busy    float64       // share of all CPUs
	qmgrCPU time.Duration // the queue manager process, 0 if unknown
}

// sampleWindow sleeps until from, reads the CPU counters, sleeps until
// end and reads them again.
func sampleWindow(pid int, from, end time.Time) windowUsage {
	time.Sleep(time.Until(from))
	m0, merr0 := readMachineTimes()
	q0, qerr0 := processCPU(pid)
	time.Sleep(time.Until(end))
	m1, merr1 := readMachineTimes()
	q1, qerr1 := processCPU(pid)
	var u windowUsage
	if merr0 == nil && merr1 == nil {
		u.busy = busyShare(m0, m1, runtime.NumCPU())
	}
	if pid > 0 && qerr0 == nil && qerr1 == nil {
		u.qmgrCPU = q1 - q0
	}
	return u
}

// messages is the number of messages a row's rate stands for.
func messages(r *Row, window time.Duration) int64 {
	return int64(r.Rate*window.Seconds() + 0.5)
}

// aggregate sums the applications' results into row: rates over window,
// latency percentiles of all samples, CPU per message. In a concurrent
// scenario the getters' messages and end-to-end latencies make the row,
// and the putters' rate is kept beside it.
func aggregate(s Scenario, results []WorkerResult, window time.Duration, row *Row) {
	var lat Histogram
	var ops, puts uint64
	var cpu int64
	for _, r := range results {
		cpu += r.CPUNS
		if s.Kind == KindConcurrent && r.Role == RolePut {
			puts += r.Ops
			continue
		}
		ops += r.Ops
		if r.Latency != nil {
			lat.Merge(r.Latency)
		}
	}
	secs := window.Seconds()
	row.Rate = float64(ops) / secs
	if s.Kind == KindConcurrent {
		row.PutRate = float64(puts) / secs
	}
	row.P50, row.P99, row.Max = lat.Percentile(0.50), lat.Percentile(0.99), lat.Max()
	if ops > 0 {
		row.AppCPU = time.Duration(cpu / int64(ops))
	}
}
