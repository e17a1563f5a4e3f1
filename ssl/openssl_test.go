package ssl

import (
	"bufio"
	"context"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// OpenSSL stands in for an IBM MQ partner that restricts a TLS 1.3
// handshake to one suite, which crypto/tls cannot do: with it, both ends
// of ours provide TLS_AES_256_GCM_SHA384, and every named TLS 1.3 spec.

// writePEMs writes a personal entry's certificate and key, and the CA's
// certificate, for openssl.
func writePEMs(t *testing.T, dir string, e Entry, ca *testCA) (cert, key, caFile string) {
	t.Helper()
	cert, key, caFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem"), filepath.Join(dir, "ca.pem")
	der, err := x509.MarshalPKCS8PrivateKey(e.Key)
	if err != nil {
		t.Fatal(err)
	}
	for path, data := range map[string][]byte{
		cert:   EncodePEM(e.Cert),
		key:    pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}),
		caFile: EncodePEM(ca.entry.Cert),
	} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return cert, key, caFile
}

func TestTLS13SuitesWithOpenSSL(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	w := newWorld(t)
	partner, _ := w.rsa.qm2.Find("ibmwebspheremqqm2")
	cert, key, caFile := writePEMs(t, t.TempDir(), partner, w.ca)
	for _, suite := range []string{"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"} {
		t.Run("initiator/"+suite, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			srv := exec.CommandContext(ctx, openssl, "s_server", "-accept", "127.0.0.1:0", "-naccept", "1", "-tls1_3",
				"-ciphersuites", suite, "-cert", cert, "-key", key, "-Verify", "1", "-CAfile", caFile)
			out, err := srv.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			srv.Stderr = srv.Stdout
			stdin, err := srv.StdinPipe() // kept open: s_server ends at EOF
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			if err := srv.Start(); err != nil {
				t.Fatal(err)
			}
			defer srv.Wait()
			defer srv.Process.Kill()
			addr := acceptAddr(t, bufio.NewReader(out))
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			s, err := Initiate(ctx, c, ChannelTLS{Name: "QM1.TO.QM2", CipherSpec: suite, PeerName: "CN=QM2"}, w.qm1)
			if err != nil {
				t.Fatal(err)
			}
			if s.Peer.CipherSpec != suite || s.Peer.Protocol != "TLSV13" {
				t.Errorf("negotiated %s %s", s.Peer.CipherSpec, s.Peer.Protocol)
			}
		})
		t.Run("responder/"+suite, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			ch := ChannelTLS{Name: "QM2.TO.QM1", CipherSpec: suite, PeerName: "CN=QM2"}
			type result struct {
				s   *Session
				err error
			}
			rc := make(chan result, 1)
			go func() {
				c, err := ln.Accept()
				if err != nil {
					rc <- result{nil, err}
					return
				}
				defer c.Close()
				s, err := Respond(ctx, c, w.qm1, func(name string) (ChannelTLS, bool) { return ch, name == ch.Name })
				if err == nil {
					io.WriteString(s.Conn, "ok\n")
				}
				rc <- result{s, err}
			}()
			cli := exec.CommandContext(ctx, openssl, "s_client", "-connect", ln.Addr().String(), "-tls1_3", "-ciphersuites", suite,
				"-servername", SNIName(ch.Name), "-cert", cert, "-key", key, "-CAfile", caFile, "-quiet")
			cli.Stdin = strings.NewReader("")
			outText, _ := cli.CombinedOutput()
			r := <-rc
			if r.err != nil {
				t.Fatalf("%v\nopenssl: %s", r.err, outText)
			}
			if r.s.Peer.CipherSpec != suite || r.s.Channel != ch.Name {
				t.Errorf("negotiated %s on channel %q", r.s.Peer.CipherSpec, r.s.Channel)
			}
		})
	}
}

// acceptAddr reads openssl s_server's "ACCEPT host:port" line.
func acceptAddr(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	for range 10 {
		line, err := r.ReadString('\n')
		if a, ok := strings.CutPrefix(strings.TrimSpace(line), "ACCEPT "); ok {
			go io.Copy(io.Discard, r)
			return a
		}
		if err != nil {
			t.Fatalf("openssl s_server: %v (%q)", err, line)
		}
	}
	t.Fatal("openssl s_server printed no ACCEPT line")
	return ""
}
