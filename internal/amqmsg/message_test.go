package amqmsg

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/gomqm/gomqm/internal/amqmsg/internal/catalog"
)

func TestGeneratedFileIsCurrent(t *testing.T) {
	data, err := os.Open("messages.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	entries, err := catalog.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	want, err := catalog.Generate(entries, "messages.txt")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("messages_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("messages_gen.go is out of date: run go generate ./internal/amqmsg")
	}
}

func TestEveryMessageIsComplete(t *testing.T) {
	ids := All()
	if len(ids) < 100 {
		t.Fatalf("catalogue has %d messages, want at least 100", len(ids))
	}
	for _, id := range ids {
		m, ok := Lookup(id)
		if !ok {
			t.Errorf("%d: listed by All but not found by Lookup", id)
			continue
		}
		if m.ID != id || m.Text == "" || m.Explanation == "" || m.Action == "" {
			t.Errorf("%s: incomplete entry %+v", id, m)
		}
		if !strings.ContainsRune("IWES", rune(m.Severity)) {
			t.Errorf("%s: severity %q", id, m.Severity)
		}
		if !strings.HasSuffix(id.String(), string(m.Severity)) {
			t.Errorf("%s: String does not end with severity %c", id, m.Severity)
		}
	}
}

func TestRequiredIDsPresent(t *testing.T) {
	// Ids other packages print; they must keep their number and severity.
	want := []string{
		"AMQ8110E", "AMQ8118E", "AMQ8146E", "AMQ7077E", "AMQ7048E", "AMQ8919E",
		"AMQ8041S", "AMQ7018E", "AMQ7030I", "AMQ8003I", "AMQ8004I", "AMQ8048I",
		"AMQ7229I", "AMQ7230I", "AMQ7231I", "AMQ7232I", "AMQ7233I", "AMQ8521I",
		"AMQ8405I", "AMQ8426I", "AMQ8427I", "AMQ8424E", "AMQ8005I", "AMQ8006I",
		"AMQ8007I", "AMQ8008I", "AMQ8010I", "AMQ8014I", "AMQ8015I", "AMQ8016I",
		"AMQ8018I", "AMQ8019I", "AMQ8020I", "AMQ8021I", "AMQ8022I", "AMQ8023I",
		"AMQ8147E", "AMQ8148E", "AMQ8149E", "AMQ8150E", "AMQ8227E", "AMQ8242E",
		"AMQ8408I", "AMQ8409I", "AMQ8414I", "AMQ8417I", "AMQ8420I", "AMQ8450I",
		"AMQ8550I", "AMQ8551I", "AMQ8560I", "AMQ8626I", "AMQ8630I", "AMQ8631I",
		"AMQ8705I", "AMQ8135E", "AMQ9001I", "AMQ9002I", "AMQ9202E", "AMQ9999E",
		"AMQ9526E", "AMQ9616E", "AMQ9631E", "AMQ9633E", "AMQ9636E", "AMQ9642E",
		"AMQ9660E", "AMQ9665E", "AMQ9666E", "AMQ8999E",
	}
	have := map[string]bool{}
	for _, id := range All() {
		have[id.String()] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("%s missing from the catalogue", w)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		id      ID
		inserts []string
		want    string
	}{
		{AMQ8110E, nil, "AMQ8110E: IBM MQ queue manager already exists."},
		{AMQ8006I, nil, "AMQ8006I: IBM MQ queue created."},
		{AMQ8147E, []string{"Q.MISSING"}, "AMQ8147E: IBM MQ object Q.MISSING not found."},
		{AMQ8003I, []string{"QM1", "9.4.0.0"}, "AMQ8003I: IBM MQ queue manager 'QM1' started using V9.4.0.0."},
		{AMQ8048I, []string{"83", "0", "0"}, "AMQ8048I: Default objects statistics : 83 created. 0 replaced. 0 failed."},
		{AMQ9001I, []string{"QM1.TO.QM2"}, "AMQ9001I: Channel 'QM1.TO.QM2' to host '' ended normally."},
		{AMQ8041S, nil, "AMQ8041S: The queue manager cannot be restarted or deleted because processes, that were previously connected, are still running."},
		{ID(1234), []string{"x"}, "AMQ1234: x"},
		{ID(1234), nil, "AMQ1234"},
	}
	for _, tt := range tests {
		if got := Format(tt.id, tt.inserts...); got != tt.want {
			t.Errorf("Format(%d, %q) = %q, want %q", tt.id, tt.inserts, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	if got, want := Text(AMQ8110E), "IBM MQ queue manager already exists."; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	got := Text(AMQ7233I, "0", "0", "QM1", "extra")
	if want := "0 out of 0 in-flight transactions resolved for queue manager 'QM1'."; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestWithSubstitutesEverySection(t *testing.T) {
	m, ok := Lookup(AMQ9526E)
	if !ok {
		t.Fatal("AMQ9526E missing")
	}
	m = m.With("CH1", "7", "5")
	if m.Text != "Message sequence number error for channel 'CH1'." {
		t.Errorf("text %q", m.Text)
	}
	if !strings.Contains(m.Explanation, "message 7 was sent when 5 was expected") {
		t.Errorf("explanation %q", m.Explanation)
	}
}

func TestSubstituteLeavesOtherAnglesAlone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a <insert1> b", "a X b"},
		{"<insertx> <insert1>", "<insertx> X"},
		{"<insert0><insert2>", "<insert0>"},
		{"open <insert1", "open <insert1"},
		{"<b> <insert1>", "<b> X"},
	}
	for _, tt := range tests {
		if got := substitute(tt.in, []string{"X"}); got != tt.want {
			t.Errorf("substitute(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
