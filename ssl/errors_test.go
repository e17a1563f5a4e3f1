package ssl

import (
	"strings"
	"testing"
)

// TestErrorLogText: an *Error fills the catalogue entry so that the error
// log's explanation names the cause.
func TestErrorLogText(t *testing.T) {
	e := &Error{ID: msgCipherMismatch, Channel: "QM1.TO.QM2", Detail: "The handshake negotiated TLS_AES_128_GCM_SHA256 (TLS 1.3); channel 'QM1.TO.QM2' requires SSLCIPH(TLS_CHACHA20_POLY1305_SHA256)."}
	m := e.Message()
	if m.Text != "The CipherSpec negotiated during the SSL handshake does not match the required CipherSpec for channel 'QM1.TO.QM2'." {
		t.Errorf("text %q", m.Text)
	}
	if !strings.Contains(m.Explanation, "requires SSLCIPH(TLS_CHACHA20_POLY1305_SHA256)") {
		t.Errorf("explanation %q", m.Explanation)
	}
	if got := e.Error(); !strings.HasPrefix(got, "AMQ9631E: ") || !strings.HasSuffix(got, e.Detail) {
		t.Errorf("Error() = %q", got)
	}
	unknown := &Error{ID: msgBadCertificate, Detail: "x"}
	if !strings.Contains(unknown.Message().Text, "'????'") {
		t.Errorf("unknown channel: %q", unknown.Message().Text)
	}
	refused := &Error{ID: msgProtocolRefused, Channel: "C1", Detail: "old", Args: []string{"TLS 1.0", "127.0.0.1:5"}}
	if m := refused.Message(); m.Text != "The CipherSpec 'TLS 1.0' proposed by remote host '127.0.0.1:5' is not enabled." || !strings.Contains(m.Explanation, "'C1'") {
		t.Errorf("AMQ9616E: %q / %q", m.Text, m.Explanation)
	}
	peer := &Error{ID: msgBadPeerName, Channel: "C1", Detail: "why", Args: []string{"XX"}}
	if m := peer.Message(); m.Text != "SSL invalid peer name, channel 'C1', attribute 'XX'." || !strings.Contains(m.Explanation, "why") {
		t.Errorf("AMQ9640E: %q / %q", m.Text, m.Explanation)
	}
}

func TestOneEndPlainErrors(t *testing.T) {
	if !LooksLikeTLS(0x16) || LooksLikeTLS('T') {
		t.Error("LooksLikeTLS")
	}
	if e := PlainChannelGotTLS("C1", "127.0.0.1:9"); e.ID != msgNoCipherSpec || !strings.Contains(e.Message().Explanation, "127.0.0.1:9 started a TLS handshake") {
		t.Errorf("%v: %q", e, e.Message().Explanation)
	}
	if e := TLSChannelGotPlain("C1", "127.0.0.1:9"); e.ID != msgRemoteNoCipher || e.Message().Text != "Remote channel 'C1' did not specify a CipherSpec." {
		t.Errorf("%v", e)
	}
}
