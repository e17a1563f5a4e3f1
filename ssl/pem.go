package ssl

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
)

// EncodePEM returns a certificate in PEM form (runmqakm's -format ascii).
func EncodePEM(c *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
}

// EncodeRequestPEM returns a certificate request in the PEM form IBM's
// tools write.
func EncodeRequestPEM(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "NEW CERTIFICATE REQUEST", Bytes: der})
}

// ParseCertificates reads certificates in PEM (one or more blocks) or DER
// form.
func ParseCertificates(data []byte) ([]*x509.Certificate, error) {
	if !bytes.Contains(data, []byte("-----BEGIN")) {
		c, err := x509.ParseCertificate(data)
		if err != nil {
			return nil, fmt.Errorf("ssl: certificate: %w", err)
		}
		return []*x509.Certificate{c}, nil
	}
	var out []*x509.Certificate
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("ssl: certificate: %w", err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, errors.New("ssl: no certificate in the file")
	}
	return out, nil
}

// ParseRequest reads a certificate request in PEM or DER form and returns
// its DER.
func ParseRequest(data []byte) ([]byte, error) {
	if b, _ := pem.Decode(data); b != nil {
		if b.Type != "NEW CERTIFICATE REQUEST" && b.Type != "CERTIFICATE REQUEST" {
			return nil, fmt.Errorf("ssl: %s is not a certificate request", b.Type)
		}
		data = b.Bytes
	}
	if _, err := x509.ParseCertificateRequest(data); err != nil {
		return nil, fmt.Errorf("ssl: certificate request: %w", err)
	}
	return data, nil
}
