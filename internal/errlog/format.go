package errlog

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
)

const (
	// width is the first column text may not reach: lines are at most
	// width-1 characters long, as in IBM MQ's logs.
	width = 80
	// indent is the blank prefix of header continuation lines.
	indent = "                    "
)

// header holds the per-entry values of the first lines.
type header struct {
	now          time.Time
	pid          int
	user         string
	program      string
	host         string
	installation string
	vrmf         string
	qmgr         string
}

// render returns one complete entry, ending with the separator line.
func render(e Entry, h header) []byte {
	var b strings.Builder
	writeHeader(&b, e, h)
	m, ok := amqmsg.Lookup(e.ID)
	if !ok {
		m = amqmsg.Message{
			Text:        strings.Join(e.Inserts, " "),
			Explanation: "No explanation is recorded for this message.",
			Action:      "None.",
		}
	}
	m = m.With(clean(e.Inserts)...)
	wrap(&b, e.ID.String()+": "+m.Text)
	b.WriteString("\n")
	b.WriteString("EXPLANATION:\n")
	wrap(&b, m.Explanation)
	b.WriteString("ACTION:\n")
	wrap(&b, m.Action)
	b.WriteString(separator(e.SourceFile, e.SourceLine))
	return []byte(b.String())
}

func writeHeader(b *strings.Builder, e Entry, h header) {
	fmt.Fprintf(b, "%s - Process(%d.1) User(%s) Program(%s)\n",
		h.now.Format("01/02/2006 03:04:05 PM"), h.pid, h.user, h.program)
	fmt.Fprintf(b, "%sHost(%s) Installation(%s)\n", indent, h.host, h.installation)
	fmt.Fprintf(b, "%sVRMF(%s)", indent, h.vrmf)
	if h.qmgr != "" {
		fmt.Fprintf(b, " QMgr(%s)", h.qmgr)
	}
	b.WriteString("\n")
	fmt.Fprintf(b, "%sTime(%s)\n", indent, h.now.UTC().Format("2006-01-02T15:04:05.000Z"))
	if e.RemoteHost != "" {
		fmt.Fprintf(b, "%sRemoteHost(%s)\n", indent, oneLine(e.RemoteHost))
	}
	for i, n := range e.ArithInserts {
		fmt.Fprintf(b, "%sArithInsert%d(%d)\n", indent, i+1, n)
	}
	for i, s := range clean(e.Inserts) {
		fmt.Fprintf(b, "%sCommentInsert%d(%s)\n", indent, i+1, s)
	}
	b.WriteString(indent + "\n")
}

// separator returns the closing line, 79 characters wide:
// "----- file.go : 123 -----...".
func separator(file string, line int) string {
	if file == "" {
		file = "unknown"
	}
	s := "----- " + file + " : " + strconv.Itoa(line) + " "
	if n := width - 1 - len(s); n > 0 {
		s += strings.Repeat("-", n)
	}
	return s + "\n"
}

// wrap writes text as lines shorter than width, breaking between words. A
// word longer than a line gets a line of its own.
func wrap(b *strings.Builder, text string) {
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) < width:
			line += " " + w
		default:
			b.WriteString(line + "\n")
			line = w
		}
	}
	b.WriteString(line + "\n")
}

// clean makes inserts safe for a one-line header field.
func clean(inserts []string) []string {
	out := make([]string, len(inserts))
	for i, s := range inserts {
		out[i] = oneLine(s)
	}
	return out
}

func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
