package channel_test

import (
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

// TestServerWithConnNameStartsLikeASender: a server channel (SVR) that
// has a CONNAME and a transmission queue is started on its own and moves
// messages to the requester (RQSTR) of the same name on the partner, as
// IBM's server-to-requester combination does; both ends show the
// channel with its type.
func TestServerWithConnNameStartsLikeASender(t *testing.T) {
	p := newPair(t, "", nil, nil)
	host, port, _ := net.SplitHostPort(p.addr)
	mqsc(t, "QM1", fmt.Sprintf("DEFINE CHANNEL(QM1.SVR) CHLTYPE(SVR) CONNAME('%s(%s)') XMITQ(QM2) BATCHSZ(10)", host, port))
	mqsc(t, "QM2", "DEFINE CHANNEL(QM1.SVR) CHLTYPE(RQSTR) CONNAME('127.0.0.1(1)')")
	if out, failed := mqscLines(t, "QM1", "START CHANNEL(QM1.SVR)"); failed {
		t.Fatalf("START CHANNEL: %s", out)
	}
	sent := putMessages(t, 25, mqi.MQPER_PERSISTENT, 100)
	checkExactlyOnce(t, sent, getAll(t, "QM2", "IN.Q", 25, 20*time.Second))
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS(QM1.SVR) MSGS")
		return strings.Contains(out, "CHLTYPE(SVR)") && strings.Contains(out, "STATUS(RUNNING)") && strings.Contains(out, "MSGS(25)")
	}, "the server RUNNING with MSGS(25)")
	if out, _ := mqscLines(t, "QM2", "DISPLAY CHSTATUS(QM1.SVR) ALL"); !strings.Contains(out, "CHLTYPE(RQSTR)") || !strings.Contains(out, "LSTSEQNO(25)") {
		t.Errorf("the requester's status:\n%s", out)
	}
}

// TestRequesterStartsItsPartnersServer: a requester (RQSTR) started on
// QM2 connects to QM1 and asks the server (SVR, no CONNAME) of the same
// name to start; the server then sends its transmission queue over that
// connection, every persistent message arrives once, and both ends show
// the channel RUNNING with its type. A requester whose partner channel is
// not a server is refused with AMQ9547E in both error logs.
func TestRequesterStartsItsPartnersServer(t *testing.T) {
	p := newPair(t, "", nil, nil)
	qm1 := listen(t, &p.qm1)
	mqsc(t, "QM1", "DEFINE CHANNEL(QM2.PULL) CHLTYPE(SVR) XMITQ(QM2) BATCHSZ(10)",
		"DEFINE CHANNEL(QM2.WRONG) CHLTYPE(RCVR)")
	mqsc(t, "QM2", "DEFINE CHANNEL(QM2.PULL) CHLTYPE(RQSTR) CONNAME('"+qm1+"')",
		"DEFINE CHANNEL(QM2.WRONG) CHLTYPE(RQSTR) CONNAME('"+qm1+"')")
	pullThroughRequester(t, "QM2.PULL", "SVR")
	if out, failed := mqscLines(t, "QM2", "STOP CHANNEL(QM2.PULL)"); failed {
		t.Errorf("STOP CHANNEL of the requester: %s", out)
	}
	if d := depth(t, "QM1", "QM2"); d != "0" {
		t.Errorf("transmission queue depth %s, want 0", d)
	}

	if out, failed := mqscLines(t, "QM2", "START CHANNEL(QM2.WRONG)"); failed {
		t.Fatalf("START CHANNEL: %s", out)
	}
	waitFor(t, func() bool {
		return strings.Contains(p.errorLog(t, p.qm1), "AMQ9547E") && strings.Contains(p.errorLog(t, p.qm2), "AMQ9547E")
	}, "AMQ9547E in both error logs")
	// A requester does not retry (it has no SHORTRTY/LONGRTY): it stops.
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM2", "DISPLAY CHSTATUS(QM2.WRONG)")
		return strings.Contains(out, "STATUS(STOPPED)")
	}, "the refused requester STOPPED")
}

// TestRequesterCalledBackBySender: a requester whose partner's channel of
// that name is a sender asks it to start; the sender ends that
// connection, calls back through its own CONNAME, and the requester
// receives what it sends, exactly once.
func TestRequesterCalledBackBySender(t *testing.T) {
	p := newPair(t, "", nil, nil)
	qm1 := listen(t, &p.qm1)
	host, port, _ := net.SplitHostPort(p.addr)
	mqsc(t, "QM1", fmt.Sprintf("DEFINE CHANNEL(QM2.CALLBACK) CHLTYPE(SDR) CONNAME('%s(%s)') XMITQ(QM2) BATCHSZ(10)", host, port))
	mqsc(t, "QM2", "DEFINE CHANNEL(QM2.CALLBACK) CHLTYPE(RQSTR) CONNAME('"+qm1+"')")
	pullThroughRequester(t, "QM2.CALLBACK", "SDR")
	if d := depth(t, "QM1", "QM2"); d != "0" {
		t.Errorf("transmission queue depth %s, want 0", d)
	}
	if out, failed := mqscLines(t, "QM1", "STOP CHANNEL(QM2.CALLBACK)"); failed {
		t.Errorf("STOP CHANNEL of the sender: %s", out)
	}
}

// pullThroughRequester puts 25 persistent messages for QM2 on QM1, starts
// requester channel at QM2, and checks that they arrive exactly once,
// that the requester runs at LSTSEQNO(25) and that QM1's channel of that
// name runs with CHLTYPE(partnerType).
func pullThroughRequester(t *testing.T, channel, partnerType string) {
	t.Helper()
	sent := putMessages(t, 25, mqi.MQPER_PERSISTENT, 100)
	if out, failed := mqscLines(t, "QM2", "START CHANNEL("+channel+")"); failed || !strings.Contains(out, "AMQ8018I") {
		t.Fatalf("START CHANNEL of the requester: %s", out)
	}
	checkExactlyOnce(t, sent, getAll(t, "QM2", "IN.Q", 25, 20*time.Second))
	waitFor(t, func() bool {
		out, _ := mqscLines(t, "QM2", "DISPLAY CHSTATUS("+channel+") ALL")
		return strings.Contains(out, "CHLTYPE(RQSTR)") && strings.Contains(out, "STATUS(RUNNING)") && strings.Contains(out, "LSTSEQNO(25)")
	}, "the requester RUNNING at LSTSEQNO(25)")
	if out, _ := mqscLines(t, "QM1", "DISPLAY CHSTATUS("+channel+") ALL"); !strings.Contains(out, "CHLTYPE("+partnerType+")") || !strings.Contains(out, "STATUS(RUNNING)") {
		t.Errorf("the %s's status:\n%s", partnerType, out)
	}
}
