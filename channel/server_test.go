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
