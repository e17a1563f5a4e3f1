// Package scriptcmd holds the testscript commands that the command
// scripts (internal/cli) and the sample scripts (samples) both use:
// exit codes of IBM's commands, and TCP ports on 127.0.0.1 for listeners.
// Only tests import it.
package scriptcmd

import (
	"errors"
	"net"
	"os/exec"
	"strconv"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// Commands returns the shared commands by their script names, for
// testscript.Params.Cmds; a suite adds its own to the map.
func Commands() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"exitcode": ExitCode,
		"freeport": FreePort,
		"waitport": WaitPort,
	}
}

// ExitCode is "exitcode N prog [args...]": prog must exit with status N
// (IBM's commands and samples report their outcome in it).
func ExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N prog [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: bad status %q", args[0])
	}
	got := 0
	var exitErr *exec.ExitError
	switch err := ts.Exec(args[1], args[2:]...); {
	case errors.As(err, &exitErr):
		got = exitErr.ExitCode()
	case err != nil:
		ts.Fatalf("exitcode: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// FreePort is "freeport VAR": VAR becomes a TCP port on 127.0.0.1 that
// was free a moment ago.
func FreePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	ts.Setenv(args[0], strconv.Itoa(port))
}

// WaitPort is "waitport PORT": it waits (at most 20 seconds) until
// something listens on 127.0.0.1:PORT; with ! until nothing does.
func WaitPort(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: waitport PORT")
	}
	addr := net.JoinHostPort("127.0.0.1", args[0])
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
		}
		if (err == nil) != neg {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	ts.Fatalf("waitport %s: still %s after 20 s", addr, map[bool]string{false: "closed", true: "open"}[neg])
}
