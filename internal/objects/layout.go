package objects

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gomqm/gomqm/mqsc"
)

// displayItem is one attribute of a DISPLAY reply: a simple item, or a
// list of several values that IBM spreads over lines of its own:
//
//	NAMES(SYSTEM.BROKER.DEFAULT.STREAM
//	     ,SYSTEM.BROKER.ADMIN.STREAM)
type displayItem struct {
	item  mqsc.Item
	multi []string // the lines of a multi-line list (without indent)
}

// layoutItems lays the items out as runmqsc does: mqsc.FormatItems for
// runs of simple items, a line of its own for each line of a multi-line
// list.
func layoutItems(items []displayItem) []string {
	var lines []string
	var run []mqsc.Item
	flush := func() {
		lines = append(lines, mqsc.FormatItems(run)...)
		run = run[:0]
	}
	for _, it := range items {
		if it.multi == nil {
			run = append(run, it.item)
			continue
		}
		flush()
		for _, l := range it.multi {
			lines = append(lines, mqsc.FormatItems([]mqsc.Item{{Keyword: l, Bare: true}})...)
		}
	}
	flush()
	return lines
}

// listItem returns the display item of a list attribute.
func listItem(kw string, values []string) displayItem {
	if len(values) <= 1 {
		v := ""
		if len(values) == 1 {
			v = values[0]
		}
		return displayItem{item: mqsc.Item{Keyword: kw, Value: v}}
	}
	lines := make([]string, len(values))
	indent := strings.Repeat(" ", len(kw))
	for i, v := range values {
		switch i {
		case 0:
			lines[i] = kw + "(" + v
		default:
			lines[i] = indent + "," + v
		}
	}
	lines[len(lines)-1] += ")"
	return displayItem{multi: lines}
}

// nameKeyword is the keyword DISPLAY shows the object name with.
func nameKeyword(typ string) string {
	switch {
	case IsQueue(typ):
		return "QUEUE"
	case typ == TypeQMgr:
		return "QMNAME"
	}
	return typ
}

// leadingOrder lists, per type, attributes IBM shows right after the name
// in a fixed order; the others follow in alphabetical order. Queue and
// channel orders come from real runmqsc transcripts, as does the
// namelist one; listener and service ones are from memory.
var leadingOrder = map[string][]string{
	TypeChannel:  {"CHLTYPE"},
	TypeTopic:    {"TYPE", "TOPICSTR"},
	TypeAuthInfo: {"AUTHTYPE"},
	TypeNamelist: {"NAMCOUNT", "NAMES", "DESCR", "ALTDATE", "ALTTIME"},
	TypeListener: {"CONTROL", "TRPTYPE", "PORT", "IPADDR", "BACKLOG", "DESCR", "ALTDATE", "ALTTIME"},
	TypeService: {"CONTROL", "SERVTYPE", "STARTCMD", "STARTARG", "STOPCMD", "STOPARG",
		"STDOUT", "STDERR", "DESCR", "ALTDATE", "ALTTIME"},
}

// trailingOrder lists attributes shown last, after the alphabetical ones.
var trailingOrder = map[string][]string{
	TypeProcess: {"ALTDATE", "ALTTIME"},
}

// queueOrderQuirks are the places where IBM's queue display leaves
// alphabetical order (transcripts of DISPLAY QLOCAL): the sort key to use
// instead of the keyword.
var queueOrderQuirks = map[string]string{
	"CLCHNAME":   "CLUSTER~",
	"DEFPRESP":   "DEFPSIST~",
	"PROPCTL":    "PUT~",
	"NOHARDENBO": "HARDENBO",
}

// sortItems orders the attribute items of one object after its name.
func sortItems(typ string, items []displayItem) {
	lead, trail := leadingOrder[typ], trailingOrder[typ]
	key := func(it displayItem) (int, string) {
		kw := it.keyword()
		if i := slices.Index(lead, kw); i >= 0 {
			return 0, strconv.Itoa(100 + i)
		}
		if i := slices.Index(trail, kw); i >= 0 {
			return 2, strconv.Itoa(100 + i)
		}
		if q, ok := queueOrderQuirks[kw]; ok && IsQueue(typ) {
			kw = q
		}
		return 1, kw
	}
	slices.SortStableFunc(items, func(a, b displayItem) int {
		ga, ka := key(a)
		gb, kb := key(b)
		if ga != gb {
			return ga - gb
		}
		return strings.Compare(ka, kb)
	})
}

// keyword returns the keyword an item shows (for a multi-line list, the
// text before its parenthesis).
func (it displayItem) keyword() string {
	if it.multi == nil {
		return it.item.Keyword
	}
	kw, _, _ := strings.Cut(it.multi[0], "(")
	return kw
}
