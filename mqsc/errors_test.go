package mqsc

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func syntaxLines(t *testing.T, text string) []string {
	t.Helper()
	_, err := Parse(text)
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Parse(%q) = %v, want a syntax error", text, err)
	}
	return se.Lines()
}

// The segment is shown as typed, before folding to upper case.
func TestSyntaxErrorUnknownVerb(t *testing.T) {
	want := []string{
		"AMQ8405I: Syntax error detected at or near end of command segment below:-",
		"foo",
		"",
		"AMQ8426I: Valid MQSC commands are:",
		"",
		"    ALTER", "    CLEAR", "    DEFINE", "    DELETE", "    DISPLAY", "    END", "    PING",
		"    PURGE", "    REFRESH", "    RESET", "    RESOLVE", "    RESUME", "    SET", "    START",
		"    STOP", "    SUSPEND",
	}
	if got := syntaxLines(t, "foo ql(a)"); !slices.Equal(got, want) {
		t.Errorf("got\n%s", strings.Join(got, "\n"))
	}
}

func TestSyntaxErrorUnknownObject(t *testing.T) {
	got := syntaxLines(t, "CLEAR QUEUE(A)")
	want := []string{
		"AMQ8405I: Syntax error detected at or near end of command segment below:-",
		"CLEAR QUEUE",
		"",
		"AMQ8426I: Valid MQSC commands are:",
		"",
		"    CLEAR QLOCAL",
		"    CLEAR TOPICSTR",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s", strings.Join(got, "\n"))
	}
}

// The first two lines are those of a real 9.4.5 transcript.
func TestSyntaxErrorBadKeyword(t *testing.T) {
	got := syntaxLines(t, "DISPLAY QMGR LOGTYPE ...")
	head := []string{
		"AMQ8405I: Syntax error detected at or near end of command segment below:-",
		"DISPLAY QMGR LOGTYPE",
		"",
		"AMQ8427I: Valid syntax for the MQSC command:",
		"",
		"    DISPLAY QMGR",
		"            [ ACCTCONO ]",
	}
	if !slices.Equal(got[:len(head)], head) {
		t.Errorf("got\n%s", strings.Join(got[:len(head)], "\n"))
	}
	if slices.Contains(got, "            [ QSGNAME ]") {
		t.Error("z/OS-only QSGNAME in the distributed summary")
	}
}

func TestSyntaxErrorSummaryOfChannelType(t *testing.T) {
	got := syntaxLines(t, "DEFINE CHANNEL(X) CHLTYPE(SVRCONN) XMITQ(Q)")
	for _, want := range []string{
		"    DEFINE CHANNEL( name )",
		"           CHLTYPE( SDR | SVR | RCVR | RQSTR | CLNTCONN | SVRCONN | CLUSSDR | CLUSRCVR | AMQP | MQTT )",
		"           [ SHARECNV( integer ) ]",
		"           [ COMPMSG( NONE | RLE | ZLIBFAST | ZLIBHIGH | LZ4FAST | LZ4HIGH | ANY, ... ) ]",
		"           [ REPLACE | NOREPLACE ]",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	for _, l := range got[3:] {
		if strings.Contains(l, "XMITQ") || strings.Contains(l, "BATCHSZ") || strings.HasPrefix(strings.TrimSpace(l), "[ NOREPLACE") {
			t.Errorf("summary for SVRCONN has %q", l)
		}
	}
}

// A real 9.1 transcript shows a misplaced quote answered with the
// segment and a blank line only.
func TestSyntaxErrorQuote(t *testing.T) {
	got := syntaxLines(t, "DEFINE QREMOTE (LOCAL.DEF.OF.REMOTE.QUEUE) RNAME (RECEIVER.Q) RQMNAME (QMB') XMITQ (QMB)")
	want := []string{
		"AMQ8405I: Syntax error detected at or near end of command segment below:-",
		"DEFINE QREMOTE (LOCAL.DEF.OF.REMOTE.QUEUE) RNAME (RECEIVER.Q) RQMNAME (QMB'",
		"",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	_, err := Parse("DEF QL(A) MAXDEPTH(x)")
	if err == nil || !strings.HasPrefix(err.Error(), "mqsc: syntax error: MAXDEPTH needs an integer") {
		t.Errorf("Error() = %v", err)
	}
}

func TestLineErrorMessage(t *testing.T) {
	err := error(&LineError{Line: 7, Err: ErrLineTooLong})
	if err.Error() != "mqsc: line 7: line too long" || !errors.Is(err, ErrLineTooLong) {
		t.Errorf("LineError = %v", err)
	}
}
