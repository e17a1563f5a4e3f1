package qmgr

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gomqm/gomqm/mqi"
)

// BenchmarkChannelTLS moves b.N 64 KiB persistent messages that wait on
// QM1's transmission queue to QM2 through a sender/receiver pair, plain
// and over TLS 1.3 (AES-128-GCM, ChaCha20-Poly1305), on the same two queue
// managers in the same run; it reports messages and MB per second arriving
// and the process's CPU time per message. BenchmarkTLSLoopback gives Go's
// raw TLS throughput on loopback for comparison. Run with a fixed count,
// e.g. -benchtime=300x.
func BenchmarkChannelTLS(b *testing.B) {
	p := newTLSPair(b)
	const size = 64 << 10
	for _, c := range []struct{ name, cipher string }{
		{"plain", ""},
		{"TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"},
		{"TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256"},
	} {
		b.Run(c.name+"-persistent-64KiB", func(b *testing.B) {
			tlsAttrs := ""
			if c.cipher != "" {
				tlsAttrs = "SSLCIPH(" + c.cipher + ")"
			}
			p.t = b
			name := p.define("BATCHSZ(50) "+tlsAttrs, tlsAttrs)
			putMany(b, "QM1", "R."+name, b.N, size)
			target := p.qm2.queues.get("IN." + name)
			b.SetBytes(size)
			b.ResetTimer()
			cpu0 := processCPU(b)
			start := time.Now()
			p.mqsc("QM1", "START CHANNEL("+name+")")
			for target.depth() < b.N {
				time.Sleep(5 * time.Millisecond)
			}
			elapsed, cpu := time.Since(start), processCPU(b)-cpu0
			b.StopTimer()
			p.mqsc("QM1", "STOP CHANNEL("+name+")")
			// The next case starts from the same amount of stored data.
			p.mqsc("QM2", "CLEAR QLOCAL(IN."+name+")")
			if c.cipher != "" {
				if st := status(p.qm1, name); st.SSLCiph != "" && st.SSLCiph != c.cipher {
					b.Fatalf("negotiated %s", st.SSLCiph)
				}
			}
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "msgs/s")
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-us/msg")
		})
	}
}

// putMany puts n persistent messages of size bytes, 50 to a unit of work.
func putMany(b *testing.B, qmName, q string, n, size int) {
	b.Helper()
	x, err := mqi.Conn(qmName)
	if err != nil {
		b.Fatal(err)
	}
	defer x.Disc()
	od := mqi.NewMQOD()
	od.ObjectName = q
	obj, err := x.Open(od, mqi.MQOO_OUTPUT)
	if err != nil {
		b.Fatal(err)
	}
	defer obj.Close(0)
	data := make([]byte, size)
	for i := range n {
		md, pmo := mqi.NewMQMD(), mqi.NewMQPMO()
		md.Persistence = mqi.MQPER_PERSISTENT
		pmo.Options = mqi.MQPMO_SYNCPOINT
		if err := obj.Put(md, pmo, data); err != nil {
			b.Fatal(err)
		}
		if i%50 == 49 || i == n-1 {
			if err := x.Cmit(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// processCPU is the CPU time (user and system) this process has used.
func processCPU(b *testing.B) time.Duration {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTLSLoopback writes 64 KiB records over a Go TLS 1.3 connection
// on loopback and reads them at the other end: the ceiling a TLS channel
// could reach on this machine.
func BenchmarkTLSLoopback(b *testing.B) {
	pki := newTestPKI(b)
	for _, suite := range []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_CHACHA20_POLY1305_SHA256} {
		b.Run(tls.CipherSuiteName(suite), func(b *testing.B) {
			cert := tls.Certificate{Certificate: [][]byte{pki.ca.Cert.Raw}, PrivateKey: pki.ca.Key}
			ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS13})
			if err != nil {
				b.Fatal(err)
			}
			defer ln.Close()
			done := make(chan error, 1)
			go func() {
				c, err := ln.Accept()
				if err != nil {
					done <- err
					return
				}
				defer c.Close()
				_, err = io.Copy(io.Discard, c)
				done <- err
			}()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			// TLS 1.3 suites cannot be listed in crypto/tls: the client's TLS
			// 1.2 preference steers them, as package ssl does for SSLCIPH.
			pref := tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
			if suite == tls.TLS_CHACHA20_POLY1305_SHA256 {
				pref = tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
			}
			d := tls.Dialer{Config: &tls.Config{InsecureSkipVerify: true, CipherSuites: []uint16{pref}}} // throughput, not trust, is measured
			nc, err := d.DialContext(ctx, "tcp", ln.Addr().String())
			if err != nil {
				b.Fatal(err)
			}
			tc := nc.(*tls.Conn)
			if got := tc.ConnectionState().CipherSuite; got != suite {
				b.Skipf("negotiated %s, not %s", tls.CipherSuiteName(got), tls.CipherSuiteName(suite))
			}
			buf := make([]byte, 64<<10)
			b.SetBytes(int64(len(buf)))
			b.ResetTimer()
			for range b.N {
				if _, err := tc.Write(buf); err != nil {
					b.Fatal(err)
				}
			}
			tc.Close()
			if err := <-done; err != nil {
				b.Fatal(fmt.Errorf("reader: %w", err))
			}
		})
	}
}
