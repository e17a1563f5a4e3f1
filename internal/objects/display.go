package objects

import (
	"strconv"
	"strings"

	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// selection is what a DISPLAY asks to see of each object.
type selection struct {
	all       bool     // ALL, or the default for a specific name
	requested []string // attribute keywords asked for by name
	where     *filter
}

// display runs DISPLAY of queues (QUEUE or one queue type) and of the
// other definable types.
func (e *Executor) display(cmd *mqsc.Command) ([]string, *cmdError) {
	spec, _ := mqsc.Lookup("DISPLAY", cmd.Object)
	pattern, cerr := displayPattern(cmd, cmd.Object)
	if cerr != nil {
		return nil, cerr
	}
	sel, cerr := displaySelection(cmd, spec)
	if cerr != nil {
		return nil, cerr
	}
	if sel.where != nil {
		if _, ok := spec.Keyword(sel.where.kw); !ok && sel.where.kw != "TYPE" {
			return nil, errFilter()
		}
	}
	objs, cerr := e.displayCandidates(cmd, pattern)
	if cerr != nil {
		return nil, cerr
	}
	if len(objs) == 0 {
		return nil, notFound(pattern)
	}
	var lines []string
	for i := range objs {
		o := &objs[i]
		ok, cerr := e.selected(o, sel.where)
		if cerr != nil {
			return lines, cerr
		}
		if !ok {
			continue
		}
		lines = append(lines, message(repliesOf(o.Type).display))
		lines = append(lines, layoutItems(e.objectItems(o, sel))...)
	}
	return lines, nil
}

// displayPattern returns the (possibly generic) name of a DISPLAY.
func displayPattern(cmd *mqsc.Command, typ string) (string, *cmdError) {
	if !cmd.HasName {
		return "", syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text)
	}
	name := cmd.Name
	if name == "*" {
		return name, nil
	}
	check := name
	if cmd.IsGeneric() {
		check = name[:len(name)-1]
	}
	if !validName(check, nameLimit(typ)) {
		return "", nameError()
	}
	return name, nil
}

// displaySelection sorts the DISPLAY parameters into selection keywords
// and requested attributes.
func displaySelection(cmd *mqsc.Command, spec *mqsc.Spec) (selection, *cmdError) {
	var sel selection
	for _, p := range cmd.Params {
		kw, ok := spec.Keyword(p.Keyword)
		switch {
		case !ok || kw.ZOSOnly:
			return sel, syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(cmd.Text, p.Keyword))
		case p.Keyword == "ALL":
			sel.all = true
		case p.Keyword == "WHERE":
			sel.where = whereOf(cmd)
		case p.Keyword == "CLUSINFO":
		case p.HasValue && kw.Selection:
		case p.HasValue:
			return sel, syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(cmd.Text, p.Keyword))
		default:
			sel.requested = append(sel.requested, kw.Name)
		}
	}
	if len(sel.requested) == 0 && !cmd.IsGeneric() && cmd.Name != "*" {
		sel.all = true // a specific name shows everything by default
	}
	return sel, nil
}

// displayCandidates returns the objects a DISPLAY names, before WHERE,
// in the order IBM lists them.
func (e *Executor) displayCandidates(cmd *mqsc.Command, pattern string) ([]Object, *cmdError) {
	typ := cmd.Object
	var spaces []string
	switch {
	case typ == "QUEUE" || IsQueue(typ):
		spaces = []string{SpaceQueue}
	case typ == TypeChannel:
		spaces = []string{TypeChannel, SpaceClntConn} // client channels come last
	default:
		spaces = []string{typ}
	}
	types := displayTypes(cmd)
	var out []Object
	for _, sp := range spaces {
		objs, err := LoadAll(e.store, sp)
		if err != nil {
			return nil, internalError(err)
		}
		for _, o := range objs {
			if genericMatch(pattern, o.Name) && types(&o) {
				out = append(out, o)
			}
		}
	}
	return out, nil
}

// displayTypes returns the type selection of a DISPLAY: the object
// keyword, or TYPE(...) of DISPLAY QUEUE and DISPLAY CHANNEL.
func displayTypes(cmd *mqsc.Command) func(*Object) bool {
	sel := "ALL"
	if p, ok := cmd.Param("TYPE"); ok && p.HasValue && (cmd.Object == "QUEUE" || cmd.Object == TypeChannel) {
		sel = p.Value.Text
	}
	return func(o *Object) bool {
		switch cmd.Object {
		case "QUEUE":
			return sel == "ALL" || sel == o.Type
		case TypeChannel:
			return sel == "ALL" || sel == o.Attrs["CHLTYPE"]
		}
		return o.Type == cmd.Object
	}
}

