package objects

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// Name rules: 1-48 characters (20 for channels) from A-Z a-z 0-9 . / _ %.
const (
	maxNameLen        = 48
	maxChannelNameLen = 20
)

// validName reports whether s is a valid MQ object name of at most max
// characters.
func validName(s string, max int) bool {
	if s == "" || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '.', c == '/', c == '_', c == '%':
		default:
			return false
		}
	}
	return true
}

// nameLimit is the longest name an object of the type may have.
func nameLimit(typ string) int {
	if typ == TypeChannel {
		return maxChannelNameLen
	}
	return maxNameLen
}

// intRange is the accepted range of an integer attribute.
type intRange struct{ min, max int }

// intRanges are IBM's documented ranges (Multiplatforms). Keys are
// keywords, or TYPE.KEYWORD where the range depends on the object type.
var intRanges = map[string]intRange{
	"MAXDEPTH": {0, 999999999}, "MAXMSGL": {0, 104857600}, "QMGR.MAXMSGL": {32768, 104857600},
	"DEFPRTY": {0, 9}, "QDEPTHHI": {0, 100}, "QDEPTHLO": {0, 100}, "TRIGDPTH": {1, 999999999},
	"TRIGMPRI": {0, 9}, "BOTHRESH": {0, 999999999}, "RETINTVL": {0, 999999999},
	"QSVCINT": {0, 999999999}, "CLWLPRTY": {0, 9}, "CLWLRANK": {0, 9}, "CLWLWGHT": {1, 99},
	"PORT": {0, 65535}, "BATCHSZ": {1, 9999}, "HBINT": {0, 999999}, "DISCINT": {0, 999999},
	"SHARECNV": {0, 999999999}, "MAXINST": {0, 999999999}, "MAXINSTC": {0, 999999999},
	"SEQWRAP": {100, 999999999}, "SHORTRTY": {0, 999999999}, "LONGRTY": {0, 999999999},
	"SHORTTMR": {0, 999999999}, "LONGTMR": {0, 999999999}, "MRRTY": {0, 999999999},
	"MRTMR": {0, 999999999}, "BATCHINT": {0, 999999999}, "BATCHHB": {0, 999999999},
	"BATCHLIM": {0, 999999999}, "NETPRTY": {0, 9}, "CLNTWGHT": {0, 99}, "CCSID": {1, 65535},
	"MAXHANDS": {0, 999999999}, "MAXUMSGS": {1, 999999999}, "TRIGINT": {0, 999999999},
	"STATINT": {1, 604800}, "ACCTINT": {1, 604800}, "CLWLLEN": {0, 999999999},
	"CLWLMRUC": {1, 999999999}, "PSRTYCNT": {1, 999999999}, "TREELIFE": {0, 604000},
	"FAILDLAY": {0, 60}, "MCHBINT": {0, 999999}, "MONINT": {0, 999999},
	"MSGHIST": {0, 999999999}, "BACKLOG": {0, 999999999}, "CAPEXPRY": {1, 999999999},
	"MAXFSIZE": {20, 267386880}, "KAINT": {0, 99999}, "AMQPKA": {0, 999999999},
	"MAXPROPL": {0, 104857600}, "DATALEN": {16, 32768},
}

