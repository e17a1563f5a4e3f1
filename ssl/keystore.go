package ssl

import (
	"os"
	"sync"
)

// KeyStore is a queue manager's key repository as channels use it: read
// once, kept in memory, and read again only by Refresh (REFRESH SECURITY
// TYPE(SSL)), which is also when a changed SSLKEYR takes effect. Channel
// instances started after a refresh see the new repository; running ones
// keep the one they started with. It is safe for concurrent use.
type KeyStore struct {
	mu       sync.Mutex // guards the fields below
	stem     string
	password string
	repo     *Repository
	err      error
	loaded   bool
}

// NewKeyStore returns a KeyStore for the stem (SSLKEYR). password is the
// repository password when it is given (KEYRPWD); blank uses the stash.
// Nothing is read until the first Repository call.
func NewKeyStore(stem, password string) *KeyStore {
	return &KeyStore{stem: stem, password: password}
}

// Repository returns the repository, reading it on first use. A failure is
// remembered (AMQ9657E, AMQ9660E, AMQ9661E) until the next Refresh. The
// repository is shared by every channel: callers read it and never change
// it.
func (k *KeyStore) Repository() (*Repository, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.loaded {
		k.repo, k.err = OpenRepository(k.stem, k.password)
		k.loaded = true
	}
	return k.repo, k.err
}

// Refresh reads the repository of stem again (the queue manager's current
// SSLKEYR) and returns the error of reading it.
func (k *KeyStore) Refresh(stem, password string) error {
	repo, err := OpenRepository(stem, password)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.stem, k.password = stem, password
	k.repo, k.err, k.loaded = repo, err, true
	return err
}

// Stem returns the stem the repository is read from.
func (k *KeyStore) Stem() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.stem
}

// OpenKeyLog opens (appending, mode 0600) the file that receives TLS
// secrets in the NSS key log format Wireshark and tshark read. It is for
// diagnosis only: whoever reads the file can decrypt the channels. The
// caller logs KeyLogWarning when it is on.
func OpenKeyLog(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
}

// KeyLogWarning is the AMQ9796W entry an admin must see while key logging
// is on, naming the file.
func KeyLogWarning(path string) *Error {
	return &Error{ID: msgKeyLogging, Detail: path}
}
