package qmdir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidateQMgrName(t *testing.T) {
	good := []string{"QM1", "saturn.queue.manager", "a/b_c%d", strings.Repeat("Q", 48), "x"}
	for _, n := range good {
		if err := ValidateQMgrName(n); err != nil {
			t.Errorf("%q rejected: %v", n, err)
		}
	}
	bad := map[string]string{
		"":                      "empty",
		strings.Repeat("Q", 49): "49 characters",
		"QM 1":                  "' '",
		"QM-1":                  "'-'",
		"QMé":                   "'é'",
		"QM!1":                  "'!'",
	}
	for n, reason := range bad {
		err := ValidateQMgrName(n)
		var ne *NameError
		if !errors.Is(err, ErrInvalidName) || !errors.As(err, &ne) || !strings.Contains(err.Error(), reason) {
			t.Errorf("%q: error %v, want NameError mentioning %s", n, err, reason)
		}
	}
}

func TestMangle(t *testing.T) {
	tests := map[string]string{
		"QM1":                  "QM1",
		"saturn.queue.manager": "saturn!queue!manager",
		"a/b.c":                "a&b!c",
		"p%q_r":                "p%q_r",
	}
	for in, want := range tests {
		if got := Mangle(in); got != want {
			t.Errorf("Mangle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDirForAvoidsTakenDirectories(t *testing.T) {
	l := newLayout(t)
	if d, err := l.DirFor("a.b"); err != nil || d != "a!b" {
		t.Fatalf("fresh: %q, %v", d, err)
	}
	// A directory left on disk without a registration.
	if err := os.Mkdir(filepath.Join(l.QMgrsDir(), "a!b"), 0o755); err != nil {
		t.Fatal(err)
	}
	if d, _ := l.DirFor("a.b"); d != "a!b.000" {
		t.Errorf("with qmgrs/a!b present: %q, want a!b.000", d)
	}
	// A registered queue manager using .000, and a leftover log directory.
	if err := l.Register(Entry{Name: "other", Directory: "a!b.000"}, false); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(l.LogDir(), "a!b.001"), 0o755); err != nil {
		t.Fatal(err)
	}
	if d, _ := l.DirFor("a.b"); d != "a!b.002" {
		t.Errorf("got %q, want a!b.002", d)
	}
	if _, err := l.DirFor("bad name"); !errors.Is(err, ErrInvalidName) {
		t.Errorf("invalid name: %v", err)
	}
}
