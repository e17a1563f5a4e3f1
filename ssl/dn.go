package ssl

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"strings"
)

// maxPeerNameLen is the longest SSLPEER value on distributed platforms.
const maxPeerNameLen = 1024

// dnAttr is one attribute type IBM MQ knows in distinguished names.
type dnAttr struct {
	name string // the name IBM prints (CN, OU, ST ...)
	oid  asn1.ObjectIdentifier
}

// dnAttrs are the attribute types of SSLPEER and of the DNs runmqakm
// writes. SERIALNUMBER is the certificate's serial number, not a DN
// attribute.
var dnAttrs = []dnAttr{
	{"CN", asn1.ObjectIdentifier{2, 5, 4, 3}},
	{"T", asn1.ObjectIdentifier{2, 5, 4, 12}},
	{"OU", asn1.ObjectIdentifier{2, 5, 4, 11}},
	{"O", asn1.ObjectIdentifier{2, 5, 4, 10}},
	{"STREET", asn1.ObjectIdentifier{2, 5, 4, 9}},
	{"L", asn1.ObjectIdentifier{2, 5, 4, 7}},
	{"ST", asn1.ObjectIdentifier{2, 5, 4, 8}},
	{"PC", asn1.ObjectIdentifier{2, 5, 4, 17}},
	{"C", asn1.ObjectIdentifier{2, 5, 4, 6}},
	{"DC", asn1.ObjectIdentifier{0, 9, 2342, 19200300, 100, 1, 25}},
	{"UID", asn1.ObjectIdentifier{0, 9, 2342, 19200300, 100, 1, 1}},
	{"MAIL", asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 1}},
	{"UNSTRUCTUREDNAME", asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 2}},
	{"UNSTRUCTUREDADDRESS", asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 8}},
	{"DNQ", asn1.ObjectIdentifier{2, 5, 4, 46}},
	{"SERIALNUMBER", nil},
}

// dnSynonyms maps the other spellings IBM accepts to the printed name.
var dnSynonyms = map[string]string{"E": "MAIL", "USERID": "UID", "SP": "ST", "S": "ST"}

// canonicalAttr returns the printed name of an attribute type, or false.
func canonicalAttr(typ string) (string, bool) {
	if s, ok := dnSynonyms[typ]; ok {
		return s, true
	}
	for _, a := range dnAttrs {
		if a.name == typ {
			return typ, true
		}
	}
	return "", false
}

func attrByOID(oid asn1.ObjectIdentifier) (string, bool) {
	for _, a := range dnAttrs {
		if a.oid != nil && a.oid.Equal(oid) {
			return a.name, true
		}
	}
	return "", false
}

func oidOf(name string) asn1.ObjectIdentifier {
	for _, a := range dnAttrs {
		if a.name == name {
			return a.oid
		}
	}
	return nil
}

// DNAttr is one attribute of a distinguished name in the order it is
// written ("CN=QM1,OU=MQ,O=Example" has CN first).
type DNAttr struct {
	Type  string // printed name: CN, OU, ST, MAIL ...
	Value string
}

// PeerName is a parsed SSLPEER value: the attributes a partner's
// certificate must have. Only the attributes listed are checked.
type PeerName struct {
	attrs []peerAttr
}

type peerAttr struct {
	typ            string
	value          string // upper case, without the wildcards
	prefix, suffix bool   // value* (prefix match), *value (suffix match)
}

// String returns the pattern in canonical form.
func (p PeerName) String() string {
	parts := make([]string, len(p.attrs))
	for i, a := range p.attrs {
		v := a.value
		if a.suffix {
			v = "*" + v
		}
		if a.prefix {
			v += "*"
		}
		parts[i] = a.typ + "=" + v
	}
	return strings.Join(parts, ",")
}

// ParsePeerName parses an SSLPEER value with IBM MQ's rules: attributes
// separated by commas or semicolons, blanks around separators ignored,
// attribute types in upper case (E, USERID, SP and S are synonyms of MAIL,
// UID and ST), values optionally in double quotes, a * at the start or end
// of an unquoted value as a wildcard. A bad value is AMQ9640E naming the
// attribute.
func ParsePeerName(s string) (PeerName, error) {
	var p PeerName
	if len(s) > maxPeerNameLen {
		return p, badPeerName(s[:16]+"...", "SSLPEER is longer than 1024 characters")
	}
	fields, err := splitDN(s)
	if err != nil {
		return p, err
	}
	for _, f := range fields {
		a, err := parsePeerAttr(f)
		if err != nil {
			return p, err
		}
		p.attrs = append(p.attrs, a)
	}
	return p, nil
}

