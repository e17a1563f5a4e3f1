package qmgr

import (
	"fmt"
	"strings"
	"testing"
)

// TestTLSRequesterPullsFromItsServer: a requester on QM1 reaches QM2's
// listener over mutual TLS and asks the server of its name to start; the
// server sends a persistent message over the requester's connection. A
// requester whose SSLPEER does not match the server's certificate is
// refused with AMQ9636E and stops.
func TestTLSRequesterPullsFromItsServer(t *testing.T) {
	p := newTLSPair(t)
	define := func(name, rqstr string) {
		p.mqsc("QM2",
			"DEFINE QLOCAL(XQ."+name+") USAGE(XMITQ)",
			"DEFINE QREMOTE(R."+name+") RNAME(IN."+name+") RQMNAME(QM1) XMITQ(XQ."+name+")",
			"DEFINE CHANNEL("+name+") CHLTYPE(SVR) XMITQ(XQ."+name+") SSLCIPH(TLS_AES_128_GCM_SHA256) SSLCAUTH(REQUIRED) SSLPEER('CN=QM1,OU=MQ')")
		p.mqsc("QM1", "DEFINE QLOCAL(IN."+name+")",
			fmt.Sprintf("DEFINE CHANNEL(%s) CHLTYPE(RQSTR) CONNAME('127.0.0.1(%d)') SSLCIPH(TLS_AES_128_GCM_SHA256) %s", name, p.port, rqstr))
	}
	define("TLS.PULL", "SSLPEER('CN=QM2,O=Example')")
	putPersistent(t, "QM2", "R.TLS.PULL", "pulled over TLS")
	p.mqsc("QM1", "START CHANNEL(TLS.PULL)")
	defer p.mqsc("QM1", "STOP CHANNEL(TLS.PULL)")
	if got, _ := getWait(t, "QM1", "IN.TLS.PULL"); got != "pulled over TLS" {
		t.Fatalf("QM1 got %q", got)
	}
	rq, svr := waitStatus(t, p.qm1, "TLS.PULL", "RUNNING"), waitStatus(t, p.qm2, "TLS.PULL", "RUNNING")
	if svr.SecProt != "TLSV13" || !strings.Contains(svr.SSLPeer, "CN=QM1") {
		t.Errorf("server status: SECPROT(%s) SSLPEER(%s)", svr.SecProt, svr.SSLPeer)
	}
	if rq.SecProt != "TLSV13" || !strings.Contains(rq.SSLPeer, "CN=QM2") {
		t.Errorf("requester status: SECPROT(%s) SSLPEER(%s)", rq.SecProt, rq.SSLPeer)
	}

	offset := logSize(p.qm1)
	define("TLS.PULL.BAD", "SSLPEER('CN=SOMEONE.ELSE')")
	p.mqsc("QM1", "START CHANNEL(TLS.PULL.BAD)")
	waitForNewLog(t, p.qm1, offset, "AMQ9636E", "TLS.PULL.BAD")
	waitStatus(t, p.qm1, "TLS.PULL.BAD", "STOPPED")
}
