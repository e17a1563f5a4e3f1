package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"github.com/gomqm/gomqm/internal/qmdir"
)

// DefaultDataRoot is where IBM MQ keeps its data on Linux. The environment
// variable MQ_OVERRIDE_DATA_PATH, IBM's own, replaces it.
const DefaultDataRoot = "/var/mqm"

// Env is what a command sees of its process: standard streams, the
// environment and the path of its own executable. Tests build one by hand.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Executable is the path of the running program (os.Executable), used
	// by strmqm to start the queue-manager process.
	Executable string
}

// OSEnv returns the Env of the running process.
func OSEnv() *Env {
	return &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Executable: selfPath()}
}

// selfPath is the path this program was started by, keeping the name it
// was called by (a link such as /opt/mqm/bin/strmqm or a test's command
// link), so that strmqm can start the same command again.
func selfPath() string {
	p := os.Args[0]
	if !strings.Contains(p, "/") {
		if lp, err := exec.LookPath(p); err == nil {
			p = lp
		}
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	if exe, err := os.Executable(); err == nil {
		return exe
	}
	return p
}

// DataRoot returns the data directory: MQ_OVERRIDE_DATA_PATH or /var/mqm.
func (e *Env) DataRoot() string {
	if p := e.Getenv("MQ_OVERRIDE_DATA_PATH"); p != "" {
		return filepath.Clean(p)
	}
	return DefaultDataRoot
}

// Layout returns the data tree the command works on.
func (e *Env) Layout() qmdir.Layout { return qmdir.Layout{Root: e.DataRoot()} }

// printf writes a line to standard output.
func (e *Env) printf(format string, args ...any) { fmt.Fprintf(e.Stdout, format+"\n", args...) }

// errorf writes a line to standard error.
func (e *Env) errorf(format string, args ...any) { fmt.Fprintf(e.Stderr, format+"\n", args...) }

// command describes one control command: its IBM usage text, its flags
// and the exit code it returns for a bad invocation.
type command struct {
	name     string
	usage    []string // usage lines, printed for -?, --help and bad options
	flags    []ucli.Flag
	badUsage int // exit code for a bad option or argument
	// run does the work once the flags parsed; it returns the exit code.
	run func(cmd *command, c *ucli.Context, env *Env) int
}

// errUsage marks a bad invocation found after flag parsing.
var errUsage = errors.New("usage")

// main parses args (without the program name) and runs the command.
func (cmd *command) main(args []string, env *Env) int {
	for _, a := range args {
		if a == "-?" || a == "--help" || a == "-help" {
			cmd.printUsage(env.Stdout)
			return 0
		}
	}
	code := 0
	app := &ucli.App{
		Name:                      cmd.name,
		HideHelp:                  true,
		HideHelpCommand:           true,
		DisableSliceFlagSeparator: true,
		Flags:                     cmd.flags,
		Reader:                    env.Stdin,
		Writer:                    env.Stdout,
		ErrWriter:                 env.Stderr,
		ExitErrHandler:            func(*ucli.Context, error) {},
		OnUsageError: func(_ *ucli.Context, err error, _ bool) error {
			return fmt.Errorf("%w: %v", errUsage, err)
		},
		Action: func(c *ucli.Context) error {
			code = cmd.run(cmd, c, env)
			return nil
		},
	}
	if err := app.Run(append([]string{cmd.name}, args...)); err != nil {
		if errors.Is(err, errUsage) {
			msg := strings.TrimPrefix(err.Error(), errUsage.Error()+": ")
			env.errorf("%s: %s", cmd.name, msg)
		} else {
			env.errorf("%s: %v", cmd.name, err)
		}
		cmd.printUsage(env.Stderr)
		return cmd.badUsage
	}
	return code
}

// usageError prints the usage to standard error and returns the command's
// bad-usage exit code.
func (cmd *command) usageError(env *Env, reason string) int {
	if reason != "" {
		env.errorf("%s: %s", cmd.name, reason)
	}
	cmd.printUsage(env.Stderr)
	return cmd.badUsage
}

func (cmd *command) printUsage(w io.Writer) {
	for i, l := range cmd.usage {
		if i == 0 {
			fmt.Fprintf(w, "Usage: %s\n", l)
			continue
		}
		fmt.Fprintf(w, "       %s\n", l)
	}
}

// oneQMgrName returns the single positional argument, the queue manager
// name, which IBM's commands require last. Anything after it (a flag given
// after the name) is a usage error.
func oneQMgrName(c *ucli.Context) (string, bool) {
	if c.NArg() != 1 {
		return "", false
	}
	return c.Args().First(), true
}
