package qmgr

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomqm/gomqm/mqi"
)

// TestTLSClientDecryptedWithTshark captures a client session over TLS
// 1.3, then has tshark decrypt it with the queue manager's key log
// (AMQ_SSL_KEYLOGFILE) and decode the MQ inside: the channel name of the
// ID, MQCONN's queue manager, MQOPEN's queue and MQPUT's data length.
// Without the key log none of it is visible.
func TestTLSClientDecryptedWithTshark(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark is not installed (Debian package tshark): TLS decryption not checked")
	}
	keyLog := filepath.Join(t.TempDir(), "keys.log")
	t.Setenv(KeyLogEnv, keyLog)
	_, stem, port := startTLSQM(t, "DEFINE CHANNEL(TLS.APP) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(TLS_CHACHA20_POLY1305_SHA256)")
	pcap := filepath.Join(t.TempDir(), "tls.pcap")
	stop := startCapture(t, tshark, port, pcap)
	x, err := tlsConn(port, "TLS.APP", "TLS_CHACHA20_POLY1305_SHA256", "CN=QM1", stem)
	if err != nil {
		t.Fatal(err)
	}
	od := mqi.NewMQOD()
	od.ObjectName = "APP.Q"
	q, err := x.Open(od, mqi.MQOO_OUTPUT)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Put(mqi.NewMQMD(), mqi.NewMQPMO(), bytes.Repeat([]byte("s"), 123)); err != nil {
		t.Fatal(err)
	}
	q.Close(0)
	x.Disc()
	stop()

	fields := []string{"-Y", "mq", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|",
		"-e", "mq.id.channelname", "-e", "mq.conn.qm", "-e", "mq.od.objname", "-e", "mq.put.length"}
	decrypted := tsharkRead(t, tshark, pcap, append([]string{"-o", "tls.keylog_file:" + keyLog}, fields...)...)
	for _, want := range []string{"TLS.APP", "QM1", "APP.Q", "123"} {
		if !strings.Contains(decrypted, want) {
			t.Errorf("decrypted capture lacks %q:\n%s", want, decrypted)
		}
	}
	if proto := tsharkRead(t, tshark, pcap, "-o", "tls.keylog_file:"+keyLog, "-Y", "tls.handshake.type == 2",
		"-T", "fields", "-e", "tls.handshake.ciphersuite"); !strings.Contains(proto, "0x1303") {
		t.Errorf("ServerHello cipher suite %q, want 0x1303 (TLS_CHACHA20_POLY1305_SHA256)", proto)
	}
	if plain := tsharkRead(t, tshark, pcap, fields...); strings.Contains(plain, "APP.Q") || strings.Contains(plain, "TLS.APP") {
		t.Errorf("without the key log tshark still decodes MQ:\n%s", plain)
	}
}
