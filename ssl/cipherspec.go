package ssl

import (
	"crypto/tls"
	"slices"
	"strings"
)

// CipherSpec is one SSLCIPH value IBM MQ accepts on distributed platforms.
type CipherSpec struct {
	// Name is the SSLCIPH value, in upper case as IBM documents it.
	Name string
	// MinVersion and MaxVersion are the TLS protocol versions the
	// CipherSpec allows (tls.VersionTLS12 ...). A named spec has both equal.
	MinVersion, MaxVersion uint16
	// Suite is the IANA cipher suite of a named spec; 0 for an alias (ANY*).
	Suite uint16
	// Supported is false for a spec Go's crypto/tls cannot provide, or
	// that would need a protocol older than TLS 1.2, or that IBM has
	// deprecated (3DES, RC4, NULL): such a name is refused at DEFINE and
	// ALTER time rather than accepted and weakened.
	Supported bool
	// Reason says why a spec is not supported, for the error text.
	Reason string
}

// Alias reports whether the spec is one of the ANY* names, which stand for
// every supported spec of a range of protocol versions.
func (c CipherSpec) Alias() bool { return c.Suite == 0 }

// Protocol is the SECPROT value of DISPLAY CHSTATUS for a TLS version:
// TLSV12 or TLSV13.
func Protocol(version uint16) string {
	switch version {
	case tls.VersionTLS12:
		return "TLSV12"
	case tls.VersionTLS13:
		return "TLSV13"
	case tls.VersionTLS11:
		return "TLSV11"
	case tls.VersionTLS10:
		return "TLSV1"
	}
	return "NONE"
}

const (
	v10 = tls.VersionTLS10
	v12 = tls.VersionTLS12
	v13 = tls.VersionTLS13
	// sslv3 is SSL 3.0's version number; crypto/tls has no constant for it.
	sslv3 = 0x0300
)

const (
	reasonNoGo       = "crypto/tls does not implement this cipher suite"
	reasonDeprecated = "IBM MQ deprecates this CipherSpec and it is weak"
	reasonOldTLS     = "it needs a protocol older than TLS 1.2, which is refused"
)

