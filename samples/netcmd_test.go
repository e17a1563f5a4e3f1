package samples

import (
	"net"
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// freePort VAR sets VAR to a TCP port on 127.0.0.1 that was free a
// moment ago (the client samples' listener).
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

// expand SRC DST copies SRC to DST with $VAR and ${VAR} replaced by the
// script's variables (a port in an MQSC script or a CCDT).
func expand(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: expand SRC DST")
	}
	text := os.Expand(ts.ReadFile(args[0]), ts.Getenv)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(text), 0o644))
}
