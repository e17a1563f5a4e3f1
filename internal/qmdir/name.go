package qmdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// MaxNameLen is the longest queue manager name.
const MaxNameLen = 48

// ValidateQMgrName checks a queue manager name against IBM MQ's rules. The
// error is a *NameError, matching ErrInvalidName.
func ValidateQMgrName(name string) error {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return &NameError{Name: name, Reason: "empty"}
	case n > MaxNameLen:
		return &NameError{Name: name, Reason: fmt.Sprintf("%d characters, at most %d allowed", n, MaxNameLen)}
	}
	for _, r := range name {
		if !nameChar(r) {
			return &NameError{Name: name, Reason: fmt.Sprintf("character %q not allowed (use A-Z a-z 0-9 . / _ %%)", r)}
		}
	}
	return nil
}

func nameChar(r rune) bool {
	return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' ||
		r == '.' || r == '/' || r == '_' || r == '%'
}

// Mangle turns a queue manager name into its directory name: '.' becomes
// '!' and '/' becomes '&' ("saturn.queue.manager" -> "saturn!queue!manager").
func Mangle(name string) string {
	return strings.NewReplacer(".", "!", "/", "&").Replace(name)
}

// DirFor returns the directory name a new queue manager called name should
// use: Mangle(name), or the first of Mangle(name)+".000", ".001", ... that
// is neither registered in mqs.ini nor present under qmgrs/ or log/.
func (l Layout) DirFor(name string) (string, error) {
	if err := ValidateQMgrName(name); err != nil {
		return "", err
	}
	entries, err := l.List()
	if err != nil {
		return "", err
	}
	taken := map[string]bool{}
	for _, e := range entries {
		taken[e.Directory] = true
	}
	base := Mangle(name)
	for i := -1; i < 1000; i++ {
		dir := base
		if i >= 0 {
			dir = fmt.Sprintf("%s.%03d", base, i)
		}
		if taken[dir] {
			continue
		}
		free, err := l.dirFree(dir)
		if err != nil {
			return "", err
		}
		if free {
			return dir, nil
		}
	}
	return "", fmt.Errorf("qmdir: directory for %s: %w", name, ErrDirsExhausted)
}

// dirFree reports whether neither qmgrs/dir nor log/dir exists.
func (l Layout) dirFree(dir string) (bool, error) {
	for _, p := range []string{filepath.Join(l.QMgrsDir(), dir), filepath.Join(l.LogDir(), dir)} {
		_, err := os.Lstat(p)
		switch {
		case err == nil:
			return false, nil
		case !errors.Is(err, fs.ErrNotExist):
			return false, fmt.Errorf("qmdir: %w", err)
		}
	}
	return true, nil
}
