package mqini

import "fmt"

// SyntaxError is returned by Parse and Load for a line that is not a stanza
// header, an attribute, a comment or a blank line, and by Stanza.Int for a
// value that is not a number.
type SyntaxError struct {
	Path   string // file name when known (Load), else ""
	Line   int    // 1-based line number; 0 when the value was not read from a file
	Reason string
}

func (e *SyntaxError) Error() string {
	switch {
	case e.Path != "" && e.Line > 0:
		return fmt.Sprintf("mqini: %s:%d: %s", e.Path, e.Line, e.Reason)
	case e.Line > 0:
		return fmt.Sprintf("mqini: line %d: %s", e.Line, e.Reason)
	default:
		return "mqini: " + e.Reason
	}
}
