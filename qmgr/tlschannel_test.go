package qmgr

import (
	"crypto/tls"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gomqm/gomqm/channel"
	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/ssl"
)

// tlsPair is QM1 and QM2 in one data root, each with a key repository
// signed by one test CA, and a listener of QM2 on loopback. Every case
// of a test defines its own sender/receiver pair, so the queue managers
// are made once.
type tlsPair struct {
	t        testing.TB
	qm1, qm2 *QueueManager
	port     int // QM2's listener
	dir      string
	pki      *testPKI
	next     atomic.Int32
}

func newTLSPair(t testing.TB) *tlsPair {
	t.Helper()
	root, err := os.MkdirTemp("/tmp", "tlsch")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	t.Setenv("MQ_OVERRIDE_DATA_PATH", root)
	p := &tlsPair{t: t, dir: t.TempDir(), pki: newTestPKI(t)}
	layout := qmdir.Layout{Root: root}
	start := func(name string) *QueueManager {
		if _, err := Create(layout, CreateOptions{Name: name}, nil); err != nil {
			t.Fatalf("Create %s: %v", name, err)
		}
		qm, err := Start(layout, name, StartOptions{Program: "qmgr.test"})
		if err != nil {
			t.Fatalf("Start %s: %v", name, err)
		}
		t.Cleanup(func() { qm.Close() })
		return qm
	}
	p.qm1, p.qm2 = start("QM1"), start("QM2")
	now := time.Now().Add(-time.Minute)
	stem1 := p.repository("qm1", []personalCert{
		{"ibmwebspheremqqm1", "CN=QM1,OU=MQ,O=Example,C=GB", "", now, true},
		{"ecdsa", "CN=QM1,OU=MQ,O=Example,C=GB", "SHA256WithECDSA", now, true},
		{"expired", "CN=QM1,OU=MQ,O=Example,C=GB", "SHA256WithECDSA", now.AddDate(0, 0, -60), true},
		{"untrusted", "CN=QM1,OU=MQ,O=Example,C=GB", "SHA256WithECDSA", now, false},
	})
	stem2 := p.repository("qm2", []personalCert{
		{"ibmwebspheremqqm2", "CN=QM2,OU=MQ,O=Example,C=GB", "", now, true},
		{"ecdsa", "CN=QM2,OU=MQ,O=Example,C=GB", "SHA256WithECDSA", now, true},
	})
	p.port = freePort(t)
	p.mqsc("QM1", "ALTER QMGR CHLAUTH(DISABLED) SSLKEYR('"+stem1+"')", "REFRESH SECURITY TYPE(SSL)")
	p.mqsc("QM2", "ALTER QMGR CHLAUTH(DISABLED) SSLKEYR('"+stem2+"')", "REFRESH SECURITY TYPE(SSL)",
		fmt.Sprintf("DEFINE LISTENER(TCP.1) TRPTYPE(TCP) PORT(%d) IPADDR(127.0.0.1)", p.port), "START LISTENER(TCP.1)")
	return p
}

// personalCert is a certificate a test repository holds with its key.
type personalCert struct {
	label, dn, sigAlg string
	from              time.Time // start of a 30-day validity
	signed            bool      // by the test CA; else self-signed (trusted by nobody)
}

// repository writes <dir>/<name>.p12 with the CA trusted, the personal
// certificates and a stash; it returns the stem.
func (p *tlsPair) repository(name string, certs []personalCert) string {
	p.t.Helper()
	stem := filepath.Join(p.dir, name)
	repo := &ssl.Repository{Path: stem + ".p12"}
	if err := repo.Add(ssl.Entry{Label: p.pki.ca.Label, Cert: p.pki.ca.Cert}); err != nil {
		p.t.Fatal(err)
	}
	for _, c := range certs {
		tmpl := ssl.CertTemplate{DN: c.dn, SigAlg: c.sigAlg, Days: 30, Now: c.from}
		key, err := tmpl.NewKey()
		if err != nil {
			p.t.Fatal(err)
		}
		var cert = p.pki.ca.Cert
		if c.signed {
			csr, err := tmpl.Request(key)
			if err == nil {
				cert, err = ssl.Sign(csr, p.pki.ca, 30, c.from)
			}
			if err != nil {
				p.t.Fatal(err)
			}
		} else if cert, err = tmpl.SelfSigned(key); err != nil {
			p.t.Fatal(err)
		}
		if err := repo.Add(ssl.Entry{Label: c.label, Cert: cert, Key: key}); err != nil {
			p.t.Fatal(err)
		}
	}
	if err := repo.Save("passw0rd"); err != nil {
		p.t.Fatal(err)
	}
	if err := ssl.WriteStash(stem+".sth", "passw0rd"); err != nil {
		p.t.Fatal(err)
	}
	return stem
}

