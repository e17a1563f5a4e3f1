package bench

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func sampleReport() *Report {
	rep := &Report{QMgr: "QM1", CPUs: 2, Size: 1024, Warmup: time.Second, Window: 5 * time.Second, DDir: "/d"}
	rep.D.add(Measure{Rate: 7000, P50: 135 * time.Microsecond, P99: 470 * time.Microsecond})
	rep.D.add(Measure{Rate: 6000})
	rep.E.add(Measure{Rate: 34000, P50: 9 * time.Microsecond})
	rows := []Row{
		{Scenario: "put/persistent/1", Apps: "1", Rate: 5850, Limit: LimitD, Target: 0.8,
			P50: 150 * time.Microsecond, P99: 1234567 * time.Nanosecond},
		{Scenario: "put/persistent/8", Apps: "8", Rate: 18000, Limit: LimitD, Target: 3, Busy: 0.9, Other: 0.3},
		{Scenario: "putget/nonpersistent/1", Apps: "1", Rate: 11900, Limit: LimitEHalf, Target: 0.7},
		{Scenario: "putget/persistent/1", Apps: "1", Rate: 3250, Limit: LimitDHalf},
		{Scenario: "concurrent/persistent/4", Apps: "4+4", Limit: LimitD, Error: "bench: application failed: put: MQRC 2053"},
	}
	for i := range rows {
		rep.compare(&rows[i])
	}
	rep.Rows = rows
	return rep
}

func TestCompareUsesTheMeanLimitAndItsShare(t *testing.T) {
	rep := sampleReport()
	if rep.D.Rate != 6500 {
		t.Fatalf("D = %v, want the mean 6500", rep.D.Rate)
	}
	tests := []struct {
		row          int
		limit, ratio float64
		verdict      string
	}{
		{0, 6500, 0.9, "met"}, // 5850/6500
		{1, 6500, 18000.0 / 6500, "missed"},
		{2, 17000, 0.7, "met"}, // exactly on the target
		{3, 3250, 1, "-"},      // D/2, no target
		{4, 6500, 0, "failed"},
	}
	for _, tt := range tests {
		r := rep.Rows[tt.row]
		if r.LimitRate != tt.limit || abs(r.Ratio-tt.ratio) > 1e-9 || r.Verdict() != tt.verdict {
			t.Errorf("%s: limit %v ratio %v verdict %s; want %v %v %s", r.Scenario, r.LimitRate, r.Ratio, r.Verdict(), tt.limit, tt.ratio, tt.verdict)
		}
	}
	if oneAppCeiling(6500, 0) != 0 || oneAppCeiling(0, 34000) != 0 {
		t.Error("a ceiling from an unmeasured limit must be 0")
	}
	if ratio(100, 0) != 0 {
		t.Error("a ratio to an unmeasured limit must be 0")
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestTable(t *testing.T) {
	var b bytes.Buffer
	if err := sampleReport().WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"D = 6,500 syncs/s",
		"runs: 7,000/s p50 135µs p99 470µs; 6,000/s",
		"E = 34,000 round trips/s",
		"at most 1/(1/D+1/E) = 5,457/s = 0.84x D\n",
		"concurrent/persistent/4 failed: bench: application failed: put: MQRC 2053",
		"warning: other programs or kernel threads kept more than 10% of the CPUs busy during put/persistent/8\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	lines := map[string][]string{}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 && lines[f[0]] == nil {
			lines[f[0]] = f
		}
	}
	check := func(scenario string, want ...string) {
		t.Helper()
		got := lines[scenario]
		if strings.Join(got, " ") != scenario+" "+strings.Join(want, " ") {
			t.Errorf("line %q\nwant %q", strings.Join(got, " "), scenario+" "+strings.Join(want, " "))
		}
	}
	check("scenario", "apps", "msgs/s", "p50", "p99", "limit", "ratio", "target", "result", "busy", "other", "app", "cpu/msg", "qm", "cpu/msg")
	check("put/persistent/1", "1", "5,850", "150µs", "1,235µs", "D=6,500", "0.90x", ">=0.80x", "met", "0%", "0%", "-", "-")
	check("put/persistent/8", "8", "18,000", "-", "-", "D=6,500", "2.77x", ">=3.00x", "missed", "90%", "30%", "-", "-")
	check("putget/nonpersistent/1", "1", "11,900", "-", "-", "E/2=17,000", "0.70x", ">=0.70x", "met", "0%", "0%", "-", "-")
	check("concurrent/persistent/4", "4+4", "-", "-", "-", "-", "-", "-", "failed", "-", "-", "-", "-")
}

func TestJSONReport(t *testing.T) {
	var b bytes.Buffer
	if err := sampleReport().WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Rows) != 5 || back.Rows[0].Ratio != 0.9 || back.D.Rate != 6500 || len(back.D.Measures) != 2 {
		t.Fatalf("JSON lost figures: %s", b.String())
	}
	if !strings.Contains(b.String(), `"msgs_per_s": 5850`) || !strings.Contains(b.String(), `"target": 0.8`) {
		t.Errorf("JSON field names changed:\n%s", b.String())
	}
}

func TestNumberFormats(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{0, "0"}, {999.4, "999"}, {999.5, "1,000"}, {1234567, "1,234,567"}, {-1234, "-1,234"}} {
		if got := count(tt.v); got != tt.want {
			t.Errorf("count(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{{0, "-"}, {8500 * time.Nanosecond, "8.5µs"}, {135 * time.Microsecond, "135µs"}, {2 * time.Second, "2,000,000µs"}} {
		if got := micros(tt.d); got != tt.want {
			t.Errorf("micros(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
