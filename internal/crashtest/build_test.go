package crashtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// binEnv names a directory of already built programs: the tests hand it
// to the copies of the test binary they run inside a namespace.
const binEnv = "GOMQM_CRASHTEST_BIN"

// programs are built once per test binary into a short /tmp directory.
type programs struct {
	once sync.Once
	dir  string
	err  error
}

var built programs

var errNoGo = errors.New("no go command")

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" && os.Getenv(binEnv) == "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// binaries returns the directory holding crtmqm, strmqm, endmqm, dspmq,
// runmqsc and worker, building them on first use. Without a go command
// the test is skipped.
func binaries(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if dir := os.Getenv(binEnv); dir != "" {
			built.dir = dir
			return
		}
		built.dir, built.err = build()
	})
	switch {
	case errors.Is(built.err, errNoGo):
		t.Skipf("cannot build the commands: %v", built.err)
	case built.err != nil:
		t.Fatal(built.err)
	}
	return built.dir
}

func build() (string, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(goTool); err != nil {
			return "", errNoGo
		}
	}
	dir, err := os.MkdirTemp("/tmp", "gcbin")
	if err != nil {
		return "", err
	}
	args := []string{"build", "-o", dir + "/"}
	if raceEnabled {
		args = append(args, "-race")
	}
	args = append(args, "github.com/gomqm/gomqm/cmd/...", "github.com/gomqm/gomqm/internal/crashtest/worker")
	cmd := exec.Command(goTool, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return dir, nil
}
