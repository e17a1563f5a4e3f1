package mqsc

import (
	"errors"
	"fmt"
	"strings"
)

// Errors of the script reader.
var (
	// ErrLineTooLong is returned (wrapped in a *LineError) when an input
	// line is longer than MaxLineLen characters.
	ErrLineTooLong = errors.New("line too long")
)

// LineError is a problem with one physical input line.
type LineError struct {
	Line int   // 1-based line number in the input
	Err  error // ErrLineTooLong
}

func (e *LineError) Error() string {
	return fmt.Sprintf("mqsc: line %d: %v", e.Line, e.Err)
}

// Unwrap returns the cause, so errors.Is(err, ErrLineTooLong) works.
func (e *LineError) Unwrap() error { return e.Err }

// The runmqsc messages of a syntax error.
const (
	msgSyntaxError  = "AMQ8405I: Syntax error detected at or near end of command segment below:-"
	msgValidVerbs   = "AMQ8426I: Valid MQSC commands are:"
	msgValidSyntax  = "AMQ8427I: Valid syntax for the MQSC command:"
	msgNameKeyword  = "AMQ8424E: Error detected in a name keyword."
	syntaxListSpace = "    " // indent of the command list and the syntax summary
)

// SyntaxError is a command that runmqsc rejects before running it. Lines
// gives the reply runmqsc prints for it.
type SyntaxError struct {
	// Segment is the command text up to and including the token where the
	// error was found, leading blanks removed.
	Segment string
	Reason  string // why the command was rejected, for logs and tests
	Offset  int    // byte offset of the end of the segment in the command text
	Verb    string // the full verb when it was recognised
	Object  string // the full object when it was recognised
	// Keyword is the full keyword the error is about, when there is one.
	Keyword string
	// Name marks an error in an object name (bad characters, too long):
	// runmqsc answers AMQ8424E instead of AMQ8405I.
	Name bool

	lexical bool // a quote problem: no syntax summary follows
	chltype string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("mqsc: syntax error: %s: %q", e.Reason, e.Segment)
}

// Lines returns runmqsc's reply to the command, line by line:
//
//   - AMQ8424E alone for a bad object name;
//   - otherwise AMQ8405I, the segment and a blank line, then
//   - for an unknown verb, AMQ8426I and the valid verbs;
//   - for a known verb with an unknown or missing object, AMQ8426I and
//     the valid verb-object pairs;
//   - for a bad parameter of a known command, AMQ8427I and a syntax
//     summary of that command built from the grammar table;
//   - nothing more for a misplaced or unclosed quote.
func (e *SyntaxError) Lines() []string {
	if e.Name {
		return []string{msgNameKeyword}
	}
	lines := []string{msgSyntaxError, e.Segment, ""}
	switch {
	case e.lexical:
		return lines
	case e.Verb == "":
		lines = append(lines, msgValidVerbs, "")
		for _, v := range validVerbs() {
			lines = append(lines, syntaxListSpace+v)
		}
	case e.Object == "" && len(ObjectsOf(e.Verb)) > 0:
		lines = append(lines, msgValidVerbs, "")
		for _, o := range ObjectsOf(e.Verb) {
			lines = append(lines, syntaxListSpace+e.Verb+" "+o)
		}
	default:
		lines = append(lines, msgValidSyntax, "")
		if s, ok := Lookup(e.Verb, e.Object); ok {
			lines = append(lines, s.Syntax(e.chltype)...)
		}
	}
	return lines
}

// validVerbs lists the verbs runmqsc names in AMQ8426I: every verb of the
// grammar but EXIT and QUIT, which are other spellings of END.
func validVerbs() []string {
	var out []string
	for _, v := range Verbs() {
		if v != "EXIT" && v != "QUIT" {
			out = append(out, v)
		}
	}
	return out
}

// Syntax returns a summary of the command's syntax, one keyword a line,
// for the AMQ8427I reply: the command with its object name, then each
// keyword with its values, optional ones in brackets, a keyword and its
// NO-form on one line. z/OS-only keywords are left out. For a channel, a
// non-empty chltype keeps only the keywords of that channel type.
func (s *Spec) Syntax(chltype string) []string {
	head := s.Verb
	if s.Object != "" {
		head += " " + s.Object
	}
	if s.Name != nil {
		name := "( " + valueSyntax(s.Name) + " )"
		if !s.Name.Required {
			name = "[" + name + "]"
		}
		head += name
	}
	lines := []string{syntaxListSpace + head}
	pad := syntaxListSpace + strings.Repeat(" ", len(s.Verb)+1)
	for _, k := range s.keywords {
		if k.ZOSOnly || isNoForm(s, k) {
			continue
		}
		if chltype != "" && k.Applies == "CHLTYPE" && !k.AppliesToValue(chltype) {
			continue
		}
		lines = append(lines, pad+keywordSyntax(s, k))
	}
	return lines
}

// isNoForm reports whether k is the NO-form of a flag listed with its
// positive form (NOSHARE beside SHARE): it shares that line.
func isNoForm(s *Spec, k *Keyword) bool {
	pos, ok := noFormOf(s, k)
	return ok && pos != nil
}

func keywordSyntax(s *Spec, k *Keyword) string {
	var text string
	switch {
	case k.Kind == KindFlag:
		text = k.Name
		if no, ok := s.index["NO"+k.Name]; ok && no.Kind == KindFlag {
			text += " | " + no.Name
		}
	case s.Verb == "DISPLAY" && !k.Selection && k.Kind != KindFilter:
		text = k.Name
	default:
		text = k.Name + "( " + valueSyntax(k) + " )"
	}
	if k.Required {
		return text
	}
	return "[ " + text + " ]"
}

// valueSyntax describes the value of a keyword: its words, "integer",
// "name", "string", "list of ..." or the WHERE filter.
func valueSyntax(k *Keyword) string {
	switch k.Kind {
	case KindEnum:
		words := append([]string(nil), k.Enum...)
		if k.AcceptsInt {
			words = append(words, "integer")
		}
		return strings.Join(words, " | ")
	case KindList:
		elem := &Keyword{Kind: k.Elem, Enum: k.ElemEnum}
		return valueSyntax(elem) + ", ..."
	case KindFilter:
		return "keyword operator value"
	case KindInt:
		return "integer"
	}
	return k.Kind.String()
}
