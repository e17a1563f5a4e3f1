package ssl

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/asn1"
	"fmt"
	"hash"
	"unicode/utf16"
)

// This file is a PKCS#12 (RFC 7292) codec for key repositories: it writes
// personal certificates with their private keys and trusted certificates,
// each with its label as friendlyName, in one file that OpenSSL and Java
// keytool read (PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, HMAC-SHA256
// MAC), and reads files in that form written by OpenSSL and keytool.

var (
	oidData                = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidEncryptedData       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 6}
	oidKeyBag              = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 1}
	oidShroudedKeyBag      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 2}
	oidCertBag             = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 3}
	oidX509Certificate     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 22, 1}
	oidFriendlyName        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 20}
	oidLocalKeyID          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 21}
	oidJavaTrustedKeyUsage = asn1.ObjectIdentifier{2, 16, 840, 1, 113894, 746875, 1, 1}
	oidAnyExtendedKeyUsage = asn1.ObjectIdentifier{2, 5, 29, 37, 0}
	oidPBES2               = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBKDF2              = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}
	oidHMACWithSHA1        = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 7}
	oidHMACWithSHA256      = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 9}
	oidAES256CBC           = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}
	oidAES128CBC           = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 2}
	oidSHA1                = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA256              = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidPBEWithSHA3DES      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1, 3}
	oidPBEWithSHARC2_40    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1, 6}
)

// pbeParams are the parameters of the PKCS#12 password-based encryptions
// (RFC 7292 appendix C).
type pbeParams struct {
	Salt       []byte
	Iterations int
}

// pkcs12Iterations is the PBKDF2 and MAC iteration count of files we write.
const pkcs12Iterations = 2048

// maxIterations bounds the iteration counts a file may ask for, so that a
// hostile file cannot make reading it take minutes. Fuzz tests lower it.
var maxIterations = 1_000_000

type pfxPDU struct {
	Version  int
	AuthSafe contentInfo
	MacData  macData `asn1:"optional"`
}

