package ssl

import (
	"bytes"
	"crypto"
	"crypto/sha1"
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Entry is one labelled item of a key repository: a personal certificate
// with its private key, or a trusted (signer or partner) certificate.
type Entry struct {
	Label string
	Cert  *x509.Certificate
	// Key is the private key of a personal certificate; nil for a trusted
	// certificate.
	Key crypto.Signer
}

// Personal reports whether the entry has a private key.
func (e Entry) Personal() bool { return e.Key != nil }

// Repository is a PKCS#12 key repository in memory: its entries in file
// order. Open reads one, Save writes it back.
type Repository struct {
	// Path is the .p12 file.
	Path    string
	Entries []Entry
}

// RepositoryFiles returns the files of a key repository stem (SSLKEYR):
// the PKCS#12 file and its password stash.
func RepositoryFiles(stem string) (p12, sth string) {
	return stem + ".p12", stem + ".sth"
}

// StemOf returns the stem of a repository file name ("key.p12" -> "key").
func StemOf(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path))
}

// OpenRepository reads the repository of a stem (SSLKEYR). The password is
// taken from password when it is not empty (KEYRPWD), else from the stash
// file. Failures carry IBM's ids: AMQ9657E when the file is missing or
// unreadable, AMQ9660E for a wrong password or an unusable stash, AMQ9661E
// for a file that cannot be decoded.
func OpenRepository(stem, password string) (*Repository, error) {
	p12, sth := RepositoryFiles(stem)
	if password == "" {
		pw, err := ReadStash(sth)
		if err != nil {
			return nil, &Error{ID: msgRepoPassword, Detail: "stash file " + sth + ": " + errText(err), Err: err}
		}
		password = pw
	}
	return ReadRepository(p12, password)
}

// ReadRepository reads a PKCS#12 file with its password.
func ReadRepository(path, password string) (*Repository, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{ID: msgRepoNotOpened, Detail: "key repository " + path + ": " + errText(err), Err: err}
	}
	r, err := parseRepository(data, password)
	if err != nil {
		id := msgBadRepository
		if errors.Is(err, errBadPassword) {
			id = msgRepoPassword
		}
		return nil, &Error{ID: id, Detail: "key repository " + path + ": " + errText(err), Err: err}
	}
	r.Path = path
	return r, nil
}

// errText is an error's text without the package prefix, for details.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return strings.TrimPrefix(err.Error(), "ssl: ")
}

// parseRepository decodes a PKCS#12 file into entries: keys are joined to
// their certificates by localKeyId (or by public key), and the label is the
// friendlyName of the certificate (or of its key).
func parseRepository(data []byte, password string) (*Repository, error) {
	bags, err := decodePKCS12(data, password)
	if err != nil {
		return nil, err
	}
	var keys []bag
	r := &Repository{}
	for _, b := range bags {
		if b.key != nil {
			keys = append(keys, b)
		}
	}
	for _, b := range bags {
		if b.cert == nil {
			continue
		}
		cert, err := x509.ParseCertificate(b.cert)
		if err != nil {
			return nil, fmt.Errorf("%w: certificate: %w", errBadFormat, err)
		}
		e := Entry{Label: b.friendlyName, Cert: cert}
		for _, k := range keys {
			if !matchesKey(b, k, cert) {
				continue
			}
			signer, err := parseKey(k.key)
			if err != nil {
				return nil, err
			}
			e.Key = signer
			if e.Label == "" {
				e.Label = k.friendlyName
			}
		}
		if e.Label == "" {
			e.Label = FormatDN(SubjectAttrs(cert))
		}
		r.Entries = append(r.Entries, e)
	}
	return r, nil
}

func matchesKey(c, k bag, cert *x509.Certificate) bool {
	if c.localKeyID != nil && k.localKeyID != nil {
		return bytes.Equal(c.localKeyID, k.localKeyID)
	}
	signer, err := parseKey(k.key)
	if err != nil {
		return false
	}
	pub, ok := signer.Public().(interface{ Equal(crypto.PublicKey) bool })
	return ok && pub.Equal(cert.PublicKey)
}

func parseKey(der []byte) (crypto.Signer, error) {
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("%w: private key: %w", errBadFormat, err)
	}
	s, ok := k.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("%w: private key of type %T", errBadFormat, k)
	}
	return s, nil
}

// Marshal encodes the repository as a PKCS#12 file.
func (r *Repository) Marshal(password string) ([]byte, error) {
	var bags []bag
	for _, e := range r.Entries {
		b := bag{cert: e.Cert.Raw, friendlyName: e.Label}
		if e.Key != nil {
			id := sha1.Sum(e.Cert.Raw)
			b.localKeyID = id[:]
			der, err := x509.MarshalPKCS8PrivateKey(e.Key)
			if err != nil {
				return nil, fmt.Errorf("ssl: label %s: %w", e.Label, err)
			}
			bags = append(bags, bag{key: der, friendlyName: e.Label, localKeyID: id[:]})
		} else {
			b.trusted = true
		}
		bags = append(bags, b)
	}
	return encodePKCS12(bags, password)
}

// Save writes the repository to its Path with mode 0600, replacing the
// file atomically.
func (r *Repository) Save(password string) error {
	data, err := r.Marshal(password)
	if err != nil {
		return err
	}
	return writeFileAtomic(r.Path, data)
}

// writeFileAtomic writes data to a temporary file with mode 0600, syncs
// it, and renames it over path.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("ssl: writing %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("ssl: writing %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("ssl: writing %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("ssl: writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("ssl: writing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("ssl: writing %s: %w", path, err)
	}
	return nil
}

// Find returns the entry with the label. Labels compare exactly, as
// IBM MQ's do.
func (r *Repository) Find(label string) (Entry, bool) {
	for _, e := range r.Entries {
		if e.Label == label {
			return e, true
		}
	}
	return Entry{}, false
}

// Add appends an entry; the label and the certificate must not be in the
// repository already.
func (r *Repository) Add(e Entry) error {
	if e.Label == "" || e.Cert == nil {
		return errors.New("ssl: an entry needs a label and a certificate")
	}
	for _, old := range r.Entries {
		if old.Label == e.Label {
			return fmt.Errorf("%w: %s", ErrLabelExists, e.Label)
		}
		if old.Cert.Equal(e.Cert) {
			return fmt.Errorf("%w: label %s", ErrDuplicateCert, old.Label)
		}
	}
	r.Entries = append(r.Entries, e)
	return nil
}

// Delete removes the entry with the label.
func (r *Repository) Delete(label string) error {
	i := slices.IndexFunc(r.Entries, func(e Entry) bool { return e.Label == label })
	if i < 0 {
		return fmt.Errorf("%w: %s", ErrNoLabel, label)
	}
	r.Entries = slices.Delete(r.Entries, i, i+1)
	return nil
}

// TrustedPool returns the pool of every certificate of the repository
// without a key: the signers a partner's certificate may chain to.
func (r *Repository) TrustedPool() *x509.CertPool {
	pool := x509.NewCertPool()
	for _, e := range r.Entries {
		if !e.Personal() {
			pool.AddCert(e.Cert)
		}
	}
	return pool
}
