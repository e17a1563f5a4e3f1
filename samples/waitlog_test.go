package samples

import (
	"os"
	"regexp"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// waitlog FILE PATTERN waits, for at most 10 seconds, until the file has a
// line matching the regular expression: a queue manager logs a refused
// connection after the client has already seen it closed.
func waitLog(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: waitlog FILE PATTERN")
	}
	re, err := regexp.Compile("(?m)" + args[1])
	ts.Check(err)
	deadline := time.Now().Add(10 * time.Second)
	for {
		data, _ := os.ReadFile(ts.MkAbs(args[0]))
		if re.Match(data) {
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("no match for %q in %s after 10s", args[1], args[0])
		}
		time.Sleep(20 * time.Millisecond)
	}
}
