package mqsc

import (
	"slices"
	"testing"
)

func TestGrammarLoads(t *testing.T) {
	g, err := parseGrammar(grammarTSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.order) != 101 {
		t.Errorf("commands = %d, want 101 (mqsc-grammar.md: 101 commands)", len(g.order))
	}
	if len(g.verbs) != 18 {
		t.Errorf("verbs = %d %v, want 18", len(g.verbs), g.verbs)
	}
}

func TestGrammarBadRows(t *testing.T) {
	for _, row := range []string{
		"DEFINE\tQLOCAL\tQL\tX\t\tname\t\t\t",          // 9 columns
		"DEFINE\tQLOCAL\tQL\tX\t\tbogus\t\t\t\t",       // unknown kind
		"DEFINE\tQLOCAL\tQL\tX\t\tname\t\tCHLTYPE\t\t", // bad applies-to
		"DEFINE\tQLOCAL\tQL\tX\t\tname\t\t\tweird\t",   // unknown flag
		"DEFINE\tQLOCAL\tQL\tX\t\tname\t\t\t\tmany",    // bad max
	} {
		if _, err := parseGrammar("header\n" + row + "\n"); err == nil {
			t.Errorf("row %q: no error", row)
		}
	}
}

func TestVerbAndObjectSynonyms(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"def", "DEFINE"}, {"DIS", "DISPLAY"}, {"alt", "ALTER"}, {"ref", "REFRESH"},
		{"sta", "START"}, {"set", "SET"}, {"End", "END"}, {"quit", "QUIT"},
	} {
		if got, ok := Verb(tc.in); !ok || got != tc.want {
			t.Errorf("Verb(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := Verb("DEFN"); ok {
		t.Error("Verb(DEFN) accepted")
	}
	for _, tc := range []struct{ verb, in, want string }{
		{"DEFINE", "ql", "QLOCAL"}, {"DEFINE", "QR", "QREMOTE"}, {"DEFINE", "pro", "PROCESS"},
		{"DEFINE", "proc", "PROCESS"}, {"DISPLAY", "chs", "CHSTATUS"}, {"REFRESH", "sec", "SECURITY"},
		{"START", "chi", "CHINIT"}, {"DISPLAY", "q", "QUEUE"}, {"SET", "authrec", "AUTHREC"},
	} {
		if got, ok := Object(tc.verb, tc.in); !ok || got != tc.want {
			t.Errorf("Object(%s, %q) = %q, %v; want %q", tc.verb, tc.in, got, ok, tc.want)
		}
	}
	if _, ok := Object("DEFINE", "QUEUE"); ok {
		t.Error("DEFINE QUEUE accepted")
	}
}

func TestSpecKeywords(t *testing.T) {
	s, ok := Lookup("DEFINE", "QLOCAL")
	if !ok {
		t.Fatal("no DEFINE QLOCAL")
	}
	if s.Name == nil || !s.Name.Required || s.Name.MaxLen != 48 {
		t.Errorf("DEFINE QLOCAL name = %+v", s.Name)
	}
	k, ok := s.Keyword("maxdepth")
	if !ok || k.Kind != KindInt || k.Default != "5000" {
		t.Errorf("MAXDEPTH = %+v", k)
	}
	k, _ = s.Keyword("BOQNAME")
	if !k.HasDefault || k.Default != "" {
		t.Errorf("BOQNAME default = %q %v, want blank", k.Default, k.HasDefault)
	}
	k, _ = s.Keyword("CAPEXPRY")
	if k.Kind != KindEnum || !k.AcceptsInt || !slices.Equal(k.Enum, []string{"NOLIMIT"}) {
		t.Errorf("CAPEXPRY = %+v", k)
	}
	k, _ = s.Keyword("STGCLASS")
	if !k.ZOSOnly {
		t.Error("STGCLASS not z/OS only")
	}
	if s.Keywords()[0].Name != "ACCTQ" {
		t.Errorf("first keyword %s, want ACCTQ", s.Keywords()[0].Name)
	}
}

func TestSynonymKeywords(t *testing.T) {
	s, _ := Lookup("DEFINE", "QALIAS")
	k, ok := s.Keyword("targq")
	if !ok || k.Name != "TARGET" || k.Synonym != "TARGQ" {
		t.Errorf("TARGQ = %+v", k)
	}
	for _, k := range s.Keywords() {
		if k.Name == "TARGQ" {
			t.Error("TARGQ still listed as its own keyword")
		}
	}
	s, _ = Lookup("DISPLAY", "QMGR")
	if k, ok := s.Keyword("DQM"); !ok || k.Name != "CHINIT" {
		t.Errorf("DQM = %+v", k)
	}
}

func TestChannelAppliesTo(t *testing.T) {
	s, _ := Lookup("DEFINE", "CHANNEL")
	k, _ := s.Keyword("XMITQ")
	if k.Applies != "CHLTYPE" || !k.AppliesToValue("SDR") || k.AppliesToValue("RCVR") {
		t.Errorf("XMITQ applies %s %v", k.Applies, k.AppliesTo)
	}
	if k, _ := s.Keyword("CHLTYPE"); !k.Required {
		t.Error("CHLTYPE not required on DEFINE")
	}
	d, _ := Lookup("DISPLAY", "CHANNEL")
	if k, _ := d.Keyword("CHLTYPE"); k.Required || k.Selection {
		t.Errorf("DISPLAY CHLTYPE required=%v selection=%v", k.Required, k.Selection)
	}
	if k, _ := d.Keyword("TYPE"); !k.Selection {
		t.Error("DISPLAY CHANNEL TYPE is not a selection")
	}
	l, _ := Lookup("SET", "AUTHREC")
	k, _ = l.Keyword("AUTHADD")
	if k.Kind != KindList || k.Elem != KindEnum || !slices.Contains(k.ElemEnum, "CONNECT") {
		t.Errorf("AUTHADD = %+v", k)
	}
}

func TestVerbSpecificRowWins(t *testing.T) {
	s, _ := Lookup("DISPLAY", "QALIAS")
	k, _ := s.Keyword("TARGTYPE")
	if !slices.Contains(k.Enum, "ALL") || !k.Selection {
		t.Errorf("DISPLAY QALIAS TARGTYPE = %+v", k)
	}
	s, _ = Lookup("DEFINE", "QALIAS")
	k, _ = s.Keyword("TARGTYPE")
	if slices.Contains(k.Enum, "ALL") {
		t.Errorf("DEFINE QALIAS TARGTYPE = %+v", k)
	}
}

func TestObjectsAcrossVerbs(t *testing.T) {
	kws := Objects("CHANNEL")
	var chltype *Keyword
	for _, k := range kws {
		if k.Name == "CHLTYPE" {
			chltype = k
		}
	}
	if chltype == nil {
		t.Fatal("no CHLTYPE")
	}
	for _, v := range []string{"DEFINE", "DELETE", "PURGE"} {
		if !slices.Contains(chltype.Verbs, v) {
			t.Errorf("CHLTYPE verbs %v lack %s", chltype.Verbs, v)
		}
	}
	if got := ObjectsOf("CLEAR"); !slices.Equal(got, []string{"QLOCAL", "TOPICSTR"}) {
		t.Errorf("ObjectsOf(CLEAR) = %v", got)
	}
	if s, _ := Lookup("END", ""); !s.NoParams {
		t.Error("END takes parameters")
	}
}
