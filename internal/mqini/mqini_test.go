package mqini

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const mqsIni = `#*******************************************************************#
#* Module Name: mqs.ini                                            *#
#*******************************************************************#
AllQueueManagers:
#* The path to the qmgrs directory                                  *#
   DefaultPrefix=/var/mqm

LogDefaults:
   LogPrimaryFiles=3
   LogSecondaryFiles=2
   LogFilePages=4096
   LogType=CIRCULAR
   LogBufferPages=0
   LogDefaultPath=/var/mqm/log

; first queue manager
QueueManager:
   Name=saturn.queue.manager
   Prefix=/var/mqm
   Directory=saturn!queue!manager
   InstallationName=Installation1

QueueManager:
   Name=QM2
   Prefix=/var/mqm
   Directory=QM2
   InstallationName=Installation1

DefaultQueueManager:
   Name=saturn.queue.manager
`

func mustParse(t *testing.T, s string) *File {
	t.Helper()
	f, err := Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func TestParseUnchangedRoundTrip(t *testing.T) {
	f := mustParse(t, mqsIni)
	if got := string(f.Bytes()); got != mqsIni {
		t.Fatalf("Bytes differs from input:\n%s", got)
	}
}

func TestRepeatedStanzasInOrder(t *testing.T) {
	f := mustParse(t, mqsIni)
	qms := f.Stanzas("QueueManager")
	if len(qms) != 2 {
		t.Fatalf("%d QueueManager stanzas, want 2", len(qms))
	}
	for i, want := range []string{"saturn.queue.manager", "QM2"} {
		if got, _ := qms[i].Get("Name"); got != want {
			t.Errorf("stanza %d Name=%q, want %q", i, got, want)
		}
	}
	if qms[1].Line() != 23 {
		t.Errorf("second QueueManager at line %d, want 23", qms[1].Line())
	}
}

func TestLookupIsCaseInsensitive(t *testing.T) {
	f := mustParse(t, mqsIni)
	s := f.First("logdefaults")
	if s == nil {
		t.Fatal("LogDefaults not found by lower-case name")
	}
	if v, ok := s.Get("LOGTYPE"); !ok || v != "CIRCULAR" {
		t.Errorf("Get(LOGTYPE) = %q, %v", v, ok)
	}
	n, err := s.Int("logfilepages", 0)
	if err != nil || n != 4096 {
		t.Errorf("Int = %d, %v", n, err)
	}
	if _, ok := s.Get("Missing"); ok {
		t.Error("Get of a missing key reported ok")
	}
}

func TestSetKeepsSpellingAndComments(t *testing.T) {
	f := mustParse(t, mqsIni)
	s := f.First("AllQueueManagers")
	s.Set("defaultprefix", "/srv/mqm")
	s.Set("NewKey", "  v  ")
	out := string(f.Bytes())
	want := `AllQueueManagers:
#* The path to the qmgrs directory                                  *#
   DefaultPrefix=/srv/mqm
   NewKey=v

LogDefaults:
`
	if !strings.Contains(out, want) {
		t.Fatalf("output lacks\n%s\ngot:\n%s", want, out)
	}
	if !strings.HasPrefix(out, "#****") {
		t.Error("header comment lost")
	}
}

func TestRemoveTakesItsLeadingComment(t *testing.T) {
	f := mustParse(t, mqsIni)
	f.Remove(f.Stanzas("QueueManager")[0])
	out := string(f.Bytes())
	if strings.Contains(out, "saturn!queue!manager") || strings.Contains(out, "; first queue manager") {
		t.Fatalf("removed stanza or its comment still present:\n%s", out)
	}
	if !strings.Contains(out, "   LogDefaultPath=/var/mqm/log\n\nQueueManager:\n   Name=QM2\n") {
		t.Fatalf("neighbours damaged:\n%s", out)
	}
}

func TestAddWritesIBMLayout(t *testing.T) {
	var f File
	s := f.Add("QueueManager")
	s.Set("Name", "QM1")
	s.Set("Directory", "QM1")
	f.Add("DefaultQueueManager").Set("Name", "QM1")
	want := "QueueManager:\n   Name=QM1\n   Directory=QM1\n\nDefaultQueueManager:\n   Name=QM1\n"
	if got := string(f.Bytes()); got != want {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
}

func TestDelete(t *testing.T) {
	f := mustParse(t, "S:\n a=1\n b=2\n A=3\n")
	s := f.First("S")
	if !s.Delete("a") {
		t.Fatal("Delete reported nothing removed")
	}
	if got := strings.Join(s.Keys(), ","); got != "b" {
		t.Errorf("keys after delete %q", got)
	}
	if s.Delete("a") {
		t.Error("second Delete reported a removal")
	}
}

func TestSyntaxErrorsNameTheLine(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Key=1\n", "line 1: Key= appears before any stanza"},
		{"S:\n   ok=1\n   this is not valid\n", "line 3: want"},
		{"S:\n   =1\n", "line 2: invalid key"},
		{"# c\nBad Name:\n", "line 2: invalid stanza name"},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.src))
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error %v, want SyntaxError containing %q", tt.src, err, tt.want)
		}
	}
}

func TestIntErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "qm.ini")
	if err := os.WriteFile(path, []byte("Log:\n   LogPrimaryFiles=three\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	s := f.First("Log")
	if n, err := s.Int("LogSecondaryFiles", 2); err != nil || n != 2 {
		t.Errorf("missing key: %d, %v; want default 2", n, err)
	}
	_, err = s.Int("LogPrimaryFiles", 3)
	if err == nil || err.Error() != "mqini: "+path+":2: Log stanza: LogPrimaryFiles=three is not a number" {
		t.Errorf("error %v", err)
	}
}

func TestLoadErrorNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mqs.ini")
	os.WriteFile(path, []byte("S:\nnonsense\n"), 0o600)
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), path+":2:") {
		t.Errorf("error %v, want it to name %s:2", err, path)
	}
	_, err = Load(filepath.Join(t.TempDir(), "absent.ini"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want ErrNotExist", err)
	}
}

func TestCRLFAccepted(t *testing.T) {
	f := mustParse(t, "S:\r\n   k=v\r\n")
	if v, _ := f.First("S").Get("k"); v != "v" {
		t.Errorf("value %q", v)
	}
}

func TestWriteFileAtomicAndMode(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	path := filepath.Join(dir, "mqs.ini")
	if err := os.WriteFile(path, []byte("Old:\n   k=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := mustParse(t, mqsIni)
	if err := f.WriteFile(path, 0o664); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != mqsIni {
		t.Fatalf("content after write: %v\n%s", err, got)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o664 {
		t.Errorf("mode %v, want 0664 despite umask 077", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only mqs.ini (no temp files)", len(entries))
	}
}

func TestWriteFileFailsWithoutDirectory(t *testing.T) {
	f := mustParse(t, "S:\n")
	err := f.WriteFile(filepath.Join(t.TempDir(), "no", "such", "qm.ini"), 0o660)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v, want ErrNotExist", err)
	}
}

func TestAddAfter(t *testing.T) {
	f := mustParse(t, mqsIni)
	qms := f.Stanzas("QueueManager")
	f.AddAfter(qms[len(qms)-1], "QueueManager").Set("Name", "QM3")
	out := string(f.Bytes())
	want := "   Directory=QM2\n   InstallationName=Installation1\n\nQueueManager:\n   Name=QM3\n\nDefaultQueueManager:\n"
	if !strings.Contains(out, want) {
		t.Fatalf("new stanza not below the last QueueManager:\n%s", out)
	}
	var g File
	g.AddAfter(nil, "A")
	g.AddAfter(nil, "B")
	if got := string(g.Bytes()); got != "A:\n\nB:\n" {
		t.Errorf("AddAfter(nil) = %q", got)
	}
}
