package cli

import (
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// waitchs QM CHANNEL STATUS polls DISPLAY CHSTATUS (through runmqsc) until
// the channel shows the status, for at most 20 seconds.
func waitChStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: waitchs QMgrName Channel Status")
	}
	deadline := time.Now().Add(20 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		err := ts.Exec("sh", "-c", "echo 'DISPLAY CHSTATUS("+args[1]+")' | runmqsc -e "+args[0])
		last = ts.ReadFile("stdout")
		if err == nil && strings.Contains(last, " STATUS("+args[2]+")") {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	ts.Fatalf("channel %s did not become %s: %s", args[1], args[2], last)
}
