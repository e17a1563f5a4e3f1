package mqi

import (
	"strings"
	"testing"
)

func padTo(s string, n int) string { return s + strings.Repeat(" ", n-len(s)) }

func TestParseTMC2(t *testing.T) {
	full := "TMC " + "   2" + padTo("APP.Q", 48) + padTo("APP.PROC", 48) + padTo("data", 64) + padTo("   6", 4) +
		pad("/opt/mqm/samp/bin/amqsech", 256) + padTo("env", 128) + padTo("user", 128) + padTo("QM1", 48)
	if len(full) != 732 {
		t.Fatalf("test message is %d characters", len(full))
	}
	tm, ok := ParseTMC2(full)
	if !ok || tm.QName != "APP.Q" || tm.ProcessName != "APP.PROC" || tm.TriggerData != "data" ||
		tm.ApplId != "/opt/mqm/samp/bin/amqsech" || tm.EnvData != "env" || tm.UserData != "user" || tm.QMgrName != "QM1" {
		t.Fatalf("ParseTMC2 = %+v %v", tm, ok)
	}
	if tm, ok := ParseTMC2(full[:684]); !ok || tm.QName != "APP.Q" || tm.QMgrName != "" {
		t.Fatalf("an MQTMC without QMgrName: %+v %v", tm, ok)
	}
	if tm, ok := ParseTMC2("TMC    2APP.Q\x00junk"); !ok || tm.QName != "APP.Q" {
		t.Fatalf("NUL-ended field: %+v %v", tm, ok)
	}
	if _, ok := ParseTMC2("APP.Q"); ok {
		t.Fatal("a plain queue name parsed as a trigger message")
	}
}

func FuzzParseTMC2(f *testing.F) {
	f.Add("TMC    2APP.Q")
	f.Add("APP.Q")
	f.Fuzz(func(t *testing.T, s string) {
		if tm, ok := ParseTMC2(s); ok && len(tm.QName) > 48 {
			t.Fatalf("QName longer than its field: %q", tm.QName)
		}
	})
}