// parseInt accepts plain decimal digits with an optional minus sign.
func parseInt(s string) (int, bool) {
	if s == "" || len(s) > 11 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// checkInt validates an integer attribute against its known range.
func checkInt(typ, kw string, n int) bool {
	r, ok := intRanges[typ+"."+kw]
	if !ok {
		r, ok = intRanges[kw]
	}
	if !ok {
		return n >= 0
	}
	return n >= r.min && n <= r.max
}

// paramValue returns the stored form of a DEFINE/ALTER parameter for
// attribute a of an object of type typ, or the reply that rejects it.
func paramValue(typ string, a *attr, p mqsc.Param, text string) (string, *cmdError) {
	bad := func() *cmdError {
		return syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(text, p.Keyword))
	}
	kw := a.KW
	if kw.Kind == mqsc.KindFlag {
		if p.HasValue {
			return "", bad()
		}
		return p.Keyword, nil
	}
	if !p.HasValue {
		return "", bad()
	}
	if kw.Kind == mqsc.KindList {
		return listValue(typ, a, p, bad)
	}
	v, ok := scalarValue(typ, a.Name, kw.Kind, kw.Enum, kw.AcceptsInt, kw.MaxLen, p.Value.Text, p.Value.Quoted)
	if !ok {
		if kw.Kind == mqsc.KindName {
			return "", nameError()
		}
		return "", bad()
	}
	if a.Name == "APPLTYPE" && v == "DEF" {
		v = "UNIX" // DEF stores the platform's own type
	}
	return v, nil
}

// scalarValue validates one value of the given kind and returns its
// stored form.
func scalarValue(typ, name string, kind mqsc.Kind, enum []string, acceptsInt bool, maxLen int, v string, quoted bool) (string, bool) {
	switch kind {
	case mqsc.KindInt:
		n, ok := parseInt(v)
		return strconv.Itoa(n), ok && checkInt(typ, name, n)
	case mqsc.KindEnum:
		if !quoted && slices.Contains(enum, strings.ToUpper(v)) {
			return strings.ToUpper(v), true
		}
		if n, ok := parseInt(v); ok && acceptsInt {
			return strconv.Itoa(n), checkInt(typ, name, n)
		}
		return "", false
	case mqsc.KindName:
		v = strings.TrimRight(v, " ")
		if maxLen == 0 {
			maxLen = maxNameLen
		}
		return v, v == "" || validName(v, maxLen)
	default: // KindString
		v = strings.TrimRight(v, " ")
		return v, maxLen == 0 || len(v) <= maxLen
	}
}

// listValue validates the items of a list parameter and joins them.
func listValue(typ string, a *attr, p mqsc.Param, bad func() *cmdError) (string, *cmdError) {
	items := p.Value.List
	if !p.Value.IsList {
		items = splitList(p.Value.Text)
	}
	var out []string
	for _, it := range items {
		if strings.TrimSpace(it) == "" {
			continue // NAMES( ) empties the list
		}
		v, ok := scalarValue(typ, a.Name, a.KW.Elem, a.KW.ElemEnum, false, 0, it, false)
		if !ok {
			if a.KW.Elem == mqsc.KindName {
				return "", nameError()
			}
			return "", bad()
		}
		out = append(out, v)
	}
	return strings.Join(out, ","), nil
}

// segmentThrough returns the command text up to the end of the first
// occurrence of keyword and its parenthesised value, as runmqsc shows
// the segment where it found an error. It returns the whole text when
// the keyword is not found.
func segmentThrough(text, keyword string) string {
	up := strings.ToUpper(text)
	i := indexWord(up, keyword)
	if i < 0 || keyword == "" {
		return strings.TrimSpace(text)
	}
	end := i + len(keyword)
	rest := strings.TrimLeft(text[end:], " ")
	if strings.HasPrefix(rest, "(") {
		end = len(text) - len(rest)
		depth, inQuote := 0, false
		for j := end; j < len(text); j++ {
			switch c := text[j]; {
			case c == '\'':
				inQuote = !inQuote
			case inQuote:
			case c == '(':
				depth++
			case c == ')':
				depth--
				if depth == 0 {
					return text[:j+1]
				}
			}
		}
		return text
	}
	return text[:end]
}

// indexWord finds keyword in s as a whole word (not inside another word).
func indexWord(s, keyword string) int {
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], keyword)
		if i < 0 {
			return -1
		}
		i += from
		before := i == 0 || !isWordByte(s[i-1])
		after := i+len(keyword) >= len(s) || !isWordByte(s[i+len(keyword)])
		if before && after {
			return i
		}
		from = i + 1
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
}
