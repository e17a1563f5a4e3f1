package mqsc

import "strings"

// Item is one attribute of a DISPLAY reply.
type Item struct {
	Keyword string // the attribute keyword: CURDEPTH
	Value   string // its value as stored; blank or "" prints as "( )"
	Bare    bool   // a flag shown without parentheses: SHARE, NOTRIGGER, HARDENBO
}

// Layout of runmqsc's DISPLAY replies: a three-blank indent, then two
// cells of 37 characters with three blanks between them, so the right
// item starts at column 43 (counting from 0).
const (
	displayIndent = "   "
	displayGap    = "   "
	displayCell   = 37 // items longer than this take a line of their own
)

// String returns the item as DISPLAY prints it: KEYWORD(value) or KEYWORD.
func (it Item) String() string {
	if it.Bare {
		return it.Keyword
	}
	return it.Keyword + "(" + FormatValue(it.Value) + ")"
}

// FormatValue returns a value as DISPLAY prints it between the parentheses:
// trailing blanks dropped, and a single blank for an empty value, so that
// an empty DESCR shows as DESCR( ). Values are not quoted and keep their case.
func FormatValue(v string) string {
	v = strings.TrimRight(v, " ")
	if v == "" {
		return " "
	}
	return v
}

// FormatItems lays out the attributes of one object as runmqsc prints them
// after the AMQ84xxI header: each line starts with three blanks and holds
// two items, the left one padded with blanks so that the right one starts
// at column 43 (counting from 0). An item longer than 37 characters gets a
// line to itself and the next item starts a new pair. An item left alone
// at the end is padded to 37 characters, as a real 9.x reply shows; many
// pasted transcripts have these trailing blanks trimmed.
func FormatItems(items []Item) []string {
	var lines []string
	left := "" // the pending left cell; "" when the line is empty
	for _, it := range items {
		s := it.String()
		switch {
		case len(s) > displayCell:
			if left != "" {
				lines = append(lines, displayIndent+pad(left))
				left = ""
			}
			lines = append(lines, displayIndent+s)
		case left == "":
			left = s
		default:
			lines = append(lines, displayIndent+pad(left)+displayGap+s)
			left = ""
		}
	}
	if left != "" {
		lines = append(lines, displayIndent+pad(left))
	}
	return lines
}

// pad fills a cell with blanks up to the cell width.
func pad(s string) string {
	if len(s) >= displayCell {
		return s
	}
	return s + strings.Repeat(" ", displayCell-len(s))
}
