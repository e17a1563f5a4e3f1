package mqsc

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// checkValue checks one value against its keyword: enum words, integers,
// MQ name characters and lengths. t is the value's last token.
func (p *parser) checkValue(k *Keyword, v Value, t token) *SyntaxError {
	switch k.Kind {
	case KindEnum:
		if contains(k.Enum, v.Text) || (k.AcceptsInt && isInt(v.Text)) {
			return nil
		}
		return p.fail(t, "value not valid for "+k.Name)
	case KindInt:
		if !isInt(v.Text) {
			return p.fail(t, k.Name+" needs an integer")
		}
	case KindName:
		if !p.validName(k, v.Text) {
			e := p.fail(t, "not a valid name for "+k.Name)
			e.Name = true
			return e
		}
	}
	if k.MaxLen > 0 && utf8.RuneCountInString(v.Text) > k.MaxLen {
		return p.fail(t, k.Name+" is longer than "+strconv.Itoa(k.MaxLen))
	}
	return nil
}

// validName checks an MQ object name: A-Z a-z 0-9 . / _ %, at most 48
// characters (or the keyword's limit), and, outside DEFINE and ALTER, a
// generic name ending in '*'. A blank name (quoted, empty or blank) is allowed for
// attributes such as XMITQ(' ').
func (p *parser) validName(k *Keyword, s string) bool {
	if strings.TrimRight(s, " ") == "" {
		return k.Name != "(name)"
	}
	if p.cmd.Verb != "DEFINE" && p.cmd.Verb != "ALTER" {
		s = strings.TrimSuffix(s, "*")
	}
	s = dropInsertionVars(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
			c == '.' || c == '/' || c == '_' || c == '%') {
			return false
		}
	}
	limit := 48
	if k.MaxLen > 0 {
		limit = k.MaxLen
	}
	return len(s) <= limit
}

// dropInsertionVars removes MQ insertion variables such as +QMNAME+ and
// +AUTOCL+ from a name: the queue manager replaces them when it runs an
// automatic configuration script (corpus files 08 and 26-28), so they
// stand for name characters.
func dropInsertionVars(s string) string {
	for {
		i := strings.IndexByte(s, '+')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i+1:], '+')
		if j <= 0 || !isWordChars(s[i+1:i+1+j]) {
			return s
		}
		s = s[:i] + s[i+j+2:]
	}
}

func isWordChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func isInt(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || len(s) > 10 {
		return false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n <= 1<<31-1
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// check applies the rules that need the whole command: required
// keywords, and keywords valid only for some CHLTYPE, AUTHTYPE or TYPE.
func (p *parser) check() *SyntaxError {
	for _, k := range p.spec.keywords {
		if _, given := p.at[k.Name]; k.Required && !given {
			return p.failEnd(k.Name + " is required")
		}
	}
	for _, prm := range p.cmd.Params {
		k, _ := p.spec.Keyword(prm.Keyword)
		if k.Applies == "" || (p.cmd.Verb == "DISPLAY" && !prm.HasValue) {
			continue
		}
		on, ok := p.cmd.Param(k.Applies)
		if ok && on.HasValue && !k.AppliesToValue(on.Value.Text) {
			return p.fail(p.at[k.Name], k.Name+" is not valid for "+k.Applies+"("+on.Value.Text+")")
		}
	}
	return nil
}
