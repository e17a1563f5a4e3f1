package crashtest

import (
	"bufio"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

// TestChannelCapturedByWireshark captures the channel between the two
// queue-manager processes on lo (the leg from the proxy to QM2's
// listener) and reads it back with Wireshark's MQ dissector: the initial
// data of both ends, each MESSAGE_DATA with its MSH, MQXQH and MQMD, and
// the status segments that confirm the batch and close the channel must
// decode to the values that were sent. It is skipped only when tshark is
// missing or cannot capture.
func TestChannelCapturedByWireshark(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark is not installed: the channel's wire format is not checked")
	}
	c := newChannelPair(t)
	pcap := filepath.Join(c.e.work, "channel.pcap")
	stop := captureLo(t, tshark, c.port, pcap)

	c.startChannel()
	qm, err := mqi.Conn("QM1")
	if err != nil {
		t.Fatal(err)
	}
	od := mqi.NewMQOD()
	od.ObjectName = "TO.QM2"
	obj, err := qm.Open(od, mqi.MQOO_OUTPUT)
	if err != nil {
		t.Fatal(err)
	}
	var msgIDs []string
	for i := range 3 {
		md := mqi.NewMQMD()
		md.Format, md.Priority, md.Persistence, md.ReplyToQ = mqi.MQFMT_STRING, 7, mqi.MQPER_PERSISTENT, "REPLY.Q"
		pmo := mqi.NewMQPMO()
		pmo.Options = mqi.MQPMO_SYNCPOINT
		if err := obj.Put(md, pmo, Body(fmt.Sprintf("W%d", i), 100)); err != nil {
			t.Fatal(err)
		}
		// tshark shows a MsgId as colon-separated hex bytes.
		b := hex.EncodeToString(md.MsgId[:])
		var parts []string
		for i := 0; i < len(b); i += 2 {
			parts = append(parts, b[i:i+2])
		}
		msgIDs = append(msgIDs, strings.Join(parts, ":"))
	}
	if err := qm.Cmit(); err != nil { // one batch of three
		t.Fatal(err)
	}
	obj.Close(0)
	qm.Disc()
	c.checkSettled(3, 30*time.Second)
	c.mqsc("QM1", "STOP CHANNEL("+channelName+")")
	waitFor(t, 20*time.Second, "the channel to stop", func() bool {
		return strings.Contains(c.mqsc("QM1", "DISPLAY CHSTATUS("+channelName+") STATUS"), "STATUS(STOPPED)")
	})
	stop()

	segs := decodeMQ(t, tshark, pcap)
	var ids, msgs, confirms, closes int
	for _, s := range segs {
		for k, v := range s {
			s[k] = strings.TrimSpace(v)
		}
		switch s["mq.tsh.type"] {
		case "0x01": // INITIAL_DATA
			// Capability flags MSG_SEQ | CONVERSION | SPLIT, no error flags.
			want := map[string]string{"mq.id.channelname": channelName, "mq.id.faplevel": "13", "mq.id.maxmsgbatch": "50",
				"mq.id.seqwrap": "999999999", "mq.id.cflags": "0x07", "mq.id.icf.msgseq": "1", "mq.id.ecflags": "0x00"}
			switch s["mq.id.qm"] {
			case "QM1", "QM2":
				ids++
			default:
				t.Errorf("INITIAL_DATA from queue manager %q", s["mq.id.qm"])
			}
			expect(t, "INITIAL_DATA of "+s["mq.id.qm"], s, want)
		case "0x04": // MESSAGE_DATA
			if msgs < len(msgIDs) {
				expect(t, fmt.Sprintf("MESSAGE_DATA %d", msgs+1), s, map[string]string{
					"mq.msh.seqnum": fmt.Sprint(msgs + 1), "mq.xqh.remoteq": "IN.Q", "mq.xqh.remoteqmgr": "QM2",
					"mq.md.format": "MQSTR", "mq.md.persistence": "1", "mq.md.priority": "7", "mq.md.replytoq": "REPLY.Q",
					"mq.md.replytoqmgr": "QM1", "mq.md.msgid": msgIDs[msgs]})
			}
			msgs++
		case "0x05": // STATUS_DATA
			switch s["mq.status.code"] {
			case "0":
				confirms++
			case "7": // USER_CLOSED
				closes++
			}
		}
	}
	if ids != 2 || msgs != 3 || confirms < 1 || closes != 1 {
		t.Errorf("decoded %d INITIAL_DATA, %d MESSAGE_DATA, %d confirmations, %d closes; want 2, 3, at least 1, 1:\n%v",
			ids, msgs, confirms, closes, segs)
	}
	bad := tsharkOut(t, tshark, "-r", pcap, "-Y", `_ws.malformed || (mq && _ws.expert.severity >= "warning" && !tcp.analysis.flags)`)
	if strings.TrimSpace(bad) != "" {
		t.Errorf("tshark reports malformed or suspicious frames:\n%s", bad)
	}
}