// cipherSpecs is the table of every SSLCIPH name of IBM MQ 9.3/9.4 on
// distributed platforms, in IBM's order: aliases, TLS 1.3, TLS 1.2, then
// the deprecated and the SSL 3.0 / TLS 1.0 names.
var cipherSpecs = []CipherSpec{
	{Name: "ANY", MinVersion: v12, MaxVersion: v13, Supported: true},
	{Name: "ANY_TLS12", MinVersion: v12, MaxVersion: v12, Supported: true},
	{Name: "ANY_TLS12_OR_HIGHER", MinVersion: v12, MaxVersion: v13, Supported: true},
	{Name: "ANY_TLS13", MinVersion: v13, MaxVersion: v13, Supported: true},
	{Name: "ANY_TLS13_OR_HIGHER", MinVersion: v13, MaxVersion: v13, Supported: true},

	named("TLS_AES_128_GCM_SHA256", v13, tls.TLS_AES_128_GCM_SHA256),
	named("TLS_AES_256_GCM_SHA384", v13, tls.TLS_AES_256_GCM_SHA384),
	named("TLS_CHACHA20_POLY1305_SHA256", v13, tls.TLS_CHACHA20_POLY1305_SHA256),
	refused("TLS_AES_128_CCM_SHA256", v13, 0x1304, reasonNoGo),
	refused("TLS_AES_128_CCM_8_SHA256", v13, 0x1305, reasonNoGo),

	named("ECDHE_ECDSA_AES_128_GCM_SHA256", v12, tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
	named("ECDHE_ECDSA_AES_256_GCM_SHA384", v12, tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384),
	named("ECDHE_RSA_AES_128_GCM_SHA256", v12, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
	named("ECDHE_RSA_AES_256_GCM_SHA384", v12, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384),
	named("ECDHE_RSA_CHACHA20_POLY1305_SHA256", v12, tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
	named("ECDHE_ECDSA_CHACHA20_POLY1305_SHA256", v12, tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256),
	named("ECDHE_ECDSA_AES_128_CBC_SHA256", v12, tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256),
	refused("ECDHE_ECDSA_AES_256_CBC_SHA384", v12, 0xC024, reasonNoGo),
	named("ECDHE_RSA_AES_128_CBC_SHA256", v12, tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256),
	refused("ECDHE_RSA_AES_256_CBC_SHA384", v12, 0xC028, reasonNoGo),
	named("TLS_RSA_WITH_AES_128_GCM_SHA256", v12, tls.TLS_RSA_WITH_AES_128_GCM_SHA256),
	named("TLS_RSA_WITH_AES_256_GCM_SHA384", v12, tls.TLS_RSA_WITH_AES_256_GCM_SHA384),
	named("TLS_RSA_WITH_AES_128_CBC_SHA256", v12, tls.TLS_RSA_WITH_AES_128_CBC_SHA256),
	refused("TLS_RSA_WITH_AES_256_CBC_SHA256", v12, 0x003D, reasonNoGo),

	refused("ECDHE_ECDSA_3DES_EDE_CBC_SHA256", v12, 0xC008, reasonDeprecated),
	refused("ECDHE_RSA_3DES_EDE_CBC_SHA256", v12, 0xC012, reasonDeprecated),
	refused("ECDHE_ECDSA_RC4_128_SHA256", v12, 0xC007, reasonDeprecated),
	refused("ECDHE_RSA_RC4_128_SHA256", v12, 0xC011, reasonDeprecated),
	refused("ECDHE_ECDSA_NULL_SHA256", v12, 0xC006, reasonDeprecated),
	refused("ECDHE_RSA_NULL_SHA256", v12, 0xC010, reasonDeprecated),
	refused("TLS_RSA_WITH_NULL_SHA256", v12, 0x003B, reasonDeprecated),

	refused("TLS_RSA_WITH_AES_128_CBC_SHA", v10, 0x002F, reasonOldTLS),
	refused("TLS_RSA_WITH_AES_256_CBC_SHA", v10, 0x0035, reasonOldTLS),
	refused("TLS_RSA_WITH_3DES_EDE_CBC_SHA", v10, 0x000A, reasonOldTLS),
	refused("TLS_RSA_WITH_DES_CBC_SHA", v10, 0x0009, reasonOldTLS),
	refused("FIPS_WITH_3DES_EDE_CBC_SHA", sslv3, 0xFEFF, reasonOldTLS),
	refused("FIPS_WITH_DES_CBC_SHA", sslv3, 0xFEFE, reasonOldTLS),
	refused("NULL_MD5", sslv3, 0x0001, reasonOldTLS),
	refused("NULL_SHA", sslv3, 0x0002, reasonOldTLS),
	refused("RC4_MD5_US", sslv3, 0x0004, reasonOldTLS),
	refused("RC4_SHA_US", sslv3, 0x0005, reasonOldTLS),
	refused("RC4_MD5_EXPORT", sslv3, 0x0003, reasonOldTLS),
	refused("RC2_MD5_EXPORT", sslv3, 0x0006, reasonOldTLS),
	refused("DES_SHA_EXPORT", sslv3, 0x0009, reasonOldTLS),
	refused("DES_SHA_EXPORT1024", sslv3, 0x0062, reasonOldTLS),
	refused("RC4_56_SHA_EXPORT1024", sslv3, 0x0064, reasonOldTLS),
	refused("TRIPLE_DES_SHA_US", sslv3, 0x000A, reasonOldTLS),
}

func named(name string, version, suite uint16) CipherSpec {
	return CipherSpec{Name: name, MinVersion: version, MaxVersion: version, Suite: suite, Supported: true}
}

func refused(name string, version, suite uint16, reason string) CipherSpec {
	return CipherSpec{Name: name, MinVersion: version, MaxVersion: version, Suite: suite, Reason: reason}
}

// CipherSpecs returns every SSLCIPH name IBM MQ accepts, supported or not.
func CipherSpecs() []CipherSpec { return slices.Clone(cipherSpecs) }

// SupportedCipherSpecs returns the CipherSpecs a channel may name.
func SupportedCipherSpecs() []CipherSpec {
	var out []CipherSpec
	for _, c := range cipherSpecs {
		if c.Supported {
			out = append(out, c)
		}
	}
	return out
}

// LookupCipherSpec finds an SSLCIPH value; case and surrounding blanks do
// not matter.
func LookupCipherSpec(name string) (CipherSpec, bool) {
	name = strings.ToUpper(strings.TrimSpace(name))
	for _, c := range cipherSpecs {
		if c.Name == name {
			return c, true
		}
	}
	return CipherSpec{}, false
}

// ValidateCipherSpec checks an SSLCIPH value at DEFINE or ALTER time. A
// blank value (no TLS) is valid. A name IBM MQ does not know, or one this
// queue manager cannot provide, is refused with AMQ8242E.
func ValidateCipherSpec(name string) error {
	if strings.TrimSpace(name) == "" {
		return nil
	}
	c, ok := LookupCipherSpec(name)
	if !ok {
		return &Error{ID: msgCipherSpecWrong, Detail: "'" + name + "' is not a CipherSpec name"}
	}
	if !c.Supported {
		return &Error{ID: msgCipherSpecWrong, Detail: "CipherSpec " + c.Name + " cannot be used: " + c.Reason}
	}
	return nil
}

// cipherSuiteName is the CipherSpec name of a negotiated suite, or Go's
// name of the suite when no CipherSpec has it.
func cipherSuiteName(suite uint16) string {
	for _, c := range cipherSpecs {
		if c.Suite == suite && !c.Alias() && c.MinVersion >= v12 {
			return c.Name
		}
	}
	return tls.CipherSuiteName(suite)
}

// suites returns the TLS 1.2 cipher suites the spec lets a handshake
// offer or accept: an alias allows every supported TLS 1.2 spec, as IBM's
// allow every enabled one (crypto/tls still prefers AEAD suites when both
// ends offer them). TLS 1.3 suites are not configurable in crypto/tls and
// are checked after the handshake instead (Accepts).
func (c CipherSpec) suites() []uint16 {
	if !c.Alias() {
		if c.MinVersion == v12 {
			return []uint16{c.Suite}
		}
		return nil
	}
	var out []uint16
	for _, s := range cipherSpecs {
		if s.Supported && !s.Alias() && s.MinVersion == v12 {
			out = append(out, s.Suite)
		}
	}
	return out
}

// Accepts reports whether a handshake that negotiated version and suite
// satisfies this CipherSpec.
func (c CipherSpec) Accepts(version, suite uint16) bool {
	if version < c.MinVersion || version > c.MaxVersion {
		return false
	}
	if !c.Alias() {
		return suite == c.Suite
	}
	if version == v13 {
		return true
	}
	return slices.Contains(c.suites(), suite)
}
