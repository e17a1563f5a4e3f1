package mqini

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxLine is the longest line Parse accepts.
const maxLine = 64 * 1024

// Parse reads a stanza file. Syntax errors are *SyntaxError values that
// name the line.
func Parse(r io.Reader) (*File, error) {
	f := &File{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), maxLine)
	var cur *Stanza
	n := 0
	for sc.Scan() {
		n++
		var err error
		cur, err = f.parseLine(cur, strings.TrimSuffix(sc.Text(), "\r"), n)
		if err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("mqini: read after line %d: %w", n, err)
	}
	f.attachComments()
	return f, nil
}

// Load parses the file at path.
func Load(path string) (*File, error) {
	r, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("mqini: %w", err)
	}
	defer r.Close()
	f, err := Parse(r)
	if se, ok := err.(*SyntaxError); ok {
		se.Path = path
	}
	if err != nil {
		return nil, err
	}
	f.path = path
	return f, nil
}

// parseLine adds one line to f and returns the stanza that later attribute
// lines belong to.
func (f *File) parseLine(cur *Stanza, raw string, n int) (*Stanza, error) {
	text := strings.TrimSpace(raw)
	switch {
	case text == "" || text[0] == '#' || text[0] == ';':
		if cur == nil {
			f.head = append(f.head, raw)
		} else {
			cur.body = append(cur.body, entry{raw: raw, line: n})
		}
		return cur, nil
	case strings.HasSuffix(text, ":") && !strings.Contains(text, "="):
		name := strings.TrimSpace(strings.TrimSuffix(text, ":"))
		if !validName(name) {
			return nil, &SyntaxError{Line: n, Reason: fmt.Sprintf("invalid stanza name %q", name)}
		}
		s := &Stanza{name: name, file: f, line: n}
		f.stanzas = append(f.stanzas, s)
		return s, nil
	}
	key, value, ok := strings.Cut(text, "=")
	if !ok {
		return nil, &SyntaxError{Line: n, Reason: fmt.Sprintf("want \"Stanza:\" or \"Key=Value\", got %q", text)}
	}
	key = strings.TrimSpace(key)
	if !validName(key) {
		return nil, &SyntaxError{Line: n, Reason: fmt.Sprintf("invalid key %q", key)}
	}
	if cur == nil {
		return nil, &SyntaxError{Line: n, Reason: fmt.Sprintf("%s= appears before any stanza", key)}
	}
	cur.body = append(cur.body, entry{key: key, value: strings.TrimSpace(value), raw: raw, line: n})
	return cur, nil
}

// attachComments moves the comment and blank lines that end each stanza
// body to the stanza below (or to the file tail), so they stay with the
// stanza they introduce when stanzas are added or removed.
func (f *File) attachComments() {
	for i, s := range f.stanzas {
		cut := len(s.body)
		for cut > 0 && s.body[cut-1].key == "" {
			cut--
		}
		var moved []string
		for _, e := range s.body[cut:] {
			moved = append(moved, e.raw)
		}
		s.body = s.body[:cut]
		if i+1 < len(f.stanzas) {
			f.stanzas[i+1].lead = moved
		} else {
			f.tail = moved
		}
	}
}
