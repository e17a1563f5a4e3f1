package channel_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

// TestStopModeForceLosesAndDuplicatesNothing stops a sender with
// MODE(FORCE) and MODE(TERMINATE) while it moves persistent messages:
// each stop ends the channel without waiting for the batch in flight,
// the channel shows STOPPED, and after START CHANNEL every message
// arrives exactly once, with the transmission queue empty and both ends
// out of doubt.
func TestStopModeForceLosesAndDuplicatesNothing(t *testing.T) {
	newPair(t, "BATCHSZ(50)", nil, nil)
	const n = 3000
	sent := putMessages(t, n, mqi.MQPER_PERSISTENT, 512)
	for _, mode := range []string{"FORCE", "TERMINATE"} {
		if out, failed := mqscLines(t, "QM1", "START CHANNEL(QM1.TO.QM2)"); failed {
			t.Fatalf("START CHANNEL: %s", out)
		}
		waitFor(t, func() bool {
			out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(QM1.TO.QM2) MSGS")
			return strings.Contains(out, "STATUS(RUNNING)") && !strings.Contains(out, "MSGS(0)")
		}, "the channel to move messages")
		if out, failed := mqscLines(t, "QM1", "STOP CHANNEL(QM1.TO.QM2) MODE("+mode+")"); failed || !strings.Contains(out, "AMQ8019I") {
			t.Fatalf("STOP CHANNEL MODE(%s): %s", mode, out)
		}
		if out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(QM1.TO.QM2)"); !strings.Contains(out, "STATUS(STOPPED)") {
			t.Fatalf("after MODE(%s):\n%s", mode, out)
		}
		out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(QM1.TO.QM2) SAVED INDOUBT")
		t.Logf("after MODE(%s): %s", mode, out)
	}
	if d := depth(t, "QM1", "QM2"); d == "0" {
		t.Logf("the transmission queue emptied before the second stop: the test stopped late")
	}
	if out, failed := mqscLines(t, "QM1", "START CHANNEL(QM1.TO.QM2)"); failed {
		t.Fatalf("START CHANNEL: %s", out)
	}
	checkExactlyOnce(t, sent, getAll(t, "QM2", "IN.Q", n, 60*time.Second))
	if d := depth(t, "QM1", "QM2"); d != "0" {
		t.Errorf("transmission queue depth %s, want 0", d)
	}
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(QM1.TO.QM2) INDOUBT LSTSEQNO")
		return strings.Contains(out, "INDOUBT(NO)") && strings.Contains(out, "LSTSEQNO("+strconv.Itoa(n)+")")
	}, "the sender out of doubt at sequence "+strconv.Itoa(n))
}
