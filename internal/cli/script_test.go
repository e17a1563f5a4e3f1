package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/internal/scriptcmd"
)

// TestMain makes this test binary every gomqm command, so that scripts
// run the real programs as separate processes.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"crtmqm":   func() { os.Exit(Crtmqm(os.Args[1:], OSEnv())) },
		"strmqm":   func() { os.Exit(Strmqm(os.Args[1:], OSEnv())) },
		"endmqm":   func() { os.Exit(Endmqm(os.Args[1:], OSEnv())) },
		"dspmq":    func() { os.Exit(Dspmq(os.Args[1:], OSEnv())) },
		"dltmqm":   func() { os.Exit(Dltmqm(os.Args[1:], OSEnv())) },
		"dspmqver": func() { os.Exit(Dspmqver(os.Args[1:], OSEnv())) },
		"runmqsc":  func() { os.Exit(Runmqsc(os.Args[1:], OSEnv())) },
		"dmpmqcfg": func() { os.Exit(Dmpmqcfg(os.Args[1:], OSEnv())) },
		"runmqakm": func() { os.Exit(Runmqakm(os.Args[1:], OSEnv())) },
		"runmqlsr": func() { os.Exit(Runmqlsr(os.Args[1:], OSEnv())) },
		"endmqlsr": func() { os.Exit(Endmqlsr(os.Args[1:], OSEnv())) },
		"runmqchl": func() { os.Exit(Runmqchl(os.Args[1:], OSEnv())) },
	})
}

// TestScripts runs testdata/script/*.txtar. Each script gets its own
// data directory ($WORK/mqm) through MQ_OVERRIDE_DATA_PATH.
func TestScripts(t *testing.T) {
	// Unix socket paths are limited to 108 bytes: keep work dirs short.
	root, err := os.MkdirTemp("/tmp", "mqs")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	t.Cleanup(removeSamples)
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		WorkdirRoot:         root,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			data := filepath.Join(e.WorkDir, "mqm")
			e.Setenv("MQ_OVERRIDE_DATA_PATH", data)
			e.Defer(func() { killQueueManagers(data) })
			return nil
		},
		Cmds: scriptCommands(),
	})
}

// waitqm QM [status] polls dspmq until the queue manager shows the status
// (default Running), for at most 20 seconds.
func waitQM(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: waitqm QMgrName [Status]")
	}
	want := "Running"
	if len(args) == 2 {
		want = args[1]
	}
	env := &Env{Getenv: ts.Getenv, Stdout: &strings.Builder{}, Stderr: &strings.Builder{}}
	layout := env.Layout()
	deadline := time.Now().Add(20 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		e, ok, err := layout.Lookup(args[0])
		if err == nil && ok {
			if st, err := layout.QueryStatus(e); err == nil {
				last = st
				if st == want {
					if neg {
						ts.Fatalf("queue manager %s is %s", args[0], st)
					}
					return
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !neg {
		ts.Fatalf("%s", fmt.Sprintf("queue manager %s did not become %s (last status %q)", args[0], want, last))
	}
}

// killQueueManagers ends every queue manager a script left running (a
// script that fails half way never reaches its endmqm).
func killQueueManagers(data string) {
	layout := qmdir.Layout{Root: data}
	entries, err := layout.List()
	if err != nil {
		return
	}
	for _, e := range entries {
		st, err := qmdir.ReadStatus(layout.QMgrDir(e))
		if err == nil && st.PID > 0 && qmdir.Live(st.State) {
			_ = syscall.Kill(st.PID, syscall.SIGKILL)
		}
	}
}

// filemode PERM file... asserts the permission bits of files (key
// repositories and stash files must be 0600).
func fileMode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: filemode PERM file...")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	if err != nil {
		ts.Fatalf("filemode: bad mode %q", args[0])
	}
	for _, f := range args[1:] {
		fi, err := os.Stat(ts.MkAbs(f))
		if err != nil {
			ts.Fatalf("filemode: %v", err)
		}
		if got := fi.Mode().Perm(); got != os.FileMode(want) {
			ts.Fatalf("%s has mode %#o, want %#o", f, got, want)
		}
	}
}

// scriptCommands are the commands of these scripts: the shared ones
// (exitcode, freeport, waitport) and this package's own.
func scriptCommands() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	cmds := scriptcmd.Commands()
	cmds["waitqm"] = waitQM
	cmds["filemode"] = fileMode
	cmds["mkscript"] = mkScript
	cmds["waitchs"] = waitChStatus
	cmds["samples"] = samples
	cmds["waitmqsc"] = waitMQSC
	return cmds
}
