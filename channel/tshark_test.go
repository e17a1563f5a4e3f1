package channel_test

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

// TestWiresharkDecodesTheChannel captures a running channel on loopback
// and reads it back with tshark's MQ dissector: the initial data, every
// MESSAGE_DATA with its MSH, MQXQH and MQMD, and the status segments. It
// is skipped without tshark and dumpcap or without the right to capture.
func TestWiresharkDecodesTheChannel(t *testing.T) {
	tshark, err1 := exec.LookPath("tshark")
	dumpcap, err2 := exec.LookPath("dumpcap")
	if err1 != nil || err2 != nil || os.Geteuid() != 0 {
		t.Skip("needs tshark, dumpcap and root to capture on lo")
	}
	p := newPair(t, "BATCHSZ(2)", nil, nil)
	_, port, _ := net.SplitHostPort(p.addr)
	pcap := filepath.Join(p.root, "channel.pcap")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	capErr := &lockedBuffer{}
	capture := exec.CommandContext(ctx, dumpcap, "-q", "-i", "lo", "-f", "tcp port "+port, "-w", pcap)
	capture.Stderr = capErr
	if err := capture.Start(); err != nil {
		t.Skipf("dumpcap: %v", err)
	}
	defer capture.Process.Kill()
	waitFor(t, func() bool { return strings.Contains(capErr.String(), "Capturing on") }, "dumpcap to start")
	time.Sleep(200 * time.Millisecond)

	stop := p.runSender(t, nil)
	sent := putMessages(t, 3, mqi.MQPER_PERSISTENT, 16)
	checkExactlyOnce(t, sent, getAll(t, "QM2", "IN.Q", 3, 20*time.Second))
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	_ = capture.Process.Signal(syscall.SIGINT)
	_ = capture.Wait()

	out, err := exec.CommandContext(ctx, tshark, "-r", pcap, "-Y", "mq", "-T", "fields", "-E", "separator=|", "-E", "aggregator=;",
		"-e", "mq.tsh.type", "-e", "mq.id.channelname", "-e", "mq.id.qm", "-e", "mq.msh.seqnum",
		"-e", "mq.xqh.remoteq", "-e", "mq.xqh.remoteqmgr", "-e", "mq.md.format", "-e", "mq.md.persistence",
		"-e", "mq.status.code", "-e", "mq.status.value", "-e", "mq.tsh.tcf.confirmreq").Output()
	if err != nil {
		t.Fatalf("tshark: %v\n%s", err, out)
	}
	var ids, msgs, confirms, closes int
	var seqs []string
	for _, f := range pdus(string(out), 11) {
		line := strings.Join(f, "|")
		switch f[0] {
		case "0x01": // INITIAL_DATA
			if f[1] == "QM1.TO.QM2" && (f[2] == "QM1" || f[2] == "QM2") {
				ids++
			}
		case "0x04": // MESSAGE_DATA
			msgs++
			seqs = append(seqs, f[3]+"/"+f[10])
			if f[4] != "IN.Q" || f[5] != "QM2" || f[6] != "MQSTR" || f[7] != "1" {
				t.Errorf("MESSAGE_DATA decoded as %q", line)
			}
		case "0x05": // STATUS_DATA
			switch f[8] {
			case "0":
				confirms++
			case "7":
				closes++
			}
		}
	}
	if ids != 2 || msgs != 3 || strings.Join(seqs, ",") != "1/0,2/1,3/1" || confirms != 2 || closes != 1 {
		t.Errorf("decoded %d IDs, %d messages (sequence %v), %d confirmations, %d closes; want 2, 3 (1,2,3, the second and third with CONFIRM_REQUEST), 2, 1:\n%s",
			ids, msgs, seqs, confirms, closes, out)
	}
	bad, err := exec.CommandContext(ctx, tshark, "-r", pcap, "-Y", "_ws.malformed || (mq && _ws.expert.severity >= \"warning\" && !tcp.analysis.flags)").Output()
	if err != nil || len(bytes.TrimSpace(bad)) != 0 {
		t.Errorf("tshark reports malformed or suspicious frames (%v):\n%s", err, bad)
	}
}

// lockedBuffer is a buffer a command's output goroutine writes while the
// test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// pdus splits tshark's field output into one row per MQ segment: a frame
// that carries several segments lists each field's values joined by ";".
func pdus(out string, fields int) [][]string {
	var rows [][]string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(line, "|")
		if len(f) < fields {
			continue
		}
		types := strings.Split(f[0], ";")
		for i := range types {
			row := make([]string, len(f))
			for k := range f {
				if v := strings.Split(f[k], ";"); i < len(v) {
					row[k] = strings.TrimSpace(v[i])
				}
			}
			rows = append(rows, row)
		}
	}
	return rows
}
