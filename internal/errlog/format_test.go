package errlog

import (
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
)

var update = flag.Bool("update", false, "rewrite golden files")

func fixedHeader() header {
	// 18:23:34.836 UTC seen from a zone five hours behind.
	zone := time.FixedZone("EST", -5*3600)
	return header{
		now:          time.Date(2022, 6, 28, 13, 23, 34, 836_000_000, zone),
		pid:          2051233,
		user:         "mqm",
		program:      "amqrmppa",
		host:         "wdc1-mq1",
		installation: "Installation1",
		vrmf:         "9.2.5.0",
		qmgr:         "QM2",
	}
}

func TestRenderGolden(t *testing.T) {
	got := render(Entry{
		ID:           amqmsg.AMQ9636E,
		Inserts:      []string{"QM1.TO.QM2"},
		ArithInserts: []int64{0, 575010},
		RemoteHost:   "10.241.2.5",
		SourceFile:   "amqrccca.c",
		SourceLine:   439,
	}, fixedHeader())
	const golden = "testdata/amq9636e.golden"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("entry differs from %s (run with -update after checking):\n%s", golden, got)
	}
}

func TestRenderHeaderLines(t *testing.T) {
	h := fixedHeader()
	lines := strings.Split(string(render(Entry{ID: amqmsg.AMQ8003I, Inserts: []string{"QM2", "9.2.5.0"}, SourceFile: "x.go", SourceLine: 1}, h)), "\n")
	want := []string{
		"06/28/2022 01:23:34 PM - Process(2051233.1) User(mqm) Program(amqrmppa)",
		"                    Host(wdc1-mq1) Installation(Installation1)",
		"                    VRMF(9.2.5.0) QMgr(QM2)",
		"                    Time(2022-06-28T18:23:34.836Z)",
		"                    CommentInsert1(QM2)",
		"                    CommentInsert2(9.2.5.0)",
		"                    ",
		"AMQ8003I: IBM MQ queue manager 'QM2' started using V9.2.5.0.",
		"",
		"EXPLANATION:",
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d = %q, want %q", i+1, lines[i], w)
		}
	}
	h.qmgr = ""
	s := string(render(Entry{ID: amqmsg.AMQ8004I}, h))
	if !strings.Contains(s, "\n                    VRMF(9.2.5.0)\n") {
		t.Errorf("system log entry should have no QMgr field:\n%s", s)
	}
}

func TestWrapKeepsLinesUnder80(t *testing.T) {
	var b strings.Builder
	text := strings.Repeat("word ", 40) + strings.Repeat("x", 100) + " tail"
	wrap(&b, text)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	for _, l := range lines {
		if len(l) >= width && !strings.HasPrefix(l, "xxx") {
			t.Errorf("line of %d characters: %q", len(l), l)
		}
	}
	if strings.Join(strings.Fields(b.String()), " ") != strings.Join(strings.Fields(text), " ") {
		t.Error("wrapping changed the words")
	}
	if lines[len(lines)-2] != strings.Repeat("x", 100) || lines[len(lines)-1] != "tail" {
		t.Errorf("long word not on its own line: %q", lines[len(lines)-2:])
	}
	// IBM breaks before the word that would reach column 80.
	b.Reset()
	wrap(&b, "AMQ9636E: SSL distinguished name does not match peer name, channel 'QM1.TO.QM2'.")
	if want := "AMQ9636E: SSL distinguished name does not match peer name, channel\n'QM1.TO.QM2'.\n"; b.String() != want {
		t.Errorf("wrap = %q, want %q", b.String(), want)
	}
}

func TestSeparatorIs79Wide(t *testing.T) {
	s := separator("amqrccca.c", 439)
	if want := "----- amqrccca.c : 439 "; !strings.HasPrefix(s, want) {
		t.Errorf("separator %q lacks prefix %q", s, want)
	}
	if len(strings.TrimSuffix(s, "\n")) != 79 {
		t.Errorf("separator is %d wide, want 79", len(s)-1)
	}
}

func TestInsertsWithLineBreaksStayOnOneLine(t *testing.T) {
	s := string(render(Entry{ID: amqmsg.AMQ8147E, Inserts: []string{"A\nB"}}, fixedHeader()))
	if !strings.Contains(s, "CommentInsert1(A B)\n") || !strings.Contains(s, "IBM MQ object A B not found.") {
		t.Errorf("line break not flattened:\n%s", s)
	}
}
