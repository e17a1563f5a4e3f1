package objects

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// Fields of DISPLAY QSTATUS, in display order.
var (
	queueStatusFields = []string{"CURDEPTH", "CURFSIZE", "CURMAXFS", "IPPROCS", "LGETDATE",
		"LGETTIME", "LPUTDATE", "LPUTTIME", "MEDIALOG", "MONQ", "MSGAGE", "OPPROCS", "QTIME", "UNCOM"}
	handleStatusFields = []string{"APPLDESC", "APPLTAG", "APPLTYPE", "ASTATE", "BROWSE", "CHANNEL",
		"CONNAME", "HSTATE", "INPUT", "INQUIRE", "OUTPUT", "PID", "QMURID", "SET", "TID", "URTYPE", "USERID"}
)

// statusSelection is what a DISPLAY QSTATUS asks for.
type statusSelection struct {
	handles  bool // TYPE(HANDLE)
	all      bool
	fields   []string
	openType string // OPENTYPE: ALL, INPUT or OUTPUT
	where    *filter
}

// displayQStatus runs DISPLAY QSTATUS of local queues.
func (e *Executor) displayQStatus(cmd *mqsc.Command) ([]string, *cmdError) {
	pattern, cerr := displayPattern(cmd, TypeQLocal)
	if cerr != nil {
		return nil, cerr
	}
	sel, cerr := statusSelectionOf(cmd)
	if cerr != nil {
		return nil, cerr
	}
	queues, err := LoadAll(e.store, SpaceQueue)
	if err != nil {
		return nil, internalError(err)
	}
	qmgrMonQ := e.qmgrAttr("MONQ")
	var lines []string
	found := false
	for i := range queues {
		q := &queues[i]
		if q.Type != TypeQLocal || !genericMatch(pattern, q.Name) {
			continue
		}
		found = true
		var blocks [][]statusField
		if sel.handles {
			blocks = e.handleBlocks(q, sel)
		} else {
			blocks = [][]statusField{e.queueFields(q, qmgrMonQ)}
		}
		for _, b := range blocks {
			ok, cerr := sel.match(b)
			if cerr != nil {
				return lines, cerr
			}
			if ok {
				lines = append(lines, message(msgDisplayQStatus))
				lines = append(lines, sel.layout(q.Name, b)...)
			}
		}
	}
	if !found {
		return nil, notFound(pattern)
	}
	return lines, nil
}

// statusField is one field of a status block.
type statusField struct {
	kw, value string
	numeric   bool
}

func statusSelectionOf(cmd *mqsc.Command) (statusSelection, *cmdError) {
	sel := statusSelection{openType: "ALL", where: whereOf(cmd)}
	for _, p := range cmd.Params {
		switch {
		case p.Keyword == "TYPE":
			sel.handles = p.Value.Text == "HANDLE"
		case p.Keyword == "OPENTYPE":
			sel.openType = p.Value.Text
		case p.Keyword == "ALL":
			sel.all = true
		case p.Keyword == "WHERE", p.Keyword == "MONITOR":
		case slices.Contains(queueStatusFields, p.Keyword) || slices.Contains(handleStatusFields, p.Keyword):
			sel.fields = append(sel.fields, p.Keyword)
		default:
			return sel, syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(cmd.Text, p.Keyword))
		}
	}
	if sel.handles && len(sel.fields) == 0 {
		sel.all = true // every handle field unless some are asked for
	}
	return sel, nil
}

// match applies the WHERE filter to a status block.
func (sel statusSelection) match(b []statusField) (bool, *cmdError) {
	f := sel.where
	if f == nil {
		return true, nil
	}
	i := slices.IndexFunc(b, func(s statusField) bool { return s.kw == f.kw })
	if i < 0 {
		return false, errFilter()
	}
	if cerr := f.check(b[i].numeric); cerr != nil {
		return false, cerr
	}
	return f.match(filterValue{text: b[i].value, numeric: b[i].numeric}), nil
}

// layout returns the lines of one status block: QUEUE, TYPE, then the
// selected fields (CURDEPTH only, for queue status, unless asked).
func (sel statusSelection) layout(name string, b []statusField) []string {
	typ := "QUEUE"
	if sel.handles {
		typ = "HANDLE"
	}
	items := []displayItem{
		{item: mqsc.Item{Keyword: "QUEUE", Value: name}},
		{item: mqsc.Item{Keyword: "TYPE", Value: typ}},
	}
	for _, f := range b {
		show := sel.all || slices.Contains(sel.fields, f.kw) || (sel.where != nil && sel.where.kw == f.kw)
		if !sel.handles && !sel.all && len(sel.fields) == 0 && f.kw == "CURDEPTH" {
			show = true
		}
		switch {
		case !show:
		case f.kw == "QTIME" && f.value == " , ":
			// Both averages unknown: IBM keeps the blanks around the comma.
			items = append(items, displayItem{item: mqsc.Item{Keyword: "QTIME( , )", Bare: true}})
		default:
			items = append(items, displayItem{item: mqsc.Item{Keyword: f.kw, Value: f.value}})
		}
	}
	return layoutItems(items)
}

