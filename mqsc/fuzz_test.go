package mqsc

import (
	"errors"
	"io"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	"DEFINE QLOCAL(A) DESCR('it''s') MAXDEPTH(5) SHARE REPLACE",
	"def ql('Mixed') +\n  descr('x')",
	"DIS QL(*) WHERE(CURDEPTH GT 0) CURDEPTH",
	"SET AUTHREC PROFILE('Q') OBJTYPE(QUEUE) PRINCIPAL('app') AUTHADD(CONNECT, INQ)",
	"DEFINE CHANNEL(C) CHLTYPE(SDR) CONNAME(host(1414)) XMITQ(Q)",
	"DEFINE NOREPLACE QLOCAL('Z') -\n DESCR('a')",
	"* comment\n\nEND;",
	"DEFINE NAMELIST(N) NAMES(A+\n ,b,'c')",
	"DEFINE QLOCAL(A) DESCR('unclosed",
	"ALTER QLOCAL ('Account' )   TRIGDPTH ( 1)",
}

// FuzzParse checks that Parse never panics, that String gives text that
// parses back, and that parsing that text again changes nothing.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		c, err := Parse(text)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q): not a *SyntaxError: %v", text, err)
			}
			_ = se.Lines()
			return
		}
		once := c.String()
		c2, err := Parse(once)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its String %q: %v", text, once, err)
		}
		if twice := c2.String(); twice != once {
			t.Fatalf("String not stable: %q then %q", once, twice)
		}
	})
}

// FuzzReader checks that the reader never panics, always ends, and
// returns each input line exactly once.
func FuzzReader(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, script string) {
		r := NewReader(strings.NewReader(script))
		lines := 0
		for i := 0; ; i++ {
			if i > len(script)+1 {
				t.Fatal("the reader does not end")
			}
			src, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil && !errors.Is(err, ErrLineTooLong) {
				t.Fatalf("Next: %v", err)
			}
			lines += len(src.Lines)
			_, _ = Parse(src.Text)
		}
		want := strings.Count(script, "\n")
		if script != "" && !strings.HasSuffix(script, "\n") {
			want++
		}
		if lines != want {
			t.Fatalf("%d lines read, want %d", lines, want)
		}
	})
}

// TestParseLongInput checks that a very long command takes little time.
// TestParseLongInput parses a 200,000-item list and a command repeating one
// keyword 200,000 times. Work that grew with the square of the input would
// take hours here and end in the test binary's timeout; the test does not
// time itself, since wall-clock limits fail on a loaded machine.
func TestParseLongInput(t *testing.T) {
	text := "DEFINE NAMELIST(N) NAMES(" + strings.Repeat("ABC,", 200000) + "X)"
	c, err := Parse(text)
	if err != nil || len(param(t, c, "NAMES").Value.List) != 200001 {
		t.Fatalf("long list: %v", err)
	}
	bad := strings.Repeat("DESCR ", 200000)
	if _, err := Parse("DEF QL(A) " + bad); err == nil {
		t.Fatal("repeated DESCR accepted")
	}
}

func TestStringRoundTrip(t *testing.T) {
	for text, want := range map[string]string{
		"def ql(a) descr('it''s') share":                             "DEFINE QLOCAL(A) DESCR('it''s') SHARE",
		"dis ql(*) where(descr lk 'a*') curdepth":                    "DISPLAY QLOCAL(*) WHERE(DESCR LK 'a*') CURDEPTH",
		"def nl(n) names(a, 'b.c')":                                  "DEFINE NAMELIST(N) NAMES(A,'b.c')",
		"DEF QA(A) TARGQ(B)":                                         "DEFINE QALIAS(A) TARGET(B)",
		"DEFINE NOREPLACE QLOCAL(X)":                                 "DEFINE QLOCAL(X) NOREPLACE",
		"set chlauth('SYSTEM.*') type(blockuser) userlist('nobody')": "SET CHLAUTH('SYSTEM.*') TYPE(BLOCKUSER) USERLIST('nobody')",
		"end": "END",
	} {
		if got := mustParse(t, text).String(); got != want {
			t.Errorf("String(%q) = %q, want %q", text, got, want)
		}
	}
}
