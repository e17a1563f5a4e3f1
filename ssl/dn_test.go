package ssl

import (
	"crypto/x509"
	"math/big"
	"testing"
)

// certWithDN makes a certificate whose subject is dn (written order).
func certWithDN(t *testing.T, dn string, serial int64) *x509.Certificate {
	t.Helper()
	tmpl := CertTemplate{DN: dn, SigAlg: "SHA256WithECDSA"}
	key, err := tmpl.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	c, err := tmpl.SelfSigned(key)
	if err != nil {
		t.Fatal(err)
	}
	c.SerialNumber = big.NewInt(serial)
	return c
}

func TestPeerNameMatching(t *testing.T) {
	cert := certWithDN(t, "CN=QMGR.ONE,OU=IBM,OU=WEBSPHERE,O=Example Ltd,L=Hursley,ST=Hampshire,C=GB,E=mq@example.com,DC=example,DC=com", 0x018F2A)
	for _, c := range []struct {
		pattern string
		want    bool
	}{
		{"", true},
		{"CN=QMGR.ONE", true},
		{"CN=qmgr.one", true}, // values compare without case
		{"CN=QMGR.*", true},
		{"CN=*.ONE", true},
		{"CN=*GR.O*", true},
		{"CN=QMGR.TWO", false},
		{"CN=QMGR", false},
		{"CN=QMGR.*, OU=IBM, OU=WEBSPHERE", true},
		{"CN=QMGR.*; OU=IBM; OU=WEBSPHERE", true},
		{"OU=WEBSPHERE, OU=IBM", false}, // repeated OU: in order
		{"OU=IBM", true},
		{"OU=WEBSPHERE", false}, // the first OU is IBM
		{"OU=IBM,OU=WEBSPHERE,OU=THIRD", false},
		{`O="Example Ltd"`, true},
		{"O=Example Ltd", true},
		{"SP=Hampshire", true}, // synonyms of ST
		{"S=Hampshire,ST=HAMPSHIRE", false},
		{"E=MQ@EXAMPLE.COM", true},
		{"MAIL=mq@example.com", true},
		{"DC=example,DC=com", true},
		{"DC=com", false},
		{"SERIALNUMBER=01:8F:2A", true},
		{"SERIALNUMBER=01:8f:2a,CN=QMGR.ONE", true},
		{"SERIALNUMBER=01:8F:2B", false},
		{"UID=someone", false}, // named attributes must be present
		{"L=Hursley,C=GB", true},
		{"C=FR", false},
	} {
		p, err := ParsePeerName(c.pattern)
		if err != nil {
			t.Errorf("ParsePeerName(%q): %v", c.pattern, err)
			continue
		}
		if got := p.Match(cert); got != c.want {
			t.Errorf("%q matches %v, want %v", c.pattern, got, c.want)
		}
	}
}

func TestPeerNameSyntax(t *testing.T) {
	for _, c := range []struct{ pattern, attr string }{
		{"XX=QM1", "XX"},
		{"cn=QM1", "cn"},
		{"CN =QM1", "CN"},
		{"CN=Q*M", "CN"},
		{"CN=", "CN"},
		{"CN=QM1,", "CN"},
		{"CN", "CN"},
		{`CN="QM1`, "CN"},
		{`CN="QM1" x`, "CN"},
		{"CN=QM1,OU=A,BAD=1", "BAD"},
	} {
		_, err := ParsePeerName(c.pattern)
		e, ok := err.(*Error)
		if !ok || e.ID != msgBadPeerName || len(e.Args) != 1 || e.Args[0] != c.attr {
			t.Errorf("ParsePeerName(%q) = %v, want AMQ9640E for attribute %s", c.pattern, err, c.attr)
		}
	}
	long := "CN=" + string(make([]byte, 1100))
	if _, err := ParsePeerName(long); IDOf(err) != msgBadPeerName {
		t.Errorf("an SSLPEER over 1024 bytes: %v", err)
	}
	p, err := ParsePeerName(` CN = "a,b" ; OU=X* `)
	if err == nil {
		t.Errorf("blank before '=' accepted: %s", p)
	}
	p, err = ParsePeerName(`CN="a,b" ; OU=X* , E=m`)
	if err != nil || p.String() != "CN=A,B,OU=X*,MAIL=M" {
		t.Errorf("got %q, %v", p.String(), err)
	}
}

