package qmgr

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

// Wire conformance: a client session on a real listener is captured with
// tshark and read back through Wireshark's MQ dissector, which must find
// the values we sent in the fields where IBM MQ has them. A wrong layout
// decodes silently wrong, so the test asserts values, not the absence of
// "Malformed". tshark comes from the Debian package (.ci/run installs it);
// capturing on lo needs root or CAP_NET_RAW.

// mqFields are the dissector fields the test reads, in column order.
var mqFields = []string{
	"mq.tsh.type", "mq.tsh.seglength", "mq.id.faplevel", "mq.id.channelname", "mq.id.qm",
	"mq.id.maxmsgsize", "mq.id.hbint", "mq.id.convbyskt", "mq.id.inierrflg1", "mq.uid.userid", "mq.conn.qm", "mq.conn.appname",
	"mq.od.objname", "mq.md.format", "mq.md.priority", "mq.md.persistence", "mq.md.replytoq",
	"mq.put.length", "mq.api.completioncode", "mq.api.reasoncode", "mq.tsh.tcf.first", "mq.tsh.tcf.last",
}

// capturedSegment is one MQ segment as tshark decoded it.
type capturedSegment map[string]string

func TestWireConformanceWithTshark(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark is not installed (Debian package tshark; .ci/run installs it): wire conformance not checked")
	}
	_, port := startClientQM(t, "DEFINE QLOCAL(REPLY.Q)")
	pcap := filepath.Join(t.TempDir(), "client.pcap")
	stop := startCapture(t, tshark, port, pcap)

	c := clientConnect(t, port, "APP.SVRCONN")
	obj := open(t, c, "APP.Q", mqi.MQOO_OUTPUT|mqi.MQOO_INPUT_SHARED)
	md := mqi.NewMQMD()
	md.Format, md.Priority, md.Persistence, md.ReplyToQ = mqi.MQFMT_STRING, 7, mqi.MQPER_PERSISTENT, "REPLY.Q"
	if err := obj.Put(md, mqi.NewMQPMO(), bytes.Repeat([]byte("x"), 100)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := get(obj, 0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := get(obj, 0); err == nil {
		t.Fatal("a second message")
	}
	obj.Close(0)
	c.Disc()
	stop()

	segs := readCapture(t, tshark, pcap)
	me, _ := user.Current()
	want := []struct {
		typ    string
		fields map[string]string
	}{
		// The client proposes the MQCD's limits (4 MiB, HBINT 1); the
		// queue manager answers with the channel's (and the larger
		// HBINT, 300) and flags them (0x94: transmission size, message
		// size, heartbeat); the client proposes those; they agree.
		{"0x01", map[string]string{"mq.tsh.seglength": "268", "mq.id.faplevel": "13", "mq.id.channelname": "APP.SVRCONN",
			"mq.id.qm": "QM1", "mq.id.maxmsgsize": "4194304", "mq.id.hbint": "1", "mq.id.convbyskt": "10",
			"mq.id.inierrflg1": "0x00"}},
		{"0x01", map[string]string{"mq.tsh.seglength": "268", "mq.id.qm": "QM1", "mq.id.maxmsgsize": "65536",
			"mq.id.hbint": "300", "mq.id.inierrflg1": "0x94"}},
		{"0x01", map[string]string{"mq.id.channelname": "APP.SVRCONN", "mq.id.maxmsgsize": "65536", "mq.id.hbint": "300"}},
		// One conversation per socket is agreed, whatever SHARECNV says.
		{"0x01", map[string]string{"mq.id.qm": "QM1", "mq.id.maxmsgsize": "65536", "mq.id.hbint": "300",
			"mq.id.convbyskt": "1", "mq.id.inierrflg1": "0x00"}},
		{"0x08", map[string]string{"mq.tsh.seglength": "168", "mq.uid.userid": me.Username}},
		{"0x81", map[string]string{"mq.conn.qm": "QM1", "mq.conn.appname": filepath.Base(os.Args[0]),
			"mq.tsh.tcf.first": "1", "mq.tsh.tcf.last": "1"}},
		{"0x91", map[string]string{"mq.api.completioncode": "0", "mq.api.reasoncode": "0"}},
		{"0x83", map[string]string{"mq.od.objname": "APP.Q"}},
		{"0x93", map[string]string{"mq.api.completioncode": "0"}},
		{"0x86", map[string]string{"mq.md.format": "MQSTR", "mq.md.priority": "7", "mq.md.persistence": "1",
			"mq.md.replytoq": "REPLY.Q", "mq.put.length": "100"}},
		{"0x96", map[string]string{"mq.api.completioncode": "0"}},
		{"0x85", nil},
		{"0x95", map[string]string{"mq.api.completioncode": "0", "mq.md.format": "MQSTR", "mq.md.priority": "7"}},
		{"0x85", nil},
		{"0x95", map[string]string{"mq.api.completioncode": "2", "mq.api.reasoncode": "2033"}},
		{"0x84", nil},
		{"0x94", nil},
		{"0x82", nil},
		{"0x92", nil},
	}
	if len(segs) != len(want) {
		for _, s := range segs {
			t.Logf("%v", s)
		}
		t.Fatalf("tshark decoded %d MQ segments, want %d", len(segs), len(want))
	}
	for i, w := range want {
		got := segs[i]
		if got["mq.tsh.type"] != w.typ {
			t.Errorf("segment %d: type %s, want %s", i, got["mq.tsh.type"], w.typ)
			continue
		}
		for f, v := range w.fields {
			if got[f] != v {
				t.Errorf("segment %d (%s): %s = %q, want %q", i, w.typ, f, got[f], v)
			}
		}
	}
	// Warnings count only in frames that carry MQ: a bare TCP ACK with a
	// duplicate SACK block on a busy loopback is not the layout's doing.
	if out := tsharkRead(t, tshark, pcap, "-Y", "_ws.malformed || (mq && _ws.expert.severity >= \"warning\" && !tcp.analysis.flags)"); strings.TrimSpace(out) != "" {
		t.Errorf("tshark flags frames as malformed or with warnings:\n%s", out)
	}
}

// startCapture runs tshark on lo for the port until the returned stop
// function is called (at most 60 seconds). It skips the test when the
// capture cannot start (no permission to capture).
func startCapture(t *testing.T, tshark string, port int, pcap string) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	cmd := exec.CommandContext(ctx, tshark, "-i", "lo", "-f", fmt.Sprintf("tcp port %d", port), "-w", pcap, "-a", "duration:60")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start tshark: %v", err)
	}
	started := make(chan bool, 1)
	var msgs strings.Builder
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			msgs.WriteString(sc.Text() + "\n")
			if !sent && strings.Contains(sc.Text(), "Capturing on") {
				started <- true
				sent = true
			}
		}
		if !sent {
			started <- false
		}
	}()
	select {
	case ok := <-started:
		if !ok {
			cmd.Wait()
			cancel()
			t.Skipf("tshark cannot capture on lo (root or CAP_NET_RAW needed): %s", msgs.String())
		}
	case <-time.After(30 * time.Second):
		cancel()
		cmd.Wait()
		t.Fatal("tshark did not start capturing within 30 seconds")
	}
	time.Sleep(300 * time.Millisecond) // the capture filter is in place
	return func() {
		time.Sleep(300 * time.Millisecond) // the last packets reach the capture
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
		cancel()
	}
}

// readCapture decodes the capture: one map of mqFields per MQ segment.
func readCapture(t *testing.T, tshark, pcap string) []capturedSegment {
	t.Helper()
	args := []string{"-Y", "mq", "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=|"}
	for _, f := range mqFields {
		args = append(args, "-e", f)
	}
	var segs []capturedSegment
	for _, line := range strings.Split(strings.TrimRight(tsharkRead(t, tshark, pcap, args...), "\n"), "\n") {
		cols := strings.Split(line, "\t")
		if len(cols) != len(mqFields) {
			t.Fatalf("tshark line with %d columns: %q", len(cols), line)
		}
		n := len(strings.Split(cols[0], "|"))
		if n != 1 {
			t.Fatalf("a frame carries %d MQ segments (%q): each segment is written on its own", n, cols[0])
		}
		seg := capturedSegment{}
		for i, f := range mqFields {
			seg[f] = strings.TrimSpace(cols[i])
		}
		segs = append(segs, seg)
	}
	return segs
}

func tsharkRead(t *testing.T, tshark, pcap string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, tshark, append([]string{"-r", pcap}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("tshark -r: %v\n%s", err, errb.String())
	}
	return out.String()
}
