package ssl

import (
	"bytes"
	"fmt"
	"os"
)

// A stash file holds the repository password obscured, never in clear:
// each byte XORed with 0xF5 and the rest of the fixed-size file filled
// with obscured zeros, the layout IBM's key tools use for .sth files. It
// protects against a casual look, not against the owner of the file,
// which is why it is written with mode 0600.
const (
	stashSize   = 129
	stashMask   = 0xF5
	maxPassword = stashSize - 1
)

// encodeStash returns the content of a stash file for password.
func encodeStash(password string) ([]byte, error) {
	if password == "" || len(password) > maxPassword || bytes.IndexByte([]byte(password), 0) >= 0 {
		return nil, fmt.Errorf("ssl: a stashed password must be 1 to %d bytes without NUL", maxPassword)
	}
	out := make([]byte, stashSize)
	copy(out, password)
	for i := range out {
		out[i] ^= stashMask
	}
	return out, nil
}

// decodeStash returns the password of a stash file's content.
func decodeStash(data []byte) (string, error) {
	if len(data) == 0 || len(data) > 4096 {
		return "", fmt.Errorf("%w: size %d", ErrBadStash, len(data))
	}
	pw := make([]byte, 0, len(data))
	for _, c := range data {
		c ^= stashMask
		if c == 0 {
			break
		}
		pw = append(pw, c)
	}
	if len(pw) == 0 || len(pw) == len(data) {
		return "", fmt.Errorf("%w: no password", ErrBadStash)
	}
	return string(pw), nil
}

// WriteStash writes the stash file of password with mode 0600.
func WriteStash(path, password string) error {
	data, err := encodeStash(password)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data)
}

// ReadStash returns the password of a stash file.
func ReadStash(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return decodeStash(data)
}
