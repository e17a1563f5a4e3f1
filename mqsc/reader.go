package mqsc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MaxLineLen is the longest input line runmqsc accepts on Multiplatforms.
const MaxLineLen = 2048

// LineKind tells what a physical input line is to the command it belongs to.
type LineKind uint8

const (
	LineCommand      LineKind = iota // the first line of a command
	LineContinuation                 // a later line of a continued command
	LineComment                      // a line with '*' in column 1
	LineBlank                        // an empty line or a line of blanks
)

// SourceLine is one physical input line.
type SourceLine struct {
	Text   string   // the line without its line end
	Kind   LineKind // its role
	Number int      // 1-based line number in the input
}

// Source is one command of a script with every line that belongs to it:
// the comment and blank lines before it, its first line, its
// continuation lines and the comment and blank lines among them.
type Source struct {
	Lines []SourceLine
	// Text is the command joined from its lines: '+' and '-' dropped, the
	// next line appended from its first non-blank character after '+' and
	// from column 1 after '-', a final ';' dropped. It is "" when the
	// Source holds only comments and blank lines (at the end of input).
	Text string
}

// Echo returns the lines runmqsc prints for the source: the first line
// of the command as "%6d : text" with the command number n, every other
// line as "       : text".
func (s *Source) Echo(n int) []string {
	out := make([]string, 0, len(s.Lines))
	for _, l := range s.Lines {
		if l.Kind == LineCommand {
			out = append(out, fmt.Sprintf("%6d : %s", n, l.Text))
		} else {
			out = append(out, "       : "+l.Text)
		}
	}
	return out
}

// Reader splits an MQSC script into commands the way runmqsc reads its
// input: '*' comments in column 1, blank lines, '+' and '-' continuation
// and ';' at the end of a command.
type Reader struct {
	in   *bufio.Reader
	line int  // number of the last line read
	eof  bool // the input is exhausted
}

// NewReader returns a Reader reading the script from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{in: bufio.NewReader(r)}
}

// Next returns the next command with its lines, or io.EOF at the end of
// the input. A line longer than MaxLineLen ends the command it is in: Next
// returns that Source, with its Text up to there, and a *LineError
// wrapping ErrLineTooLong; reading goes on with the line after it.
func (r *Reader) Next() (*Source, error) {
	src := &Source{}
	var text strings.Builder
	started := false // a command line has been read
	fromCol1 := false
	for {
		raw, err := r.readLine()
		if err != nil {
			return r.finish(src, &text, started, err)
		}
		kind := classify(raw, started)
		if kind == LineComment || kind == LineBlank {
			src.Lines = append(src.Lines, SourceLine{Text: raw.text, Kind: kind, Number: r.line})
			continue
		}
		src.Lines = append(src.Lines, SourceLine{Text: raw.text, Kind: kind, Number: r.line})
		if raw.tooLong {
			src.Text = text.String()
			return src, &LineError{Line: r.line, Err: ErrLineTooLong}
		}
		body := raw.text
		if started && !fromCol1 {
			body = strings.TrimLeft(body, " \t")
		}
		started = true
		last := lastNonBlank(body)
		switch {
		case last >= 0 && body[last] == ';':
			text.WriteString(body[:last])
			src.Text = text.String()
			return src, nil
		case last >= 0 && (body[last] == '+' || body[last] == '-'):
			text.WriteString(body[:last])
			fromCol1 = body[last] == '-'
		default:
			text.WriteString(body)
			src.Text = text.String()
			return src, nil
		}
	}
}

// finish ends the Source at the end of the input or on a read error.
func (r *Reader) finish(src *Source, text *strings.Builder, started bool, err error) (*Source, error) {
	if !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("mqsc: reading line %d: %w", r.line+1, err)
	}
	if !started && len(src.Lines) == 0 {
		return nil, io.EOF
	}
	src.Text = text.String() // a continued command cut by the end of input still counts
	return src, nil
}

// classify tells a comment or blank line from a command line. Inside a
// continued command the same rules apply: comment and blank lines are
// skipped.
func classify(l rawLine, started bool) LineKind {
	switch {
	case strings.HasPrefix(l.text, "*"):
		return LineComment
	case strings.Trim(l.text, " \t") == "":
		return LineBlank
	case started:
		return LineContinuation
	}
	return LineCommand
}

// lastNonBlank returns the index of the last character that is not a
// blank, or -1.
func lastNonBlank(s string) int {
	return len(strings.TrimRight(s, " \t")) - 1
}

// rawLine is one input line as read.
type rawLine struct {
	text    string
	tooLong bool // the line was longer than MaxLineLen; text holds its start
}

// readLine reads the next line without its "\n" or "\r\n". A last line
// without a line end is a line too. Memory stays bounded: of a line too
// long only the first MaxLineLen bytes are kept.
func (r *Reader) readLine() (rawLine, error) {
	if r.eof {
		return rawLine{}, io.EOF
	}
	var b []byte
	n := 0 // length of the whole line, line end included
	for {
		chunk, err := r.in.ReadSlice('\n')
		n += len(chunk)
		if room := MaxLineLen + 2 - len(b); room > 0 {
			b = append(b, chunk[:min(len(chunk), room)]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) {
			r.eof = true
			if n == 0 {
				return rawLine{}, io.EOF
			}
		} else if err != nil {
			return rawLine{}, err
		}
		break
	}
	r.line++
	if n > len(b) { // cut: far too long, whatever its line end
		return rawLine{text: string(b[:MaxLineLen]), tooLong: true}, nil
	}
	s := strings.TrimSuffix(string(b), "\n")
	s = strings.TrimSuffix(s, "\r")
	if len(s) > MaxLineLen {
		return rawLine{text: s[:MaxLineLen], tooLong: true}, nil
	}
	return rawLine{text: s}, nil
}
