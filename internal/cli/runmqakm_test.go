package cli

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/ssl"
)

// akm runs runmqakm in this process and fails the test on a non-zero exit.
func akm(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	if code := Runmqakm(args, env); code != 0 {
		t.Fatalf("runmqakm %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errOut.String())
	}
	return out.String()
}

// TestRunmqakmRepositoriesCarryTLS makes a CA and two queue managers'
// repositories with runmqakm, as an admin does, and runs mutual-TLS
// channel handshakes on loopback with what the stems hold.
func TestRunmqakmRepositoriesCarryTLS(t *testing.T) {
	dir := t.TempDir()
	ca := filepath.Join(dir, "ca.p12")
	akm(t, "-keydb", "-create", "-db", ca, "-pw", "capw", "-stash")
	akm(t, "-cert", "-create", "-db", ca, "-stashed", "-label", "myca", "-dn", "CN=Test CA,O=Example,C=GB", "-expire", "30")
	caPEM := filepath.Join(dir, "ca.pem")
	akm(t, "-cert", "-extract", "-db", ca, "-stashed", "-label", "myca", "-target", caPEM)
	stems := map[string]string{}
	for _, qm := range []string{"QM1", "QM2"} {
		stem := filepath.Join(dir, strings.ToLower(qm), "key")
		if err := os.MkdirAll(filepath.Dir(stem), 0o700); err != nil {
			t.Fatal(err)
		}
		db := stem + ".p12"
		csr, pem := stem+".csr", stem+".pem"
		akm(t, "-keydb", "-create", "-db", db, "-pw", "pw"+qm, "-stash")
		akm(t, "-certreq", "-create", "-db", db, "-stashed", "-label", ssl.DefaultLabel(qm), "-dn", "CN="+qm+",OU=MQ,O=Example,C=GB", "-file", csr)
		akm(t, "-cert", "-sign", "-db", ca, "-stashed", "-label", "myca", "-file", csr, "-target", pem, "-expire", "30")
		akm(t, "-cert", "-add", "-db", db, "-stashed", "-label", "myca", "-file", caPEM)
		if out := akm(t, "-cert", "-receive", "-db", db, "-stashed", "-file", pem); out != "" {
			t.Errorf("receive printed %q", out)
		}
		stems[qm] = stem
	}
	keys := func(qm string) ssl.Keys {
		t.Helper()
		r, err := ssl.NewKeyStore(stems[qm], "").Repository()
		if err != nil {
			t.Fatal(err)
		}
		return ssl.Keys{QMgr: qm, Repository: r}
	}
	k1, k2 := keys("QM1"), keys("QM2")
	for _, spec := range []string{"TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "ECDHE_RSA_AES_256_GCM_SHA384", "ANY_TLS12_OR_HIGHER"} {
		sdr := ssl.ChannelTLS{Name: "QM1.TO.QM2", CipherSpec: spec, PeerName: "CN=QM2,O=Example"}
		rcvr := ssl.ChannelTLS{Name: "QM1.TO.QM2", CipherSpec: spec, PeerName: "CN=QM1, OU=MQ", ClientAuth: "REQUIRED"}
		peerAtRcvr, err := handshakePair(t, sdr, k1, rcvr, k2)
		if err != nil {
			t.Errorf("%s: %v", spec, err)
			continue
		}
		if !strings.HasSuffix(peerAtRcvr.DN, ",CN=QM1,OU=MQ,O=Example,C=GB") || peerAtRcvr.Issuer != "CN=Test CA,O=Example,C=GB" {
			t.Errorf("%s: receiver sees SSLPEER %q SSLCERTI %q", spec, peerAtRcvr.DN, peerAtRcvr.Issuer)
		}
	}
	// QM2 expects another DN: the receiver ends the channel with AMQ9636E.
	rcvr := ssl.ChannelTLS{Name: "QM1.TO.QM2", CipherSpec: "ANY", PeerName: "CN=QM9"}
	_, err := handshakePair(t, ssl.ChannelTLS{Name: "QM1.TO.QM2", CipherSpec: "ANY"}, k1, rcvr, k2)
	if ssl.IDOf(err) != 9636 {
		t.Errorf("SSLPEER mismatch: %v", err)
	}
}

// handshakePair runs both ends on 127.0.0.1 and returns the responder's
// view of its partner, or the first failure of either end.
func handshakePair(t *testing.T, init ssl.ChannelTLS, k1 ssl.Keys, resp ssl.ChannelTLS, k2 ssl.Keys) (ssl.Peer, error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	type result struct {
		peer ssl.Peer
		err  error
	}
	rc := make(chan result, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			rc <- result{err: err}
			return
		}
		defer c.Close()
		s, err := ssl.Respond(ctx, c, k2, func(name string) (ssl.ChannelTLS, bool) { return resp, name == resp.Name })
		if err != nil {
			rc <- result{err: err}
			return
		}
		buf := make([]byte, 4)
		if _, err := io.ReadFull(s.Conn, buf); err != nil {
			rc <- result{err: s.Classify(err)}
			return
		}
		s.Conn.Write(buf)
		rc <- result{peer: s.Peer}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, initErr := ssl.Initiate(ctx, c, init, k1)
	if initErr == nil {
		s.Conn.Write([]byte("TSH "))
		buf := make([]byte, 4)
		if _, err := io.ReadFull(s.Conn, buf); err != nil {
			initErr = s.Classify(err)
		}
	} else {
		c.Close()
	}
	r := <-rc
	if r.err != nil {
		return r.peer, r.err
	}
	return r.peer, initErr
}
