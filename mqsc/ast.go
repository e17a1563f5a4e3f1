package mqsc

import "strings"

// Command is one MQSC command after its continuation lines have been
// joined and its comments dropped. Verb, Object and every Param.Keyword
// hold IBM's full upper-case spelling whatever the user typed (DEF QL
// becomes DEFINE QLOCAL), so executors never deal with synonyms.
type Command struct {
	Verb       string  // DEFINE, ALTER, DISPLAY, ..., END
	Object     string  // QLOCAL, CHANNEL, QMGR, ...; "" for END, EXIT and QUIT
	Name       string  // the value of the (name) after the object, "" when absent
	HasName    bool    // a (name) was given, even an empty one
	NameQuoted bool    // the name was written in quotes (its case is kept)
	Params     []Param // the parameters in the order they were given
	Text       string  // the joined command text, as runmqsc echoes it in errors
}

// Param is one keyword of a command with its value, if it has one.
type Param struct {
	Keyword  string // full keyword in upper case; TARGQ becomes TARGET, DQM CHINIT
	HasValue bool   // the keyword was followed by a parenthesised value
	Value    Value  // the value; the zero Value for keyword-only parameters
	Where    *Where // the filter, for the WHERE keyword only
}

// Value is a parameter value. Unquoted text is folded to upper case;
// quoted text is kept exactly, with each doubled quote turned into one.
type Value struct {
	Text   string   // a single value (for a list: the items joined by ",")
	Quoted bool     // the single value was quoted
	IsList bool     // the keyword takes a list (NAMES, AUTHADD, ...)
	List   []string // the list items, each unquoted or kept as quoted
}

// Where is the filter of a DISPLAY command: WHERE(keyword op value).
type Where struct {
	Keyword string // full keyword in upper case
	Op      string // EQ, NE, LT, GT, LE, GE, LK, NL, CT, EX, CTG or EXG
	Value   Value
}

// Param returns the parameter with the given keyword (full upper-case
// spelling) and whether the command has it.
func (c *Command) Param(keyword string) (Param, bool) {
	for _, p := range c.Params {
		if p.Keyword == keyword {
			return p, true
		}
	}
	return Param{}, false
}

// Has reports whether the command carries the keyword.
func (c *Command) Has(keyword string) bool {
	_, ok := c.Param(keyword)
	return ok
}

// IsGeneric reports whether the object name is generic: it ends in '*'.
func (c *Command) IsGeneric() bool {
	return strings.HasSuffix(c.Name, "*")
}
