package objects

import (
	"maps"
	"slices"

	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// define runs DEFINE of every definable object type.
func (e *Executor) define(cmd *mqsc.Command) ([]string, *cmdError) {
	typ := cmd.Object
	s := schemaOf(typ)
	name, cerr := objectName(cmd, typ)
	if cerr != nil {
		return nil, cerr
	}
	sub, cerr := e.defineSubtype(cmd, typ)
	if cerr != nil {
		return nil, cerr
	}
	existing, found, cerr := e.findDefined(typ, sub, name)
	if cerr != nil {
		return nil, cerr
	}
	replace := cmd.Has("REPLACE")
	if found {
		if !replace {
			return nil, alreadyExists(typ)
		}
		if existing.Type != typ || subtype(&existing) != sub {
			return nil, wrongType()
		}
	}
	attrs, cerr := e.baseAttrs(cmd, typ, sub)
	if cerr != nil {
		return nil, cerr
	}
	if cerr := applyParams(cmd, s, sub, attrs); cerr != nil {
		return nil, cerr
	}
	if cerr := checkRequired(cmd, typ, sub, attrs); cerr != nil {
		return nil, cerr
	}
	if cerr := checkChannelTLS(typ, name, attrs); cerr != nil {
		return nil, cerr
	}
	now := e.now()
	stamp(attrs, typ, now, !found)
	if found {
		keepCreation(attrs, existing.Attrs)
	}
	obj := Object{Type: typ, Name: name, Attrs: attrs}
	if err := Save(e.store, obj); err != nil {
		return nil, internalError(err)
	}
	return []string{message(repliesOf(typ).created)}, nil
}

// alter runs ALTER of every definable object type but the QMGR.
func (e *Executor) alter(cmd *mqsc.Command) ([]string, *cmdError) {
	typ := cmd.Object
	s := schemaOf(typ)
	name, cerr := objectName(cmd, typ)
	if cerr != nil {
		return nil, cerr
	}
	sub, cerr := e.alterSubtype(cmd, typ)
	if cerr != nil {
		return nil, cerr
	}
	obj, found, cerr := e.findDefined(typ, sub, name)
	if cerr != nil {
		return nil, cerr
	}
	if !found {
		return nil, notFound(name)
	}
	if obj.Type != typ || subtype(&obj) != sub {
		return nil, wrongType()
	}
	before := maps.Clone(obj.Attrs)
	if cerr := applyParams(cmd, s, sub, obj.Attrs); cerr != nil {
		return nil, cerr
	}
	if cerr := e.checkAlterInUse(cmd, &obj, before); cerr != nil {
		return nil, cerr
	}
	if cerr := checkChannelTLS(typ, name, obj.Attrs); cerr != nil {
		return nil, cerr
	}
	stamp(obj.Attrs, typ, e.now(), false)
	if err := Save(e.store, obj); err != nil {
		return nil, internalError(err)
	}
	return []string{message(repliesOf(typ).changed)}, nil
}

// objectName returns the (name) of a DEFINE, ALTER, DELETE or CLEAR: it
// must be a valid, non-generic name.
func objectName(cmd *mqsc.Command, typ string) (string, *cmdError) {
	if !cmd.HasName {
		return "", syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text)
	}
	if !validName(cmd.Name, nameLimit(typ)) {
		return "", nameError()
	}
	return cmd.Name, nil
}

// defineSubtype returns the CHLTYPE or AUTHTYPE a DEFINE names, or that
// of its LIKE object; "" for other types.
func (e *Executor) defineSubtype(cmd *mqsc.Command, typ string) (string, *cmdError) {
	kw := subtypeKeyword(typ)
	if kw == "" {
		return "", nil
	}
	if p, ok := cmd.Param(kw); ok {
		return p.Value.Text, nil
	}
	if typ == TypeAuthInfo && cmd.Has("LIKE") {
		p, _ := cmd.Param("LIKE")
		like, found, cerr := e.findDefined(typ, "", p.Value.Text)
		if cerr != nil || found {
			return subtype(&like), cerr
		}
		return "", notFound(p.Value.Text)
	}
	return "", syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text)
}

// alterSubtype returns the CHLTYPE or AUTHTYPE an ALTER must name.
func (e *Executor) alterSubtype(cmd *mqsc.Command, typ string) (string, *cmdError) {
	kw := subtypeKeyword(typ)
	if kw == "" {
		return "", nil
	}
	p, ok := cmd.Param(kw)
	if !ok {
		return "", syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text)
	}
	return p.Value.Text, nil
}

// findDefined looks an object up in the name space the type and subtype
// use. For queues it finds a queue of any type.
func (e *Executor) findDefined(typ, sub, name string) (Object, bool, *cmdError) {
	o, found, err := Load(e.store, spaceOf(typ, sub), name)
	if err != nil {
		return Object{}, false, internalError(err)
	}
	return o, found, nil
}

// spaceOf returns the store name space of an object type and subtype.
func spaceOf(typ, sub string) string {
	o := Object{Type: typ, Attrs: map[string]string{}}
	if typ == TypeChannel {
		o.Attrs["CHLTYPE"] = sub
	}
	return o.Space()
}

