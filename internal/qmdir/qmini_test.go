package qmdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultQMIniFile(t *testing.T) {
	l := Layout{Root: "/var/mqm"}
	q, err := l.NewQMIni(Entry{Name: "QM.1"})
	if err != nil {
		t.Fatal(err)
	}
	want := "ExitPath:\n   ExitsDefaultPath=/var/mqm/exits\n   ExitsDefaultPath64=/var/mqm/exits64\n\n" +
		"Log:\n   LogPrimaryFiles=3\n   LogSecondaryFiles=2\n   LogFilePages=4096\n   LogType=CIRCULAR\n" +
		"   LogBufferPages=0\n   LogPath=/var/mqm/log/QM!1/\n   LogWriteIntegrity=TripleWrite\n"
	if got := string(q.File().Bytes()); got != want {
		t.Errorf("qm.ini:\n%s\nwant:\n%s", got, want)
	}
	if q.ErrorLogSize != 33554432 || q.Channels.MaxChannels != 100 || q.Channels.MaxActiveChannels != 100 {
		t.Errorf("defaults %+v", q)
	}
}

func TestNewQMIniTakesLogDefaultsFromMQSIni(t *testing.T) {
	l := newLayout(t)
	ini := readFile(t, l.MQSIni())
	ini = strings.Replace(ini, "LogPrimaryFiles=3", "LogPrimaryFiles=5", 1)
	ini = strings.Replace(ini, "LogDefaultPath="+l.LogDir(), "LogDefaultPath=/logs", 1)
	if err := os.WriteFile(l.MQSIni(), []byte(ini), 0o664); err != nil {
		t.Fatal(err)
	}
	q, err := l.NewQMIni(Entry{Name: "QM1"})
	if err != nil {
		t.Fatal(err)
	}
	if q.Log.LogPrimaryFiles != 5 || q.Log.LogPath != "/logs/QM1/" {
		t.Errorf("Log %+v", q.Log)
	}
}

const customQMIni = `#* qm.ini of QM1 *#
ExitPath:
   ExitsDefaultPath=/var/mqm/exits
   ExitsDefaultPath64=/var/mqm/exits64
Log:
   LogPrimaryFiles=4
   LogSecondaryFiles=6
   LogFilePages=8192
   LogType=linear
   LogBufferPages=0
   LogPath=/var/mqm/log/QM1/
   LogWriteIntegrity=TripleWrite
QMErrorLog:
   ErrorLogSize=1048576
CHANNELS:
   MaxChannels=200
TCP:
   KeepAlive=Yes
SSL:
   AllowTLSV13=TRUE
   OCSPAuthentication=OPTIONAL
TuningParameters:
   ; not modelled, must survive
   DefaultQBufferSize=1048576
`

func TestReadQMIni(t *testing.T) {
	path := filepath.Join(t.TempDir(), "qm.ini")
	if err := os.WriteFile(path, []byte(customQMIni), 0o660); err != nil {
		t.Fatal(err)
	}
	q, err := ReadQMIni(path)
	if err != nil {
		t.Fatal(err)
	}
	if q.Log.LogPrimaryFiles != 4 || q.Log.LogSecondaryFiles != 6 || q.Log.LogFilePages != 8192 || q.Log.LogType != "LINEAR" {
		t.Errorf("Log %+v", q.Log)
	}
	if q.ErrorLogSize != 1048576 || q.Channels.MaxChannels != 200 || q.Channels.MaxActiveChannels != 200 || !q.TCP.KeepAlive {
		t.Errorf("settings %+v", q)
	}
	if !Flag(q.SSL.AllowTLSV13, false) || q.SSL.OCSPAuthentication != "OPTIONAL" || q.SSL.AllowTLSV1 != "" {
		t.Errorf("SSL %+v", q.SSL)
	}
	q.Channels.MaxActiveChannels = 150
	q.SSL.OCSPAuthentication = ""
	out := string(q.File().Bytes())
	for _, want := range []string{"#* qm.ini of QM1 *#\n", "   ; not modelled, must survive\n   DefaultQBufferSize=1048576\n",
		"CHANNELS:\n   MaxChannels=200\n   MaxActiveChannels=150\n", "SSL:\n   AllowTLSV13=TRUE\nTuningParameters:"} {
		if !strings.Contains(out, want) {
			t.Errorf("rewritten qm.ini lacks %q:\n%s", want, out)
		}
	}
}

func TestReadQMIniErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Log:\n   LogPrimaryFiles=abc\n", ":2: Log stanza: LogPrimaryFiles=abc is not a number"},
		{"Log:\n   LogPrimaryFiles=1\n", "LogPrimaryFiles=1 not in 2-510"},
		{"Log:\n   LogPrimaryFiles=500\n   LogSecondaryFiles=100\n", "over 511"},
		{"QMErrorLog:\n   ErrorLogSize=100\n", "ErrorLogSize=100"},
		{"CHANNELS:\n   MaxChannels=10\n   MaxActiveChannels=20\n", "MaxActiveChannels=20"},
		{"Log:\nnot a line\n", ":2: want"},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "qm.ini")
		os.WriteFile(path, []byte(tt.src), 0o660)
		_, err := ReadQMIni(path)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want it to contain %q", tt.src, err, tt.want)
		}
	}
}

func TestFlag(t *testing.T) {
	for v, want := range map[string]bool{"Yes": true, "TRUE": true, "y": true, "No": false, "false": false} {
		if Flag(v, !want) != want {
			t.Errorf("Flag(%q) != %v", v, want)
		}
	}
	if !Flag("", true) || Flag("maybe", false) {
		t.Error("unknown values must give the default")
	}
}
