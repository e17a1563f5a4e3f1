package crashtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

// nsEnv tells a copy of the test binary that it runs inside the private
// mount namespace runInNamespace made, and where its directory is.
const nsEnv = "GOMQM_CRASHTEST_NS"

// runInNamespace runs the test called inner in a copy of this test binary
// inside a private mount namespace (unshare --mount), where it can mount a
// small tmpfs as the data root. It needs root and a working unshare.
func runInNamespace(t *testing.T, inner string) {
	t.Helper()
	if testing.Short() {
		t.Skip("disk-full tests skipped in -short mode")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a tmpfs in a private mount namespace")
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("needs the unshare command (util-linux)")
	}
	if out, err := exec.Command(unshare, "--mount", "--propagation", "private", "true").CombinedOutput(); err != nil {
		t.Skipf("unshare --mount does not work here (no CAP_SYS_ADMIN?): %v %s", err, out)
	}
	bin := binaries(t)
	base, err := os.MkdirTemp("/tmp", "gcdf")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("process output kept in %s/work", base)
			return
		}
		os.RemoveAll(base)
	})
	cmd := exec.Command(unshare, "--mount", "--propagation", "private", os.Args[0],
		"-test.run=^"+inner+"$", "-test.v", "-test.count=1", "-test.timeout=150s")
	cmd.Env = append(os.Environ(), nsEnv+"="+base, binEnv+"="+bin)
	out, err := cmd.CombinedOutput()
	t.Logf("inside the namespace:\n%s", out)
	if err != nil {
		t.Fatalf("%s failed: %v", inner, err)
	}
	if !strings.Contains(string(out), "--- PASS: "+inner) {
		t.Fatalf("%s did not run", inner)
	}
}

// diskSize is the tmpfs that holds the whole data root.
const diskSize = "48m"

// fullDisk mounts the tmpfs, creates QM1 on it with a small log (768
// KiB), starts it, defines DISK.Q and connects. It runs only inside
// runInNamespace's namespace.
func fullDisk(t *testing.T) (*qmEnv, *app) {
	t.Helper()
	base := os.Getenv(nsEnv)
	if base == "" {
		t.Skip("runs only inside the mount namespace of TestDiskFull...")
	}
	mnt := filepath.Join(base, "mqm")
	if err := os.MkdirAll(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size="+diskSize+",mode=0755"); err != nil {
		t.Fatalf("mount tmpfs: %v", err)
	}
	e := newQMEnvIn(t, base)
	t.Setenv("MQ_OVERRIDE_DATA_PATH", e.root)
	e.mustRun("", "crtmqm", "-lf", "64", "-lp", "2", "-ls", "1", "QM1")
	e.mustStartQM()
	e.mustRun("DEFINE QLOCAL(DISK.Q) MAXDEPTH(100000)\n", "runmqsc", "QM1")
	return e, connectApp(t, "DISK.Q")
}

// TestDiskFull fills a 48 MiB data file system with 64 KiB persistent
// messages until MQPUT fails, and checks that the failure is a reason
// code and an error-log entry, not a crash or a hang; that the queue
// manager keeps running; that once an administrator frees space, gets
// and puts work again; and that every acknowledged message is there after
// a restart.
func TestDiskFull(t *testing.T) { runInNamespace(t, "TestDiskFullInNamespace") }

