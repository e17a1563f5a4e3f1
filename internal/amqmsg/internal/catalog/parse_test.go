package catalog

import (
	"strings"
	"testing"
)

func TestParseBlock(t *testing.T) {
	src := `# comment
AMQ8110E
text: IBM MQ queue manager already exists.
explanation: A queue manager of this name
  already exists.
action: Pick another name.

AMQ8006I
text: IBM MQ queue created.
explanation: Created.
action: None.
`
	entries, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Name() != "AMQ8006I" || entries[1].Name() != "AMQ8110E" {
		t.Fatalf("entries %+v, want AMQ8006I then AMQ8110E", entries)
	}
	if got := entries[1].Explanation; got != "A queue manager of this name already exists." {
		t.Errorf("continuation joined to %q", got)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"bad id", "AMQ811E\n", "line 1"},
		{"missing action", "AMQ8110E\ntext: a\nexplanation: b\n", "line 1: AMQ8110E needs"},
		{"unknown field", "AMQ8110E\ntexts: a\n", "line 2: unknown field"},
		{"repeated field", "AMQ8110E\ntext: a\ntext: b\n", "line 3: field \"text\" repeated"},
		{"insert gap", "AMQ8110E\ntext: <insert2>\nexplanation: b\naction: c\n", "uses <insert2> but not <insert1>"},
		{"duplicate", "AMQ8110E\ntext: a\nexplanation: b\naction: c\n\nAMQ8110I\ntext: a\nexplanation: b\naction: c\n", "line 6: AMQ8110 defined twice (first at line 1)"},
		{"stray continuation", "  more\n", "line 1: continuation"},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestGenerateIsGoSource(t *testing.T) {
	entries := []Entry{{Number: 8110, Severity: 'E', Text: `quote " and \ back`, Explanation: "e", Action: "a"}}
	src, err := Generate(entries, "x.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for _, want := range []string{"DO NOT EDIT.", "AMQ8110E ID = 8110", `Text: "quote \" and \\ back"`} {
		if !strings.Contains(s, want) {
			t.Errorf("generated source lacks %q:\n%s", want, s)
		}
	}
}
