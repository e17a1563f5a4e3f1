package mqini

import (
	"bytes"
	"strings"
)

// File is a parsed stanza file. The zero value is an empty file.
// A File is not safe for concurrent use.
type File struct {
	head    []string  // comment and blank lines before the first stanza
	stanzas []*Stanza // in file order
	tail    []string  // comment and blank lines after the last stanza
	path    string    // set by Load, for error messages
}

// Stanza is one "Name:" section and its attributes.
type Stanza struct {
	name string
	lead []string // comment and blank lines just above the header
	body []entry  // attributes, comments and blank lines, in order
	file *File
	line int // line of the header, 0 when added in memory
}

// entry is one line of a stanza body: an attribute, or a comment or blank
// line (key == "").
type entry struct {
	key, value string
	raw        string // original text; "" once the entry has been changed
	line       int
}

// Stanzas returns the stanzas called name (any case), in file order.
func (f *File) Stanzas(name string) []*Stanza {
	var out []*Stanza
	for _, s := range f.stanzas {
		if strings.EqualFold(s.name, name) {
			out = append(out, s)
		}
	}
	return out
}

// All returns every stanza in file order.
func (f *File) All() []*Stanza {
	return append([]*Stanza(nil), f.stanzas...)
}

// First returns the first stanza called name, or nil.
func (f *File) First(name string) *Stanza {
	for _, s := range f.stanzas {
		if strings.EqualFold(s.name, name) {
			return s
		}
	}
	return nil
}

// Add appends a new, empty stanza called name and returns it. It panics if
// name is not a valid stanza name (letters, digits and '_').
func (f *File) Add(name string) *Stanza {
	if !validName(name) {
		panic("mqini: invalid stanza name " + `"` + name + `"`)
	}
	s := &Stanza{name: name, file: f}
	if len(f.stanzas) > 0 || len(f.head) > 0 {
		s.lead = []string{""}
	}
	f.stanzas = append(f.stanzas, s)
	return s
}

// AddAfter inserts a new, empty stanza called name just below s and
// returns it; if s is nil or not in f it appends like Add.
func (f *File) AddAfter(s *Stanza, name string) *Stanza {
	n := f.Add(name)
	for i, t := range f.stanzas[:len(f.stanzas)-1] {
		if t == s {
			copy(f.stanzas[i+2:], f.stanzas[i+1:])
			f.stanzas[i+1] = n
			break
		}
	}
	return n
}

// Remove deletes s, with the comment lines above it, from the file. It does
// nothing if s is not in f.
func (f *File) Remove(s *Stanza) {
	for i, t := range f.stanzas {
		if t == s {
			f.stanzas = append(f.stanzas[:i], f.stanzas[i+1:]...)
			s.file = nil
			return
		}
	}
}

// Bytes renders the file.
func (f *File) Bytes() []byte {
	var b bytes.Buffer
	for _, l := range f.head {
		b.WriteString(l + "\n")
	}
	for _, s := range f.stanzas {
		s.render(&b)
	}
	for _, l := range f.tail {
		b.WriteString(l + "\n")
	}
	return b.Bytes()
}

func (s *Stanza) render(b *bytes.Buffer) {
	for _, l := range s.lead {
		b.WriteString(l + "\n")
	}
	b.WriteString(s.name + ":\n")
	for _, e := range s.body {
		switch {
		case e.raw != "" || e.key == "":
			b.WriteString(e.raw + "\n")
		default:
			b.WriteString("   " + e.key + "=" + e.value + "\n")
		}
	}
}

// validName reports whether name can be written as a stanza header.
func validName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
