package samples

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/scriptcmd"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/gomqm/gomqm/mqi"
)

// TestMain lets the test binary also run as the scripts' putmsg command.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"putmsg":    func() { os.Exit(putMsg(os.Args[1:])) },
		"waitdepth": func() { os.Exit(waitDepth(os.Args[1:])) },
	})
}

// TestScripts builds the gomqm commands and the samples, then runs
// testdata/*.txtar with them first on PATH. Each script has its own data
// directory, $WORK/mqm, and queue managers still running when it ends are
// ended immediately.
func TestScripts(t *testing.T) {
	bin := buildCommands(t)
	// Unix socket paths are limited to 108 bytes: keep work dirs short.
	root, err := os.MkdirTemp("/tmp", "smp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })

	testscript.Run(t, testscript.Params{
		Dir:                 "testdata",
		WorkdirRoot:         root,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("PATH", bin+string(os.PathListSeparator)+e.Getenv("PATH"))
			e.Setenv("MQ_OVERRIDE_DATA_PATH", filepath.Join(e.WorkDir, "mqm"))
			e.Setenv("MQUSER", mqUser())
			e.Setenv("CLIENTLABEL", clientLabel())
			e.Values[skipperKey{}] = e.T()
			e.Defer(func() { endAll(bin, e.Vars) })
			return nil
		},
		Cmds: sampleCommands(),
	})
}

// buildCommands builds ./cmd/... and ./samples/... of this module into a
// temporary directory and returns it.
func buildCommands(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the queue manager and the samples")
	}
	moduleRoot, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	cmd := exec.Command(goTool, "build", "-o", bin, "./cmd/...", "./samples/...")
	cmd.Dir = moduleRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/... ./samples/...: %v\n%s", err, out)
	}
	// The client builds are the same programs under their client names.
	for _, s := range []string{"amqsput", "amqsget", "amqsbcg", "amqsgbr"} {
		data, err := os.ReadFile(filepath.Join(bin, s))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(bin, s+"c"), data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return bin
}

// mqUser is the user the queue manager records in MQMD.UserIdentifier for
// this process's children: the login name, in the 12-character field.
func mqUser() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	name := u.Username
	if len(name) > int(mqi.MQ_USER_ID_LENGTH) {
		name = name[:mqi.MQ_USER_ID_LENGTH]
	}
	return fmt.Sprintf("%-*s", mqi.MQ_USER_ID_LENGTH, name)
}

// clientLabel is the certificate label a client uses by default:
// ibmwebspheremq and the login name in lower case.
func clientLabel() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	return "ibmwebspheremq" + strings.ToLower(u.Username)
}

// endAll ends, immediately, every queue manager that dspmq shows running
// in the script's data directory: strmqm detaches the queue manager, so a
// script that fails before its endmqm would leave it behind.
func endAll(bin string, env []string) {
	run := func(name string, args ...string) []byte {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		cmd.Env = env
		out, _ := cmd.Output()
		return out
	}
	running := regexp.MustCompile(`QMNAME\((.*?)\) +STATUS\(Running`)
	for _, m := range running.FindAllSubmatch(run("dspmq"), -1) {
		run("endmqm", "-i", string(m[1]))
	}
}

// mkline FILE N [CHAR] writes a file holding one line of N characters
// (default 'x') and a newline.
func mkLine(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: mkline file n [char]")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 0 {
		ts.Fatalf("mkline: bad length %q", args[1])
	}
	char := "x"
	if len(args) == 3 {
		char = args[2]
	}
	line := strings.Repeat(char, n) + "\n"
	if err := os.WriteFile(ts.MkAbs(args[0]), []byte(line), 0o644); err != nil {
		ts.Fatalf("mkline: %v", err)
	}
}

// skipperKey keys the script's T in Env.Values, for needbrowse.
type skipperKey struct{}

