package mqsc

import (
	"strings"
	"testing"
)

// The layout is the one of a real dmpmqcfg dump (corpus file 49).
func TestFormatDefine(t *testing.T) {
	got := FormatDefine("DEFINE", "QLOCAL", "ABKA.DEAD.QUEUE", []DefineItem{
		{Keyword: "ACCTQ", Value: "QMGR"},
		{Keyword: "ALTDATE", Value: "2014-09-10", Comment: true},
		{Keyword: "BOQNAME", Value: "", Quoted: true},
		{Keyword: "DESCR", Value: "it's here", Quoted: true},
		{Keyword: "HARDENBO", Bare: true},
		{Keyword: "REPLACE", Bare: true},
	})
	want := []string{
		"DEFINE QLOCAL('ABKA.DEAD.QUEUE') +",
		"   ACCTQ(QMGR) +",
		"*  ALTDATE(2014-09-10) +",
		"   BOQNAME(' ') +",
		"   DESCR('it''s here') +",
		"   HARDENBO +",
		"   REPLACE",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got = FormatDefine("ALTER", "QMGR", "", []DefineItem{{Keyword: "FORCE", Bare: true}})
	if strings.Join(got, "\n") != "ALTER QMGR +\n   FORCE" {
		t.Errorf("ALTER QMGR: %q", got)
	}
	got = FormatDefine("DELETE", "QLOCAL", "Q", nil)
	if len(got) != 1 || got[0] != "DELETE QLOCAL('Q')" {
		t.Errorf("no items: %q", got)
	}
}

func TestQuotedKind(t *testing.T) {
	s, _ := Lookup("DEFINE", "CHANNEL")
	for name, want := range map[string]bool{
		"CONNAME": true, "XMITQ": true, "BATCHSZ": false, "TRPTYPE": false, "MSGEXIT": true, "COMPHDR": false,
	} {
		k, _ := s.Keyword(name)
		if got := QuotedKind(k); got != want {
			t.Errorf("QuotedKind(%s) = %v, want %v", name, got, want)
		}
	}
}
