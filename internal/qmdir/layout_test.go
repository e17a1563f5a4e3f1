package qmdir

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestInitCreatesTreeWithIBMModes(t *testing.T) {
	for _, umask := range []int{0o077, 0o000} {
		old := syscall.Umask(umask)
		l := Layout{Root: filepath.Join(t.TempDir(), "mqm")}
		err := l.Init()
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		want := fs.ModeDir | fs.ModeSetgid | 0o775
		for _, d := range append(rootDirs(), ".") {
			if got := mode(t, filepath.Join(l.Root, d)); got != want {
				t.Errorf("umask %03o: %s mode %v, want %v", umask, d, got, want)
			}
		}
		if got := mode(t, l.MQSIni()); got != 0o664 {
			t.Errorf("umask %03o: mqs.ini mode %v, want 0664", umask, got)
		}
	}
}

func TestInitWritesMQSIni(t *testing.T) {
	l := newLayout(t)
	want := "AllQueueManagers:\n   DefaultPrefix=" + l.Root + "\n\nLogDefaults:\n" +
		"   LogPrimaryFiles=3\n   LogSecondaryFiles=2\n   LogFilePages=4096\n   LogType=CIRCULAR\n" +
		"   LogBufferPages=0\n   LogDefaultPath=" + l.LogDir() + "\n"
	if got := readFile(t, l.MQSIni()); got != want {
		t.Errorf("mqs.ini:\n%s\nwant:\n%s", got, want)
	}
}

func TestInitKeepsExistingTree(t *testing.T) {
	l := newLayout(t)
	custom := "# mine\nAllQueueManagers:\n   DefaultPrefix=/elsewhere\n"
	if err := os.WriteFile(l.MQSIni(), []byte(custom), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(l.ErrorsDir(), fs.ModeSticky|0o777); err != nil {
		t.Fatal(err)
	}
	if err := l.Init(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, l.MQSIni()); got != custom {
		t.Errorf("Init rewrote mqs.ini:\n%s", got)
	}
	if got := mode(t, l.ErrorsDir()); got.Perm() != 0o777 || got&fs.ModeSticky == 0 {
		t.Errorf("Init changed the mode of an existing directory to %v", got)
	}
}

func TestPaths(t *testing.T) {
	l := Layout{Root: "/var/mqm"}
	e := Entry{Name: "saturn.queue.manager"}
	got := strings.Join([]string{l.QMgrsDir(), l.ErrorsDir(), l.LogDir(), l.MQSIni(), l.QMgrDir(e), l.QMgrLogDir(e)}, " ")
	want := "/var/mqm/qmgrs /var/mqm/errors /var/mqm/log /var/mqm/mqs.ini /var/mqm/qmgrs/saturn!queue!manager /var/mqm/log/saturn!queue!manager"
	if got != want {
		t.Errorf("paths\n%s\nwant\n%s", got, want)
	}
	if d := l.QMgrDir(Entry{Name: "Q", Prefix: "/data", Directory: "Q.000"}); d != "/data/qmgrs/Q.000" {
		t.Errorf("with prefix and directory: %s", d)
	}
}

func TestChownGivesFilesToOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give files away")
	}
	path := filepath.Join(t.TempDir(), "f")
	if err := writeNew(path, []byte("x"), modeFile, owner{uid: 65534, gid: 65534, set: true}); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 65534 || st.Gid != 65534 || fi.Mode().Perm() != 0o660 {
		t.Errorf("owner %d:%d mode %v, want 65534:65534 0660", st.Uid, st.Gid, fi.Mode().Perm())
	}
}

func TestNoOwnerLeavesOwnership(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := writeNew(path, nil, modeFile, owner{}); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if st := fi.Sys().(*syscall.Stat_t); int(st.Uid) != os.Geteuid() {
		t.Errorf("owner %d, want %d", st.Uid, os.Geteuid())
	}
}
