package mqsc

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func mustParse(t *testing.T, text string) *Command {
	t.Helper()
	c, err := Parse(text)
	if err != nil {
		t.Fatalf("Parse(%q): %v", text, err)
	}
	return c
}

func param(t *testing.T, c *Command, kw string) Param {
	t.Helper()
	p, ok := c.Param(kw)
	if !ok {
		t.Fatalf("%q has no %s: %+v", c.Text, kw, c.Params)
	}
	return p
}

// Lexical and syntax rules of mqsc-grammar.md §2, one case per rule.
func TestParseAccepts(t *testing.T) {
	for _, tc := range []struct {
		rule, text string
		check      func(t *testing.T, c *Command)
	}{
		{"case: verbs objects and keywords in any case, short forms", "def ql(a) descr('x') maxdepth(10)", func(t *testing.T, c *Command) {
			if c.Verb != "DEFINE" || c.Object != "QLOCAL" || c.Name != "A" || c.NameQuoted {
				t.Errorf("got %s %s %q", c.Verb, c.Object, c.Name)
			}
			if param(t, c, "MAXDEPTH").Value.Text != "10" {
				t.Error("MAXDEPTH lost")
			}
		}},
		{"case: unquoted values folded to upper case", "DEFINE CHANNEL(chl) CHLTYPE(clusrcvr) CONNAME(host)", func(t *testing.T, c *Command) {
			if c.Name != "CHL" || param(t, c, "CHLTYPE").Value.Text != "CLUSRCVR" || param(t, c, "CONNAME").Value.Text != "HOST" {
				t.Errorf("not folded: %+v", c)
			}
		}},
		{"quoting: quoted values kept, doubled quote is one quote", "DEFINE QLOCAL('Mixed.Case') DESCR('it''s ok')", func(t *testing.T, c *Command) {
			d := param(t, c, "DESCR").Value
			if c.Name != "Mixed.Case" || !c.NameQuoted || d.Text != "it's ok" || !d.Quoted {
				t.Errorf("got name %q descr %+v", c.Name, d)
			}
		}},
		{"quoting: empty and blank quoted values", "DEFINE QLOCAL(A) DESCR('') INITQ(' ')", func(t *testing.T, c *Command) {
			if param(t, c, "DESCR").Value.Text != "" || param(t, c, "INITQ").Value.Text != " " {
				t.Errorf("params %+v", c.Params)
			}
		}},
		{"separators: blanks and commas, any number", "DEFINE,QLOCAL(A),,  MAXDEPTH(5) ,, SHARE", func(t *testing.T, c *Command) {
			if len(c.Params) != 2 {
				t.Errorf("params %+v", c.Params)
			}
		}},
		{"separators: blanks around parentheses", "ALTER QLOCAL ('Account' )   TRIGDPTH ( 1)", func(t *testing.T, c *Command) {
			if c.Name != "Account" || param(t, c, "TRIGDPTH").Value.Text != "1" {
				t.Errorf("got %+v", c)
			}
		}},
		{"lists: items in one pair of parentheses", "DEFINE NAMELIST(NL) NAMES(A,b, 'c' D)", func(t *testing.T, c *Command) {
			v := param(t, c, "NAMES").Value
			if !v.IsList || !slices.Equal(v.List, []string{"A", "B", "c", "D"}) || v.Text != "A,B,c,D" {
				t.Errorf("NAMES = %+v", v)
			}
		}},
		{"lists: blanks after commas", "SET AUTHREC PROFILE('Q') OBJTYPE(QUEUE) PRINCIPAL('app') AUTHADD(CONNECT, INQ, dsp)", func(t *testing.T, c *Command) {
			if v := param(t, c, "AUTHADD").Value; !slices.Equal(v.List, []string{"CONNECT", "INQ", "DSP"}) {
				t.Errorf("AUTHADD = %+v", v)
			}
		}},
		{"lists: CONNAME is a single string", "DEFINE CHANNEL(C) CHLTYPE(SDR) CONNAME('h1(1414),h2(1414)') XMITQ(Q)", func(t *testing.T, c *Command) {
			if v := param(t, c, "CONNAME").Value; v.IsList || v.Text != "h1(1414),h2(1414)" {
				t.Errorf("CONNAME = %+v", v)
			}
		}},
		{"unquoted string with parentheses", "DEFINE CHANNEL(C) CHLTYPE(SDR) CONNAME(host(1414)) XMITQ(Q)", func(t *testing.T, c *Command) {
			if v := param(t, c, "CONNAME").Value; v.Text != "HOST(1414)" {
				t.Errorf("CONNAME = %+v", v)
			}
		}},
		{"generic values: trailing star", "DIS QL(APP*) ALL", func(t *testing.T, c *Command) {
			if !c.IsGeneric() || !c.Has("ALL") {
				t.Errorf("got %+v", c)
			}
		}},
		{"generic values: star alone", "DISPLAY CHANNEL(*) TYPE(SDR)", func(t *testing.T, c *Command) {
			if c.Name != "*" || param(t, c, "TYPE").Value.Text != "SDR" {
				t.Errorf("got %+v", c)
			}
		}},
		{"keyword-only flags", "DEFINE QLOCAL(A) NOTRIGGER SHARE HARDENBO REPLACE", func(t *testing.T, c *Command) {
			if p := param(t, c, "NOTRIGGER"); p.HasValue || len(c.Params) != 4 {
				t.Errorf("params %+v", c.Params)
			}
		}},
		{"display: attributes are bare requests", "DIS QL(X) CURDEPTH MAXDEPTH", func(t *testing.T, c *Command) {
			if p := param(t, c, "MAXDEPTH"); p.HasValue || !c.Has("CURDEPTH") {
				t.Errorf("params %+v", c.Params)
			}
		}},
		{"display: a non-flag attribute may be requested bare", "DIS CHANNEL(*) CHLTYPE CONNAME", func(t *testing.T, c *Command) {
			if param(t, c, "CHLTYPE").HasValue {
				t.Error("CHLTYPE has a value")
			}
		}},
		{"display: WHERE filter", "DIS QL(*) WHERE(curdepth gt 0) CURDEPTH", func(t *testing.T, c *Command) {
			w := param(t, c, "WHERE").Where
			if w == nil || w.Keyword != "CURDEPTH" || w.Op != "GT" || w.Value.Text != "0" {
				t.Errorf("WHERE = %+v", w)
			}
		}},
		{"display: WHERE with a quoted generic value", "DIS CHANNEL(*) WHERE(DESCR LK 'Abc*')", func(t *testing.T, c *Command) {
			if w := param(t, c, "WHERE").Where; w.Value.Text != "Abc*" || !w.Value.Quoted {
				t.Errorf("WHERE = %+v", w)
			}
		}},
		{"display: selection keywords take values", "DIS CHLAUTH(*) MATCH(RUNCHECK) ADDRESS('1.2.3.4') CLNTUSER('u')", func(t *testing.T, c *Command) {
			if param(t, c, "MATCH").Value.Text != "RUNCHECK" {
				t.Error("MATCH lost")
			}
		}},
		{"display: queue types share the selections of DISPLAY QUEUE", "DIS QL(*) CLUSTER(DEMO) CLUSNL(NL1) CURDEPTH", func(t *testing.T, c *Command) {
			if param(t, c, "CLUSTER").Value.Text != "DEMO" {
				t.Error("CLUSTER lost")
			}
		}},
		{"synonyms: TARGQ is TARGET", "DEF QA(A) TARGQ(B)", func(t *testing.T, c *Command) {
			if param(t, c, "TARGET").Value.Text != "B" {
				t.Error("TARGQ not mapped")
			}
		}},
		{"synonyms: DQM is CHINIT on DISPLAY QMGR", "DIS QMGR DQM", func(t *testing.T, c *Command) {
			param(t, c, "CHINIT")
		}},
		{"ending runmqsc: END", "end", func(t *testing.T, c *Command) {
			if c.Verb != "END" || c.Object != "" {
				t.Errorf("got %+v", c)
			}
		}},
		{"ending runmqsc: EXIT", "EXIT", nil},
		{"ending runmqsc: QUIT", "  quit  ", nil},
		{"z/OS order: keyword before the object", "DEFINE NOREPLACE QLOCAL('CICS.Q') DESCR('x')", func(t *testing.T, c *Command) {
			if c.Object != "QLOCAL" || c.Name != "CICS.Q" || !c.Has("NOREPLACE") || !c.Has("DESCR") {
				t.Errorf("got %+v", c)
			}
		}},
		{"insertion variables in names", "DEFINE CHANNEL(UNICLUSTER.+QMNAME+) CHLTYPE(CLUSRCVR) CONNAME(+CONNAME+) CLUSTER(UNI)", func(t *testing.T, c *Command) {
			if c.Name != "UNICLUSTER.+QMNAME+" || param(t, c, "CONNAME").Value.Text != "+CONNAME+" {
				t.Errorf("got %+v", c)
			}
		}},
		{"channel keyword valid for its CHLTYPE", "DEFINE CHANNEL(S) CHLTYPE(SVRCONN) MCAUSER('app') SHARECNV(10)", nil},
		{"enum that also takes an integer", "DEFINE QLOCAL(A) CAPEXPRY(100)", nil},
		{"name of 48 characters", "DEFINE QLOCAL(" + strings.Repeat("Q", 48) + ")", nil},
		{"REFRESH SECURITY with an enum name", "REFRESH SECURITY(*) TYPE(SSL)", nil},
		{"PING QMGR takes no parameters", "PING QMGR", nil},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			c := mustParse(t, tc.text)
			if tc.check != nil {
				tc.check(t, c)
			}
			if c.Text != strings.TrimSpace(tc.text) {
				t.Errorf("Text = %q", c.Text)
			}
		})
	}
}

