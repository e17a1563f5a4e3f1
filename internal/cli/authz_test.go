package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestNonAdminIsRefused runs the real commands as a user outside group
// mqm (nobody) against a root-owned data directory: each administration
// command answers AMQ7077E with IBM's exit code. It needs root to switch
// users, as CI has.
func TestNonAdminIsRefused(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to run commands as another user")
	}
	if testing.Short() {
		t.Skip("builds the commands")
	}
	bin, err := os.MkdirTemp("/tmp", "mqauthz")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(bin) })
	if err := os.Chmod(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	build := exec.Command("go", "build", "-o", bin, "github.com/gomqm/gomqm/cmd/crtmqm", "github.com/gomqm/gomqm/cmd/strmqm",
		"github.com/gomqm/gomqm/cmd/endmqm", "github.com/gomqm/gomqm/cmd/dltmqm", "github.com/gomqm/gomqm/cmd/runmqsc")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(bin, "mqm")
	env := append(os.Environ(), "MQ_OVERRIDE_DATA_PATH="+data)
	// root creates the queue manager the other user then tries to use.
	crt := exec.Command(filepath.Join(bin, "crtmqm"), "QM1")
	crt.Env = env
	if out, err := crt.CombinedOutput(); err != nil {
		t.Fatalf("crtmqm as root: %v\n%s", err, out)
	}
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"crtmqm", "QM2"}, exitNotAuthorized},
		{[]string{"strmqm", "QM1"}, exitNotAuthorized},
		{[]string{"endmqm", "QM1"}, exitNotAuthorized},
		{[]string{"dltmqm", "QM1"}, exitNotAuthorized},
		{[]string{"runmqsc", "QM1"}, exitMQSCNotRun},
	}
	for _, c := range cases {
		cmd := exec.Command(filepath.Join(bin, c.args[0]), c.args[1:]...)
		cmd.Env = env
		cmd.Stdin = strings.NewReader("DISPLAY QMGR\n")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		if code != c.code || !strings.Contains(string(out), "AMQ7077E: You are not authorized to perform the requested operation.") {
			t.Errorf("%v as nobody: exit %d, want %d; output:\n%s", c.args, code, c.code, out)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "qmgrs", "QM2")); !os.IsNotExist(err) {
		t.Errorf("a refused crtmqm left qmgrs/QM2 behind")
	}
}