func alreadyExists(typ string) *cmdError {
	reason := int32(mqi.MQRCCF_OBJECT_ALREADY_EXISTS)
	if typ == TypeChannel {
		reason = mqi.MQRCCF_CHANNEL_ALREADY_EXISTS
	}
	return failure(reason, msgAlreadyExists)
}

// baseAttrs returns the attributes a DEFINE starts from: those of its
// LIKE object, else those of the type's SYSTEM.DEFAULT object, else (that
// object was deleted) IBM's built-in defaults.
func (e *Executor) baseAttrs(cmd *mqsc.Command, typ, sub string) (map[string]string, *cmdError) {
	var from map[string]string
	if p, ok := cmd.Param("LIKE"); ok {
		like, found, cerr := e.findDefined(typ, sub, p.Value.Text)
		if cerr != nil {
			return nil, cerr
		}
		if !found || like.Type != typ {
			return nil, notFound(p.Value.Text)
		}
		if subtype(&like) != sub {
			return nil, failure(mqi.MQRCCF_LIKE_OBJECT_WRONG_TYPE, msgDifferentType)
		}
		from = like.Attrs
	} else if def := defaultObjectName(typ, sub); def != "" {
		o, found, cerr := e.findDefined(typ, sub, def)
		if cerr != nil {
			return nil, cerr
		}
		if found && o.Type == typ && subtype(&o) == sub {
			from = o.Attrs
		}
	}
	attrs := builtinDefaults(typ, sub)
	for _, a := range schemaOf(typ).settableFor(sub) {
		if v, ok := from[a.Name]; ok {
			attrs[a.Name] = v
		}
	}
	if sub != "" {
		attrs[subtypeKeyword(typ)] = sub
	}
	return attrs, nil
}

// keepCreation carries CRDATE/CRTIME and DEFTYPE of a replaced object
// over to its new definition.
func keepCreation(attrs, old map[string]string) {
	for _, kw := range []string{"CRDATE", "CRTIME", "DEFTYPE"} {
		if v, ok := old[kw]; ok {
			attrs[kw] = v
		}
	}
}

// applyParams sets the attributes a DEFINE or ALTER command names.
func applyParams(cmd *mqsc.Command, s *schema, sub string, attrs map[string]string) *cmdError {
	for _, p := range cmd.Params {
		if slices.Contains(commandModifiers, p.Keyword) {
			continue
		}
		a, ok := s.attr(p.Keyword)
		if !ok || a.readOnly || !a.appliesTo(sub) || a.KW.ZOSOnly {
			return syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(cmd.Text, p.Keyword))
		}
		v, cerr := paramValue(s.Type, a, p, cmd.Text)
		if cerr != nil {
			return cerr
		}
		if a.Name == subtypeKeyword(s.Type) && v != sub {
			return syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(cmd.Text, p.Keyword))
		}
		attrs[a.Name] = v
	}
	return nil
}

// requiredNonBlank lists attributes that must not be blank, by TYPE or
// CHANNEL/CHLTYPE: a sender needs a connection name and a transmission
// queue, an alias queue a target.
var requiredNonBlank = map[string][]string{
	TypeQAlias:                {"TARGET"},
	TypeChannel + "/SDR":      {"CONNAME", "XMITQ"},
	TypeChannel + "/SVR":      {"XMITQ"},
	TypeChannel + "/RQSTR":    {"CONNAME"},
	TypeChannel + "/CLNTCONN": {"CONNAME"},
	TypeChannel + "/CLUSSDR":  {"CONNAME"},
}

// checkRequired rejects a DEFINE that lacks a keyword the grammar marks
// required (CHLTYPE, TOPICSTR, TRPTYPE) or leaves a required attribute
// blank.
func checkRequired(cmd *mqsc.Command, typ, sub string, attrs map[string]string) *cmdError {
	if spec, ok := mqsc.Lookup("DEFINE", typ); ok {
		for _, kw := range spec.Keywords() {
			if kw.Required && !kw.ZOSOnly && !cmd.Has(kw.Name) {
				return syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text)
			}
		}
	}
	key := typ
	if sub != "" {
		key += "/" + sub
	}
	for _, kw := range requiredNonBlank[key] {
		// Given explicitly, even blank, counts: dmpmqcfg writes the
		// SYSTEM.DEF.* objects, whose CONNAME or TARGET is blank, that way.
		if attrs[kw] == "" && !cmd.Has(kw) {
			return syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text)
		}
	}
	return nil
}

// checkAlterInUse refuses, without FORCE, changes IBM refuses while a
// local queue is in use: USAGE while the queue has messages or is open,
// NOSHARE while more than one handle has it open for input.
func (e *Executor) checkAlterInUse(cmd *mqsc.Command, o *Object, before map[string]string) *cmdError {
	if o.Type != TypeQLocal || cmd.Has("FORCE") || e.rt == nil {
		return nil
	}
	st, ok := e.rt.QueueStatus(o.Name)
	if !ok {
		return nil
	}
	usage := before["USAGE"] != o.Attrs["USAGE"] && (st.CurDepth > 0 || st.IPProcs+st.OPProcs > 0)
	noshare := before["SHARE"] == "SHARE" && o.Attrs["SHARE"] == "NOSHARE" && st.IPProcs > 1
	if usage || noshare {
		return failure(mqi.MQRCCF_OBJECT_OPEN, msgInUse)
	}
	return nil
}