// expect reports the fields of a decoded segment that differ from want.
func expect(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if strings.TrimSpace(got[k]) != v {
			t.Errorf("%s: %s is %q, want %q", what, k, got[k], v)
		}
	}
}

// captureLo runs tshark on lo for the port until the returned function is
// called; the test is skipped when tshark cannot capture.
func captureLo(t *testing.T, tshark string, port int, pcap string) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	cmd := exec.CommandContext(ctx, tshark, "-i", "lo", "-f", fmt.Sprintf("tcp port %d", port), "-w", pcap)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start tshark: %v", err)
	}
	started := make(chan string, 1)
	go func() {
		var msgs strings.Builder
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			msgs.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), "Capturing on") {
				started <- ""
				for sc.Scan() {
				}
				return
			}
		}
		started <- msgs.String()
	}()
	select {
	case msg := <-started:
		if msg != "" {
			cmd.Wait()
			cancel()
			t.Skipf("tshark cannot capture on lo: %s", msg)
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

func tsharkOut(t *testing.T, tshark string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, tshark, args...).Output()
	if err != nil {
		t.Fatalf("tshark %v: %v", args, err)
	}
	return string(out)
}

// decodeMQ reads the capture as JSON and returns each MQ segment (a frame
// may carry several) as its dissector fields, flattened.
func decodeMQ(t *testing.T, tshark, pcap string) []map[string]string {
	t.Helper()
	var frames []struct {
		Source struct {
			Layers map[string]json.RawMessage `json:"layers"`
		} `json:"_source"`
	}
	if err := json.Unmarshal([]byte(tsharkOut(t, tshark, "-r", pcap, "-Y", "mq", "-T", "json", "--no-duplicate-keys")), &frames); err != nil {
		t.Fatalf("tshark JSON: %v", err)
	}
	var segs []map[string]string
	for _, f := range frames {
		raw, ok := f.Source.Layers["mq"]
		if !ok {
			continue
		}
		var layers []any
		var one any
		if err := json.Unmarshal(raw, &one); err != nil {
			t.Fatal(err)
		}
		if list, ok := one.([]any); ok {
			layers = list
		} else {
			layers = []any{one}
		}
		for _, l := range layers {
			seg := map[string]string{}
			flatten(l, seg)
			segs = append(segs, seg)
		}
	}
	return segs
}

// flatten collects the leaves of a tshark JSON tree: field name to value.
// A name that repeats keeps its first value in key order (the dissector
// uses the mq.id.icf names under both cflags and ecflags, and cflags
// comes first).
func flatten(v any, into map[string]string) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			sub := x[k]
			if s, ok := sub.(string); ok {
				if _, seen := into[k]; !seen {
					into[k] = s
				}
				continue
			}
			if list, ok := sub.([]any); ok && len(list) > 0 {
				if s, ok := list[0].(string); ok {
					if _, seen := into[k]; !seen {
						into[k] = s
					}
					continue
				}
			}
			flatten(sub, into)
		}
	case []any:
		for _, sub := range x {
			flatten(sub, into)
		}
	}
}