// Commands runmqsc rejects, with the segment it shows.
func TestParseRejects(t *testing.T) {
	for _, tc := range []struct {
		rule, text, segment string
	}{
		{"unknown verb", "FOO QL(A)", "FOO"},
		{"no abbreviation beyond the synonyms", "DEFI QL(A)", "DEFI"},
		{"unknown object", "DEFINE BOGUS('SHOULD.FAIL')", "DEFINE BOGUS"},
		{"missing object", "DEFINE", "DEFINE"},
		{"unknown keyword", "DISPLAY QMGR LOGTYPE ...", "DISPLAY QMGR LOGTYPE"},
		{"repeated parameter", "DEF QL(A) MAXDEPTH(1) MAXDEPTH(2)", "DEF QL(A) MAXDEPTH(1) MAXDEPTH"},
		{"repeated parameter through a synonym", "DEF QA(A) TARGET(B) TARGQ(C)", "DEF QA(A) TARGET(B) TARGQ"},
		{"keyword with its NO-form: REPLACE", "DEF QL(A) REPLACE NOREPLACE", "DEF QL(A) REPLACE NOREPLACE"},
		{"keyword with its NO-form: SHARE", "DEF QL(A) NOSHARE SHARE", "DEF QL(A) NOSHARE SHARE"},
		{"keyword with its NO-form: TRIGGER", "DEF QL(A) TRIGGER NOTRIGGER", "DEF QL(A) TRIGGER NOTRIGGER"},
		{"keyword with its NO-form: HARDENBO", "DEF QL(A) HARDENBO NOHARDENBO", "DEF QL(A) HARDENBO NOHARDENBO"},
		{"z/OS-only keyword", "DEFINE QLOCAL(A) QSGDISP(QMGR)", "DEFINE QLOCAL(A) QSGDISP"},
		{"channel keyword not valid for the CHLTYPE", "DEFINE CHANNEL(X) CHLTYPE(SVRCONN) XMITQ(Q)", "DEFINE CHANNEL(X) CHLTYPE(SVRCONN) XMITQ"},
		{"channel keyword before CHLTYPE still checked", "DEFINE CHANNEL(X) BATCHSZ(5) CHLTYPE(CLNTCONN) CONNAME('h')", "DEFINE CHANNEL(X) BATCHSZ"},
		{"CHLTYPE required", "DEFINE CHANNEL(X) DESCR('a')", "DEFINE CHANNEL(X) DESCR('a')"},
		{"enum value checked", "DEF QL(A) DEFPSIST(MAYBE)", "DEF QL(A) DEFPSIST(MAYBE"},
		{"integer checked", "DEF QL(A) MAXDEPTH(lots)", "DEF QL(A) MAXDEPTH(lots"},
		{"integer range checked", "DEF QL(A) MAXDEPTH(99999999999)", "DEF QL(A) MAXDEPTH(99999999999"},
		{"string length checked", "DEF QL(A) DESCR('" + strings.Repeat("d", 65) + "')", "DEF QL(A) DESCR('" + strings.Repeat("d", 65) + "'"},
		{"flag takes no value", "DEF QL(A) SHARE(YES)", "DEF QL(A) SHARE("},
		{"value needed", "DEF QL(A) MAXDEPTH", "DEF QL(A) MAXDEPTH"},
		{"display attribute takes no value", "DIS QL(A) MAXDEPTH(5)", "DIS QL(A) MAXDEPTH("},
		{"empty parentheses", "DEF QL(A) DESCR()", "DEF QL(A) DESCR()"},
		{"two values for one keyword", "DEF QL(A) DESCR(a b)", "DEF QL(A) DESCR(a b"},
		{"unquoted blanks split a value", "DEF QL(A) DESCR(my text)", "DEF QL(A) DESCR(my text"},
		{"missing name", "DEFINE QLOCAL DESCR('x')", "DEFINE QLOCAL DESCR"},
		{"missing closing parenthesis", "DEF QL(A) DESCR('x'", "DEF QL(A) DESCR('x'"},
		{"QMGR takes no name", "DIS QMGR(X)", "DIS QMGR("},
		{"END takes no parameters", "END NOW", "END NOW"},
		{"WHERE needs a known keyword", "DIS QL(*) WHERE(FOO EQ 1)", "DIS QL(*) WHERE(FOO"},
		{"WHERE needs an operator", "DIS QL(*) WHERE(CURDEPTH IS 1)", "DIS QL(*) WHERE(CURDEPTH IS"},
		{"WHERE needs a value", "DIS QL(*) WHERE(CURDEPTH GT)", "DIS QL(*) WHERE(CURDEPTH GT)"},
		{"quote: unclosed string", "DEF QL(A) DESCR('abc", "DEF QL(A) DESCR('"},
		{"quote: inside an unquoted value", "DEFINE QREMOTE (LOCAL.DEF.OF.REMOTE.QUEUE) RNAME (RECEIVER.Q) RQMNAME (QMB') XMITQ (QMB)",
			"DEFINE QREMOTE (LOCAL.DEF.OF.REMOTE.QUEUE) RNAME (RECEIVER.Q) RQMNAME (QMB'"},
		{"quote: text glued to a string", "DEF QL(A) DESCR('a'b)", "DEF QL(A) DESCR('a'b"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			_, err := Parse(tc.text)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) = %v, want a syntax error", tc.text, err)
			}
			if se.Segment != tc.segment {
				t.Errorf("segment %q, want %q (%s)", se.Segment, tc.segment, se.Reason)
			}
		})
	}
}

