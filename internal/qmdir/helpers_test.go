package qmdir

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// newLayout returns an initialised Layout in a temporary directory.
func newLayout(t *testing.T) Layout {
	t.Helper()
	l := Layout{Root: filepath.Join(t.TempDir(), "mqm")}
	if err := l.Init(); err != nil {
		t.Fatalf("Init: %v", err)
	}
	return l
}

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode()
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
