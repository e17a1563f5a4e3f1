package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Types a constant may have in the data file.
const (
	typeInt32  = "int32"
	typeString = "string"
	typeRune   = "rune"
)

// constant is one line of the data file.
type constant struct {
	line  int    // line number in the data file, for messages
	name  string // Go identifier
	typ   string // typeInt32, typeString or typeRune
	num   int32  // value when typ is typeInt32
	str   string // value when typ is typeString
	char  rune   // value when typ is typeRune
	class string // MQItoString class, or ""
}

var (
	nameRE  = regexp.MustCompile(`^MQ[A-Za-z0-9_]*$`)
	classRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
)

// maxLine bounds one line of the data file; real lines are under 100 bytes.
const maxLine = 64 * 1024

// parseTSV reads the data file. It rejects malformed lines and duplicate
// names, naming the offending line.
func parseTSV(r io.Reader) ([]constant, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	seen := make(map[string]int)
	var consts []constant
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSuffix(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		c, err := parseLine(text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if first, dup := seen[c.name]; dup {
			return nil, fmt.Errorf("line %d: %s already defined on line %d", n, c.name, first)
		}
		c.line = n
		seen[c.name] = n
		consts = append(consts, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(consts) == 0 {
		return nil, errors.New("no constants")
	}
	return consts, nil
}

// parseLine parses one non-comment line: name, type, value and an optional class.
func parseLine(text string) (constant, error) {
	f := strings.Split(text, "\t")
	if len(f) != 3 && len(f) != 4 {
		return constant{}, fmt.Errorf("want 3 or 4 tab-separated fields, have %d", len(f))
	}
	c := constant{name: f[0], typ: f[1]}
	if !nameRE.MatchString(c.name) {
		return constant{}, fmt.Errorf("bad constant name %q", c.name)
	}
	if len(f) == 4 {
		c.class = f[3]
		if !classRE.MatchString(c.class) {
			return constant{}, fmt.Errorf("%s: bad class %q", c.name, c.class)
		}
		if c.typ != typeInt32 {
			return constant{}, fmt.Errorf("%s: only int32 constants can have a class", c.name)
		}
	}
	if err := c.setValue(f[2]); err != nil {
		return constant{}, fmt.Errorf("%s: %w", c.name, err)
	}
	return c, nil
}

// setValue parses v according to c.typ.
func (c *constant) setValue(v string) error {
	switch c.typ {
	case typeInt32:
		n, err := strconv.ParseInt(v, 10, 32)
		if err != nil {
			return fmt.Errorf("bad int32 value %q", v)
		}
		c.num = int32(n)
	case typeString:
		if !strings.HasPrefix(v, `"`) {
			return fmt.Errorf("string value %s is not a double-quoted literal", v)
		}
		s, err := strconv.Unquote(v)
		if err != nil || !utf8.ValidString(s) {
			return fmt.Errorf("bad string literal %s", v)
		}
		c.str = s
	case typeRune:
		s, err := strconv.Unquote(v)
		if err != nil || !strings.HasPrefix(v, "'") {
			return fmt.Errorf("bad rune literal %s", v)
		}
		r, _ := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError {
			return fmt.Errorf("bad rune literal %s", v)
		}
		c.char = r
	default:
		return fmt.Errorf("unknown type %q (want int32, string or rune)", c.typ)
	}
	return nil
}
