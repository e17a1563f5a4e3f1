package cli

import (
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands for the listener and client-channel scripts.

// mkScript FILE LINE... writes the lines (with $VARs expanded, as every
// argument is) to FILE, for use with stdin.
func mkScript(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: mkscript FILE LINE...")
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Join(args[1:], "\n")+"\n"), 0o644))
}
