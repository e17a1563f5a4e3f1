package ssl

import (
	"os"
	"path/filepath"
	"testing"
)

func TestKeyStoreRefresh(t *testing.T) {
	dir := t.TempDir()
	_, stem := writeTestRepository(t, dir, "pw1")
	_, sth := RepositoryFiles(stem)
	ks := NewKeyStore(stem, "")
	if _, err := ks.Repository(); IDOf(err) != msgRepoPassword {
		t.Fatalf("no stash yet: %v, want AMQ9660E", err)
	}
	if err := WriteStash(sth, "pw1"); err != nil {
		t.Fatal(err)
	}
	if _, err := ks.Repository(); IDOf(err) != msgRepoPassword {
		t.Errorf("the failure is kept until a refresh: %v", err)
	}
	if err := ks.Refresh(stem, ""); err != nil {
		t.Fatal(err)
	}
	r, err := ks.Repository()
	if err != nil || len(r.Entries) != 3 {
		t.Fatalf("after refresh: %v", err)
	}
	// A new repository (ALTER QMGR SSLKEYR) is used from the next refresh;
	// until then the old one stays.
	other := filepath.Join(dir, "other")
	p12, sth2 := RepositoryFiles(other)
	if err := (&Repository{Path: p12}).Save("pw2"); err != nil {
		t.Fatal(err)
	}
	if err := WriteStash(sth2, "pw2"); err != nil {
		t.Fatal(err)
	}
	if r2, _ := ks.Repository(); r2 != r {
		t.Error("repository changed without a refresh")
	}
	if err := ks.Refresh(other, ""); err != nil || ks.Stem() != other {
		t.Fatal(err)
	}
	if r3, _ := ks.Repository(); len(r3.Entries) != 0 {
		t.Errorf("refreshed repository has %d entries", len(r3.Entries))
	}
	// A damaged stash is AMQ9660E; a password given overrides the stash.
	if err := os.WriteFile(sth2, []byte{stashMask}, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ks.Refresh(other, ""); IDOf(err) != msgRepoPassword {
		t.Errorf("damaged stash: %v", err)
	}
	if err := ks.Refresh(other, "pw2"); err != nil {
		t.Errorf("password given: %v", err)
	}
}

func TestKeyLogFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.log")
	f, err := OpenKeyLog(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key log mode %v %v", fi.Mode(), err)
	}
	w := KeyLogWarning(path)
	if got := w.Message().Text; got != "TLS secret keys are being written to '"+path+"'." {
		t.Errorf("warning %q", got)
	}
}
