package ssl

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// CertTemplate is what runmqakm's -cert -create and -certreq -create take:
// the subject DN, the key and signature algorithm, the validity and the
// DNS names.
type CertTemplate struct {
	DN string // "CN=QM1,O=Example,C=GB", most specific first
	// SigAlg is IBM's name of the signature algorithm: SHA256WithRSA
	// (default), SHA384WithRSA, SHA512WithRSA, SHA256WithECDSA,
	// SHA384WithECDSA, SHA512WithECDSA.
	SigAlg string
	// Size is the RSA key size in bits (default 2048), or the EC curve
	// size (256, 384, 521) for ECDSA.
	Size     int
	Days     int // validity from now; default 365
	DNSNames []string
	// CA marks a certificate that may sign others (a self-signed CA).
	CA bool
	// Now is the start of validity; zero means the current time.
	Now time.Time
}

// sigAlgs maps IBM's -sig_alg names to x509's, with the key type.
var sigAlgs = map[string]struct {
	alg x509.SignatureAlgorithm
	ec  bool
}{
	"SHA256WITHRSA":   {x509.SHA256WithRSA, false},
	"SHA384WITHRSA":   {x509.SHA384WithRSA, false},
	"SHA512WITHRSA":   {x509.SHA512WithRSA, false},
	"SHA256WITHECDSA": {x509.ECDSAWithSHA256, true},
	"SHA384WITHECDSA": {x509.ECDSAWithSHA384, true},
	"SHA512WITHECDSA": {x509.ECDSAWithSHA512, true},
}

// SigAlgValid reports whether name is a -sig_alg value we support.
func SigAlgValid(name string) bool {
	_, ok := sigAlgs[strings.ToUpper(name)]
	return ok || name == ""
}

// NewKey makes the key pair of a template.
func (t CertTemplate) NewKey() (crypto.Signer, error) {
	alg, ok := sigAlgs[strings.ToUpper(t.sigAlg())]
	if !ok {
		return nil, fmt.Errorf("ssl: signature algorithm %s is not supported", t.SigAlg)
	}
	if alg.ec {
		var curve elliptic.Curve
		switch t.Size {
		case 0, 256:
			curve = elliptic.P256()
		case 384:
			curve = elliptic.P384()
		case 521, 512:
			curve = elliptic.P521()
		default:
			return nil, fmt.Errorf("ssl: EC key size %d is not supported (256, 384 or 521)", t.Size)
		}
		return ecdsa.GenerateKey(curve, rand.Reader)
	}
	size := t.Size
	if size == 0 {
		size = 2048
	}
	if size < 2048 || size > 8192 {
		return nil, fmt.Errorf("ssl: RSA key size %d is not supported (2048 to 8192)", size)
	}
	return rsa.GenerateKey(rand.Reader, size)
}

func (t CertTemplate) sigAlg() string {
	if t.SigAlg == "" {
		return "SHA256WithRSA"
	}
	return t.SigAlg
}

// x509Template builds the certificate fields of t for key.
func (t CertTemplate) x509Template(pub crypto.PublicKey) (*x509.Certificate, error) {
	subject, err := ParseDN(t.DN)
	if err != nil {
		return nil, err
	}
	c, err := t.baseTemplate(pub)
	if err != nil {
		return nil, err
	}
	c.Subject = subject
	c.SignatureAlgorithm = sigAlgs[strings.ToUpper(t.sigAlg())].alg
	return c, nil
}

// baseTemplate is every field of a new certificate but its subject and
// signature algorithm.
func (t CertTemplate) baseTemplate(pub crypto.PublicKey) (*x509.Certificate, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 63))
	if err != nil {
		return nil, err
	}
	now := t.Now
	if now.IsZero() {
		now = time.Now()
	}
	days := t.Days
	if days == 0 {
		days = 365
	}
	spki, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, err
	}
	skid := sha1.Sum(spki)
	c := &x509.Certificate{
		SerialNumber: serial.Add(serial, big.NewInt(1)),
		NotBefore:    now.Add(-time.Minute).UTC(),
		NotAfter:     now.Add(time.Duration(days) * 24 * time.Hour).UTC(),
		DNSNames:     t.DNSNames,
		SubjectKeyId: skid[:],
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
	}
	if t.CA {
		c.IsCA = true
		c.BasicConstraintsValid = true
		c.KeyUsage |= x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	}
	return c, nil
}

