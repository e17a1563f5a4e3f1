package samples

import (
	"os"

	"github.com/rogpeppe/go-internal/testscript"
)

// expand SRC DST copies SRC to DST with $VAR and ${VAR} replaced by the
// script's variables (a port in an MQSC script or a CCDT).
func expand(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: expand SRC DST")
	}
	text := os.Expand(ts.ReadFile(args[0]), ts.Getenv)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(text), 0o644))
}
