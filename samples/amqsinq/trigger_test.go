package main

import (
	"strings"
	"testing"
)

// tmc2 builds an MQTMC2 trigger message as a trigger monitor passes it:
// every field blank-padded to its length.
func tmc2(qName, qMgrName string) string {
	pad := func(s string, n int) string { return s + strings.Repeat(" ", n-len(s)) }
	return "TMC " + "   2" + pad(qName, 48) + pad("PR.INQ", 48) + pad("", 64) +
		pad("", 4) + pad("/opt/mqm/samp/bin/amqsinq", 256) + pad("", 128) + pad("", 128) +
		pad(qMgrName, 48)
}

func TestParseTarget(t *testing.T) {
	full := tmc2("SYSTEM.SAMPLE.INQ", "QM1")
	if len(full) != 732 {
		t.Fatalf("test trigger message is %d bytes, want MQTMC2_LENGTH_2 (732)", len(full))
	}
	tests := []struct {
		args      []string
		want      target
		extra, ok bool
	}{
		{[]string{full}, target{"SYSTEM.SAMPLE.INQ", "QM1"}, false, true},
		{[]string{full, "env data"}, target{"SYSTEM.SAMPLE.INQ", "QM1"}, true, true},
		// An MQTMC (version 1) has no queue manager name: the default.
		{[]string{full[:684]}, target{"SYSTEM.SAMPLE.INQ", ""}, false, true},
		{[]string{"TMC    2APP.INQ"}, target{"APP.INQ", ""}, false, true},
		{[]string{"TMC    2APP.INQ\x00garbage"}, target{"APP.INQ", ""}, false, true},
		{[]string{"TMC "}, target{}, false, true},
		{[]string{"APP.INQ"}, target{"APP.INQ", ""}, false, true},
		{[]string{"APP.INQ", "QM1"}, target{"APP.INQ", "QM1"}, false, true},
		{[]string{"a/b_c%d.9", "QM1", "more"}, target{"a/b_c%d.9", "QM1"}, true, true},
		{[]string{strings.Repeat("Q", 48)}, target{strings.Repeat("Q", 48), ""}, false, true},
		{[]string{strings.Repeat("Q", 49)}, target{}, false, false},
		{[]string{""}, target{}, false, false},
		{[]string{"XMC    2APP.INQ"}, target{}, false, false},
		{[]string{"APP INQ"}, target{}, false, false},
	}
	for _, tt := range tests {
		got, extra, ok := parseTarget(tt.args)
		if got != tt.want || extra != tt.extra || ok != tt.ok {
			t.Errorf("parseTarget(%q) = %+v, %v, %v; want %+v, %v, %v",
				tt.args, got, extra, ok, tt.want, tt.extra, tt.ok)
		}
	}
}

// FuzzParseTarget checks that any argument is either refused or gives
// names that fit MQI name fields, without blank padding.
func FuzzParseTarget(f *testing.F) {
	f.Add(tmc2("SYSTEM.SAMPLE.INQ", "QM1"))
	f.Add("TMC    2APP.INQ")
	f.Add("APP.INQ")
	f.Add("TMC \x00")
	f.Fuzz(func(t *testing.T, arg string) {
		got, _, ok := parseTarget([]string{arg})
		if !ok {
			if got != (target{}) {
				t.Fatalf("refused %q but returned %+v", arg, got)
			}
			return
		}
		for _, name := range []string{got.QName, got.QMgrName} {
			if len(name) > 48 || strings.HasSuffix(name, " ") || strings.ContainsRune(name, 0) {
				t.Fatalf("parseTarget(%q) gave name %q", arg, name)
			}
		}
		if !strings.HasPrefix(arg, "TMC ") && got.QName != arg {
			t.Fatalf("queue name %q came back as %q", arg, got.QName)
		}
	})
}
