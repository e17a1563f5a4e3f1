// Package catalog reads the message data file of package amqmsg and renders
// the Go source generated from it. It is shared by the generator command and
// by the test that checks the committed output is up to date.
package catalog

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Entry is one message as written in the data file.
type Entry struct {
	Number      int    // 8110
	Severity    byte   // 'I', 'W', 'E' or 'S'
	Text        string // message text with <insertN> placeholders
	Explanation string
	Action      string
	Line        int // line of the id in the data file
}

// Name is the identifier of the message, e.g. "AMQ8110E".
func (e Entry) Name() string {
	return fmt.Sprintf("AMQ%04d%c", e.Number, e.Severity)
}

var (
	idPattern     = regexp.MustCompile(`^AMQ([0-9]{4})([IWES])$`)
	insertPattern = regexp.MustCompile(`<insert([0-9]+)>`)
)

// parser holds the state of one Parse call.
type parser struct {
	entries []Entry
	cur     *Entry
	field   *string // field that continuation lines extend
	line    int
}

// Parse reads the data file. The entries come back sorted by number.
func Parse(r io.Reader) ([]Entry, error) {
	p := &parser{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		p.line++
		if err := p.parseLine(sc.Text()); err != nil {
			return nil, fmt.Errorf("catalog: line %d: %w", p.line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("catalog: read: %w", err)
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	sort.SliceStable(p.entries, func(i, j int) bool { return p.entries[i].Number < p.entries[j].Number })
	return p.entries, checkUnique(p.entries)
}

func (p *parser) parseLine(raw string) error {
	line := strings.TrimRight(raw, " \t\r")
	switch {
	case strings.HasPrefix(line, "#"):
		return nil
	case line == "":
		p.field = nil
		return p.finish()
	case line[0] == ' ' || line[0] == '\t':
		if p.field == nil {
			return fmt.Errorf("continuation line without a field above it")
		}
		*p.field += " " + strings.TrimSpace(line)
		return nil
	case p.cur == nil:
		return p.start(line)
	default:
		return p.setField(line)
	}
}

func (p *parser) start(line string) error {
	m := idPattern.FindStringSubmatch(line)
	if m == nil {
		return fmt.Errorf("want a message id like AMQ8110E, got %q", line)
	}
	n, _ := strconv.Atoi(m[1])
	p.cur = &Entry{Number: n, Severity: m[2][0], Line: p.line}
	return nil
}

func (p *parser) setField(line string) error {
	key, value, ok := strings.Cut(line, ":")
	if !ok {
		return fmt.Errorf("want \"field: value\", got %q", line)
	}
	var dst *string
	switch key {
	case "text":
		dst = &p.cur.Text
	case "explanation":
		dst = &p.cur.Explanation
	case "action":
		dst = &p.cur.Action
	default:
		return fmt.Errorf("unknown field %q", key)
	}
	if *dst != "" {
		return fmt.Errorf("field %q repeated", key)
	}
	*dst = strings.TrimSpace(value)
	p.field = dst
	return nil
}

// finish closes the current block, checking that it is complete.
func (p *parser) finish() error {
	if p.cur == nil {
		return nil
	}
	e := *p.cur
	p.cur, p.field = nil, nil
	if e.Text == "" || e.Explanation == "" || e.Action == "" {
		return fmt.Errorf("catalog: line %d: %s needs text, explanation and action", e.Line, e.Name())
	}
	if err := checkInserts(e); err != nil {
		return fmt.Errorf("catalog: line %d: %s: %w", e.Line, e.Name(), err)
	}
	p.entries = append(p.entries, e)
	return nil
}

// checkInserts makes sure the inserts of the text are numbered from 1 with
// no gaps, so callers can pass them by position.
func checkInserts(e Entry) error {
	max := 0
	seen := map[int]bool{}
	for _, m := range insertPattern.FindAllStringSubmatch(e.Text, -1) {
		n, _ := strconv.Atoi(m[1])
		seen[n] = true
		if n > max {
			max = n
		}
	}
	for i := 1; i <= max; i++ {
		if !seen[i] {
			return fmt.Errorf("text uses <insert%d> but not <insert%d>", max, i)
		}
	}
	return nil
}

func checkUnique(entries []Entry) error {
	for i := 1; i < len(entries); i++ {
		if entries[i].Number == entries[i-1].Number {
			return fmt.Errorf("catalog: line %d: AMQ%04d defined twice (first at line %d)",
				entries[i].Line, entries[i].Number, entries[i-1].Line)
		}
	}
	return nil
}