func TestDisplayedDN(t *testing.T) {
	cert := certWithDN(t, "CN=QM1,OU=MQ,O=Example,L=Hursley,ST=Hampshire,C=GB", 0x1234)
	if got, want := PeerDN(cert), "SERIALNUMBER=12:34,CN=QM1,OU=MQ,O=Example,L=Hursley,ST=Hampshire,C=GB"; got != want {
		t.Errorf("PeerDN = %q, want %q", got, want)
	}
	// The subject is encoded in the reverse of the written order, as
	// other tools expect: Go's own reading agrees.
	if got := cert.Subject.String(); got != "CN=QM1,OU=MQ,O=Example,L=Hursley,ST=Hampshire,C=GB" {
		t.Errorf("x509 reads %q", got)
	}
}

func TestCipherSpecTable(t *testing.T) {
	for _, c := range []struct {
		name      string
		supported bool
	}{
		{"ANY", true}, {"ANY_TLS12", true}, {"ANY_TLS12_OR_HIGHER", true}, {"ANY_TLS13", true}, {"ANY_TLS13_OR_HIGHER", true},
		{"TLS_AES_128_GCM_SHA256", true}, {"TLS_AES_256_GCM_SHA384", true}, {"TLS_CHACHA20_POLY1305_SHA256", true},
		{"TLS_AES_128_CCM_SHA256", false}, {"TLS_AES_128_CCM_8_SHA256", false},
		{"ECDHE_ECDSA_AES_128_GCM_SHA256", true}, {"ECDHE_RSA_AES_256_GCM_SHA384", true},
		{"ECDHE_RSA_CHACHA20_POLY1305_SHA256", true}, {"TLS_RSA_WITH_AES_128_CBC_SHA256", true},
		{"ECDHE_RSA_AES_256_CBC_SHA384", false}, {"TLS_RSA_WITH_AES_256_CBC_SHA256", false},
		{"ECDHE_RSA_3DES_EDE_CBC_SHA256", false}, {"TLS_RSA_WITH_AES_128_CBC_SHA", false},
		{"NULL_MD5", false}, {"TRIPLE_DES_SHA_US", false},
	} {
		spec, ok := LookupCipherSpec(c.name)
		if !ok || spec.Supported != c.supported {
			t.Errorf("%s: found %v supported %v, want supported %v", c.name, ok, spec.Supported, c.supported)
		}
		err := ValidateCipherSpec(c.name)
		if (err == nil) != c.supported || err != nil && IDOf(err) != msgCipherSpecWrong {
			t.Errorf("ValidateCipherSpec(%s) = %v", c.name, err)
		}
	}
	if err := ValidateCipherSpec(" "); err != nil {
		t.Errorf("blank SSLCIPH: %v", err)
	}
	if err := ValidateCipherSpec("any_tls13"); err != nil {
		t.Errorf("lower case: %v", err)
	}
	// Every supported named spec is a suite crypto/tls implements.
	for _, s := range SupportedCipherSpecs() {
		if !s.Alias() && cipherSuiteName(s.Suite) != s.Name {
			t.Errorf("%s has suite %#04x named %s", s.Name, s.Suite, cipherSuiteName(s.Suite))
		}
	}
}

func TestStash(t *testing.T) {
	data, err := encodeStash("s3cret")
	if err != nil {
		t.Fatal(err)
	}
	if len(data) != stashSize || string(data[:6]) == "s3cret" {
		t.Errorf("stash %q", data)
	}
	if pw, err := decodeStash(data); err != nil || pw != "s3cret" {
		t.Errorf("decode: %q %v", pw, err)
	}
	for _, bad := range [][]byte{nil, {stashMask}, make([]byte, 5000)} {
		if _, err := decodeStash(bad); err == nil {
			t.Errorf("decodeStash(%d bytes) accepted", len(bad))
		}
	}
	if _, err := encodeStash(""); err == nil {
		t.Error("empty password stashed")
	}
}