// selected applies the WHERE filter to an object. An object without the
// filter attribute is not selected.
func (e *Executor) selected(o *Object, f *filter) (bool, *cmdError) {
	if f == nil {
		return true, nil
	}
	s := schemaOf(o.Type)
	a, ok := s.attr(f.kw)
	if !ok {
		if f.kw == "TYPE" && IsQueue(o.Type) {
			return f.match(filterValue{text: o.Type}), f.check(false)
		}
		return false, nil // the object has no such attribute
	}
	if !a.appliesTo(subtype(o)) || !relevant(o, a) {
		return false, nil
	}
	raw := e.rawValue(o, a)
	if a.isPair() {
		raw = o.Attrs[a.Name]
	}
	v := filterValue{text: raw, numeric: isNumericAttr(a, raw) && a.KW.Kind != mqsc.KindEnum}
	if a.KW.Kind == mqsc.KindList {
		v.list = splitList(raw)
	}
	if a.KW.Kind == mqsc.KindEnum && a.KW.AcceptsInt {
		_, errA := strconv.Atoi(raw)
		_, errB := strconv.Atoi(f.value)
		v.numeric = errA == nil && errB == nil
	}
	if cerr := f.check(v.numeric); cerr != nil {
		return false, cerr
	}
	return f.match(v), nil
}

// objectItems returns the display items of one object: its name, its
// type, then the selected attributes in IBM's order.
func (e *Executor) objectItems(o *Object, sel selection) []displayItem {
	s := schemaOf(o.Type)
	sub := subtype(o)
	head := []displayItem{{item: mqsc.Item{Keyword: nameKeyword(o.Type), Value: o.Name}}}
	shown := map[string]bool{}
	switch {
	case IsQueue(o.Type):
		head = append(head, displayItem{item: mqsc.Item{Keyword: "TYPE", Value: o.Type}})
	case o.Type == TypeChannel:
		head = append(head, displayItem{item: mqsc.Item{Keyword: "CHLTYPE", Value: sub}})
		shown["CHLTYPE"] = true
	}
	var want []*attr
	if sel.all {
		want = append(s.settableFor(sub), s.readOnly...)
	}
	for _, kw := range sel.requested {
		if a, ok := s.attr(kw); ok {
			want = append(want, a)
		}
	}
	if sel.where != nil {
		if a, ok := s.attr(sel.where.kw); ok {
			want = append(want, a)
		}
	}
	var rest []displayItem
	for _, a := range want {
		if shown[a.Name] || a.hidden || !a.appliesTo(sub) || !relevant(o, a) {
			continue
		}
		shown[a.Name] = true
		rest = append(rest, e.attrItem(o, a))
	}
	sortItems(o.Type, rest)
	return append(head, rest...)
}

// secretAttrs hold passwords: DISPLAY shows a set one as asterisks, as
// IBM MQ does, and dmpmqcfg leaves it out.
var secretAttrs = map[string]bool{"KEYRPWD": true, "PASSWORD": true}

// maskedSecret is how DISPLAY shows a password that is set.
const maskedSecret = "********"

// attrItem returns the display item of one attribute.
func (e *Executor) attrItem(o *Object, a *attr) displayItem {
	v := e.rawValue(o, a)
	if secretAttrs[a.Name] && strings.TrimSpace(v) != "" {
		v = maskedSecret
	}
	switch {
	case a.isPair():
		return displayItem{item: mqsc.Item{Keyword: v, Bare: true}}
	case a.bare && v == a.Name:
		return displayItem{item: mqsc.Item{Keyword: v, Bare: true}}
	case a.KW.Kind == mqsc.KindList:
		return listItem(a.Name, splitList(v))
	}
	return displayItem{item: mqsc.Item{Keyword: a.Name, Value: v}}
}

// rawValue returns an attribute's value as stored, or computed from the
// live state for CURDEPTH, IPPROCS, OPPROCS, NAMCOUNT and RESETSEQ.
func (e *Executor) rawValue(o *Object, a *attr) string {
	switch a.Name {
	case "CURDEPTH", "IPPROCS", "OPPROCS":
		var st QueueStatus
		if e.rt != nil {
			st, _ = e.rt.QueueStatus(o.Name)
		}
		n := map[string]int{"CURDEPTH": st.CurDepth, "IPPROCS": st.IPProcs, "OPPROCS": st.OPProcs}[a.Name]
		return strconv.Itoa(n)
	case "NAMCOUNT":
		return strconv.Itoa(len(o.List("NAMES")))
	case "RESETSEQ":
		return "NO"
	}
	if v, ok := o.Attrs[a.Name]; ok {
		return v
	}
	if a.readOnly {
		return ""
	}
	return defaultValue(schemaOf(o.Type), a)
}