// Blank reports whether the pattern has no attributes (SSLPEER blank).
func (p PeerName) Blank() bool { return len(p.attrs) == 0 }

func badPeerName(attr, why string) error {
	return &Error{ID: msgBadPeerName, Detail: why, Args: []string{attr}}
}

// dnField is one TYPE=value of a DN string, with whether its value was
// quoted.
type dnField struct {
	typ, value string
	quoted     bool
}

// splitDN cuts a DN string into its fields. Commas and semicolons inside
// double quotes, or escaped by a backslash, are part of the value.
func splitDN(s string) ([]dnField, error) {
	var out []dnField
	rest := strings.TrimSpace(s)
	for rest != "" {
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			return nil, badPeerName(rest, "'"+rest+"' has no '='")
		}
		typ := rest[:eq]
		if typ != strings.TrimLeft(typ, " ") || strings.TrimRight(typ, " ") != typ || typ == "" {
			return nil, badPeerName(strings.TrimSpace(typ), "blanks are not allowed around an attribute type")
		}
		rest = strings.TrimLeft(rest[eq+1:], " ")
		f := dnField{typ: typ}
		var v strings.Builder
		i := 0
		if strings.HasPrefix(rest, `"`) {
			f.quoted = true
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return nil, badPeerName(typ, "the value of "+typ+" has no closing quote")
			}
			v.WriteString(rest[1 : 1+end])
			i = end + 2
			for i < len(rest) && rest[i] == ' ' {
				i++
			}
			if i < len(rest) && rest[i] != ',' && rest[i] != ';' {
				return nil, badPeerName(typ, "text follows the quoted value of "+typ)
			}
		} else {
			for ; i < len(rest) && rest[i] != ',' && rest[i] != ';'; i++ {
				if rest[i] == '\\' && i+1 < len(rest) {
					i++
				}
				v.WriteByte(rest[i])
			}
		}
		f.value = v.String()
		if !f.quoted {
			f.value = strings.TrimRight(f.value, " ")
		}
		out = append(out, f)
		if i >= len(rest) {
			break
		}
		rest = strings.TrimLeft(rest[i+1:], " ")
		if rest == "" {
			return nil, badPeerName(typ, "the value ends with a separator")
		}
	}
	return out, nil
}

func parsePeerAttr(f dnField) (peerAttr, error) {
	if f.typ != strings.ToUpper(f.typ) {
		return peerAttr{}, badPeerName(f.typ, "attribute type "+f.typ+" must be in upper case")
	}
	typ, ok := canonicalAttr(f.typ)
	if !ok {
		return peerAttr{}, badPeerName(f.typ, "attribute type "+f.typ+" is not known")
	}
	a := peerAttr{typ: typ, value: f.value}
	if !f.quoted {
		if strings.HasSuffix(a.value, "*") {
			a.prefix = true
			a.value = strings.TrimSuffix(a.value, "*")
		}
		if strings.HasPrefix(a.value, "*") {
			a.suffix = true
			a.value = strings.TrimPrefix(a.value, "*")
		}
		if strings.Contains(a.value, "*") {
			return peerAttr{}, badPeerName(f.typ, "a wildcard is allowed only at the start or end of the value of "+f.typ)
		}
	}
	if a.value == "" && !a.prefix && !a.suffix {
		return peerAttr{}, badPeerName(f.typ, "the value of "+f.typ+" is empty")
	}
	a.value = strings.ToUpper(a.value)
	return a, nil
}

// match reports whether one value (any case) satisfies the attribute.
func (a peerAttr) match(v string) bool {
	v = strings.ToUpper(v)
	switch {
	case a.prefix && a.suffix:
		return strings.Contains(v, a.value)
	case a.prefix:
		return strings.HasPrefix(v, a.value)
	case a.suffix:
		return strings.HasSuffix(v, a.value)
	}
	return v == a.value
}

