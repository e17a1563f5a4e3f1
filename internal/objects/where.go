package objects

import (
	"strconv"
	"strings"

	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// filter is the WHERE(keyword op value) of a DISPLAY command.
type filter struct {
	kw    string
	op    string
	value string // trailing blanks removed; case kept as parsed
}

// filterValue is what an object has for the filter keyword.
type filterValue struct {
	text    string   // the value as displayed (list items joined by commas)
	list    []string // the items of a list attribute
	numeric bool     // compare as integers
}

// whereOf returns the filter of a command, nil when it has none.
func whereOf(cmd *mqsc.Command) *filter {
	p, ok := cmd.Param("WHERE")
	if !ok || p.Where == nil {
		return nil
	}
	w := p.Where
	return &filter{kw: w.Keyword, op: w.Op, value: strings.TrimRight(w.Value.Text, " ")}
}

// errFilter is the reply to a filter that cannot be evaluated.
func errFilter() *cmdError {
	return failure(mqi.MQRCCF_PARM_SYNTAX_ERROR, msgFilterError)
}

// check validates the operator and, for numeric values, the operand.
func (f *filter) check(numeric bool) *cmdError {
	switch f.op {
	case "EQ", "NE", "LT", "GT", "LE", "GE":
		if numeric {
			if _, ok := parseInt(f.value); !ok {
				return errFilter()
			}
		}
	case "LK", "NL", "CT", "EX", "CTG", "EXG":
		if numeric && (f.op == "LK" || f.op == "NL") {
			return errFilter()
		}
	default:
		return errFilter()
	}
	return nil
}

// match reports whether a value satisfies the filter.
func (f *filter) match(v filterValue) bool {
	switch f.op {
	case "EQ", "NE", "LT", "GT", "LE", "GE":
		return compareOp(f.op, f.compare(v))
	case "LK":
		return genericMatch(f.value, v.text)
	case "NL":
		return !genericMatch(f.value, v.text)
	case "CT", "EX", "CTG", "EXG":
		items := v.list
		if items == nil && v.text != "" {
			items = []string{v.text}
		}
		found := false
		for _, it := range items {
			if f.op == "CT" || f.op == "EX" {
				found = found || it == f.value
			} else {
				found = found || genericMatch(f.value, it)
			}
		}
		return found == (f.op == "CT" || f.op == "CTG")
	}
	return false
}

// compare returns the order of the value relative to the operand.
func (f *filter) compare(v filterValue) int {
	if v.numeric {
		a, okA := parseInt(v.text)
		b, okB := parseInt(f.value)
		if okA && okB {
			return a - b
		}
	}
	return strings.Compare(v.text, f.value)
}

func compareOp(op string, c int) bool {
	switch op {
	case "EQ":
		return c == 0
	case "NE":
		return c != 0
	case "LT":
		return c < 0
	case "GT":
		return c > 0
	case "LE":
		return c <= 0
	case "GE":
		return c >= 0
	}
	return false
}

// genericMatch matches s against a value that may end in '*' (any
// suffix); without '*' it must be equal.
func genericMatch(pattern, s string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(s, prefix)
	}
	return pattern == s
}

// isNumericAttr reports whether WHERE compares an attribute as a number.
func isNumericAttr(a *attr, value string) bool {
	switch a.Name {
	case "CURDEPTH", "IPPROCS", "OPPROCS", "NAMCOUNT":
		return true
	}
	switch a.KW.Kind {
	case mqsc.KindInt:
		return true
	case mqsc.KindEnum:
		_, err := strconv.Atoi(value)
		return a.KW.AcceptsInt && err == nil
	}
	return false
}
