package ssl

import (
	"bufio"
	"context"
	"io"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
)

// TestTsharkDecryptsWithKeyLog captures a TLS 1.3 channel session on
// loopback that carries MQ initial data, and has tshark decrypt it with
// the key log this package wrote and decode the MQ inside. It needs
// tshark and the right to capture on lo (root); otherwise it is skipped.
func TestTsharkDecryptsWithKeyLog(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark not installed")
	}
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	pcap := filepath.Join(dir, "chl.pcap")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	capture := exec.CommandContext(ctx, tshark, "-i", "lo", "-f", "tcp port "+port, "-w", pcap, "-a", "duration:25")
	stderr, err := capture.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := capture.Start(); err != nil {
		t.Skipf("cannot start a capture: %v", err)
	}
	defer capture.Wait()
	defer capture.Process.Kill()
	if !waitCapturing(stderr, 10*time.Second) {
		t.Skip("tshark cannot capture on lo here")
	}

	keyLog := filepath.Join(dir, "keys.log")
	kl, err := OpenKeyLog(keyLog)
	if err != nil {
		t.Fatal(err)
	}
	defer kl.Close()
	w := newWorld(t)
	k1 := w.qm1
	k1.KeyLog = kl
	ch := ChannelTLS{Name: "QM1.TO.QM2", CipherSpec: "TLS_AES_128_GCM_SHA256"}
	done := make(chan struct{})
	go func() {
		defer close(done)
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		s, err := Respond(ctx, c, w.qm2, func(string) (ChannelTLS, bool) { return ch, true })
		if err != nil {
			return
		}
		io.Copy(io.Discard, s.Conn)
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	s, err := Initiate(ctx, c, ch, k1)
	if err != nil {
		t.Fatal(err)
	}
	id := &wire.InitialData{FapLevel: 13, MaxMsgsPerBatch: 50, MaxTransmissionSize: 32768, MaxMsgSize: 4194304,
		SeqWrap: 999999999, ChannelName: ch.Name, QMgrName: "QM1", CCSID: 1208, HeartbeatInterval: 300}
	seg := &wire.Segment{TSH: wire.TSH{Type: wire.SegInitialData, Flags1: wire.Flag1First | wire.Flag1Last,
		Encoding: wire.EncNative, CCSID: 1208}}
	seg.Body = id.Marshal(seg.Order())
	if err := wire.WriteSegment(s.Conn, seg); err != nil {
		t.Fatal(err)
	}
	s.Conn.CloseWrite()
	<-done
	c.Close()
	time.Sleep(500 * time.Millisecond) // let the capture see the last packets
	capture.Process.Signal(syscall.SIGINT)
	capture.Wait()

	read := func(extra ...string) string {
		args := append([]string{"-r", pcap, "-Y", "mq", "-T", "fields", "-e", "mq.id.channelname"}, extra...)
		out, err := exec.Command(tshark, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("tshark -r: %v\n%s", err, out)
		}
		return string(out)
	}
	got := read("-o", "tls.keylog_file:"+keyLog)
	t.Logf("tshark with the key log: %q", got)
	if !strings.Contains(got, "QM1.TO.QM2") {
		t.Errorf("with the key log tshark decodes no MQ initial data: %q", got)
	}
	if got := read(); strings.Contains(got, "QM1.TO.QM2") {
		t.Errorf("without the key log tshark still sees the channel name: %q", got)
	}
}

// waitCapturing waits for tshark's "Capturing on" line.
func waitCapturing(r io.Reader, limit time.Duration) bool {
	ok := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "Capturing on") {
				ok <- true
				io.Copy(io.Discard, r)
				return
			}
		}
		ok <- false
	}()
	select {
	case v := <-ok:
		return v
	case <-time.After(limit):
		return false
	}
}
