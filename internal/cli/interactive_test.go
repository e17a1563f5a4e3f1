package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRunmqscInteractive drives runmqsc on a pseudo-terminal (util-linux
// script): it prompts, runs each command as soon as it is entered,
// recalls the previous line with the up arrow, and ends on END.
func TestRunmqscInteractive(t *testing.T) {
	scriptCmd, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) not installed")
	}
	if testing.Short() {
		t.Skip("builds the commands")
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", bin, "github.com/gomqm/gomqm/cmd/...")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data, err := os.MkdirTemp("/tmp", "mqtty")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(data) })
	env := append(os.Environ(), "MQ_OVERRIDE_DATA_PATH="+data, "MQPROMPT=mq> ")
	run := func(name string, args ...string) {
		t.Helper()
		c := exec.Command(filepath.Join(bin, name), args...)
		c.Env = env
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	run("crtmqm", "QM1")
	run("strmqm", "QM1")
	t.Cleanup(func() {
		end := exec.Command(filepath.Join(bin, "endmqm"), "-i", "QM1")
		end.Env = env
		end.Run()
	})

	keys, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	c := exec.Command(scriptCmd, "-q", "-c", filepath.Join(bin, "runmqsc")+" QM1; echo EXIT=$?", "/dev/null")
	c.Env = env
	c.Stdin = keys
	var out strings.Builder
	c.Stdout, c.Stderr = &out, &out
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	keys.Close()
	typeLine := func(s string) {
		time.Sleep(400 * time.Millisecond)
		fmt.Fprint(w, s)
	}
	typeLine("DEFINE QLOCAL(TTY.Q) MAXDEPTH(7)\r")
	typeLine("DISPLAY QLOCAL(TTY.Q) MAXDEPTH\r")
	typeLine("\x1b[A\r") // up arrow: the DISPLAY again
	typeLine("end\r")
	time.Sleep(400 * time.Millisecond)
	w.Close()
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		c.Process.Kill()
		t.Fatalf("runmqsc did not end on END; output:\n%s", out.String())
	}
	got := strings.ReplaceAll(out.String(), "\r", "")
	for _, want := range []string{
		"mq> DEFINE QLOCAL(TTY.Q) MAXDEPTH(7)",
		"AMQ8006I: IBM MQ queue created.",
		"     3 : DISPLAY QLOCAL(TTY.Q) MAXDEPTH", // recalled from history
		"3 MQSC commands read.",
		"EXIT=0",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in the terminal output:\n%s", want, got)
		}
	}
}
