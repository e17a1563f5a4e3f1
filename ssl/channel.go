package ssl

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"strings"
	"time"
)

// ChannelTLS is the TLS part of one channel definition.
type ChannelTLS struct {
	// Name is the channel name, used in messages and for SNI.
	Name string
	// CipherSpec is SSLCIPH; blank means the channel does not use TLS.
	CipherSpec string
	// ClientAuth is SSLCAUTH: REQUIRED (also when blank) or OPTIONAL. It
	// matters on the responding end only.
	ClientAuth string
	// PeerName is SSLPEER: the pattern the partner's DN must match; blank
	// accepts any DN.
	PeerName string
	// CertLabel is the channel's CERTLABL; blank uses the queue manager's.
	CertLabel string
}

// clientAuthRequired reports whether the responding end must get a
// certificate from its partner: SSLCAUTH(REQUIRED), or a non-blank
// SSLPEER even with SSLCAUTH(OPTIONAL), as on IBM MQ.
func (c ChannelTLS) clientAuthRequired() bool {
	return !strings.EqualFold(strings.TrimSpace(c.ClientAuth), "OPTIONAL") || strings.TrimSpace(c.PeerName) != ""
}

// Keys is what the queue manager gives a channel's TLS: its name, its
// CERTLABL, its key repository and where to log secrets.
type Keys struct {
	// QMgr is the queue manager name, for the default certificate label.
	QMgr string
	// CertLabel is the queue manager's CERTLABL; blank means
	// DefaultLabel(QMgr).
	CertLabel string
	// Repository is the key repository (SSLKEYR), from a KeyStore.
	Repository *Repository
	// KeyLog, when not nil, receives the TLS secrets in NSS key log format
	// (see OpenKeyLog); nil (the default) logs nothing.
	KeyLog io.Writer
	// Now is the time certificates are checked against; nil is time.Now.
	Now func() time.Time
}

// DefaultLabel is the certificate label a queue manager uses when CERTLABL
// is blank: "ibmwebspheremq" and the queue manager name in lower case.
func DefaultLabel(qmgr string) string { return "ibmwebspheremq" + strings.ToLower(qmgr) }

// DefaultClientLabel is the label a client uses when neither MQCERTLABL
// nor the channel names one: "ibmwebspheremq" and the user id in lower
// case. A client passes it as Keys.CertLabel.
func DefaultClientLabel(user string) string { return "ibmwebspheremq" + strings.ToLower(user) }

// Label is the certificate label a channel uses: its CERTLABL, else the
// queue manager's, else the default label.
func (k Keys) Label(ch ChannelTLS) string {
	if l := strings.TrimSpace(ch.CertLabel); l != "" {
		return l
	}
	if l := strings.TrimSpace(k.CertLabel); l != "" {
		return l
	}
	return DefaultLabel(k.QMgr)
}

func (k Keys) now() time.Time {
	if k.Now != nil {
		return k.Now()
	}
	return time.Now()
}

// certificate returns the personal certificate with the label and the
// chain of issuers the repository holds, or AMQ9642E.
func (k Keys) certificate(ch ChannelTLS) (*tls.Certificate, error) {
	label := k.Label(ch)
	if k.Repository == nil {
		return nil, &Error{ID: msgNoCertificate, Channel: ch.Name, Detail: "there is no key repository, so no certificate labelled '" + label + "'"}
	}
	e, ok := k.Repository.Find(label)
	if !ok || !e.Personal() {
		why := "the key repository " + k.Repository.Path + " has no personal certificate labelled '" + label + "'"
		if ok {
			why = "the certificate labelled '" + label + "' in " + k.Repository.Path + " has no private key"
		}
		return nil, &Error{ID: msgNoCertificate, Channel: ch.Name, Detail: why}
	}
	tc := &tls.Certificate{Certificate: [][]byte{e.Cert.Raw}, PrivateKey: e.Key, Leaf: e.Cert}
	// Send the issuers the repository has, up to a self-signed root.
	cur := e.Cert
	for range 8 {
		if isSelfSigned(cur) {
			break
		}
		issuer := k.Repository.issuerOf(cur)
		if issuer == nil {
			break
		}
		tc.Certificate = append(tc.Certificate, issuer.Raw)
		cur = issuer
	}
	return tc, nil
}

func isSelfSigned(c *x509.Certificate) bool {
	return string(c.RawIssuer) == string(c.RawSubject) && c.CheckSignatureFrom(c) == nil
}

// issuerOf returns a certificate of the repository that signed c.
func (r *Repository) issuerOf(c *x509.Certificate) *x509.Certificate {
	for _, e := range r.Entries {
		if string(e.Cert.RawSubject) == string(c.RawIssuer) && c.CheckSignatureFrom(e.Cert) == nil && !e.Cert.Equal(c) {
			return e.Cert
		}
	}
	return nil
}

// SNIName is the server name an initiating end sends for a channel, as
// IBM MQ forms it: upper-case letters folded to lower case, digits kept,
// every other character as two lower-case hex digits and a hyphen, then
// ".chl.mq.ibm.com" ("TO.QMGR1" -> "to2e-qmgr1.chl.mq.ibm.com").
func SNIName(channel string) string {
	var b strings.Builder
	for i := 0; i < len(channel); i++ {
		c := channel[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c >= '0' && c <= '9':
			b.WriteByte(c)
		default:
			b.WriteString(strings.ToLower(hex2(c)) + "-")
		}
	}
	return b.String() + sniSuffix
}

const sniSuffix = ".chl.mq.ibm.com"

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// ChannelFromSNI reverses SNIName; ok is false for a name that is not a
// channel's.
func ChannelFromSNI(name string) (string, bool) {
	s, ok := strings.CutSuffix(strings.ToLower(name), sniSuffix)
	if !ok || s == "" {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			b.WriteByte(c - 'a' + 'A')
		case c >= '0' && c <= '9':
			if i+2 < len(s) && s[i+2] == '-' && isHex(s[i+1]) {
				b.WriteByte(unhex(c)<<4 | unhex(s[i+1]))
				i += 2
				continue
			}
			b.WriteByte(c)
		default:
			return "", false
		}
	}
	return b.String(), true
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }

func unhex(c byte) byte {
	if c >= 'a' {
		return c - 'a' + 10
	}
	return c - '0'
}