// SelfSigned makes a self-signed certificate for key.
func (t CertTemplate) SelfSigned(key crypto.Signer) (*x509.Certificate, error) {
	tmpl, err := t.x509Template(key.Public())
	if err != nil {
		return nil, err
	}
	// A self-signed certificate can sign: it is its own CA, as GSKit's are.
	tmpl.IsCA = true
	tmpl.BasicConstraintsValid = true
	tmpl.KeyUsage |= x509.KeyUsageCertSign
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("ssl: creating certificate: %w", err)
	}
	return x509.ParseCertificate(der)
}

// Request makes a certificate request (PKCS#10, DER) for key.
func (t CertTemplate) Request(key crypto.Signer) ([]byte, error) {
	subject, err := ParseDN(t.DN)
	if err != nil {
		return nil, err
	}
	req := &x509.CertificateRequest{
		Subject:            subject,
		SignatureAlgorithm: sigAlgs[strings.ToUpper(t.sigAlg())].alg,
		DNSNames:           t.DNSNames,
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, req, key)
	if err != nil {
		return nil, fmt.Errorf("ssl: creating certificate request: %w", err)
	}
	return der, nil
}

// Sign issues a certificate for a request with the CA's personal
// certificate, valid for days from now.
func Sign(csrDER []byte, ca Entry, days int, now time.Time) (*x509.Certificate, error) {
	csr, err := x509.ParseCertificateRequest(csrDER)
	if err != nil {
		return nil, fmt.Errorf("ssl: certificate request: %w", err)
	}
	if err := csr.CheckSignature(); err != nil {
		return nil, fmt.Errorf("ssl: certificate request: %w", err)
	}
	if ca.Key == nil {
		return nil, fmt.Errorf("ssl: label %s has no private key to sign with", ca.Label)
	}
	t := CertTemplate{Days: days, Now: now, DNSNames: csr.DNSNames}
	tmpl, err := t.baseTemplate(csr.PublicKey)
	if err != nil {
		return nil, err
	}
	tmpl.RawSubject = csr.RawSubject
	tmpl.AuthorityKeyId = ca.Cert.SubjectKeyId
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, csr.PublicKey, ca.Key)
	if err != nil {
		return nil, fmt.Errorf("ssl: signing: %w", err)
	}
	return x509.ParseCertificate(der)
}

// SigAlgName is IBM's name of a certificate's signature algorithm with its
// OID, as -cert -details prints it.
func SigAlgName(c *x509.Certificate) string {
	names := map[x509.SignatureAlgorithm]string{
		x509.SHA256WithRSA:   "SHA256WithRSASignature (1.2.840.113549.1.1.11)",
		x509.SHA384WithRSA:   "SHA384WithRSASignature (1.2.840.113549.1.1.12)",
		x509.SHA512WithRSA:   "SHA512WithRSASignature (1.2.840.113549.1.1.13)",
		x509.SHA1WithRSA:     "SHA1WithRSASignature (1.2.840.113549.1.1.5)",
		x509.ECDSAWithSHA256: "SHA256WithECDSASignature (1.2.840.10045.4.3.2)",
		x509.ECDSAWithSHA384: "SHA384WithECDSASignature (1.2.840.10045.4.3.3)",
		x509.ECDSAWithSHA512: "SHA512WithECDSASignature (1.2.840.10045.4.3.4)",
	}
	if n, ok := names[c.SignatureAlgorithm]; ok {
		return n
	}
	return c.SignatureAlgorithm.String()
}

// KeySize is the size in bits of a certificate's public key.
func KeySize(c *x509.Certificate) int {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		return k.N.BitLen()
	case *ecdsa.PublicKey:
		return k.Curve.Params().BitSize
	}
	return 0
}