// browseUnsupported matches what amqsgbr prints when the queue manager
// cannot browse: the handle is not open for browse (2036) or input (2037),
// or the options or function are refused (2046, 2298).
var browseUnsupported = regexp.MustCompile(`(?m)^MQ(?:OPEN|GET) ended with reason code (2036|2037|2046|2298)$`)

// needbrowse skips the rest of the script if the previous command's
// output (amqsgbr's) shows that the queue manager does not support
// browsing yet.
func needBrowse(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: needbrowse")
	}
	m := browseUnsupported.FindStringSubmatch(ts.ReadFile("stdout"))
	if m == nil {
		return
	}
	t, ok := ts.Value(skipperKey{}).(testscript.T)
	if !ok {
		ts.Fatalf("needbrowse: no T to skip")
	}
	t.Skip(fmt.Sprintf("the queue manager does not support browse yet (MQRC %s)", m[1]))
}

// putMsg is the putmsg command: putmsg QMGR Q N puts one message of N
// bytes ('x', in string format) on queue Q. amqsput cannot put a message
// longer than 65534 bytes, which the truncation scripts need.
func putMsg(args []string) int {
	if len(args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: putmsg QMgrName QName length")
		return 2
	}
	n, err := strconv.Atoi(args[2])
	if err != nil || n < 0 {
		fmt.Fprintf(os.Stderr, "putmsg: bad length %q\n", args[2])
		return 2
	}
	qMgr, err := mqi.Conn(args[0])
	if err != nil {
		fmt.Fprintf(os.Stderr, "putmsg: %v\n", err)
		return 1
	}
	defer qMgr.Disc()

	od := mqi.NewMQOD()
	od.ObjectName = args[1]
	md := mqi.NewMQMD()
	md.Format = mqi.MQFMT_STRING
	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT
	if err := qMgr.Put1(od, md, pmo, bytes.Repeat([]byte("x"), n)); err != nil {
		fmt.Fprintf(os.Stderr, "putmsg: %v\n", err)
		return 1
	}
	return 0
}

// waitDepth is the waitdepth command: waitdepth QMGR Q N waits up to 10
// seconds for queue Q to hold at least N messages (for messages the queue
// manager puts by itself a moment later, such as events).
func waitDepth(args []string) int {
	if len(args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: waitdepth QMgrName QName depth")
		return 2
	}
	want, err := strconv.Atoi(args[2])
	if err != nil {
		fmt.Fprintf(os.Stderr, "waitdepth: bad depth %q\n", args[2])
		return 2
	}
	qMgr, err := mqi.Conn(args[0])
	if err != nil {
		fmt.Fprintf(os.Stderr, "waitdepth: %v\n", err)
		return 1
	}
	defer qMgr.Disc()
	od := mqi.NewMQOD()
	od.ObjectName = args[1]
	q, err := qMgr.Open(od, mqi.MQOO_INQUIRE)
	if err != nil {
		fmt.Fprintf(os.Stderr, "waitdepth: %v\n", err)
		return 1
	}
	defer q.Close(0)
	deadline := time.Now().Add(10 * time.Second)
	for {
		attrs, err := q.Inq([]int32{mqi.MQIA_CURRENT_Q_DEPTH})
		if err != nil {
			fmt.Fprintf(os.Stderr, "waitdepth: %v\n", err)
			return 1
		}
		depth, _ := attrs[mqi.MQIA_CURRENT_Q_DEPTH].(int32)
		if int(depth) >= want {
			return 0
		}
		if time.Now().After(deadline) {
			fmt.Fprintf(os.Stderr, "waitdepth: %s holds %d messages after 10 s, want %d\n", args[1], depth, want)
			return 1
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// sampleCommands are the commands of the sample scripts: the shared ones
// (exitcode, freeport, waitport) and this package's own.
func sampleCommands() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	cmds := scriptcmd.Commands()
	cmds["expand"] = expand
	cmds["mkline"] = mkLine
	cmds["needbrowse"] = needBrowse
	cmds["waitlog"] = waitLog
	return cmds
}
