package bench

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func testEnv(stdout, stderr *bytes.Buffer, vars map[string]string) *Env {
	return &Env{Stdin: strings.NewReader(""), Stdout: stdout, Stderr: stderr,
		Getenv: func(k string) string { return vars[k] }, Executable: "/opt/mqm/bin/mqbench"}
}

func TestMainRejectsBadInvocations(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-h"}, 0, "Usage: mqbench"},
		{[]string{"-?"}, 0, "Usage: mqbench"},
		{[]string{"--help"}, 0, "Usage: mqbench"},
		{[]string{"-q", "Q"}, 2, "-q needs -m"},
		{[]string{"-scenario", "put/persistent/2"}, 2, `no scenario matches "put/persistent/2"`},
		{[]string{"-d", "0s"}, 2, "must be positive"},
		{[]string{"-rounds", "0"}, 2, "must be positive"},
		{[]string{"extra"}, 2, `unexpected argument "extra"`},
		{[]string{"-nosuch"}, 2, "flag provided but not defined"},
		{[]string{"worker", "-role", "nosuch", "-q", "Q"}, 2, `unknown role "nosuch"`},
	} {
		var out, errb bytes.Buffer
		code := Main(tt.args, testEnv(&out, &errb, nil))
		if code != tt.code || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("mqbench %q: exit %d, stderr %q; want %d and %q", tt.args, code, errb.String(), tt.code, tt.want)
		}
	}
}

func TestParseArgs(t *testing.T) {
	var out, errb bytes.Buffer
	env := testEnv(&out, &errb, map[string]string{"MQ_OVERRIDE_DATA_PATH": "/data/mqm/"})
	cfg, asJSON, err := parseArgs([]string{"-m", "QM1", "-q", "APP.Q", "-d", "2s", "-scenario", "targets", "-json", "-quiet"}, env)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.QMgr != "QM1" || cfg.Queue != "APP.Q" || cfg.Window != 2*time.Second || cfg.Warmup != DefaultWarmup ||
		len(cfg.Scenarios) != 6 || !asJSON || cfg.Progress != nil || cfg.DataRoot != "/data/mqm" ||
		cfg.Bin != "/opt/mqm/bin" || cfg.Exe != "/opt/mqm/bin/mqbench" || cfg.Size != 1024 {
		t.Errorf("config %+v json %v", cfg, asJSON)
	}
	cfg, _, err = parseArgs(nil, testEnv(&out, &errb, nil))
	if err != nil || cfg.DataRoot != "/var/mqm" || len(cfg.Scenarios) != len(Scenarios()) || cfg.Progress == nil {
		t.Errorf("defaults: %+v, %v", cfg, err)
	}
}
