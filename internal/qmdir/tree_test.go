package qmdir

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func createQM(t *testing.T, l Layout, name string) (Entry, string) {
	t.Helper()
	e := Entry{Name: name, Directory: Mangle(name)}
	ini, err := l.NewQMIni(e)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := l.CreateQMgrTree(e, ini)
	if err != nil {
		t.Fatalf("CreateQMgrTree: %v", err)
	}
	return e, dir
}

func TestCreateQMgrTree(t *testing.T) {
	l := newLayout(t)
	old := syscall.Umask(0o077)
	e, dir := createQM(t, l, "QM.A")
	syscall.Umask(old)
	if dir != filepath.Join(l.Root, "qmgrs", "QM!A") {
		t.Errorf("dir %s", dir)
	}
	dirMode := fs.ModeDir | fs.ModeSetgid | 0o770
	for _, sub := range append(qmgrSubdirs(), ".") {
		if got := mode(t, filepath.Join(dir, sub)); got != dirMode {
			t.Errorf("%s mode %v, want %v", sub, got, dirMode)
		}
	}
	for _, d := range []string{l.QMgrLogDir(e), filepath.Join(l.QMgrLogDir(e), "active")} {
		if got := mode(t, d); got != dirMode {
			t.Errorf("%s mode %v, want %v", d, got, dirMode)
		}
	}
	for _, f := range []string{QMIniFile, StatusFile, LockFile} {
		if got := mode(t, filepath.Join(dir, f)); got != 0o660 {
			t.Errorf("%s mode %v, want 0660", f, got)
		}
	}
	q, err := ReadQMIni(filepath.Join(dir, QMIniFile))
	if err != nil {
		t.Fatal(err)
	}
	if q.Log.LogPath != l.QMgrLogDir(e)+"/" {
		t.Errorf("LogPath %q", q.Log.LogPath)
	}
	if st, err := l.QueryStatus(e); err != nil || st != StateEndedImmediately {
		t.Errorf("status after create %q, %v; want %q", st, err, StateEndedImmediately)
	}
}

func TestCreateQMgrTreeRefusesExisting(t *testing.T) {
	l := newLayout(t)
	e, dir := createQM(t, l, "QM1")
	ini, _ := l.NewQMIni(e)
	if _, err := l.CreateQMgrTree(e, ini); !errors.Is(err, ErrExists) {
		t.Fatalf("second create: %v, want ErrExists", err)
	}
	if _, err := os.Stat(filepath.Join(dir, QMIniFile)); err != nil {
		t.Errorf("failed create damaged the existing queue manager: %v", err)
	}
}

func TestCreateQMgrTreeRollsBackWhenLogDirExists(t *testing.T) {
	l := newLayout(t)
	e := Entry{Name: "QM2"}
	if err := os.Mkdir(l.QMgrLogDir(e), 0o700); err != nil {
		t.Fatal(err)
	}
	ini, _ := l.NewQMIni(e)
	_, err := l.CreateQMgrTree(e, ini)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("error %v, want ErrExists", err)
	}
	if _, err := os.Stat(l.QMgrDir(e)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("data directory left behind: %v", err)
	}
	if _, err := os.Stat(l.QMgrLogDir(e)); err != nil {
		t.Errorf("pre-existing log directory removed: %v", err)
	}
}

func TestCreateQMgrTreeValidatesSettings(t *testing.T) {
	l := newLayout(t)
	e := Entry{Name: "QM3"}
	ini, _ := l.NewQMIni(e)
	ini.Log.LogPrimaryFiles = 1
	if _, err := l.CreateQMgrTree(e, ini); err == nil || !strings.Contains(err.Error(), "LogPrimaryFiles") {
		t.Fatalf("error %v", err)
	}
	if _, err := os.Stat(l.QMgrDir(e)); !errors.Is(err, fs.ErrNotExist) {
		t.Error("directory created despite invalid settings")
	}
}

func TestRemoveQMgrTree(t *testing.T) {
	l := newLayout(t)
	e, dir := createQM(t, l, "QM.R")
	if err := l.RemoveQMgrTree(e); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dir, l.QMgrLogDir(e)} {
		if _, err := os.Stat(d); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s still there: %v", d, err)
		}
	}
	if err := l.RemoveQMgrTree(e); err != nil {
		t.Errorf("removing twice: %v", err)
	}
	if _, err := l.QueryStatus(e); !errors.Is(err, ErrNotFound) {
		t.Errorf("status of removed queue manager: %v, want ErrNotFound", err)
	}
}

func TestRemoveQMgrTreeFollowsCustomLogPath(t *testing.T) {
	l := newLayout(t)
	e := Entry{Name: "QM4"}
	ini, _ := l.NewQMIni(e)
	custom := filepath.Join(t.TempDir(), "QM4")
	ini.Log.LogPath = custom + "/"
	if _, err := l.CreateQMgrTree(e, ini); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(custom, "active")); err != nil {
		t.Fatalf("custom log path not used: %v", err)
	}
	if err := l.RemoveQMgrTree(e); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(custom); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("custom log directory still there: %v", err)
	}
}
