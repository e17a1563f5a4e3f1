package mqsc

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// readAll returns the joined text of every command of a script.
func readAll(t *testing.T, script string) []string {
	t.Helper()
	r := NewReader(strings.NewReader(script))
	var out []string
	for {
		src, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		out = append(out, src.Text)
	}
}

// The rules are those of mqsc-grammar.md §2 and ibm-mq-surface.md §3.1.
func TestReaderRules(t *testing.T) {
	for _, tc := range []struct {
		rule, script string
		want         []string
	}{
		{"one command per line", "DEF QL(A)\nDEF QL(B)\n", []string{"DEF QL(A)", "DEF QL(B)"}},
		{"plus continues at the first non-blank of the next line", "DEFINE QLOCAL(A) +\n     DESCR('x')\n",
			[]string{"DEFINE QLOCAL(A) DESCR('x')"}},
		{"minus continues at column 1 of the next line", "DEFINE QLOCAL(A) -\n  DESCR('x')\n",
			[]string{"DEFINE QLOCAL(A)   DESCR('x')"}},
		{"plus may split a quoted string", "DESCR('Fr+\n   ed')\n", []string{"DESCR('Fred')"}},
		{"minus may split a quoted string", "DESCR('Fr-\ned')\n", []string{"DESCR('Fred')"}},
		{"plus may split a list", "NAMES(A+\n ,B,C)\n", []string{"NAMES(A,B,C)"}},
		{"only the last non-blank character continues", "START(+QMNAME+) X\nNEXT\n",
			[]string{"START(+QMNAME+) X", "NEXT"}},
		{"insertion variable at the end of a value is not a continuation", "CONNAME(+CONNAME+)\nNEXT\n",
			[]string{"CONNAME(+CONNAME+)", "NEXT"}},
		{"blanks after the plus are ignored", "A +   \nB\n", []string{"A B"}},
		{"semicolon ends a command", "DIS QMGR;\nEND\n", []string{"DIS QMGR", "END"}},
		{"semicolon ends a command after a trailing plus", "DIS QMGR +\n;\nEND\n", []string{"DIS QMGR ", "END"}},
		{"star in column 1 is a comment", "* comment\nDIS QMGR\n", []string{"DIS QMGR"}},
		{"double star lines are comments", "**********\nDIS QMGR\n", []string{"DIS QMGR"}},
		{"star after column 1 is not a comment", " * not\n", []string{" * not"}},
		{"comments inside a continued command are skipped", "DEF QL(A) +\n* note\n  DESCR('x')\n",
			[]string{"DEF QL(A) DESCR('x')"}},
		{"blank lines are skipped", "\n   \n\t\nDIS QMGR\n\n", []string{"DIS QMGR", ""}},
		{"blank lines inside a continued command are skipped", "DEF QL(A) +\n\n   \n  DESCR('x')\n",
			[]string{"DEF QL(A) DESCR('x')"}},
		{"no newline at the end of the input", "DIS QMGR", []string{"DIS QMGR"}},
		{"CRLF line ends", "DEF QL(A) +\r\n DESCR('x')\r\nEND\r\n", []string{"DEF QL(A) DESCR('x')", "END"}},
		{"a continuation cut by the end of input is a command", "DEF QL(A) +\n", []string{"DEF QL(A) "}},
		{"trailing comments form a source without text", "DIS QMGR\n* end\n", []string{"DIS QMGR", ""}},
		{"empty input has no command", "", nil},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			if got := readAll(t, tc.script); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestReaderLinesAndEcho(t *testing.T) {
	script := "* set up\n\nDEFINE QLOCAL(A) +\n* inside\n   DESCR('x')\nEND"
	r := NewReader(strings.NewReader(script))
	src, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	kinds := []LineKind{LineComment, LineBlank, LineCommand, LineComment, LineContinuation}
	if len(src.Lines) != len(kinds) {
		t.Fatalf("lines = %+v", src.Lines)
	}
	for i, l := range src.Lines {
		if l.Kind != kinds[i] || l.Number != i+1 {
			t.Errorf("line %d = %+v, want kind %d", i+1, l, kinds[i])
		}
	}
	want := []string{
		"       : * set up",
		"       : ",
		"     1 : DEFINE QLOCAL(A) +",
		"       : * inside",
		"       :    DESCR('x')",
	}
	if got := src.Echo(1); !slices.Equal(got, want) {
		t.Errorf("echo\n%q\nwant\n%q", got, want)
	}
	src, err = r.Next()
	if err != nil || src.Text != "END" || src.Echo(2)[0] != "     2 : END" {
		t.Errorf("second source %+v, %v", src, err)
	}
	if _, err := r.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("after the end: %v", err)
	}
	if _, err := r.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("EOF again: %v", err)
	}
}

func TestReaderLineLength(t *testing.T) {
	ok := "DESCR('" + strings.Repeat("x", MaxLineLen-9) + "')"
	if got := readAll(t, ok+"\n"); len(got) != 1 || len(got[0]) != MaxLineLen {
		t.Fatalf("a %d-character line was not read whole", MaxLineLen)
	}
	long := strings.Repeat("y", MaxLineLen+1)
	for _, end := range []string{"\n", "\r\n", ""} {
		r := NewReader(strings.NewReader("DEF QL(A) +\n" + long + end + "DIS QMGR\n"))
		src, err := r.Next()
		var le *LineError
		if !errors.As(err, &le) || !errors.Is(err, ErrLineTooLong) || le.Line != 2 {
			t.Fatalf("line end %q: err = %v", end, err)
		}
		if src == nil || len(src.Lines) != 2 {
			t.Fatalf("source of the long line: %+v", src)
		}
		src, err = r.Next()
		if end != "" && (err != nil || src.Text != "DIS QMGR") {
			t.Errorf("line end %q: reading did not go on: %+v %v", end, src, err)
		}
	}
	huge := strings.Repeat("z", 1<<20) + "\nEND\n"
	r := NewReader(strings.NewReader(huge))
	if _, err := r.Next(); !errors.Is(err, ErrLineTooLong) {
		t.Errorf("1 MB line: %v", err)
	}
	if src, err := r.Next(); err != nil || src.Text != "END" {
		t.Errorf("after a 1 MB line: %+v %v", src, err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk gone") }

func TestReaderReadError(t *testing.T) {
	_, err := NewReader(failingReader{}).Next()
	if err == nil || errors.Is(err, io.EOF) || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("err = %v", err)
	}
}
