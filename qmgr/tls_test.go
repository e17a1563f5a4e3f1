package qmgr

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/ssl"
)

// testPKI is a CA made in the test that signs the certificates of the
// repositories it writes.
type testPKI struct {
	t  testing.TB
	ca ssl.Entry
}

func newTestPKI(t testing.TB) *testPKI {
	t.Helper()
	tmpl := ssl.CertTemplate{DN: "CN=Test CA,O=Example,C=GB", CA: true, Days: 30, SigAlg: "SHA256WithECDSA"}
	key, err := tmpl.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tmpl.SelfSigned(key)
	if err != nil {
		t.Fatal(err)
	}
	return &testPKI{t: t, ca: ssl.Entry{Label: "testca", Cert: cert, Key: key}}
}

// repository writes <stem>.p12 with the CA trusted and a personal
// certificate for each label=DN pair, and its stash; it returns the stem.
func (p *testPKI) repository(stem string, personal ...string) string {
	p.t.Helper()
	repo := &ssl.Repository{Path: stem + ".p12"}
	if err := repo.Add(ssl.Entry{Label: p.ca.Label, Cert: p.ca.Cert}); err != nil {
		p.t.Fatal(err)
	}
	for _, pair := range personal {
		label, dn, _ := strings.Cut(pair, "=")
		tmpl := ssl.CertTemplate{DN: dn, Days: 30}
		key, err := tmpl.NewKey()
		if err != nil {
			p.t.Fatal(err)
		}
		csr, err := tmpl.Request(key)
		if err != nil {
			p.t.Fatal(err)
		}
		cert, err := ssl.Sign(csr, p.ca, 30, time.Now().Add(-time.Minute))
		if err != nil {
			p.t.Fatal(err)
		}
		if err := repo.Add(ssl.Entry{Label: label, Cert: cert, Key: key}); err != nil {
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

// runMQSCAll runs commands on QM1 and fails the test on a failed one.
func runMQSCAll(t *testing.T, cmds ...string) []string {
	t.Helper()
	c, err := admin.Dial("QM1", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var all []string
	for _, cmd := range cmds {
		lines, failed, err := c.MQSC(cmd)
		if err != nil || failed {
			t.Fatalf("%s: %v %v", cmd, lines, err)
		}
		all = append(all, lines...)
	}
	return all
}

// startTLSQM starts QM1 with a repository holding its default label and a
// second certificate "other", a listener, and the commands; it returns
// the client's repository stem and the port.
func startTLSQM(t testing.TB, mqsc ...string) (qm *QueueManager, clientStem string, port int) {
	t.Helper()
	pki := newTestPKI(t)
	dir := t.TempDir()
	qmStem := pki.repository(filepath.Join(dir, "qm1"), "ibmwebspheremqqm1=CN=QM1,O=Example,C=GB", "other=CN=QM1.NEW,O=Example,C=GB")
	clientStem = pki.repository(filepath.Join(dir, "client"), "ibmwebspheremqapp=CN=app1,OU=Apps,O=Example,C=GB")
	port = freePort(t)
	qm = startQMFor(t, append([]string{
		"ALTER QMGR CHLAUTH(DISABLED) SSLKEYR('" + qmStem + "')", "REFRESH SECURITY TYPE(SSL)",
		fmt.Sprintf("DEFINE LISTENER(TCP.1) TRPTYPE(TCP) PORT(%d) IPADDR(127.0.0.1)", port),
		"START LISTENER(TCP.1)", "DEFINE QLOCAL(APP.Q)",
	}, mqsc...)...)
	return qm, clientStem, port
}

// tlsConn connects through a channel over TLS with an MQCD and an MQSCO,
// as mq-golang programs do.
func tlsConn(port int, channel, cipher, peer, stem string) (mqi.MQQueueManager, error) {
	cd := mqi.NewMQCD()
	cd.ChannelName = channel
	cd.ConnectionName = fmt.Sprintf("127.0.0.1(%d)", port)
	cd.SSLCipherSpec = cipher
	cd.SSLPeerName = peer
	cd.CertificateLabel = "ibmwebspheremqapp"
	sco := mqi.NewMQSCO()
	sco.KeyRepository = stem
	cno := mqi.NewMQCNO()
	cno.ClientConn = cd
	cno.SSLConfig = sco
	cno.Options = mqi.MQCNO_CLIENT_BINDING
	return mqi.Connx("QM1", cno)
}

func reasonOf(err error) int32 {
	var rc *mqi.MQReturn
	if errors.As(err, &rc) {
		return rc.MQRC
	}
	return -1
}

// TestTLSCipherSpecMatrix puts and gets over a real listener with each of
// a few CipherSpecs named at both ends, and checks what DISPLAY CHSTATUS
// shows of the running instance.
func TestTLSCipherSpecMatrix(t *testing.T) {
	specs := []struct{ name, protocol, suite string }{
		{"ANY_TLS13", "TLSV13", ""},
		{"TLS_AES_128_GCM_SHA256", "TLSV13", "TLS_AES_128_GCM_SHA256"},
		{"TLS_CHACHA20_POLY1305_SHA256", "TLSV13", "TLS_CHACHA20_POLY1305_SHA256"},
		{"ECDHE_RSA_AES_128_GCM_SHA256", "TLSV12", "ECDHE_RSA_AES_128_GCM_SHA256"},
		{"ECDHE_RSA_AES_256_GCM_SHA384", "TLSV12", "ECDHE_RSA_AES_256_GCM_SHA384"},
		{"ANY_TLS12_OR_HIGHER", "TLSV13", ""},
	}
	var defs []string
	for i, s := range specs {
		defs = append(defs, fmt.Sprintf("DEFINE CHANNEL(TLS.%d) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(%s) SSLPEER('CN=app1,O=Example')", i, s.name))
	}
	qm, stem, port := startTLSQM(t, defs...)
	for i, s := range specs {
		t.Run(s.name, func(t *testing.T) {
			channel := "TLS." + strconv.Itoa(i)
			x, err := tlsConn(port, channel, s.name, "CN=QM1,O=Example", stem)
			if err != nil {
				t.Fatalf("connect over %s: %v", s.name, err)
			}
			defer x.Disc()
			putGet(t, x, "over "+s.name)
			var st objects.ChannelStatus
			for _, c := range qm.Channels(false) {
				if c.Channel == channel {
					st = c
				}
			}
			if st.Status != "RUNNING" || st.SecProt != s.protocol || !strings.Contains(st.SSLPeer, "CN=app1,OU=Apps,O=Example,C=GB") ||
				st.SSLCertI != "CN=Test CA,O=Example,C=GB" {
				t.Fatalf("DISPLAY CHSTATUS of %s: %+v", channel, st)
			}
			if s.suite != "" && st.SSLCiph != s.suite {
				t.Fatalf("SSLCIPH(%s), want %s", st.SSLCiph, s.suite)
			}
		})
	}
	// A client naming a different CipherSpec than the channel is refused.
	// With TLS 1.3 the handshake completes and the queue manager ends the
	// session when it sees the suite: 2059 for the client.
	if _, err := tlsConn(port, "TLS.1", "TLS_CHACHA20_POLY1305_SHA256", "", stem); reasonOf(err) != mqi.MQRC_Q_MGR_NOT_AVAILABLE {
		t.Fatalf("mismatched TLS 1.3 CipherSpec: %v, want 2059", err)
	}
	waitForLog(t, qm, "AMQ9631E", "TLS.1")
}

// putGet puts a message on APP.Q and gets it back.
func putGet(t *testing.T, x mqi.MQQueueManager, text string) {
	t.Helper()
	od := mqi.NewMQOD()
	od.ObjectName = "APP.Q"
	q, err := x.Open(od, mqi.MQOO_OUTPUT|mqi.MQOO_INPUT_AS_Q_DEF)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close(0)
	if err := q.Put(mqi.NewMQMD(), mqi.NewMQPMO(), []byte(text)); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 100)
	gmo := mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_NO_WAIT
	n, err := q.Get(mqi.NewMQMD(), gmo, buf)
	if err != nil || string(buf[:n]) != text {
		t.Fatalf("got %q, %v; want %q", buf[:n], err, text)
	}
}

// waitForLog waits until the queue manager's error log has an entry with
// the id and text.
func waitForLog(t *testing.T, qm *QueueManager, id, text string) string {
	t.Helper()
	path := filepath.Join(qm.Dir(), "errors", "AMQERR01.LOG")
	deadline := time.Now().Add(10 * time.Second)
	for {
		data, _ := os.ReadFile(path)
		for _, entry := range strings.Split(string(data), "-----") {
			if strings.Contains(entry, id) && strings.Contains(entry, text) {
				return entry
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s entry with %q in the error log:\n%s", id, text, data)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestTLSRefreshTakesNewCertLabel: ALTER QMGR CERTLABL changes the
// certificate a channel sends only after REFRESH SECURITY TYPE(SSL).
func TestTLSRefreshTakesNewCertLabel(t *testing.T) {
	qm, stem, port := startTLSQM(t, "DEFINE CHANNEL(TLS.APP) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(ANY_TLS13)")
	connect := func() error {
		x, err := tlsConn(port, "TLS.APP", "ANY_TLS13", "CN=QM1.NEW", stem)
		if err == nil {
			x.Disc()
		}
		return err
	}
	if err := connect(); reasonOf(err) != mqi.MQRC_SSL_PEER_NAME_MISMATCH {
		t.Fatalf("before ALTER: %v, want 2398", err)
	}
	runMQSCAll(t, "ALTER QMGR CERTLABL('other')")
	if err := connect(); reasonOf(err) != mqi.MQRC_SSL_PEER_NAME_MISMATCH {
		t.Fatalf("after ALTER, before REFRESH: %v, want 2398", err)
	}
	if lines := runMQSCAll(t, "REFRESH SECURITY TYPE(SSL)"); !strings.Contains(strings.Join(lines, "\n"), "AMQ8560I") {
		t.Fatalf("REFRESH SECURITY: %v", lines)
	}
	if err := connect(); err != nil {
		data, _ := os.ReadFile(filepath.Join(qm.Dir(), "errors", "AMQERR01.LOG"))
		t.Fatalf("after REFRESH: %v\n%s", err, data)
	}
}

// TestTLSKeyLog: with AMQ_SSL_KEYLOGFILE set the queue manager warns with
// AMQ9796W and writes the secrets of each TLS session.
func TestTLSKeyLog(t *testing.T) {
	keyLog := filepath.Join(t.TempDir(), "keys.log")
	t.Setenv(KeyLogEnv, keyLog)
	qm, stem, port := startTLSQM(t, "DEFINE CHANNEL(TLS.APP) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(ANY_TLS13)")
	waitForLog(t, qm, "AMQ9796W", keyLog)
	x, err := tlsConn(port, "TLS.APP", "ANY_TLS13", "", stem)
	if err != nil {
		t.Fatal(err)
	}
	putGet(t, x, "logged")
	x.Disc()
	data, err := os.ReadFile(keyLog)
	if err != nil {
		t.Fatal(err)
	}
	for _, label := range []string{"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_TRAFFIC_SECRET_0", "CLIENT_TRAFFIC_SECRET_0"} {
		if !strings.Contains(string(data), label) {
			t.Fatalf("key log lacks %s:\n%s", label, data)
		}
	}
	if fi, err := os.Stat(keyLog); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key log mode: %v %v", fi.Mode(), err)
	}
}

// TestTLSMessageChannelHandlerGetsSession: a sender wraps its connection
// with InitiateTLS; the receiver's MessageChannelHandler gets the
// decrypted connection and the session with the sender's DN.
func TestTLSMessageChannelHandlerGetsSession(t *testing.T) {
	got := make(chan *InboundChannel, 1)
	qm, port := startWithHandler(t, func(ctx context.Context, in *InboundChannel) {
		defer in.Conn.Close()
		got <- in
		// The handler answers over the decrypted connection.
		_ = session.Refuse(in.Conn, in.Segment, wire.StatusUserClosed)
	})
	pki := newTestPKI(t)
	stem := pki.repository(filepath.Join(t.TempDir(), "qm1"), "ibmwebspheremqqm1=CN=QM1,O=Example,C=GB")
	runMQSCAll(t, "ALTER QMGR SSLKEYR('"+stem+"')", "REFRESH SECURITY TYPE(SSL)",
		"DEFINE CHANNEL(TLS.TO.QM1) CHLTYPE(RCVR) SSLCIPH(ANY_TLS13) SSLPEER('CN=QM1')")
	sdr := objects.Object{Name: "TLS.TO.QM1", Attrs: map[string]string{"CHLTYPE": "SDR", "SSLCIPH": "ANY_TLS13", "SSLPEER": "CN=QM1,O=Example"}}
	nc, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tc, s, err := qm.InitiateTLS(ctx, nc, &sdr)
	if err != nil {
		t.Fatalf("InitiateTLS: %v", err)
	}
	if TLSSessionOf(tc) != s || s.Peer.Protocol != "TLSV13" || !strings.Contains(s.Peer.DN, "CN=QM1,O=Example,C=GB") {
		t.Fatalf("sender's session: %+v", s.Peer)
	}
	if _, err := tc.Write(senderID("TLS.TO.QM1")); err != nil {
		t.Fatal(err)
	}
	select {
	case in := <-got:
		if in.TLS == nil || TLSSessionOf(in.Conn) != in.TLS || in.ID.ChannelName != "TLS.TO.QM1" {
			t.Fatalf("handler got TLS %v, channel %q", in.TLS, in.ID.ChannelName)
		}
		attrs := in.TLS.Peer.StatusAttrs()
		if !strings.Contains(attrs["SSLPEER"], "CN=QM1,O=Example,C=GB") || attrs["SECPROT"] != "TLSV13" {
			t.Fatalf("receiver's peer: %v", attrs)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the handler was not called")
	}
	// A plain sender on the TLS receiver is refused with AMQ9639E.
	plain, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	plain.Write(senderID("TLS.TO.QM1"))
	waitForLog(t, qm, "AMQ9639E", "TLS.TO.QM1")
	select {
	case <-got:
		t.Fatal("a plain sender reached the handler of a TLS channel")
	default:
	}
}

// TestListenerTLSGarbage: connections that start like a TLS handshake and
// then send garbage, or a truncated or a valid ClientHello and go away,
// are each closed and logged with an AMQ96xx id; a TLS client alongside
// keeps working and no goroutine is left.
func TestListenerTLSGarbage(t *testing.T) {
	qm, stem, port := startTLSQM(t, "DEFINE CHANNEL(TLS.APP) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(ANY_TLS13)")
	good, err := tlsConn(port, "TLS.APP", "ANY_TLS13", "", stem)
	if err != nil {
		t.Fatal(err)
	}
	defer good.Disc()
	putGet(t, good, "before")
	runtime.GC()
	goroutines := runtime.NumGoroutine()
	tlsIDs := []amqmsg.ID{amqmsg.AMQ9616E, amqmsg.AMQ9631E, amqmsg.AMQ9638E, amqmsg.AMQ9639E, amqmsg.AMQ9665E}
	count := func() int {
		n := 0
		for _, id := range tlsIDs {
			n += countEntries(t, qm, id)
		}
		return n
	}
	before := count()
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0x7150))
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	const conns = 60
	for n := range conns {
		frame := []byte{0x16, 0x03, byte(rng.IntN(5))}
		for range rng.IntN(400) {
			frame = append(frame, byte(rng.UintN(256)))
		}
		nc, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		nc.Write(frame)
		nc.(*net.TCPConn).CloseWrite()
		nc.SetReadDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.Copy(io.Discard, nc); err != nil && !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("frame %d % x: not closed: %v", n, frame[:min(len(frame), 16)], err)
		}
		nc.Close()
	}
	deadline := time.Now().Add(10 * time.Second)
	for count()-before < conns && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := count() - before; got != conns {
		data, _ := os.ReadFile(filepath.Join(qm.Dir(), "errors", "AMQERR01.LOG"))
		t.Fatalf("%d bad TLS connections, %d AMQ96xx entries\n%s", conns, got, data)
	}
	putGet(t, good, "after")
	var now int
	for wait := time.Now().Add(5 * time.Second); time.Now().Before(wait); time.Sleep(20 * time.Millisecond) {
		if now = runtime.NumGoroutine(); now <= goroutines {
			break
		}
	}
	if now > goroutines {
		t.Fatalf("%d goroutines before, %d after", goroutines, now)
	}
}

// TestTLSClientAuthOptional: a client without a certificate reaches a
// channel with SSLCAUTH(OPTIONAL) and shows a blank SSLPEER; the same
// client on an SSLCAUTH(REQUIRED) channel is refused with AMQ9637E.
func TestTLSClientAuthOptional(t *testing.T) {
	qm, stem, port := startTLSQM(t,
		"DEFINE CHANNEL(OPT.APP) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(ANY_TLS13) SSLCAUTH(OPTIONAL)",
		"DEFINE CHANNEL(REQ.APP) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(ANY_TLS13) SSLCAUTH(REQUIRED)")
	connect := func(channel string) (mqi.MQQueueManager, error) {
		cd := mqi.NewMQCD()
		cd.ChannelName, cd.ConnectionName = channel, fmt.Sprintf("127.0.0.1(%d)", port)
		cd.SSLCipherSpec, cd.CertificateLabel = "ANY_TLS13", "no.such.label"
		sco := mqi.NewMQSCO()
		sco.KeyRepository = stem
		cno := mqi.NewMQCNO()
		cno.ClientConn, cno.SSLConfig, cno.Options = cd, sco, mqi.MQCNO_CLIENT_BINDING
		return mqi.Connx("QM1", cno)
	}
	x, err := connect("OPT.APP")
	if err != nil {
		t.Fatalf("SSLCAUTH(OPTIONAL) without a certificate: %v", err)
	}
	putGet(t, x, "anonymous")
	var st objects.ChannelStatus
	for _, c := range qm.Channels(false) {
		if c.Channel == "OPT.APP" {
			st = c
		}
	}
	if st.SecProt != "TLSV13" || st.SSLPeer != "" || st.SSLCertI != "" {
		t.Fatalf("DISPLAY CHSTATUS of an anonymous client: %+v", st)
	}
	x.Disc()
	if _, err := connect("REQ.APP"); reasonOf(err) != mqi.MQRC_SSL_INITIALIZATION_ERROR {
		t.Fatalf("SSLCAUTH(REQUIRED) without a certificate: %v, want 2393", err)
	}
	entry := waitForLog(t, qm, "AMQ9637E", "REQ.APP")
	if !strings.Contains(entry, "SSLCAUTH(REQUIRED)") {
		t.Fatalf("AMQ9637E does not name the cause:\n%s", entry)
	}
}

// TestTLSWithoutSNI: a partner that sends no SNI gets the queue manager's
// certificate, and the channel's checks run once its ID names the
// channel: SSLPEER passes on one channel and fails on another (AMQ9636E).
func TestTLSWithoutSNI(t *testing.T) {
	qm, stem, port := startTLSQM(t,
		"DEFINE CHANNEL(GOOD.APP) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(ANY_TLS13) SSLPEER('CN=app1')",
		"DEFINE CHANNEL(PEER.APP) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(ANY_TLS13) SSLPEER('CN=somebody')")
	repo, err := ssl.OpenRepository(stem, "")
	if err != nil {
		t.Fatal(err)
	}
	own, ok := repo.Find("ibmwebspheremqapp")
	if !ok {
		t.Fatal("no client certificate")
	}
	dial := func(channel string) error {
		nc, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			t.Fatal(err)
		}
		defer nc.Close()
		tc := tls.Client(nc, &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS13, // no ServerName: no SNI
			Certificates: []tls.Certificate{{Certificate: [][]byte{own.Cert.Raw}, PrivateKey: own.Key}}})
		tc.SetDeadline(time.Now().Add(10 * time.Second))
		if err := tc.Handshake(); err != nil {
			return err
		}
		if cn := tc.ConnectionState().PeerCertificates[0].Subject.CommonName; cn != "QM1" {
			t.Fatalf("the queue manager sent %q's certificate", cn)
		}
		_, _, err = session.DialChannel(tc, channel, "QM1", "app1", session.Limits{MaxMsgSize: 1 << 20, HeartbeatInterval: 300, ConvPerSocket: 1})
		return err
	}
	if err := dial("GOOD.APP"); err != nil {
		t.Fatalf("SSLPEER matched without SNI: %v", err)
	}
	if err := dial("PEER.APP"); err == nil {
		t.Fatal("SSLPEER('CN=somebody') accepted CN=app1")
	}
	entry := waitForLog(t, qm, "AMQ9636E", "PEER.APP")
	if !strings.Contains(entry, "CN=app1,OU=Apps,O=Example,C=GB") {
		t.Fatalf("AMQ9636E does not name the DN:\n%s", entry)
	}
}

// TestTLSReconnectableClient: a reconnectable client whose TLS channel
// instance is ended makes a new TLS connection and goes on with the same
// handle.
func TestTLSReconnectableClient(t *testing.T) {
	qm, stem, port := startTLSQM(t, "DEFINE CHANNEL(TLS.APP) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(ANY_TLS13)")
	cd := mqi.NewMQCD()
	cd.ChannelName, cd.ConnectionName = "TLS.APP", fmt.Sprintf("127.0.0.1(%d)", port)
	cd.SSLCipherSpec, cd.CertificateLabel = "ANY_TLS13", "ibmwebspheremqapp"
	sco := mqi.NewMQSCO()
	sco.KeyRepository = stem
	cno := mqi.NewMQCNO()
	cno.ClientConn, cno.SSLConfig = cd, sco
	cno.Options = mqi.MQCNO_CLIENT_BINDING | mqi.MQCNO_RECONNECT
	x, err := mqi.Connx("QM1", cno)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Disc()
	putGet(t, x, "first")
	started := func() time.Time {
		for _, c := range qm.Channels(false) {
			if c.Channel == "TLS.APP" && c.SecProt == "TLSV13" {
				return c.Started
			}
		}
		return time.Time{}
	}
	first := started()
	runMQSCAll(t, "STOP CHANNEL(TLS.APP) MODE(FORCE) STATUS(INACTIVE)")
	putGet(t, x, "after the break")
	if again := started(); again.IsZero() || !again.After(first) {
		t.Fatalf("no new TLS instance after reconnecting: %v then %v", first, again)
	}
}
