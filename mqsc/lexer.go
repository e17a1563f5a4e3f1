package mqsc

import "strings"

// tokKind is the kind of a lexical token of a command.
type tokKind uint8

const (
	tokWord   tokKind = iota // an unquoted word: a verb, a keyword or a value
	tokQuoted                // a quoted string, with '' turned into '
	tokOpen                  // (
	tokClose                 // )
)

// token is one lexical token; start and end are byte offsets in the
// command text, end exclusive, so text[start:end] is what the user typed.
type token struct {
	kind       tokKind
	text       string // the word as typed, or the quoted string's content
	start, end int
}

// isSeparator reports whether c separates tokens: blanks and commas, any
// number of them counting as one (§2 "Separators"). Tabs count as blanks.
func isSeparator(c byte) bool {
	return c == ' ' || c == ',' || c == '\t'
}

// lex splits a command into tokens. It returns the tokens read so far and
// a lexical error when a quote is misplaced or never closed.
func lex(text string) ([]token, *SyntaxError) {
	var toks []token
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case isSeparator(c):
			i++
		case c == '(':
			toks = append(toks, token{kind: tokOpen, text: "(", start: i, end: i + 1})
			i++
		case c == ')':
			toks = append(toks, token{kind: tokClose, text: ")", start: i, end: i + 1})
			i++
		case c == '\'':
			tok, err := lexQuoted(text, i)
			if err != nil {
				return toks, err
			}
			toks = append(toks, tok)
			i = tok.end
		default:
			tok, err := lexWord(text, i)
			if err != nil {
				return toks, err
			}
			toks = append(toks, tok)
			i = tok.end
		}
	}
	return toks, nil
}

// lexWord reads an unquoted word starting at i. A quote inside a word is
// a syntax error at that quote (runmqsc reports "RQMNAME (QMB'").
func lexWord(text string, i int) (token, *SyntaxError) {
	j := i
	for j < len(text) {
		c := text[j]
		if isSeparator(c) || c == '(' || c == ')' {
			break
		}
		if c == '\'' {
			return token{}, lexError(text, j+1, "quote inside an unquoted value")
		}
		j++
	}
	return token{kind: tokWord, text: text[i:j], start: i, end: j}, nil
}

// lexQuoted reads a quoted string whose opening quote is at i. Two quotes
// inside stand for one (§2 "Quoting"). A string that is never closed is a
// syntax error at its opening quote, and so is a quote glued to a word
// after the string ('abc'def).
func lexQuoted(text string, i int) (token, *SyntaxError) {
	var b strings.Builder
	for j := i + 1; j < len(text); j++ {
		if text[j] != '\'' {
			b.WriteByte(text[j])
			continue
		}
		if j+1 < len(text) && text[j+1] == '\'' {
			b.WriteByte('\'')
			j++
			continue
		}
		end := j + 1
		if end < len(text) && !isSeparator(text[end]) && text[end] != '(' && text[end] != ')' {
			return token{}, lexError(text, end+1, "text glued to a quoted string")
		}
		return token{kind: tokQuoted, text: b.String(), start: i, end: end}, nil
	}
	return token{}, lexError(text, i+1, "quoted string not closed")
}

// lexError is a syntax error found while splitting the text: runmqsc
// shows the segment but no syntax summary.
func lexError(text string, end int, reason string) *SyntaxError {
	return &SyntaxError{Segment: segment(text, end), Reason: reason, Offset: end, lexical: true}
}

// segment returns the command text up to end, without leading blanks:
// what runmqsc prints under AMQ8405I.
func segment(text string, end int) string {
	if end > len(text) {
		end = len(text)
	}
	return strings.TrimLeft(text[:end], " \t")
}
