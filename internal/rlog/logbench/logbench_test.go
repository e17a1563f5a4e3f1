package logbench

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestRunCountsDurableAppends(t *testing.T) {
	for _, async := range []bool{false, true} {
		r, err := Run(Load{Dir: t.TempDir(), Appenders: 4, RecordSize: 1024, Count: 200, FilePages: 16, Async: async})
		if err != nil {
			t.Fatal(err)
		}
		if r.Appends != 200 || r.Rate <= 0 || r.RecsPerSync < 1 || r.P50 <= 0 || r.P99 < r.P50 {
			t.Errorf("async=%v: implausible result %+v", async, r)
		}
	}
}

func TestMeasureD(t *testing.T) {
	d, err := MeasureD(t.TempDir(), 50*time.Millisecond)
	if err != nil || d <= 0 {
		t.Fatalf("MeasureD = %v, %v", d, err)
	}
}

func TestMainPrintsRoundsAndSummary(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main([]string{"-dir", t.TempDir(), "-appenders", "1,2", "-rounds", "1",
		"-window", "50ms", "-dwindow", "20ms"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"appenders=1: median", "appenders=2: median", "xD"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if code := Main([]string{"-appenders", "0"}, &out, &errb); code != 2 {
		t.Errorf("bad appender count: exit %d, want 2", code)
	}
}

func TestMainPrintsUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"-?"}, 0},
		{[]string{"--help"}, 0},
		{[]string{"-h"}, 0},
		{[]string{"-nosuch"}, 2},
	} {
		var out, errb bytes.Buffer
		code := Main(tt.args, &out, &errb)
		if code != tt.code || !strings.Contains(errb.String(), "Usage: mqlogbench") {
			t.Errorf("mqlogbench %q: exit %d, stderr %q; want exit %d and the usage", tt.args, code, errb.String(), tt.code)
		}
	}
}
