package store

import (
	"errors"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestOpenRejectsUnknownFormat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "qm.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyFormat, []byte("99"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Check with format 99 = %v, want ErrCorrupt", err)
	}
	s.Close()
	if _, err := Open(path, nil); !errors.Is(err, ErrFormat) {
		t.Fatalf("Open of format 99 = %v, want ErrFormat", err)
	}
}
