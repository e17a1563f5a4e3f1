package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gomqm/gomqm/internal/qmdir"
)

// target is the queue manager the scenarios run against, driven with the
// control commands found in bin.
type target struct {
	name   string
	bin    string   // directory of crtmqm, strmqm, runmqsc, endmqm, dltmqm
	env    []string // environment of every child process
	logDir string   // the recovery log directory: where D is measured
	pid    int      // the queue-manager process, 0 if unknown
	// temp is the data root mqbench created and removes, "" when the
	// queue manager is the user's.
	temp string
	// connName is host(port) of the listener client scenarios use, ""
	// until enableClients defines it.
	connName string
}

// Objects mqbench defines for its client scenarios.
const (
	clientListener = "MQBENCH.TCP"
)

// enableClients defines and starts a listener on a free loopback port and
// the SVRCONN channel client workers use, once per run.
func (t *target) enableClients() error {
	if t.connName != "" {
		return nil
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("bench: find a free port: %w", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	if err := t.mqsc(
		fmt.Sprintf("DEFINE LISTENER(%s) TRPTYPE(TCP) PORT(%d) IPADDR(127.0.0.1) CONTROL(MANUAL) REPLACE", clientListener, port),
		fmt.Sprintf("START LISTENER(%s)", clientListener),
		// An MCAUSER that is not an administrator: the default channel
		// authentication refuses administrators on client channels.
		fmt.Sprintf("DEFINE CHANNEL(%s) CHLTYPE(SVRCONN) MCAUSER('mqbench') REPLACE", ClientChannel),
	); err != nil {
		return err
	}
	t.connName = fmt.Sprintf("127.0.0.1(%d)", port)
	return nil
}

// disableClients removes what enableClients defined on a queue manager
// that is the user's.
func (t *target) disableClients() error {
	if t.connName == "" {
		return nil
	}
	t.connName = ""
	_ = t.mqsc(fmt.Sprintf("STOP LISTENER(%s)", clientListener))
	return t.mqsc(fmt.Sprintf("DELETE LISTENER(%s)", clientListener), fmt.Sprintf("DELETE CHANNEL(%s)", ClientChannel))
}

// tempQMgrName is the queue manager mqbench creates for itself.
const tempQMgrName = "MQBENCH"

// commandBound is the longest one control command may run.
const commandBound = 2 * time.Minute

// createTarget makes a queue manager in a new data root below parent and
// starts it.
func createTarget(bin, parent string, environ []string) (*target, error) {
	root, err := os.MkdirTemp(parent, "mqbench-")
	if err != nil {
		return nil, fmt.Errorf("bench: data directory: %w", err)
	}
	t := &target{name: tempQMgrName, bin: bin, temp: root,
		env: withEnv(environ, "MQ_OVERRIDE_DATA_PATH", root)}
	if _, err := t.command(nil, "crtmqm", t.name); err != nil {
		os.RemoveAll(root)
		return nil, err
	}
	if _, err := t.command(nil, "strmqm", t.name); err != nil {
		t.command(nil, "dltmqm", t.name)
		os.RemoveAll(root)
		return nil, err
	}
	if err := t.locate(root); err != nil {
		t.close()
		return nil, err
	}
	return t, nil
}

// attachTarget uses the running queue manager name under dataRoot.
func attachTarget(name, bin, dataRoot string, environ []string) (*target, error) {
	t := &target{name: name, bin: bin, env: environ}
	if err := t.locate(dataRoot); err != nil {
		return nil, err
	}
	if t.pid == 0 {
		return nil, fmt.Errorf("bench: queue manager %s is not running", name)
	}
	return t, nil
}

// locate finds the queue manager's log directory and process.
func (t *target) locate(root string) error {
	layout := qmdir.Layout{Root: root}
	e, ok, err := layout.Lookup(t.name)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if !ok {
		return fmt.Errorf("bench: no queue manager %s under %s", t.name, root)
	}
	dir := layout.QMgrDir(e)
	ini, err := qmdir.ReadQMIni(filepath.Join(dir, "qm.ini"))
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	t.logDir = filepath.Clean(ini.Log.LogPath)
	if ini.Log.LogPath == "" {
		t.logDir = layout.QMgrLogDir(e)
	}
	t.pid = lockHolder(filepath.Join(dir, qmdir.LockFile))
	return nil
}

// lockHolder returns the process id recorded in a queue manager's lock
// file if that process exists, else 0.
func lockHolder(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	if _, err := os.Stat(fmt.Sprintf("/proc/%d", pid)); err != nil {
		return 0
	}
	return pid
}

// command runs one control command with stdin and returns its output.
func (t *target) command(stdin []byte, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), commandBound)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(t.bin, name), args...)
	cmd.Env = t.env
	cmd.Stdin = bytes.NewReader(stdin)
	cmd.WaitDelay = time.Second // a process left holding the output must not hold us
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("bench: %s %s: %w: %s", name, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return string(out), nil
}

// mqsc runs MQSC commands with runmqsc.
func (t *target) mqsc(cmds ...string) error {
	_, err := t.command([]byte(strings.Join(cmds, "\n")+"\n"), "runmqsc", t.name)
	return err
}

// deleteBound is how long close waits for an ended queue manager to let
// dltmqm delete it.
const deleteBound = 30 * time.Second

// close ends and deletes a queue manager mqbench created; it leaves the
// user's alone.
func (t *target) close() error {
	if t.temp == "" {
		return t.disableClients()
	}
	_, endErr := t.command(nil, "endmqm", "-i", t.name)
	var err error
	for start := time.Now(); time.Since(start) < deleteBound; time.Sleep(100 * time.Millisecond) {
		if _, err = t.command(nil, "dltmqm", t.name); err == nil {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("bench: queue manager %s left in %s: %w", t.name, t.temp, errors.Join(endErr, err))
	}
	return os.RemoveAll(t.temp)
}

// withEnv returns environ with key set to value.
func withEnv(environ []string, key, value string) []string {
	out := make([]string, 0, len(environ)+1)
	for _, kv := range environ {
		if !strings.HasPrefix(kv, key+"=") {
			out = append(out, kv)
		}
	}
	return append(out, key+"="+value)
}