// mqsc runs commands on a queue manager and fails the test on a failed one.
func (p *tlsPair) mqsc(qm string, cmds ...string) {
	p.t.Helper()
	c, err := admin.Dial(qm, nil)
	if err != nil {
		p.t.Fatalf("admin.Dial %s: %v", qm, err)
	}
	defer c.Close()
	for _, cmd := range cmds {
		lines, failed, err := c.MQSC(cmd)
		if err != nil || failed {
			p.t.Fatalf("%s on %s: %v %v", cmd, qm, lines, err)
		}
	}
}

// define makes a new sender on QM1 and its receiver on QM2 with the extra
// attributes of each end, and a remote queue R.<channel> on QM1 that
// reaches IN.<channel> on QM2 through it. It returns the channel's name.
func (p *tlsPair) define(sdr, rcvr string) string {
	p.t.Helper()
	n := p.next.Add(1)
	name := fmt.Sprintf("TLS.%d", n)
	p.mqsc("QM1",
		"DEFINE QLOCAL(XQ."+name+") USAGE(XMITQ)",
		"DEFINE QREMOTE(R."+name+") RNAME(IN."+name+") RQMNAME(QM2) XMITQ(XQ."+name+")",
		fmt.Sprintf("DEFINE CHANNEL(%s) CHLTYPE(SDR) TRPTYPE(TCP) CONNAME('127.0.0.1(%d)') XMITQ(XQ.%s) SHORTRTY(100) SHORTTMR(1) %s",
			name, p.port, name, sdr))
	p.mqsc("QM2", "DEFINE QLOCAL(IN."+name+")", "DEFINE CHANNEL("+name+") CHLTYPE(RCVR) TRPTYPE(TCP) "+rcvr)
	return name
}

// status is the DISPLAY CHSTATUS record of a channel, Status "" when the
// channel has none.
func status(qm *QueueManager, name string) objects.ChannelStatus {
	for _, st := range qm.Channels(false) {
		if st.Channel == name {
			return st
		}
	}
	return objects.ChannelStatus{}
}