func TestDiskFullInNamespace(t *testing.T) {
	e, a := fullDisk(t)
	// Space an administrator can free later.
	ballast := filepath.Join(e.root, "ballast")
	if err := os.WriteFile(ballast, make([]byte, 4<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	acked, err := fill(t, a, "F", 1000)
	if err == nil {
		t.Fatalf("%d puts of 64 KiB fitted on a %s disk", len(acked), diskSize)
	}
	rc := reasonOf(err)
	t.Logf("MQPUT failed after %d acknowledged puts: %v; %s", len(acked), err, df(e.root))
	if rc != mqi.MQRC_RESOURCE_PROBLEM && rc != mqi.MQRC_Q_SPACE_NOT_AVAILABLE {
		t.Errorf("MQPUT on a full disk: %v, want MQRC 2102 or 2056", err)
	}
	if err := a.put(Body("F-again", 64*1024)); reasonOf(err) != rc {
		t.Errorf("second MQPUT on the full disk: %v, want the same reason %d", err, rc)
	}
	if st := e.status(); st != "Running" {
		t.Fatalf("after the disk filled dspmq shows STATUS(%s)", st)
	}
	log := e.errorLog()
	if !strings.Contains(log, "AMQ7475W") && !strings.Contains(log, "AMQ7463W") {
		t.Errorf("no AMQ7475W or AMQ7463W about the failed put in AMQERR01.LOG:\n%s", tail(log, 30))
	}

	if err := os.Remove(ballast); err != nil {
		t.Fatal(err)
	}
	got, err := getSome(a, len(acked)/4)
	if err != nil {
		t.Fatalf("MQGET after space was freed: %v (after %d gets)", err, len(got))
	}
	more, err := refill(t, a, "G", 10)
	if err != nil {
		t.Errorf("MQPUT after space was freed and %d messages got: %v (%d worked)", len(got), err, len(more))
	}
	acked = append(acked, more...)
	t.Logf("%d got, %d more put; %s", len(got), len(more), df(e.root))

	a.disc()
	e.endQM()
	e.mustStartQM()
	b := connectApp(t, "DISK.Q")
	got = append(got, b.drain()...)
	slices.Sort(got)
	slices.Sort(acked)
	if !slices.Equal(got, acked) {
		t.Errorf("after the restart: got %d messages, %d were acknowledged; missing %v, unexpected %v",
			len(got), len(acked), missing(acked, got), missing(got, acked))
	}
	b.disc()
	e.endQM()
	e.checkQMLog()
}

// TestDiskFullGetsFreeSpace fills the data file system, then gets
// messages without any outside help: consuming is how applications free
// space, so MQGET must keep working on a full disk.
func TestDiskFullGetsFreeSpace(t *testing.T) {
	runInNamespace(t, "TestDiskFullGetsFreeSpaceInNamespace")
}

func TestDiskFullGetsFreeSpaceInNamespace(t *testing.T) {
	e, a := fullDisk(t)
	acked, err := fill(t, a, "F", 1000)
	if err == nil {
		t.Fatalf("%d puts of 64 KiB fitted on a %s disk", len(acked), diskSize)
	}
	got, err := getSome(a, len(acked)/4)
	if err != nil {
		t.Errorf("bug: with the disk full after %d puts, MQGET fails after %d gets: %v", len(acked), len(got), err)
	}
	if st := e.status(); st != "Running" {
		t.Errorf("dspmq shows STATUS(%s)", st)
	}
	a.disc()
	e.killQM()
}

// getSome gets n messages and returns their ids; a body that does not
// match its id fails the test.
func getSome(a *app, n int) ([]string, error) {
	a.t.Helper()
	var ids []string
	for range n {
		data, err := a.get()
		if err != nil {
			return ids, err
		}
		if data == nil {
			return ids, fmt.Errorf("queue empty")
		}
		id, ok := ParseBody(data)
		if !ok {
			a.t.Errorf("message %q came back damaged", id)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// fill puts 64 KiB persistent messages until MQPUT fails or limit puts
// worked, and returns the ids acknowledged and the failure.
func fill(t *testing.T, a *app, prefix string, limit int) ([]string, error) {
	t.Helper()
	var acked []string
	for i := range limit {
		id := fmt.Sprintf("%s-%05d", prefix, i)
		if err := a.put(Body(id, 64*1024)); err != nil {
			return acked, err
		}
		acked = append(acked, id)
	}
	return acked, nil
}

// refill puts n messages, retrying each for up to ten seconds: the space
// freed by gets becomes usable once a checkpoint has stored them.
func refill(t *testing.T, a *app, prefix string, n int) ([]string, error) {
	t.Helper()
	var acked []string
	for i := range n {
		id := fmt.Sprintf("%s-%05d", prefix, i)
		deadline := time.Now().Add(10 * time.Second)
		for {
			err := a.put(Body(id, 64*1024))
			if err == nil {
				break
			}
			if time.Now().After(deadline) {
				return acked, err
			}
			time.Sleep(200 * time.Millisecond)
		}
		acked = append(acked, id)
	}
	return acked, nil
}

// missing returns the ids in want that are not in have (both sorted).
func missing(want, have []string) []string {
	var out []string
	for _, id := range want {
		if _, ok := slices.BinarySearch(have, id); !ok {
			out = append(out, id)
		}
	}
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("... %d in all", len(out)))
	}
	return out
}

// df describes the free space of the file system holding dir.
func df(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%d KiB free of %d KiB", st.Bavail*uint64(st.Bsize)/1024, st.Blocks*uint64(st.Bsize)/1024)
}
