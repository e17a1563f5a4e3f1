package ssl

import (
	"context"
	"io"
	"net"
	"testing"
)

// BenchmarkLoopback64K measures 64 KiB writes over loopback: plain TCP,
// and through channel sessions with TLS 1.3 suites, in the same run, as
// the baseline channel throughput with TLS is compared to.
func BenchmarkLoopback64K(b *testing.B) {
	w := newWorld(b)
	for _, spec := range []string{"", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"} {
		name := spec
		if name == "" {
			name = "plain"
		}
		b.Run(name, func(b *testing.B) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			defer ln.Close()
			ch := ChannelTLS{Name: "BENCH", CipherSpec: spec}
			done := make(chan struct{})
			go func() {
				defer close(done)
				c, err := ln.Accept()
				if err != nil {
					return
				}
				defer c.Close()
				var r io.Reader = c
				if spec != "" {
					s, err := Respond(context.Background(), c, w.qm2, func(string) (ChannelTLS, bool) { return ch, true })
					if err != nil {
						return
					}
					r = s.Conn
				}
				io.Copy(io.Discard, r)
			}()
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				b.Fatal(err)
			}
			var wr io.Writer = c
			closeWrite := c.(*net.TCPConn).CloseWrite
			if spec != "" {
				s, err := Initiate(context.Background(), c, ch, w.qm1)
				if err != nil {
					b.Fatal(err)
				}
				wr, closeWrite = s.Conn, s.Conn.CloseWrite
				defer s.Conn.Close()
			}
			buf := make([]byte, 64<<10)
			b.SetBytes(int64(len(buf)))
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := wr.Write(buf); err != nil {
					b.Fatal(err)
				}
			}
			// The time includes the reader draining every byte.
			closeWrite()
			<-done
			b.StopTimer()
			c.Close()
		})
	}
}