func TestParseNameErrors(t *testing.T) {
	for _, text := range []string{
		"DEFINE QLOCAL(" + strings.Repeat("Q", 49) + ")",
		"DEFINE CHANNEL(" + strings.Repeat("C", 21) + ") CHLTYPE(SDR)",
		"DEFINE QLOCAL('bad name')",
		"DEFINE QLOCAL(A) INITQ('a-b')",
		"DEFINE QLOCAL(ABC*)",
	} {
		_, err := Parse(text)
		var se *SyntaxError
		if !errors.As(err, &se) || !se.Name {
			t.Errorf("Parse(%q) = %v, want a name error", text, err)
			continue
		}
		if got := se.Lines(); !slices.Equal(got, []string{"AMQ8424E: Error detected in a name keyword."}) {
			t.Errorf("Lines = %q", got)
		}
	}
}

func TestParseZOSOption(t *testing.T) {
	text := "DEFINE NOREPLACE QLOCAL('CICS3.INITQ') QSGDISP(QMGR) STGCLASS('SYSTEM') CFSTRUCT(' ') DESCR('x')"
	if _, err := Parse(text); err == nil {
		t.Error("z/OS keywords accepted by default")
	}
	c, err := ParseOptions(text, Options{ZOS: true})
	if err != nil || param(t, c, "STGCLASS").Value.Text != "SYSTEM" {
		t.Errorf("with ZOS: %+v %v", c, err)
	}
}

func TestParseEmptyCommand(t *testing.T) {
	var se *SyntaxError
	if _, err := Parse("   "); !errors.As(err, &se) {
		t.Errorf("blank command: %v", err)
	}
}