// Match reports whether a certificate satisfies the pattern: each
// attribute named must be present with a matching value; when a type is
// named more than once (OU, DC), the n-th occurrence in the pattern must
// match the n-th occurrence in the certificate's DN.
func (p PeerName) Match(cert *x509.Certificate) bool {
	attrs := SubjectAttrs(cert)
	seen := map[string]int{}
	for _, a := range p.attrs {
		n := seen[a.typ]
		seen[a.typ]++
		var values []string
		if a.typ == "SERIALNUMBER" {
			values = []string{SerialString(cert.SerialNumber)}
		} else {
			for _, c := range attrs {
				if c.Type == a.typ {
					values = append(values, c.Value)
				}
			}
		}
		if n >= len(values) || !a.match(values[n]) {
			return false
		}
	}
	return true
}

// SubjectAttrs returns the attributes of a certificate's subject in the
// order they are written (most specific first: CN before O before C).
func SubjectAttrs(cert *x509.Certificate) []DNAttr { return rawNameAttrs(cert.RawSubject) }

// IssuerAttrs returns the attributes of a certificate's issuer likewise.
func IssuerAttrs(cert *x509.Certificate) []DNAttr { return rawNameAttrs(cert.RawIssuer) }

func rawNameAttrs(raw []byte) []DNAttr {
	var seq pkix.RDNSequence
	if _, err := asn1.Unmarshal(raw, &seq); err != nil {
		return nil
	}
	var out []DNAttr
	for i := len(seq) - 1; i >= 0; i-- {
		for _, atv := range seq[i] {
			name, ok := attrByOID(atv.Type)
			if !ok {
				name = atv.Type.String()
			}
			out = append(out, DNAttr{Type: name, Value: fmt.Sprint(atv.Value)})
		}
	}
	return out
}

// FormatDN writes attributes as IBM MQ prints a DN: "CN=QM1,OU=MQ,C=GB".
func FormatDN(attrs []DNAttr) string {
	parts := make([]string, len(attrs))
	for i, a := range attrs {
		v := a.Value
		if strings.ContainsAny(v, `,;"`) {
			v = `"` + strings.ReplaceAll(v, `"`, `\"`) + `"`
		}
		parts[i] = a.Type + "=" + v
	}
	return strings.Join(parts, ",")
}

// SerialString formats a serial number as IBM MQ does, as colon-separated
// hex bytes ("01:8F:2A").
func SerialString(n *big.Int) string {
	if n == nil {
		return ""
	}
	b := n.Bytes()
	if len(b) == 0 {
		b = []byte{0}
	}
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = fmt.Sprintf("%02X", c)
	}
	return strings.Join(parts, ":")
}

// PeerDN is the SSLPEER of DISPLAY CHSTATUS for a partner's certificate:
// its serial number, then its subject.
func PeerDN(cert *x509.Certificate) string {
	dn := FormatDN(SubjectAttrs(cert))
	s := "SERIALNUMBER=" + SerialString(cert.SerialNumber)
	if dn != "" {
		s += "," + dn
	}
	return s
}

// ParseDN parses a DN as runmqakm's -dn takes it ("CN=QM1,O=Example,C=GB")
// into a pkix.Name that keeps the order given, for a certificate subject.
func ParseDN(s string) (pkix.Name, error) {
	fields, err := splitDN(s)
	if err != nil {
		return pkix.Name{}, err
	}
	if len(fields) == 0 {
		return pkix.Name{}, badPeerName("", "the distinguished name is empty")
	}
	var name pkix.Name
	// The written order is most specific first; the encoded RDN sequence
	// is the reverse.
	for i := len(fields) - 1; i >= 0; i-- {
		f := fields[i]
		typ, ok := canonicalAttr(strings.ToUpper(f.typ))
		if !ok || typ == "SERIALNUMBER" {
			return pkix.Name{}, badPeerName(f.typ, "attribute type "+f.typ+" cannot be used in a distinguished name")
		}
		if f.value == "" {
			return pkix.Name{}, badPeerName(f.typ, "the value of "+f.typ+" is empty")
		}
		name.ExtraNames = append(name.ExtraNames, pkix.AttributeTypeAndValue{Type: oidOf(typ), Value: f.value})
	}
	return name, nil
}
