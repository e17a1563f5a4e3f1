package mqini

import (
	"strconv"
	"strings"
)

// Name returns the stanza name as written in the file.
func (s *Stanza) Name() string { return s.name }

// Line returns the line of the stanza header in the parsed file, or 0 for a
// stanza added in memory.
func (s *Stanza) Line() int { return s.line }

// Get returns the value of key (any case). If the key is repeated the first
// occurrence wins.
func (s *Stanza) Get(key string) (string, bool) {
	if e := s.find(key); e != nil {
		return e.value, true
	}
	return "", false
}

// Keys returns the attribute names in file order, as written.
func (s *Stanza) Keys() []string {
	var keys []string
	for _, e := range s.body {
		if e.key != "" {
			keys = append(keys, e.key)
		}
	}
	return keys
}

// Set gives key the value, changing the first existing occurrence (whose
// spelling is kept) or appending a new attribute. Blanks around value are
// dropped and line breaks inside it become blanks (a lone carriage
// return is kept: it does not end a line). Set panics if key is not
// a valid attribute name (letters, digits and '_').
func (s *Stanza) Set(key, value string) {
	if !validName(key) {
		panic("mqini: invalid key " + `"` + key + `"`)
	}
	value = strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\n", " ").Replace(value))
	if e := s.find(key); e != nil {
		if e.value != value {
			e.value, e.raw, e.line = value, "", 0
		}
		return
	}
	s.insert(entry{key: key, value: value})
}

// insert adds an attribute after the last attribute of the body, so
// comments that close the stanza stay below it.
func (s *Stanza) insert(e entry) {
	at := len(s.body)
	for at > 0 && s.body[at-1].key == "" && strings.TrimSpace(s.body[at-1].raw) == "" {
		at--
	}
	s.body = append(s.body, entry{})
	copy(s.body[at+1:], s.body[at:])
	s.body[at] = e
}

// Delete removes every occurrence of key and reports whether there was one.
func (s *Stanza) Delete(key string) bool {
	kept := s.body[:0]
	found := false
	for _, e := range s.body {
		if e.key != "" && strings.EqualFold(e.key, key) {
			found = true
			continue
		}
		kept = append(kept, e)
	}
	s.body = kept
	return found
}

// Int returns the value of key as a decimal integer, or def if the key is
// absent or empty. A value that is not a number is a *SyntaxError naming the
// line it came from.
func (s *Stanza) Int(key string, def int) (int, error) {
	e := s.find(key)
	if e == nil || e.value == "" {
		return def, nil
	}
	n, err := strconv.Atoi(e.value)
	if err != nil {
		return def, &SyntaxError{
			Path:   s.path(),
			Line:   e.line,
			Reason: s.name + " stanza: " + e.key + "=" + e.value + " is not a number",
		}
	}
	return n, nil
}

func (s *Stanza) find(key string) *entry {
	for i := range s.body {
		if s.body[i].key != "" && strings.EqualFold(s.body[i].key, key) {
			return &s.body[i]
		}
	}
	return nil
}

func (s *Stanza) path() string {
	if s.file == nil {
		return ""
	}
	return s.file.path
}
