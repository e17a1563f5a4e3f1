package ssl

import (
	"crypto/x509"
	"encoding/pem"
	"testing"
	"time"
)

// testCA is a small CA made in the test: its personal entry signs leaf
// certificates.
type testCA struct {
	t     testing.TB
	entry Entry
}

func newTestCA(t testing.TB, dn string) *testCA {
	t.Helper()
	tmpl := CertTemplate{DN: dn, CA: true, Days: 30, SigAlg: "SHA256WithECDSA"}
	key, err := tmpl.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tmpl.SelfSigned(key)
	if err != nil {
		t.Fatal(err)
	}
	return &testCA{t: t, entry: Entry{Label: "ca " + dn, Cert: cert, Key: key}}
}

// issue makes a personal entry with the label, signed by the CA. sigAlg
// picks the key type ("" is RSA 2048).
func (ca *testCA) issue(label, dn, sigAlg string, notBefore time.Time, days int) Entry {
	ca.t.Helper()
	tmpl := CertTemplate{DN: dn, SigAlg: sigAlg, Days: days}
	key, err := tmpl.NewKey()
	if err != nil {
		ca.t.Fatal(err)
	}
	csr, err := tmpl.Request(key)
	if err != nil {
		ca.t.Fatal(err)
	}
	if notBefore.IsZero() {
		notBefore = time.Now()
	}
	cert, err := Sign(csr, ca.entry, days, notBefore)
	if err != nil {
		ca.t.Fatal(err)
	}
	return Entry{Label: label, Cert: cert, Key: key}
}

// trusted is the CA's certificate as a trusted entry.
func (ca *testCA) trusted() Entry {
	return Entry{Label: ca.entry.Label, Cert: ca.entry.Cert}
}

func mustCert(t *testing.T, der []byte) *x509.Certificate {
	t.Helper()
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var timeZero time.Time

func encodeKeyPEM(t *testing.T, e Entry) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(e.Key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}
