package errlog

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
)

// ParsedEntry is an entry read back from a log file.
type ParsedEntry struct {
	Time         time.Time // from the Time(...) line, UTC
	ID           amqmsg.ID
	Text         string   // the message text, unwrapped
	Inserts      []string // CommentInsert1..n
	ArithInserts []int64  // ArithInsert1..n
}

var (
	startPattern = regexp.MustCompile(`^\d\d/\d\d/\d{4} \d\d:\d\d:\d\d [AP]M - Process\(`)
	fieldPattern = regexp.MustCompile(`^(CommentInsert|ArithInsert)(\d+)\((.*)\)$`)
	msgPattern   = regexp.MustCompile(`^AMQ(\d{4})[IWES]?:(?: (.*))?$`)
)

// ReadEntries parses every entry of the log file at path, oldest first.
func ReadEntries(path string) ([]ParsedEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("errlog: %w", err)
	}
	defer f.Close()
	return readEntries(f, path)
}

// readEntries parses entries from r; path is used in error messages.
func readEntries(r io.Reader, path string) ([]ParsedEntry, error) {
	var (
		out  []ParsedEntry
		cur  *ParsedEntry
		text *strings.Builder // message text being collected
		n    int
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 1<<20)
	for sc.Scan() {
		n++
		line := sc.Text()
		switch {
		case startPattern.MatchString(line):
			out = append(out, ParsedEntry{})
			cur, text = &out[len(out)-1], nil
		case cur == nil:
			return nil, fmt.Errorf("errlog: %s:%d: text outside an entry", path, n)
		case strings.HasPrefix(line, indent):
			if err := cur.headerField(strings.TrimSpace(line)); err != nil {
				return nil, fmt.Errorf("errlog: %s:%d: %w", path, n, err)
			}
		case text == nil && cur.ID == 0:
			m := msgPattern.FindStringSubmatch(line)
			if m == nil {
				return nil, fmt.Errorf("errlog: %s:%d: want an AMQnnnn message line", path, n)
			}
			id, _ := strconv.Atoi(m[1])
			cur.ID = amqmsg.ID(id)
			text = &strings.Builder{}
			text.WriteString(m[2])
		case text != nil && line != "":
			text.WriteString(" " + line)
		case text != nil:
			cur.Text, text = text.String(), nil
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("errlog: %s: %w", path, err)
	}
	return out, nil
}

// headerField records one indented header field of the entry.
func (p *ParsedEntry) headerField(s string) error {
	if t, ok := strings.CutPrefix(s, "Time("); ok {
		ts, err := time.Parse("2006-01-02T15:04:05.000Z", strings.TrimSuffix(t, ")"))
		if err != nil {
			return err
		}
		p.Time = ts
		return nil
	}
	m := fieldPattern.FindStringSubmatch(s)
	if m == nil {
		return nil // Host, VRMF, RemoteHost and blank lines
	}
	if m[1] == "CommentInsert" {
		p.Inserts = append(p.Inserts, m[3])
		return nil
	}
	v, err := strconv.ParseInt(m[3], 10, 64)
	if err != nil {
		return fmt.Errorf("bad %s%s: %w", m[1], m[2], err)
	}
	p.ArithInserts = append(p.ArithInserts, v)
	return nil
}
