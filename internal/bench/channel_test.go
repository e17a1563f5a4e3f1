package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestChannelScenariosMoveMessages runs small channel scenarios between
// two real queue-manager processes: every row has a rate and a ratio to
// D, the targets are judged, and both queue managers are gone afterwards.
func TestChannelScenariosMoveMessages(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two queue managers")
	}
	bin := buildCommands(t)
	before := os.Getenv("MQ_OVERRIDE_DATA_PATH")
	parent := t.TempDir()
	cfg := Config{Bin: bin, Exe: filepath.Join(bin, "mqbench"), Environ: os.Environ(), TempParent: parent,
		LimitWindow: 200 * time.Millisecond}
	scenarios := []ChannelScenario{
		{Size: 1024, Persistent: true, Messages: 300, TargetD: 0.01},
		{Size: 1024, Messages: 300, TargetRate: 1},
		{Size: 64 << 10, Persistent: true, Messages: 200},
	}
	rep, err := RunChannels(cfg, scenarios)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != len(scenarios) || rep.D.Rate <= 0 || len(rep.D.Measures) != 2 {
		t.Fatalf("report %+v", rep)
	}
	for i, r := range rep.Rows {
		if r.Error != "" || r.Rate <= 0 || r.RatioD <= 0 || r.Scenario != scenarios[i].ID() {
			t.Errorf("row %+v", r)
		}
	}
	if m := rep.Rows[0].Met; m == nil || !*m {
		t.Errorf("a persistent channel below 0.01 x D: %+v", rep.Rows[0])
	}
	if rep.Rows[2].Met != nil {
		t.Errorf("a scenario without a target was judged: %+v", rep.Rows[2])
	}
	var b strings.Builder
	if err := rep.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"channel/persistent/1KiB", ">= 0.01 x D", "met", "channel/persistent/64KiB"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table without %q:\n%s", want, b.String())
		}
	}
	left, _ := os.ReadDir(parent)
	if len(left) != 0 {
		t.Errorf("the temporary data directory is left behind: %v", left)
	}
	if got := os.Getenv("MQ_OVERRIDE_DATA_PATH"); got != before {
		t.Errorf("MQ_OVERRIDE_DATA_PATH is %q after the run, was %q", got, before)
	}
}
