package objects

import (
	"testing"

	"github.com/gomqm/gomqm/mqi"
)

// TestChannelTLSAttributes: SSLCIPH values this queue manager cannot
// provide and SSLPEER values that do not parse are refused when entered;
// the channel keeps its previous definition.
func TestChannelTLSAttributes(t *testing.T) {
	const wrong = "AMQ8242E: SSLCIPH definition wrong."
	q := newTestQMgr(t)
	runSteps(t, q, []step{
		{"DEFINE CHANNEL(QM1.TO.QM2) CHLTYPE(RCVR) SSLCIPH(TLS_AES_128_GCM_SHA256) SSLPEER('CN=QM2*, OU=MQ')", []string{"AMQ8014I: IBM MQ channel created."}, 0},
		{"DEFINE CHANNEL(C2) CHLTYPE(RCVR) SSLCIPH(ANY_TLS12_OR_HIGHER)", []string{"AMQ8014I: IBM MQ channel created."}, 0},
		{"DEFINE CHANNEL(C3) CHLTYPE(RCVR) SSLCIPH(tls_rsa_with_aes_128_gcm_sha256)", []string{"AMQ8014I: IBM MQ channel created."}, 0},
		{"DEFINE CHANNEL(C4) CHLTYPE(RCVR) SSLCIPH(NOT_A_CIPHER)", []string{wrong}, mqi.MQRCCF_SSL_CIPHER_SPEC_ERROR},
		// Deprecated, TLS 1.0, and suites crypto/tls lacks.
		{"DEFINE CHANNEL(C4) CHLTYPE(RCVR) SSLCIPH(RC4_MD5_US)", []string{wrong}, mqi.MQRCCF_SSL_CIPHER_SPEC_ERROR},
		{"DEFINE CHANNEL(C4) CHLTYPE(RCVR) SSLCIPH(TLS_RSA_WITH_AES_256_CBC_SHA)", []string{wrong}, mqi.MQRCCF_SSL_CIPHER_SPEC_ERROR},
		{"DEFINE CHANNEL(C4) CHLTYPE(RCVR) SSLCIPH(TLS_AES_128_CCM_SHA256)", []string{wrong}, mqi.MQRCCF_SSL_CIPHER_SPEC_ERROR},
		{"DEFINE CHANNEL(C4) CHLTYPE(RCVR) SSLCIPH(ECDHE_RSA_3DES_EDE_CBC_SHA256)", []string{wrong}, mqi.MQRCCF_SSL_CIPHER_SPEC_ERROR},
		{"ALTER CHANNEL(C2) CHLTYPE(RCVR) SSLCIPH(TLS_RSA_WITH_AES_256_CBC_SHA256)", []string{wrong}, mqi.MQRCCF_SSL_CIPHER_SPEC_ERROR},
		{"DEFINE CHANNEL(C5) CHLTYPE(RCVR) SSLPEER('XX=QM2')", []string{"AMQ9640E: SSL invalid peer name, channel 'C5', attribute 'XX'."}, mqi.MQRCCF_SSL_PEER_NAME_ERROR},
		{"DEFINE CHANNEL(C5) CHLTYPE(RCVR) SSLPEER('CN=Q*M')", []string{"AMQ9640E: SSL invalid peer name, channel 'C5', attribute 'CN'."}, mqi.MQRCCF_SSL_PEER_NAME_ERROR},
		{"ALTER CHANNEL(C3) CHLTYPE(RCVR) SSLPEER('cn=QM2')", []string{"AMQ9640E: SSL invalid peer name, channel 'C3', attribute 'cn'."}, mqi.MQRCCF_SSL_PEER_NAME_ERROR},
	})
	o, found, cerr := q.ex.findDefined(TypeChannel, "RCVR", "C2")
	if cerr != nil || !found || o.Attrs["SSLCIPH"] != "ANY_TLS12_OR_HIGHER" {
		t.Errorf("C2 after the refused ALTER: %q", o.Attrs["SSLCIPH"])
	}
	if _, found, _ := q.ex.findDefined(TypeChannel, "RCVR", "C4"); found {
		t.Error("C4 was defined with a refused SSLCIPH")
	}
	runSteps(t, q, []step{
		{"ALTER CHANNEL(C2) CHLTYPE(RCVR) SSLCIPH(' ')", []string{"AMQ8016I: IBM MQ channel changed."}, 0},
	})
}
