package amqmsg

import (
	"fmt"
	"strconv"
	"strings"
)

// ID is the number of an AMQnnnn message, e.g. 8110 for AMQ8110E.
type ID int

// Message is one catalogue entry.
type Message struct {
	ID          ID
	Severity    byte   // 'I' information, 'W' warning, 'E' error, 'S' severe
	Text        string // the message line; may contain <insertN>
	Explanation string // what happened, for the EXPLANATION section of a log entry
	Action      string // what to check or do, for the ACTION section
}

// Lookup returns the catalogue entry of id.
func Lookup(id ID) (Message, bool) {
	return lookup(id)
}

// String returns the id as printed, with its severity letter ("AMQ8110E").
// An id that is not in the catalogue prints without a letter ("AMQ1234").
func (id ID) String() string {
	if m, ok := lookup(id); ok {
		return fmt.Sprintf("AMQ%04d%c", int(id), m.Severity)
	}
	return fmt.Sprintf("AMQ%04d", int(id))
}

// Text returns the message text of id with inserts substituted, e.g.
// "IBM MQ queue manager already exists.". For an id that is not in the
// catalogue it returns the inserts joined by blanks.
func Text(id ID, inserts ...string) string {
	m, ok := lookup(id)
	if !ok {
		return strings.Join(inserts, " ")
	}
	return substitute(m.Text, inserts)
}

// Format returns the id and text as IBM MQ prints an error line:
// "AMQ8110E: IBM MQ queue manager already exists.".
func Format(id ID, inserts ...string) string {
	text := Text(id, inserts...)
	if text == "" {
		return id.String()
	}
	return id.String() + ": " + text
}

// With returns a copy of m with inserts substituted in its text, explanation
// and action.
func (m Message) With(inserts ...string) Message {
	m.Text = substitute(m.Text, inserts)
	m.Explanation = substitute(m.Explanation, inserts)
	m.Action = substitute(m.Action, inserts)
	return m
}

// substitute replaces each <insertN> in s by inserts[N-1], or by nothing when
// there are fewer inserts.
func substitute(s string, inserts []string) string {
	const open = "<insert"
	if !strings.Contains(s, open) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			break
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			break
		}
		n, err := strconv.Atoi(s[i+len(open) : i+end])
		if err != nil || n < 1 {
			b.WriteString(s[:i+end+1])
			s = s[i+end+1:]
			continue
		}
		b.WriteString(s[:i])
		if n <= len(inserts) {
			b.WriteString(inserts[n-1])
		}
		s = s[i+end+1:]
	}
	b.WriteString(s)
	return b.String()
}
