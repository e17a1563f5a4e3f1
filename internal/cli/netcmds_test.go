package cli

import (
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands for the listener and client-channel scripts.

// freePort VAR sets VAR to a TCP port on 127.0.0.1 that was free a
// moment ago.
func freePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	ts.Setenv(args[0], strconv.Itoa(port))
}

// mkScript FILE LINE... writes the lines (with $VARs expanded, as every
// argument is) to FILE, for use with stdin.
func mkScript(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: mkscript FILE LINE...")
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Join(args[1:], "\n")+"\n"), 0o644))
}

// waitPort PORT waits (at most 20 seconds) until something listens on
// 127.0.0.1:PORT; with ! it waits until nothing does.
func waitPort(ts *testscript.TestScript, neg bool, args []string) {
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