type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"tag:0,explicit,optional"`
}

type encryptedData struct {
	Version              int
	EncryptedContentInfo encryptedContentInfo
}

type encryptedContentInfo struct {
	ContentType                asn1.ObjectIdentifier
	ContentEncryptionAlgorithm algorithmIdentifier
	EncryptedContent           []byte `asn1:"tag:0,optional"`
}

type algorithmIdentifier struct {
	Algorithm  asn1.ObjectIdentifier
	Parameters asn1.RawValue `asn1:"optional"`
}

type macData struct {
	Mac        digestInfo
	MacSalt    []byte
	Iterations int `asn1:"optional,default:1"`
}

type digestInfo struct {
	Algorithm algorithmIdentifier
	Digest    []byte
}

type safeBag struct {
	ID         asn1.ObjectIdentifier
	Value      asn1.RawValue     `asn1:"tag:0,explicit"`
	Attributes []pkcs12Attribute `asn1:"set,optional"`
}

type pkcs12Attribute struct {
	ID    asn1.ObjectIdentifier
	Value asn1.RawValue `asn1:"set"`
}

type certBag struct {
	ID   asn1.ObjectIdentifier
	Data []byte `asn1:"tag:0,explicit"`
}

type encryptedPrivateKeyInfo struct {
	Algorithm     algorithmIdentifier
	EncryptedData []byte
}

type pbes2Params struct {
	KeyDerivationFunc algorithmIdentifier
	EncryptionScheme  algorithmIdentifier
}

type pbkdf2Params struct {
	Salt           []byte
	IterationCount int
	KeyLength      int                 `asn1:"optional"`
	PRF            algorithmIdentifier `asn1:"optional"`
}

// bag is one decoded safe bag: a certificate or a private key (PKCS#8
// DER) with its attributes.
type bag struct {
	cert, key    []byte
	friendlyName string
	localKeyID   []byte
	trusted      bool // carries the Java trust attribute
}

// encodePKCS12 writes bags into a PKCS#12 file protected by password.
// Certificates go into one encrypted SafeContents, keys as shrouded key
// bags into a plain one, as OpenSSL lays files out.
func encodePKCS12(bags []bag, password string) ([]byte, error) {
	var certBags, keyBags []safeBag
	for _, b := range bags {
		attrs, err := bagAttributes(b)
		if err != nil {
			return nil, err
		}
		if b.key != nil {
			enc, err := pbes2Encrypt(b.key, password)
			if err != nil {
				return nil, err
			}
			der, err := asn1.Marshal(enc)
			if err != nil {
				return nil, err
			}
			keyBags = append(keyBags, safeBag{ID: oidShroudedKeyBag, Value: explicit0(der), Attributes: attrs})
			continue
		}
		der, err := asn1.Marshal(certBag{ID: oidX509Certificate, Data: b.cert})
		if err != nil {
			return nil, err
		}
		certBags = append(certBags, safeBag{ID: oidCertBag, Value: explicit0(der), Attributes: attrs})
	}
	var safes []contentInfo
	if len(certBags) > 0 {
		ci, err := encryptedSafe(certBags, password)
		if err != nil {
			return nil, err
		}
		safes = append(safes, ci)
	}
	if len(keyBags) > 0 {
		ci, err := plainSafe(keyBags)
		if err != nil {
			return nil, err
		}
		safes = append(safes, ci)
	}
	if safes == nil {
		safes = []contentInfo{}
	}
	authSafe, err := asn1.Marshal(safes)
	if err != nil {
		return nil, err
	}
	mac, err := computeMac(authSafe, password)
	if err != nil {
		return nil, err
	}
	octets, err := asn1.Marshal(authSafe)
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(pfxPDU{Version: 3, AuthSafe: contentInfo{ContentType: oidData, Content: explicit0(octets)}, MacData: mac})
}

func explicit0(der []byte) asn1.RawValue {
	return asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: der}
}

func bagAttributes(b bag) ([]pkcs12Attribute, error) {
	var attrs []pkcs12Attribute
	add := func(id asn1.ObjectIdentifier, v any) error {
		der, err := asn1.Marshal(v)
		if err != nil {
			return err
		}
		attrs = append(attrs, pkcs12Attribute{ID: id, Value: asn1.RawValue{Tag: asn1.TagSet, IsCompound: true, Bytes: der}})
		return nil
	}
	if b.trusted {
		if err := add(oidJavaTrustedKeyUsage, oidAnyExtendedKeyUsage); err != nil {
			return nil, err
		}
	}
	if b.friendlyName != "" {
		bmp := asn1.RawValue{Tag: asn1.TagBMPString, Bytes: bmpString(b.friendlyName)}
		if err := add(oidFriendlyName, bmp); err != nil {
			return nil, err
		}
	}
	if b.localKeyID != nil {
		if err := add(oidLocalKeyID, b.localKeyID); err != nil {
			return nil, err
		}
	}
	return attrs, nil
}

func plainSafe(bags []safeBag) (contentInfo, error) {
	der, err := asn1.Marshal(bags)
	if err != nil {
		return contentInfo{}, err
	}
	octets, err := asn1.Marshal(der)
	if err != nil {
		return contentInfo{}, err
	}
	return contentInfo{ContentType: oidData, Content: explicit0(octets)}, nil
}

func encryptedSafe(bags []safeBag, password string) (contentInfo, error) {
	der, err := asn1.Marshal(bags)
	if err != nil {
		return contentInfo{}, err
	}
	enc, err := pbes2Encrypt(der, password)
	if err != nil {
		return contentInfo{}, err
	}
	ed := encryptedData{EncryptedContentInfo: encryptedContentInfo{
		ContentType: oidData, ContentEncryptionAlgorithm: enc.Algorithm, EncryptedContent: enc.EncryptedData,
	}}
	edDER, err := asn1.Marshal(ed)
	if err != nil {
		return contentInfo{}, err
	}
	return contentInfo{ContentType: oidEncryptedData, Content: explicit0(edDER)}, nil
}

// pbes2Encrypt encrypts data with PBES2: PBKDF2-HMAC-SHA256 and
// AES-256-CBC. The password is used as UTF-8, as OpenSSL and Java do.
func pbes2Encrypt(data []byte, password string) (encryptedPrivateKeyInfo, error) {
	salt := make([]byte, 16)
	iv := make([]byte, aes.BlockSize)
	if _, err := rand.Read(salt); err != nil {
		return encryptedPrivateKeyInfo{}, err
	}
	if _, err := rand.Read(iv); err != nil {
		return encryptedPrivateKeyInfo{}, err
	}
	key, err := pbkdf2.Key(sha256.New, password, salt, pkcs12Iterations, 32)
	if err != nil {
		return encryptedPrivateKeyInfo{}, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return encryptedPrivateKeyInfo{}, err
	}
	pad := aes.BlockSize - len(data)%aes.BlockSize
	buf := append(bytes.Clone(data), bytes.Repeat([]byte{byte(pad)}, pad)...)
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(buf, buf)

	nullParams := asn1.RawValue{Tag: asn1.TagNull}
	kdf, err := asn1.Marshal(pbkdf2Params{Salt: salt, IterationCount: pkcs12Iterations, KeyLength: 32,
		PRF: algorithmIdentifier{Algorithm: oidHMACWithSHA256, Parameters: nullParams}})
	if err != nil {
		return encryptedPrivateKeyInfo{}, err
	}
	ivDER, err := asn1.Marshal(iv)
	if err != nil {
		return encryptedPrivateKeyInfo{}, err
	}
	params, err := asn1.Marshal(pbes2Params{
		KeyDerivationFunc: algorithmIdentifier{Algorithm: oidPBKDF2, Parameters: asn1.RawValue{FullBytes: kdf}},
		EncryptionScheme:  algorithmIdentifier{Algorithm: oidAES256CBC, Parameters: asn1.RawValue{FullBytes: ivDER}},
	})
	if err != nil {
		return encryptedPrivateKeyInfo{}, err
	}
	return encryptedPrivateKeyInfo{
		Algorithm:     algorithmIdentifier{Algorithm: oidPBES2, Parameters: asn1.RawValue{FullBytes: params}},
		EncryptedData: buf,
	}, nil
}

// pbes2Decrypt reverses pbes2Encrypt, for AES-128/256-CBC with PBKDF2 on
// HMAC-SHA1 or HMAC-SHA256.
func pbes2Decrypt(alg algorithmIdentifier, data []byte, password string) ([]byte, error) {
	switch {
	case alg.Algorithm.Equal(oidPBEWithSHA3DES):
		return decrypt3DES(alg, data, password)
	case alg.Algorithm.Equal(oidPBEWithSHARC2_40):
		return nil, fmt.Errorf("%w: 40-bit RC2 encryption is too weak to be read; export the file again with AES (openssl pkcs12 -export without -legacy)", errBadFormat)
	}
	if !alg.Algorithm.Equal(oidPBES2) {
		return nil, fmt.Errorf("%w: encryption %v is not supported", errBadFormat, alg.Algorithm)
	}
	var params pbes2Params
	if err := unmarshalAll(alg.Parameters.FullBytes, &params); err != nil {
		return nil, err
	}
	if !params.KeyDerivationFunc.Algorithm.Equal(oidPBKDF2) {
		return nil, fmt.Errorf("%w: key derivation %v is not supported", errBadFormat, params.KeyDerivationFunc.Algorithm)
	}
	var kdf pbkdf2Params
	if err := unmarshalAll(params.KeyDerivationFunc.Parameters.FullBytes, &kdf); err != nil {
		return nil, err
	}
	var prf func() hash.Hash
	switch {
	case kdf.PRF.Algorithm == nil, kdf.PRF.Algorithm.Equal(oidHMACWithSHA1):
		prf = sha1.New
	case kdf.PRF.Algorithm.Equal(oidHMACWithSHA256):
		prf = sha256.New
	default:
		return nil, fmt.Errorf("%w: PRF %v is not supported", errBadFormat, kdf.PRF.Algorithm)
	}
	var keyLen int
	switch {
	case params.EncryptionScheme.Algorithm.Equal(oidAES256CBC):
		keyLen = 32
	case params.EncryptionScheme.Algorithm.Equal(oidAES128CBC):
		keyLen = 16
	default:
		return nil, fmt.Errorf("%w: cipher %v is not supported", errBadFormat, params.EncryptionScheme.Algorithm)
	}
	if kdf.IterationCount < 1 || kdf.IterationCount > maxIterations {
		return nil, fmt.Errorf("%w: iteration count %d", errBadFormat, kdf.IterationCount)
	}
	var iv []byte
	if err := unmarshalAll(params.EncryptionScheme.Parameters.FullBytes, &iv); err != nil {
		return nil, err
	}
	if len(iv) != aes.BlockSize || len(data) == 0 || len(data)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("%w: bad encrypted data", errBadFormat)
	}
	key, err := pbkdf2.Key(prf, password, kdf.Salt, kdf.IterationCount, keyLen)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errBadFormat, err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return decryptCBC(block, iv, data)
}

// decrypt3DES decrypts pbeWithSHAAnd3-KeyTripleDES-CBC, what older tools
// (and IBM's GSKit) write: key and IV from the PKCS#12 key derivation
// with SHA-1 and the BMPString password.
func decrypt3DES(alg algorithmIdentifier, data []byte, password string) ([]byte, error) {
	var p pbeParams
	if err := unmarshalAll(alg.Parameters.FullBytes, &p); err != nil {
		return nil, err
	}
	if p.Iterations < 1 || p.Iterations > maxIterations || len(data) == 0 || len(data)%des.BlockSize != 0 {
		return nil, fmt.Errorf("%w: bad 3DES parameters", errBadFormat)
	}
	pw := bmpPassword(password)
	key := pkcs12KDF(sha1.New, 64, pw, p.Salt, p.Iterations, 1, 24)
	iv := pkcs12KDF(sha1.New, 64, pw, p.Salt, p.Iterations, 2, des.BlockSize)
	block, err := des.NewTripleDESCipher(key)
	if err != nil {
		return nil, err
	}
	return decryptCBC(block, iv, data)
}

// decryptCBC decrypts data and removes its PKCS#7 padding; bad padding
// means a wrong key.
func decryptCBC(block cipher.Block, iv, data []byte) ([]byte, error) {
	out := bytes.Clone(data)
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, out)
	pad := int(out[len(out)-1])
	if pad == 0 || pad > block.BlockSize() || pad > len(out) {
		return nil, errBadPassword
	}
	for _, c := range out[len(out)-pad:] {
		if int(c) != pad {
			return nil, errBadPassword
		}
	}
	return out[:len(out)-pad], nil
}

// computeMac returns the MacData of authSafe: HMAC-SHA256 with a key from
// the PKCS#12 key derivation (RFC 7292 appendix B, ID 3).
func computeMac(authSafe []byte, password string) (macData, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return macData{}, err
	}
	key := pkcs12KDF(sha256.New, 64, bmpPassword(password), salt, pkcs12Iterations, 3, 32)
	h := hmac.New(sha256.New, key)
	h.Write(authSafe)
	return macData{
		Mac:        digestInfo{Algorithm: algorithmIdentifier{Algorithm: oidSHA256, Parameters: asn1.RawValue{Tag: asn1.TagNull}}, Digest: h.Sum(nil)},
		MacSalt:    salt,
		Iterations: pkcs12Iterations,
	}, nil
}

func verifyMac(m macData, authSafe []byte, password string) error {
	var h func() hash.Hash
	switch {
	case m.Mac.Algorithm.Algorithm.Equal(oidSHA256):
		h = sha256.New
	case m.Mac.Algorithm.Algorithm.Equal(oidSHA1):
		h = sha1.New
	default:
		return fmt.Errorf("%w: MAC algorithm %v is not supported", errBadFormat, m.Mac.Algorithm.Algorithm)
	}
	if m.Iterations < 1 || m.Iterations > maxIterations {
		return fmt.Errorf("%w: MAC iteration count %d", errBadFormat, m.Iterations)
	}
	size := h().Size()
	key := pkcs12KDF(h, 64, bmpPassword(password), m.MacSalt, m.Iterations, 3, size)
	mac := hmac.New(h, key)
	mac.Write(authSafe)
	if subtle.ConstantTimeCompare(mac.Sum(nil), m.Mac.Digest) != 1 {
		return errBadPassword
	}
	return nil
}

// pkcs12KDF is the key derivation of RFC 7292 appendix B.2 for hash h with
// block size v: id 1 derives keys, 2 IVs, 3 MAC keys.
func pkcs12KDF(h func() hash.Hash, v int, password, salt []byte, iterations int, id byte, n int) []byte {
	d := bytes.Repeat([]byte{id}, v)
	fill := func(b []byte) []byte {
		if len(b) == 0 {
			return nil
		}
		out := make([]byte, v*((len(b)+v-1)/v))
		for i := range out {
			out[i] = b[i%len(b)]
		}
		return out
	}
	ib := append(fill(salt), fill(password)...)
	var out []byte
	for len(out) < n {
		hh := h()
		hh.Write(d)
		hh.Write(ib)
		a := hh.Sum(nil)
		for r := 1; r < iterations; r++ {
			hh.Reset()
			hh.Write(a)
			a = hh.Sum(a[:0])
		}
		out = append(out, a...)
		if len(out) >= n {
			break
		}
		b := make([]byte, v)
		for i := range b {
			b[i] = a[i%len(a)]
		}
		for j := 0; j < len(ib); j += v {
			carry := 1
			for k := v - 1; k >= 0; k-- {
				sum := int(ib[j+k]) + int(b[k]) + carry
				ib[j+k] = byte(sum)
				carry = sum >> 8
			}
		}
	}
	return out[:n]
}

// bmpPassword is the password as PKCS#12's MAC takes it: big-endian UTF-16
// with a terminating zero.
func bmpPassword(s string) []byte {
	if s == "" {
		return nil
	}
	return append(bmpString(s), 0, 0)
}

func bmpString(s string) []byte {
	u := utf16.Encode([]rune(s))
	out := make([]byte, 2*len(u))
	for i, c := range u {
		out[2*i] = byte(c >> 8)
		out[2*i+1] = byte(c)
	}
	return out
}

func decodeBMP(b []byte) (string, error) {
	if len(b)%2 != 0 {
		return "", fmt.Errorf("%w: odd-length BMPString", errBadFormat)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u)), nil
}

// unmarshalAll decodes DER into v and refuses trailing data.
func unmarshalAll(der []byte, v any) error {
	rest, err := asn1.Unmarshal(der, v)
	if err != nil {
		return fmt.Errorf("%w: %w", errBadFormat, err)
	}
	if len(rest) != 0 {
		return fmt.Errorf("%w: trailing data", errBadFormat)
	}
	return nil
}

// decodePKCS12 reads every certificate and key bag of a PKCS#12 file. A
// wrong password is errBadPassword; anything else unreadable wraps
// errBadFormat.
func decodePKCS12(data []byte, password string) ([]bag, error) {
	var pfx pfxPDU
	if err := unmarshalAll(data, &pfx); err != nil {
		return nil, err
	}
	if pfx.Version != 3 || !pfx.AuthSafe.ContentType.Equal(oidData) {
		return nil, fmt.Errorf("%w: not a PKCS#12 file", errBadFormat)
	}
	var authSafe []byte
	if err := unmarshalAll(pfx.AuthSafe.Content.Bytes, &authSafe); err != nil {
		return nil, err
	}
	if pfx.MacData.Mac.Algorithm.Algorithm == nil {
		return nil, fmt.Errorf("%w: file has no integrity MAC", errBadFormat)
	}
	if err := verifyMac(pfx.MacData, authSafe, password); err != nil {
		return nil, err
	}
	return decodeAuthSafe(authSafe, password)
}

// decodeAuthSafe reads the bags of an AuthenticatedSafe whose MAC has
// been verified.
func decodeAuthSafe(authSafe []byte, password string) ([]bag, error) {
	var safes []contentInfo
	if err := unmarshalAll(authSafe, &safes); err != nil {
		return nil, err
	}
	var bags []bag
	for _, ci := range safes {
		contents, err := safeContents(ci, password)
		if err != nil {
			return nil, err
		}
		var sbs []safeBag
		if err := unmarshalAll(contents, &sbs); err != nil {
			return nil, err
		}
		for _, sb := range sbs {
			b, ok, err := decodeBag(sb, password)
			if err != nil {
				return nil, err
			}
			if ok {
				bags = append(bags, b)
			}
		}
	}
	return bags, nil
}

func safeContents(ci contentInfo, password string) ([]byte, error) {
	switch {
	case ci.ContentType.Equal(oidData):
		var b []byte
		err := unmarshalAll(ci.Content.Bytes, &b)
		return b, err
	case ci.ContentType.Equal(oidEncryptedData):
		var ed encryptedData
		if err := unmarshalAll(ci.Content.Bytes, &ed); err != nil {
			return nil, err
		}
		eci := ed.EncryptedContentInfo
		return pbes2Decrypt(eci.ContentEncryptionAlgorithm, eci.EncryptedContent, password)
	}
	return nil, fmt.Errorf("%w: content type %v is not supported", errBadFormat, ci.ContentType)
}

// decodeBag returns a certificate or key bag; other bag types (CRLs,
// secrets) are skipped with ok false.
func decodeBag(sb safeBag, password string) (bag, bool, error) {
	var b bag
	for _, a := range sb.Attributes {
		switch {
		case a.ID.Equal(oidFriendlyName):
			var raw asn1.RawValue
			if err := unmarshalAll(a.Value.Bytes, &raw); err != nil {
				return b, false, err
			}
			name, err := decodeBMP(raw.Bytes)
			if err != nil {
				return b, false, err
			}
			b.friendlyName = name
		case a.ID.Equal(oidLocalKeyID):
			if err := unmarshalAll(a.Value.Bytes, &b.localKeyID); err != nil {
				return b, false, err
			}
		case a.ID.Equal(oidJavaTrustedKeyUsage):
			b.trusted = true
		}
	}
	switch {
	case sb.ID.Equal(oidCertBag):
		var cb certBag
		if err := unmarshalAll(sb.Value.Bytes, &cb); err != nil {
			return b, false, err
		}
		if !cb.ID.Equal(oidX509Certificate) {
			return b, false, nil
		}
		b.cert = cb.Data
	case sb.ID.Equal(oidShroudedKeyBag):
		var epki encryptedPrivateKeyInfo
		if err := unmarshalAll(sb.Value.Bytes, &epki); err != nil {
			return b, false, err
		}
		key, err := pbes2Decrypt(epki.Algorithm, epki.EncryptedData, password)
		if err != nil {
			return b, false, err
		}
		b.key = key
	case sb.ID.Equal(oidKeyBag):
		b.key = sb.Value.Bytes
	default:
		return b, false, nil
	}
	return b, true, nil
}
