package qmgr

import (
	"testing"

	"github.com/gomqm/gomqm/mqi"
)

// BenchmarkClientPutGetTLS measures a client's 1 KiB non-persistent put
// and get over loopback, plain and over TLS 1.3 (AES-128-GCM and
// ChaCha20-Poly1305), on one queue manager in the same run, so that the
// cost of TLS shows as the ratio of ns/op and allocs/op between them.
func BenchmarkClientPutGetTLS(b *testing.B) {
	_, stem, port := startTLSQM(b,
		"DEFINE CHANNEL(PLAIN.APP) CHLTYPE(SVRCONN) MCAUSER('app1')",
		"DEFINE CHANNEL(AES.APP) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(TLS_AES_128_GCM_SHA256)",
		"DEFINE CHANNEL(CHACHA.APP) CHLTYPE(SVRCONN) MCAUSER('app1') SSLCIPH(TLS_CHACHA20_POLY1305_SHA256)")
	for _, c := range []struct{ name, channel, cipher string }{
		{"plain", "PLAIN.APP", ""},
		{"TLS_AES_128_GCM_SHA256", "AES.APP", "TLS_AES_128_GCM_SHA256"},
		{"TLS_CHACHA20_POLY1305_SHA256", "CHACHA.APP", "TLS_CHACHA20_POLY1305_SHA256"},
	} {
		b.Run(c.name, func(b *testing.B) {
			x, err := tlsConn(port, c.channel, c.cipher, "", stem)
			if err != nil {
				b.Fatal(err)
			}
			defer x.Disc()
			od := mqi.NewMQOD()
			od.ObjectName = "APP.Q"
			q, err := x.Open(od, mqi.MQOO_OUTPUT|mqi.MQOO_INPUT_AS_Q_DEF)
			if err != nil {
				b.Fatal(err)
			}
			defer q.Close(0)
			data, buf := make([]byte, 1024), make([]byte, 2048)
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			for range b.N {
				md, pmo := mqi.NewMQMD(), mqi.NewMQPMO()
				pmo.Options = mqi.MQPMO_NO_SYNCPOINT
				if err := q.Put(md, pmo, data); err != nil {
					b.Fatal(err)
				}
				gmo := mqi.NewMQGMO()
				gmo.Options = mqi.MQGMO_NO_SYNCPOINT | mqi.MQGMO_NO_WAIT
				if _, err := q.Get(mqi.NewMQMD(), gmo, buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
