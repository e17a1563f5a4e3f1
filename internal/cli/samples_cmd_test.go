package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// The distributed-queuing scripts drive the queue managers with the real
// sample programs (amqsput, amqsget, amqsbcg, amqsreq, amqsecha), which
// are programs of their own: they are built once per test run.

var sampleBuild struct {
	once sync.Once
	dir  string
	out  []byte
	err  error
}

// buildSamples builds ./samples/... of this module into a temporary
// directory, once.
func buildSamples() (string, []byte, error) {
	sampleBuild.once.Do(func() {
		dir, err := os.MkdirTemp("", "gomqm-samples")
		if err != nil {
			sampleBuild.err = err
			return
		}
		sampleBuild.dir = dir
		root, err := filepath.Abs("../..")
		if err != nil {
			sampleBuild.err = err
			return
		}
		cmd := exec.Command("go", "build", "-o", dir, "./samples/...")
		cmd.Dir = root
		sampleBuild.out, sampleBuild.err = cmd.CombinedOutput()
	})
	return sampleBuild.dir, sampleBuild.out, sampleBuild.err
}

// removeSamples deletes the samples built for this run.
func removeSamples() {
	if sampleBuild.dir != "" {
		os.RemoveAll(sampleBuild.dir)
	}
}

// samples puts the sample programs first on the script's PATH, building
// them on first use (with the go command that runs the tests).
func samples(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: samples")
	}
	if _, err := exec.LookPath("go"); err != nil {
		ts.Fatalf("no go command to build the samples")
	}
	dir, out, err := buildSamples()
	if err != nil {
		ts.Fatalf("go build ./samples/...: %v\n%s", err, out)
	}
	ts.Setenv("PATH", dir+string(os.PathListSeparator)+ts.Getenv("PATH"))
}

// waitMQSC QM REGEXP MQSC... runs the MQSC commands through runmqsc until
// its output matches REGEXP, whatever its exit status, for at most 30 seconds (a channel moves
// messages in the background, so a script waits for what it checks).
func waitMQSC(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: waitmqsc QMgrName Regexp MQSC...")
	}
	re, err := regexp.Compile("(?m)" + args[1])
	ts.Check(err)
	input := strings.Join(args[2:], "\n") + "\n"
	deadline := time.Now().Add(30 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		ts.Check(os.WriteFile(ts.MkAbs(".waitmqsc.in"), []byte(input), 0o644))
		// A command that fails (exit status 10) may be what the script
		// waits for: AMQ8420I once a channel has ended, for example.
		_ = ts.Exec("sh", "-c", "runmqsc -e "+args[0]+" < .waitmqsc.in")
		last = ts.ReadFile("stdout")
		if re.MatchString(last) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	ts.Fatalf("runmqsc %s never showed %q:\n%s", args[0], args[1], last)
}