// waitStatus waits until the channel shows the state on qm.
func waitStatus(t *testing.T, qm *QueueManager, name, state string) objects.ChannelStatus {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		st := status(qm, name)
		if st.Status == state {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s on %s: STATUS(%s), want %s", name, qm.Name(), st.Status, state)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// putPersistent puts a persistent message to queue q of the queue manager.
func putPersistent(t *testing.T, qmName, q, text string) {
	t.Helper()
	x, err := mqi.Conn(qmName)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Disc()
	od := mqi.NewMQOD()
	od.ObjectName = q
	obj, err := x.Open(od, mqi.MQOO_OUTPUT)
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close(0)
	md := mqi.NewMQMD()
	md.Persistence = mqi.MQPER_PERSISTENT
	if err := obj.Put(md, mqi.NewMQPMO(), []byte(text)); err != nil {
		t.Fatal(err)
	}
}

// getWait gets a message from queue q, waiting up to 10 seconds.
func getWait(t *testing.T, qmName, q string) (string, *mqi.MQMD) {
	t.Helper()
	x, err := mqi.Conn(qmName)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Disc()
	od := mqi.NewMQOD()
	od.ObjectName = q
	obj, err := x.Open(od, mqi.MQOO_INPUT_AS_Q_DEF)
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close(0)
	md := mqi.NewMQMD()
	gmo := mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_WAIT | mqi.MQGMO_SYNCPOINT
	gmo.WaitInterval = 10000
	buf := make([]byte, 1024)
	n, err := obj.Get(md, gmo, buf)
	if err != nil {
		t.Fatalf("get from %s on %s: %v", q, qmName, err)
	}
	if err := x.Cmit(); err != nil {
		t.Fatal(err)
	}
	return string(buf[:n]), md
}

// TestTLSMessageChannelEveryCipherSpec runs a mutual-TLS sender/receiver
// pair with each CipherSpec two Go ends can negotiate, SSLPEER set on
// both ends, and moves a persistent message across each.
func TestTLSMessageChannelEveryCipherSpec(t *testing.T) {
	p := newTLSPair(t)
	for _, spec := range ssl.SupportedCipherSpecs() {
		if spec.Suite == tls.TLS_AES_256_GCM_SHA384 {
			continue // Go offers it only second: ssl's TestTLS13AES256WithOpenSSL
		}
		t.Run(spec.Name, func(t *testing.T) {
			label := ""
			if strings.Contains(spec.Name, "ECDSA") {
				label = "CERTLABL('ecdsa')"
			}
			name := p.define(fmt.Sprintf("SSLCIPH(%s) SSLPEER('CN=QM2,O=Example') %s", spec.Name, label),
				fmt.Sprintf("SSLCIPH(%s) SSLCAUTH(REQUIRED) SSLPEER('CN=QM1,OU=MQ') %s", spec.Name, label))
			text := "over " + spec.Name
			putPersistent(t, "QM1", "R."+name, text)
			p.mqsc("QM1", "START CHANNEL("+name+")")
			defer p.mqsc("QM1", "STOP CHANNEL("+name+")")
			got, md := getWait(t, "QM2", "IN."+name)
			if got != text || md.Persistence != mqi.MQPER_PERSISTENT {
				t.Fatalf("QM2 got %q persistence %d", got, md.Persistence)
			}
			wantProto := map[uint16]string{tls.VersionTLS12: "TLSV12", tls.VersionTLS13: "TLSV13"}[spec.MaxVersion]
			sdr, rcvr := waitStatus(t, p.qm1, name, "RUNNING"), waitStatus(t, p.qm2, name, "RUNNING")
			for _, c := range []struct {
				end  string
				st   objects.ChannelStatus
				peer string
			}{{"SDR", sdr, ",CN=QM2,OU=MQ,O=Example,C=GB"}, {"RCVR", rcvr, ",CN=QM1,OU=MQ,O=Example,C=GB"}} {
				if c.st.SecProt != wantProto || !strings.HasSuffix(c.st.SSLPeer, c.peer) || c.st.SSLCertI != "CN=Test CA,O=Example,C=GB" {
					t.Errorf("%s status: SECPROT(%s) SSLPEER(%s) SSLCERTI(%s)", c.end, c.st.SecProt, c.st.SSLPeer, c.st.SSLCertI)
				}
				if !spec.Alias() && c.st.SSLCiph != spec.Name {
					t.Errorf("%s status: SSLCIPH(%s), want %s", c.end, c.st.SSLCiph, spec.Name)
				}
			}
		})
	}
}

// TestTLSMessageChannelFailures starts pairs whose TLS cannot work and
// checks the AMQ id each end logs, that the sender shows RETRYING and
// that the receiver does not run.
func TestTLSMessageChannelFailures(t *testing.T) {
	p := newTLSPair(t)
	cases := []struct {
		name      string
		sdr, rcvr string
		sdrID     string // the sender's entry
		sdrText   string
		rcvrID    string
		rcvrText  string
	}{
		{name: "CipherSpecMismatchTLS12",
			sdr: "SSLCIPH(ECDHE_RSA_AES_128_GCM_SHA256)", rcvr: "SSLCIPH(ECDHE_RSA_AES_256_GCM_SHA384)",
			sdrID: "AMQ9641E", sdrText: "ECDHE_RSA_AES_128_GCM_SHA256",
			rcvrID: "AMQ9631E", rcvrText: "ECDHE_RSA_AES_256_GCM_SHA384"},
		{name: "CipherSpecMismatchTLS13",
			sdr: "SSLCIPH(TLS_AES_128_GCM_SHA256)", rcvr: "SSLCIPH(TLS_CHACHA20_POLY1305_SHA256)",
			sdrID: "AMQ9665E", rcvrID: "AMQ9631E", rcvrText: "TLS_CHACHA20_POLY1305_SHA256"},
		{name: "SSLCIPHOnSenderOnly",
			sdr: "SSLCIPH(TLS_AES_128_GCM_SHA256)", rcvr: "",
			sdrID: "AMQ9665E", rcvrID: "AMQ9635E"},
		{name: "SSLCIPHOnReceiverOnly",
			sdr: "", rcvr: "SSLCIPH(TLS_AES_128_GCM_SHA256)",
			sdrID: "AMQ9208E", rcvrID: "AMQ9639E"},
		{name: "UntrustedCertificate",
			sdr: "SSLCIPH(TLS_AES_128_GCM_SHA256) CERTLABL('untrusted')", rcvr: "SSLCIPH(TLS_AES_128_GCM_SHA256)",
			sdrID: "AMQ9665E", rcvrID: "AMQ9633E"},
		{name: "ExpiredCertificate",
			sdr: "SSLCIPH(TLS_AES_128_GCM_SHA256) CERTLABL('expired')", rcvr: "SSLCIPH(TLS_AES_128_GCM_SHA256)",
			sdrID: "AMQ9665E", rcvrID: "AMQ9633E", rcvrText: "expired"},
		{name: "SSLPEERMismatchAtReceiver",
			sdr: "SSLCIPH(TLS_AES_128_GCM_SHA256)", rcvr: "SSLCIPH(TLS_AES_128_GCM_SHA256) SSLPEER('CN=QM9')",
			sdrID: "AMQ9665E", rcvrID: "AMQ9636E", rcvrText: "CN=QM1,OU=MQ,O=Example,C=GB"},
		{name: "SSLPEERMismatchAtSender",
			sdr: "SSLCIPH(TLS_AES_128_GCM_SHA256) SSLPEER('CN=QM9')", rcvr: "SSLCIPH(TLS_AES_128_GCM_SHA256)",
			sdrID: "AMQ9636E", sdrText: "CN=QM2,OU=MQ,O=Example,C=GB", rcvrID: "AMQ9665E"},
		{name: "MissingLabelNoCertificate",
			sdr: "SSLCIPH(TLS_AES_128_GCM_SHA256) CERTLABL('nosuch')", rcvr: "SSLCIPH(TLS_AES_128_GCM_SHA256) SSLCAUTH(REQUIRED)",
			sdrID: "AMQ9642E", sdrText: "nosuch", rcvrID: "AMQ9637E"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			log1, log2 := logSize(p.qm1), logSize(p.qm2)
			name := p.define(c.sdr, c.rcvr)
			p.mqsc("QM1", "START CHANNEL("+name+")")
			defer p.mqsc("QM1", "STOP CHANNEL("+name+")")
			names := name + "'"
			if c.sdr == "" {
				names = fmt.Sprintf("127.0.0.1(%d)", p.port) // a plain channel's receive error names the host
			}
			entry := waitForNewLog(t, p.qm1, log1, c.sdrID, names)
			if !strings.Contains(entry, c.sdrText) {
				t.Errorf("sender's entry does not name the cause %q:\n%s", c.sdrText, entry)
			}
			if c.rcvrID != "" {
				entry := waitForNewLog(t, p.qm2, log2, c.rcvrID, c.rcvrText)
				if !strings.Contains(entry, name+"'") && !strings.Contains(entry, "'????'") {
					t.Errorf("receiver's entry does not name the channel:\n%s", entry)
				}
			}
			waitStatus(t, p.qm1, name, channel.StateRetrying)
			if st := status(p.qm2, name); st.Status == channel.StateRunning {
				t.Errorf("receiver RUNNING after a TLS failure: %+v", st)
			}
			if c.sdr == "" {
				return
			}
			// A TLS failure is logged once per attempt with its own id, not
			// also as a communications failure. (An attempt may have just
			// started and not failed yet.)
			added := newLog(p.qm1, log1)
			attempts, fails := countLogged(added, "AMQ9002I", name+"'"), countLogged(added, c.sdrID, names)
			if fails != attempts && fails != attempts-1 {
				t.Errorf("%d attempts logged %d %s entries:\n%s", attempts, fails, c.sdrID, added)
			}
			for _, id := range []string{"AMQ9202E", "AMQ9206E", "AMQ9208E", "AMQ9999E"} {
				if strings.Contains(added, id) {
					t.Errorf("%s logged for a TLS failure:\n%s", id, added)
				}
			}
		})
	}
	t.Run("BadStash", func(t *testing.T) {
		// A stash that holds another password: the sender cannot open
		// QM1's repository.
		stem := p.repository("badstash", nil)
		if err := ssl.WriteStash(stem+".sth", "not the password"); err != nil {
			t.Fatal(err)
		}
		log1 := logSize(p.qm1)
		p.mqsc("QM1", "ALTER QMGR SSLKEYR('"+stem+"')")
		c, err := admin.Dial("QM1", nil)
		if err != nil {
			t.Fatal(err)
		}
		_, _, _ = c.MQSC("REFRESH SECURITY TYPE(SSL)") // may fail: the stash is bad
		c.Close()
		name := p.define("SSLCIPH(TLS_AES_128_GCM_SHA256)", "SSLCIPH(TLS_AES_128_GCM_SHA256)")
		p.mqsc("QM1", "START CHANNEL("+name+")")
		defer p.mqsc("QM1", "STOP CHANNEL("+name+")")
		waitForNewLog(t, p.qm1, log1, "AMQ9660E", "badstash")
		waitStatus(t, p.qm1, name, channel.StateRetrying)
		if st := status(p.qm2, name); st.Status != "" {
			t.Errorf("receiver has a status though the sender never connected: %+v", st)
		}
	})
}

// countLogged counts the error-log entries in log with the id and text.
func countLogged(log, id, text string) int {
	n := 0
	for _, entry := range strings.Split(log, "-----") {
		if strings.Contains(entry, id) && strings.Contains(entry, text) {
			n++
		}
	}
	return n
}

// logSize is the length of a queue manager's error log now.
func logSize(qm *QueueManager) int64 {
	fi, err := os.Stat(filepath.Join(qm.Dir(), "errors", "AMQERR01.LOG"))
	if err != nil {
		return 0
	}
	return fi.Size()
}

// newLog is what the error log gained after offset.
func newLog(qm *QueueManager, offset int64) string {
	data, _ := os.ReadFile(filepath.Join(qm.Dir(), "errors", "AMQERR01.LOG"))
	if int64(len(data)) < offset {
		return string(data)
	}
	return string(data[offset:])
}

// waitForNewLog waits until an entry written after offset has the id and
// the text, and returns it.
func waitForNewLog(t *testing.T, qm *QueueManager, offset int64, id, text string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		added := newLog(qm, offset)
		for _, entry := range strings.Split(added, "-----") {
			if strings.Contains(entry, id) && strings.Contains(entry, text) {
				return entry
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no new %s entry with %q in %s's error log:\n%s", id, text, qm.Name(), added)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestTLSChannelDecryptedWithTshark captures a sender/receiver pair over
// TLS 1.3 and has tshark decrypt it with the key log (AMQ_SSL_KEYLOGFILE)
// and decode the MQ inside: the initial data naming the channel and
// MESSAGE_DATA with its MQXQH and persistent MQMD. Without the key log
// none of it is visible.
func TestTLSChannelDecryptedWithTshark(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark is not installed (Debian package tshark): TLS decryption not checked")
	}
	keyLog := filepath.Join(t.TempDir(), "keys.log")
	t.Setenv(KeyLogEnv, keyLog)
	p := newTLSPair(t)
	waitForLog(t, p.qm1, "AMQ9796W", keyLog)
	name := p.define("SSLCIPH(TLS_AES_128_GCM_SHA256) SSLPEER('CN=QM2')", "SSLCIPH(TLS_AES_128_GCM_SHA256) SSLPEER('CN=QM1')")
	pcap := filepath.Join(t.TempDir(), "channel.pcap")
	stop := startCapture(t, tshark, p.port, pcap)
	putPersistent(t, "QM1", "R."+name, "first over TLS")
	putPersistent(t, "QM1", "R."+name, "second over TLS")
	p.mqsc("QM1", "START CHANNEL("+name+")")
	for _, want := range []string{"first over TLS", "second over TLS"} {
		if got, _ := getWait(t, "QM2", "IN."+name); got != want {
			t.Fatalf("QM2 got %q, want %q", got, want)
		}
	}
	p.mqsc("QM1", "STOP CHANNEL("+name+")")
	stop()

	fields := []string{"-Y", "mq", "-T", "fields", "-E", "separator=#", "-E", "occurrence=a", "-E", "aggregator=|",
		"-e", "mq.tsh.type", "-e", "mq.id.channelname", "-e", "mq.xqh.remoteq", "-e", "mq.xqh.remoteqmgr", "-e", "mq.md.persistence"}
	decrypted := tsharkRead(t, tshark, pcap, append([]string{"-o", "tls.keylog_file:" + keyLog}, fields...)...)
	var ids, msgs int
	for _, line := range strings.Split(strings.TrimSpace(decrypted), "\n") {
		f := strings.Split(line, "#")
		if len(f) != 5 {
			continue
		}
		for i, typ := range strings.Split(f[0], "|") {
			at := func(col int) string {
				v := strings.Split(f[col], "|")
				if i < len(v) {
					return strings.TrimSpace(v[i])
				}
				return ""
			}
			switch typ {
			case "0x01": // INITIAL_DATA
				if at(1) == name {
					ids++
				}
			case "0x04": // MESSAGE_DATA
				if at(2) != "IN."+name || at(3) != "QM2" || at(4) != "1" {
					t.Errorf("MESSAGE_DATA decoded as %q", line)
				}
				msgs++
			}
		}
	}
	if ids != 2 || msgs != 2 {
		t.Errorf("decrypted capture: %d INITIAL_DATA naming %s and %d MESSAGE_DATA, want 2 and 2:\n%s", ids, name, msgs, decrypted)
	}
	if proto := tsharkRead(t, tshark, pcap, "-o", "tls.keylog_file:"+keyLog, "-Y", "tls.handshake.type == 2",
		"-T", "fields", "-e", "tls.handshake.ciphersuite"); !strings.Contains(proto, "0x1301") {
		t.Errorf("ServerHello cipher suite %q, want 0x1301 (TLS_AES_128_GCM_SHA256)", proto)
	}
	if plain := tsharkRead(t, tshark, pcap, fields...); strings.Contains(plain, name) || strings.Contains(plain, "0x04") {
		t.Errorf("without the key log tshark still decodes MQ:\n%s", plain)
	}
}

// TestTLSPingChannel pings a TLS sender's partner: PING CHANNEL goes
// through the same TLS as the running channel, and a ping the partner
// refuses fails with the TLS failure logged once.
func TestTLSPingChannel(t *testing.T) {
	p := newTLSPair(t)
	good := p.define("SSLCIPH(TLS_CHACHA20_POLY1305_SHA256) SSLPEER('CN=QM2')", "SSLCIPH(TLS_CHACHA20_POLY1305_SHA256)")
	p.mqsc("QM1", "PING CHANNEL("+good+")")
	waitForLog(t, p.qm2, "AMQ9001I", good) // the receiver served the ping and ended normally
	bad := p.define("SSLCIPH(TLS_CHACHA20_POLY1305_SHA256)", "SSLCIPH(TLS_CHACHA20_POLY1305_SHA256) SSLPEER('CN=QM9')")
	log1 := logSize(p.qm1)
	c, err := admin.Dial("QM1", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	lines, failed, err := c.MQSC("PING CHANNEL(" + bad + ")")
	if err != nil || !failed {
		t.Fatalf("PING CHANNEL of a refused TLS channel: %v %v", lines, err)
	}
	waitForNewLog(t, p.qm1, log1, "AMQ9665E", bad+"'")
	waitForLog(t, p.qm2, "AMQ9636E", "CN=QM1,OU=MQ,O=Example,C=GB")
	if n := countLogged(newLog(p.qm1, log1), "AMQ9665E", bad+"'"); n != 1 {
		t.Errorf("the ping's failure logged %d times", n)
	}
	if added := newLog(p.qm1, log1); strings.Contains(added, "AMQ9208E") || strings.Contains(added, "AMQ9202E") {
		t.Errorf("a communications error logged for a TLS failure:\n%s", added)
	}
}
