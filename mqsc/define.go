package mqsc

import "strings"

// DefineItem is one attribute of a command written in dmpmqcfg's script
// layout.
type DefineItem struct {
	Keyword string // the attribute keyword: DESCR
	Value   string // the value, written as given or quoted when Quoted is set
	Quoted  bool   // write the value as a quoted string: DESCR('my text')
	Bare    bool   // a keyword without a value: SHARE, REPLACE, FORCE
	// Comment writes the line as a comment ("*  ALTDATE(...) +"), as
	// dmpmqcfg does for read-only attributes that cannot be set back.
	Comment bool
}

// String returns the item as a script writes it: KEYWORD('value'),
// KEYWORD(value) or KEYWORD.
func (it DefineItem) String() string {
	switch {
	case it.Bare:
		return it.Keyword
	case it.Quoted:
		return it.Keyword + "(" + Quote(it.Value) + ")"
	default:
		return it.Keyword + "(" + it.Value + ")"
	}
}

// Quote returns v as an MQSC quoted string: enclosed in single quotes,
// each quote inside doubled, and a blank value written as ' '.
func Quote(v string) string {
	v = strings.TrimRight(v, " ")
	if v == "" {
		return "' '"
	}
	return "'" + strings.ReplaceAll(v, "'", "''") + "'"
}

// QuotedKind reports whether dmpmqcfg writes values of the keyword in
// quotes: names and strings are quoted, words and numbers are not.
func QuotedKind(k *Keyword) bool {
	switch k.Kind {
	case KindName, KindString:
		return true
	case KindList:
		return k.Elem == KindName || k.Elem == KindString
	}
	return false
}

// FormatDefine writes one command in dmpmqcfg's MQSC layout: the head
// line "VERB OBJECT('name') +", then one attribute a line after three
// blanks, each line but the last ending in " +". An empty name gives a
// head without one ("ALTER QMGR +"). Put REPLACE or FORCE last as a Bare
// item to end the command the way dmpmqcfg does.
//
//	DEFINE QLOCAL('APP.IN') +
//	   DESCR('Input queue') +
//	   MAXDEPTH(5000) +
//	   REPLACE
func FormatDefine(verb, object, name string, items []DefineItem) []string {
	head := verb + " " + object
	if name != "" {
		head += "(" + Quote(name) + ")"
	}
	lines := make([]string, 0, len(items)+1)
	lines = append(lines, head)
	for _, it := range items {
		prefix := "   "
		if it.Comment {
			prefix = "*  "
		}
		lines[len(lines)-1] += " +"
		lines = append(lines, prefix+it.String())
	}
	return lines
}
