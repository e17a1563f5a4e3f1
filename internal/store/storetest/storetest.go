// Package storetest provides test helpers for code that uses package
// store.
package storetest

import (
	"path/filepath"
	"testing"

	"github.com/gomqm/gomqm/internal/store"
)

// New opens a fresh store in t.TempDir(). When the test ends it runs
// Check (failing the test on any inconsistency) and closes the store.
// Writes skip fsync: the helper is for logic tests, not crash tests.
func New(t testing.TB) *store.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "qmstore.db")
	s, err := store.Open(path, &store.Options{NoSync: true})
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Errorf("storetest: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("storetest: %v", err)
		}
	})
	return s
}