// queueFields returns the TYPE(QUEUE) status of a local queue. Times,
// MSGAGE and QTIME are only kept while monitoring (MONQ) is on.
func (e *Executor) queueFields(q *Object, qmgrMonQ string) []statusField {
	st := QueueStatus{MsgAge: -1, QTimeShort: -1, QTimeLong: -1}
	if e.rt != nil {
		if s, ok := e.rt.QueueStatus(q.Name); ok {
			st = s
		}
	}
	monq := effectiveMonQ(q.Attrs["MONQ"], qmgrMonQ)
	on := monq != "OFF"
	lget, lput := stampOf(st.LastGet, on), stampOf(st.LastPut, on)
	uncom := "NO"
	if st.Uncommitted > 0 {
		uncom = strconv.Itoa(st.Uncommitted)
	}
	msgAge, qtime := "", " , "
	if on && st.MsgAge >= 0 {
		msgAge = strconv.Itoa(st.MsgAge)
	}
	if on && st.QTimeShort >= 0 && st.QTimeLong >= 0 {
		qtime = fmt.Sprintf("%d, %d", st.QTimeShort, st.QTimeLong)
	}
	n := func(kw string, v int) statusField { return statusField{kw: kw, value: strconv.Itoa(v), numeric: true} }
	s := func(kw, v string) statusField { return statusField{kw: kw, value: v} }
	return []statusField{
		n("CURDEPTH", st.CurDepth), n("CURFSIZE", st.CurFSize), n("CURMAXFS", st.CurMaxFS),
		n("IPPROCS", st.IPProcs), s("LGETDATE", lget[0]), s("LGETTIME", lget[1]),
		s("LPUTDATE", lput[0]), s("LPUTTIME", lput[1]), s("MEDIALOG", st.MediaLog), s("MONQ", monq),
		s("MSGAGE", msgAge), n("OPPROCS", st.OPProcs), s("QTIME", qtime), s("UNCOM", uncom),
	}
}

// effectiveMonQ resolves a queue's MONQ against the queue manager's: a
// queue with MONQ(QMGR) follows the queue manager; MONQ(NONE) on the
// queue manager turns monitoring off for every queue.
func effectiveMonQ(queue, qmgr string) string {
	if qmgr == "NONE" || qmgr == "" {
		return "OFF"
	}
	if queue == "QMGR" || queue == "" {
		return qmgr
	}
	return queue
}

// stampOf returns a date and a time in DISPLAY form, blank when unknown.
func stampOf(t time.Time, on bool) [2]string {
	if !on || t.IsZero() {
		return [2]string{"", ""}
	}
	return [2]string{t.Format(dateLayout), t.Format(timeLayout)}
}

// handleBlocks returns one status block per open handle of a queue that
// OPENTYPE selects.
func (e *Executor) handleBlocks(q *Object, sel statusSelection) [][]statusField {
	if e.rt == nil {
		return nil
	}
	var out [][]statusField
	for _, h := range e.rt.Handles(q.Name) {
		input := h.Input != "" && h.Input != "NO"
		if (sel.openType == "INPUT" && !input) || (sel.openType == "OUTPUT" && !h.Output) {
			continue
		}
		out = append(out, handleFields(h))
	}
	return out
}

func handleFields(h HandleStatus) []statusField {
	yn := func(b bool) string {
		if b {
			return "YES"
		}
		return "NO"
	}
	orDefault := func(v, d string) string {
		if v == "" {
			return d
		}
		return v
	}
	s := func(kw, v string) statusField { return statusField{kw: kw, value: v} }
	n := func(kw string, v int) statusField { return statusField{kw: kw, value: strconv.Itoa(v), numeric: true} }
	return []statusField{
		s("APPLDESC", h.ApplDesc), s("APPLTAG", h.ApplTag), s("APPLTYPE", orDefault(h.ApplType, "USER")),
		s("ASTATE", orDefault(h.AState, "NONE")), s("BROWSE", yn(h.Browse)), s("CHANNEL", h.Channel),
		s("CONNAME", h.ConnName), s("HSTATE", orDefault(h.HState, "ACTIVE")), s("INPUT", orDefault(h.Input, "NO")),
		s("INQUIRE", yn(h.Inquire)), s("OUTPUT", yn(h.Output)), n("PID", h.PID),
		s("QMURID", orDefault(h.QMURID, "0.0")), s("SET", yn(h.Set)), n("TID", h.TID),
		s("URTYPE", orDefault(h.URType, "QMGR")), s("USERID", h.UserID),
	}
}

// qmgrAttr returns an attribute of the QMGR object, "" when unavailable.
func (e *Executor) qmgrAttr(kw string) string {
	o, found, err := Load(e.store, TypeQMgr, e.qmgr)
	if err != nil || !found {
		return ""
	}
	return o.Attrs[kw]
}
