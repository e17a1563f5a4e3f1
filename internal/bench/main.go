package bench

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
)

// Env is what the mqbench command sees of its process. cmd/mqbench fills
// it from the operating system; tests build one by hand.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Environ is passed on to the processes mqbench starts.
	Environ []string
	// Executable is the path of the running mqbench; the control commands
	// are looked for in its directory.
	Executable string
}

// defaultDataRoot is IBM MQ's data root when MQ_OVERRIDE_DATA_PATH is not
// set.
const defaultDataRoot = "/var/mqm"

// Main runs mqbench with args (without the program name) and returns its
// exit code: 0 when every scenario ran (whether or not it met its target),
// 1 when the run or a scenario failed, 2 for a bad invocation. The hidden
// first arguments "worker", "echo-server" and "echo-client" run the
// processes mqbench starts.
func Main(args []string, env *Env) int {
	if len(args) > 0 {
		switch args[0] {
		case "worker":
			return runWorker(args[1:], env.Stdin, env.Stdout, env.Stderr)
		case "echo-server":
			return runEchoServer(args[1:], env.Stdout, env.Stderr)
		case "echo-client":
			return runEchoClient(args[1:], env.Stdout, env.Stderr)
		}
	}
	cfg, asJSON, err := parseArgs(args, env)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "mqbench:", err)
		return 2
	}
	if cfg.Channels {
		return mainChannels(cfg, asJSON, env) // channel.go
	}
	rep, err := Run(cfg)
	if err != nil {
		fmt.Fprintln(env.Stderr, "mqbench:", err)
		return 1
	}
	failed := false
	for _, r := range rep.Rows {
		failed = failed || r.Error != ""
	}
	return printReport(env, rep, asJSON, failed)
}

// printable is a report mqbench prints: as a table, or as JSON with -json.
type printable interface {
	WriteTable(io.Writer) error
	WriteJSON(io.Writer) error
}

// printReport prints rep and returns mqbench's exit status: 1 when the
// report could not be written or one of its scenarios failed.
func printReport(env *Env, rep printable, asJSON, failed bool) int {
	var err error
	if asJSON {
		err = rep.WriteJSON(env.Stdout)
	} else {
		err = rep.WriteTable(env.Stdout)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "mqbench:", err)
		return 1
	}
	if failed {
		return 1
	}
	return 0
}

const usageText = `Usage: mqbench [-m QMgrName] [-q QueueName] [-d Duration] [-warmup Duration]
               [-size Bytes] [-scenario all|targets|put|putget|concurrent|ID,...]
               [-rounds N] [-limitwindow Duration] [-dir Directory] [-json]
       mqbench -channels [-scenario all|ID,...] [-limitwindow Duration]
               [-dir Directory] [-json]

Measures messages per second and latency percentiles against this machine's
limits: D (4 KiB overwrite+fdatasync per second in the queue manager's log
directory) and E (1 KiB Unix-socket round trips per second between two
processes). Without -m it creates a temporary queue manager with the
control commands beside mqbench. Scenario IDs are kind/persistence/apps,
e.g. put/persistent/8; a prefix such as put/persistent selects several.
With -q the named queue is used and cleared before every scenario.
With -channels it measures messages moved between two temporary queue
managers over a sender/receiver channel instead (BATCHSZ 50; 1 KiB and
64 KiB, persistent and non-persistent; IDs such as
channel/nonpersistent/1KiB, or a prefix, select some).

`

func parseArgs(args []string, env *Env) (Config, bool, error) {
	cfg := Config{Exe: env.Executable, Bin: filepath.Dir(env.Executable), Environ: env.Environ, Progress: env.Stderr}
	fs := flag.NewFlagSet("mqbench", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, usageText)
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.QMgr, "m", "", "a running queue manager to measure (default: a temporary one)")
	fs.StringVar(&cfg.Queue, "q", "", "an existing local queue to use, cleared before each scenario (default: a queue per scenario)")
	fs.DurationVar(&cfg.Window, "d", DefaultWindow, "measured window per scenario")
	fs.DurationVar(&cfg.Warmup, "warmup", DefaultWarmup, "warm-up before each window")
	fs.DurationVar(&cfg.LimitWindow, "limitwindow", DefaultLimitWindow, "length of each D and E measurement (each is measured before and after the scenarios)")
	fs.IntVar(&cfg.Rounds, "rounds", 1, "run the scenarios this many times and report each one's median run")
	fs.IntVar(&cfg.Size, "size", DefaultSize, "message length in bytes")
	fs.StringVar(&cfg.TempParent, "dir", "", "where the temporary data directory is made (default: the system's temporary directory)")
	scenario := fs.String("scenario", "all", "scenarios to run: comma-separated IDs or prefixes, \"targets\" or \"all\"")
	asJSON := fs.Bool("json", false, "write the report as JSON")
	quiet := fs.Bool("quiet", false, "no progress lines on standard error")
	fs.BoolVar(&cfg.Channels, "channels", false, "run the channel scenarios between two temporary queue managers")
	if slices.Contains(args, "-?") {
		fs.Usage()
		return cfg, false, flag.ErrHelp
	}
	if err := fs.Parse(args); err != nil {
		return cfg, false, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return cfg, false, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if cfg.Window <= 0 || cfg.Warmup < 0 || cfg.LimitWindow <= 0 || cfg.Size < 1 || cfg.Rounds < 1 {
		return cfg, false, fmt.Errorf("durations, the size and the rounds must be positive")
	}
	if cfg.Queue != "" && cfg.QMgr == "" {
		return cfg, false, fmt.Errorf("-q needs -m: the temporary queue manager has no queue of yours")
	}
	var err error
	if cfg.Channels {
		cfg.ChannelSelect, err = SelectChannels(ChannelScenarios(), *scenario)
	} else {
		cfg.Scenarios, err = Select(Scenarios(), *scenario)
	}
	if err != nil {
		return cfg, false, err
	}
	if *quiet {
		cfg.Progress = nil
	}
	cfg.DataRoot = defaultDataRoot
	if p := env.Getenv("MQ_OVERRIDE_DATA_PATH"); p != "" {
		cfg.DataRoot = filepath.Clean(p)
	}
	return cfg, *asJSON, nil
}
