package mqsc

import "strings"

// String returns the command in a canonical MQSC form: full upper-case
// verb, object and keywords, one blank between parameters, quoted values
// quoted again (a quote inside doubled). Parsing the result gives the same
// command again.
func (c *Command) String() string {
	var b strings.Builder
	b.WriteString(c.Verb)
	if c.Object != "" {
		b.WriteString(" " + c.Object)
	}
	if c.HasName {
		b.WriteString("(" + formatScalar(c.Name, c.NameQuoted) + ")")
	}
	for _, p := range c.Params {
		b.WriteString(" " + p.String())
	}
	return b.String()
}

// String returns the parameter as MQSC: KEYWORD, KEYWORD(value),
// KEYWORD(A,B) or WHERE(KEYWORD OP value).
func (p Param) String() string {
	switch {
	case p.Where != nil:
		w := p.Where
		return p.Keyword + "(" + w.Keyword + " " + w.Op + " " + formatScalar(w.Value.Text, w.Value.Quoted) + ")"
	case !p.HasValue:
		return p.Keyword
	case p.Value.IsList:
		items := make([]string, len(p.Value.List))
		for i, it := range p.Value.List {
			items[i] = formatScalar(it, !isPlain(it))
		}
		return p.Keyword + "(" + strings.Join(items, ",") + ")"
	}
	return p.Keyword + "(" + formatScalar(p.Value.Text, p.Value.Quoted) + ")"
}

// formatScalar writes a value quoted or as it is.
func formatScalar(v string, quoted bool) string {
	if quoted {
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return v
}

// isPlain reports whether a value reads back the same without quotes:
// not empty, no lower case, no separators, quotes or parentheses.
func isPlain(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isSeparator(c) || c == '\'' || c == '(' || c == ')' || (c >= 'a' && c <= 'z') || c >= 0x80 {
			return false
		}
	}
	return true
}
