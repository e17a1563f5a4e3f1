package store_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/gomqm/gomqm/internal/store"
)

// helperEnv names the environment variable that turns the test binary
// into the committing helper process of TestSurvivesSIGKILL.
const helperEnv = "GOMQM_STORE_CRASH_HELPER"

func TestMain(m *testing.M) {
	if path := os.Getenv(helperEnv); path != "" {
		os.Exit(crashHelper(path))
	}
	os.Exit(m.Run())
}

// crashHelper commits object after object, printing "committed N" after
// each commit returns, until it is killed. Every record also rewrites
// the COUNTER object, so replaced records are covered as well as new ones.
func crashHelper(path string) int {
	s, err := store.Open(path, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	start := 0
	if data, found, _ := s.GetObject("QUEUE", "COUNTER"); found {
		start = counterValue(data) + 1
	}
	for i := start; ; i++ {
		name := fmt.Sprintf("Q%07d", i)
		recs := map[string][]byte{
			name:      []byte(fmt.Sprintf(`{"name":%q,"pad":%q}`, name, strings.Repeat("x", 2000))),
			"COUNTER": []byte(fmt.Sprintf(`{"name":"COUNTER","n":%d}`, i)),
		}
		if err := s.PutObjects("QUEUE", recs); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("committed %d\n", i)
	}
}

func counterValue(data []byte) int {
	s := string(data)
	i := strings.LastIndex(s, ":")
	n, _ := strconv.Atoi(strings.TrimSuffix(s[i+1:], "}"))
	return n
}

func TestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts helper processes")
	}
	path := filepath.Join(t.TempDir(), "qm.db")
	last := -1
	for round := range 4 {
		last = killHelperAfter(t, path, last+20+round*7)
		s, err := store.Open(path, nil)
		if err != nil {
			t.Fatalf("round %d: reopen after SIGKILL: %v", round, err)
		}
		if err := s.Check(); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		objs, err := s.ListObjects("QUEUE")
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i <= last; i++ {
			if _, ok := objs[fmt.Sprintf("Q%07d", i)]; !ok {
				t.Fatalf("round %d: Q%07d was reported committed but is gone", round, i)
			}
		}
		if n := counterValue(objs["COUNTER"]); n < last {
			t.Fatalf("round %d: COUNTER is %d, want at least %d", round, n, last)
		}
		// Continue from what survived, reported or not.
		last = counterValue(objs["COUNTER"])
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// killHelperAfter runs the helper on path, SIGKILLs it once it has
// reported commit number n, and returns the last commit it reported.
func killHelperAfter(t *testing.T, path string, n int) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	last := -1
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		v, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "committed "))
		if err != nil {
			t.Fatalf("helper said %q", sc.Text())
		}
		last = v
		if v >= n {
			// Kill while the helper is busy with its next commit.
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	// Lines already written before the kill are commits too.
	for sc.Scan() {
		if v, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "committed ")); err == nil {
			last = v
		}
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("helper ended without being killed: %v", err)
	}
	if last < 0 {
		t.Fatal("helper reported no commit")
	}
	return last
}
