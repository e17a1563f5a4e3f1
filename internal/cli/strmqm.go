package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"

	ucli "github.com/urfave/cli/v2"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/authz"
	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/qmgr"
)

var strmqmCmd = &command{
	name:     "strmqm",
	usage:    []string{"strmqm [-f] [-z] QMgrName"},
	badUsage: exitBadParameter,
	flags: []ucli.Flag{
		&ucli.BoolFlag{Name: "f", Usage: "run in the foreground (for systemd and tests) until ended"},
		&ucli.BoolFlag{Name: "z", Usage: "suppress error messages"},
		&ucli.IntFlag{Name: "notify-fd", Hidden: true, Usage: "report start-up progress on this descriptor"},
	},
	run: runStrmqm,
}

// Strmqm runs the strmqm command.
func Strmqm(args []string, env *Env) int { return strmqmCmd.main(args, env) }

func runStrmqm(cmd *command, c *ucli.Context, env *Env) int {
	name, ok := oneQMgrName(c)
	if !ok {
		return cmd.usageError(env, "the queue manager name must be the last argument")
	}
	if !authz.IsAdminProcess(env.DataRoot()) {
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ7077E))
		env.logRefusal("strmqm", name, amqmsg.AMQ7077E)
		return exitNotAuthorized
	}
	layout := env.Layout()
	entry, found, err := layout.Lookup(name)
	if err != nil {
		env.errorf("strmqm: %v", err)
		return exitUnexpected
	}
	if !found {
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ8118E))
		env.logRefusal("strmqm", "", amqmsg.AMQ8118E)
		return exitNotFound
	}
	if fd := c.Int("notify-fd"); fd > 0 {
		return runQMgrProcess(env, layout, name, notifier{f: os.NewFile(uintptr(fd), "notify")})
	}
	if isRunning(layout, entry) {
		env.errorf("IBM MQ queue manager running.")
		return exitRunning
	}
	env.printf("IBM MQ queue manager '%s' starting.", name)
	env.printf("The queue manager is associated with installation '%s'.", qmgr.InstallationName)
	if c.Bool("f") {
		return runQMgrProcess(env, layout, name, consoleReporter{env})
	}
	return startBackground(env, name)
}

// isRunning reports whether a process runs the queue manager now.
func isRunning(layout qmdir.Layout, e qmdir.Entry) bool {
	st, err := layout.QueryStatus(e)
	if err != nil {
		return false
	}
	switch st {
	case "Starting", "Running", "Quiescing", "Ending immediately", "Ending pre-emptively":
		return true
	}
	return false
}

// reporter receives the start-up progress of the queue-manager process.
type reporter interface {
	progress(line string)
	started(line string)
	failed(code int, line string)
}

// consoleReporter prints progress directly (strmqm -f).
type consoleReporter struct{ env *Env }

func (r consoleReporter) progress(l string)      { r.env.printf("%s", l) }
func (r consoleReporter) started(l string)       { r.env.printf("%s", l) }
func (r consoleReporter) failed(_ int, l string) { r.env.errorf("%s", l) }

// notifier sends progress through the pipe that the parent strmqm reads.
type notifier struct{ f *os.File }

func (n notifier) progress(l string) { fmt.Fprintf(n.f, "P %s\n", l) }
func (n notifier) started(l string) {
	fmt.Fprintf(n.f, "R %s\n", l)
	n.f.Close()
}
func (n notifier) failed(code int, l string) {
	fmt.Fprintf(n.f, "X %d %s\n", code, l)
	n.f.Close()
}

// runQMgrProcess is the queue-manager process itself: it starts the queue
// manager, reports, then runs until endmqm ends it or a signal arrives
// (SIGTERM: controlled end; SIGINT: immediate end).
func runQMgrProcess(env *Env, layout qmdir.Layout, name string, rep reporter) int {
	if env.Getenv("GOGC") == "" {
		// The queue manager makes short-lived garbage on every message; a
		// larger heap target cuts the collector's CPU by about a quarter
		// (measured with mqbench). GOGC in the environment overrides it.
		debug.SetGCPercent(400)
	}
	if path := env.Getenv("GOMQM_CPUPROFILE"); path != "" {
		// A developer's seam: a CPU profile of the queue-manager process,
		// written when it ends (go tool pprof). "%p" in the path becomes
		// the process id, for runs with several queue managers.
		path = strings.ReplaceAll(path, "%p", strconv.Itoa(os.Getpid()))
		if f, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer func() { pprof.StopCPUProfile(); f.Close() }()
			}
		}
	}
	qm, err := qmgr.Start(layout, name, qmgr.StartOptions{Progress: rep.progress, Program: "strmqm"})
	if err != nil {
		code, line := startFailure(err)
		rep.failed(code, line)
		return code
	}
	rep.progress("Plain text communication is enabled.")
	rep.started(fmt.Sprintf("IBM MQ queue manager '%s' started using V%s.", name, qmgr.VRMF))

	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	defer signal.Stop(sigs)
	for {
		select {
		case <-qm.Done():
			return exitOK
		case s := <-sigs:
			mode := qmgr.EndImmediate
			if s == syscall.SIGTERM {
				mode = qmgr.EndControlled
			}
			go qm.Shutdown(context.Background(), mode)
		}
	}
}

func startFailure(err error) (int, string) {
	switch {
	case errors.Is(err, qmgr.ErrRunning):
		return exitRunning, "IBM MQ queue manager running."
	case errors.Is(err, qmgr.ErrNotFound):
		return exitNotFound, amqmsg.Format(amqmsg.AMQ8118E)
	default:
		return exitUnexpected, fmt.Sprintf("strmqm: %v", err)
	}
}

// startBackground runs the queue manager as a detached process (its own
// session, no terminal) and returns once it accepts work, relaying its
// start-up lines.
func startBackground(env *Env, name string) int {
	r, w, err := os.Pipe()
	if err != nil {
		env.errorf("strmqm: %v", err)
		return exitUnexpected
	}
	defer r.Close()
	devnull, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		env.errorf("strmqm: %v", err)
		return exitUnexpected
	}
	defer devnull.Close()
	cmd := exec.Command(env.Executable, "-notify-fd", "3", name)
	cmd.Env = os.Environ()
	if root := env.Getenv("MQ_OVERRIDE_DATA_PATH"); root != "" {
		cmd.Env = append(cmd.Env, "MQ_OVERRIDE_DATA_PATH="+root)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = devnull, devnull, devnull
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		w.Close()
		env.errorf("strmqm: start queue manager process: %v", err)
		return exitUnexpected
	}
	w.Close()
	go cmd.Wait() // reap it if it fails early; it is detached otherwise

	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if len(line) < 2 {
			continue
		}
		switch line[0] {
		case 'P':
			env.printf("%s", line[2:])
		case 'R':
			env.printf("%s", line[2:])
			return exitOK
		case 'X':
			codeText, text, _ := strings.Cut(line[2:], " ")
			code, _ := strconv.Atoi(codeText)
			env.errorf("%s", text)
			if code == 0 {
				code = exitUnexpected
			}
			return code
		}
	}
	env.errorf("strmqm: the queue manager process ended during start-up; see the error log")
	return exitUnexpected
}
