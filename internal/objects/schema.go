package objects

import (
	"slices"
	"strings"
	"sync"

	"github.com/gomqm/gomqm/mqsc"
)

// attr is one attribute of an object type, built from the grammar.
type attr struct {
	Name string        // the keyword; for a flag pair the positive one (SHARE)
	Neg  string        // the negative keyword of a flag pair (NOSHARE)
	KW   *mqsc.Keyword // the grammar row of Name

	readOnly bool // DISPLAY only (ALTDATE, CURDEPTH, QMID ...)
	hidden   bool // read-only but not shown by DISPLAY ALL (cluster fields)
	bare     bool // shown without parentheses even though not a pair (SYNCPT)
}

// isPair reports whether the attribute is a flag pair.
func (a *attr) isPair() bool { return a.Neg != "" }

// appliesTo reports whether the attribute exists for a channel type or
// authentication type (sub); sub "" means any.
func (a *attr) appliesTo(sub string) bool {
	return sub == "" || a.KW.AppliesToValue(sub)
}

// schema is the attribute set of one object type.
type schema struct {
	Type     string
	settable []*attr          // DEFINE/ALTER attributes in grammar order
	readOnly []*attr          // DISPLAY-only attributes
	byKW     map[string]*attr // every keyword (both of a pair, synonyms) -> attr
}

// commandModifiers are DEFINE/ALTER keywords that steer the command
// instead of setting an attribute.
var commandModifiers = []string{"LIKE", "REPLACE", "NOREPLACE", "FORCE"}

// modifierKeywords are the grammar rows that are not attributes: the
// command modifiers and the z/OS queue-sharing-group keywords.
var modifierKeywords = append(slices.Clone(commandModifiers), "CMDSCOPE", "QSGDISP")

// hiddenReadOnly are DISPLAY-only fields of cluster queues and topics;
// gomqm has no clusters, so DISPLAY ALL leaves them out.
var hiddenReadOnly = []string{"CLUSDATE", "CLUSTIME", "CLUSQMGR", "CLUSQT", "QTYPE", "CLSTATE"}

// schemas is built once from the grammar and never modified.
var schemas = sync.OnceValue(func() map[string]*schema {
	out := map[string]*schema{}
	for _, t := range []string{TypeQLocal, TypeQRemote, TypeQAlias, TypeQModel, TypeProcess,
		TypeNamelist, TypeQMgr, TypeChannel, TypeListener, TypeService, TypeTopic,
		TypeAuthInfo, TypeCommInfo} {
		out[t] = buildSchema(t)
	}
	return out
})

// schemaOf returns the schema of an object type, nil for unknown types.
func schemaOf(typ string) *schema { return schemas()[typ] }

func buildSchema(typ string) *schema {
	s := &schema{Type: typ, byKW: map[string]*attr{}}
	setVerb := "DEFINE"
	if typ == TypeQMgr {
		setVerb = "ALTER"
	}
	if spec, ok := mqsc.Lookup(setVerb, typ); ok {
		s.addSettable(spec)
	}
	if spec, ok := mqsc.Lookup("DISPLAY", typ); ok {
		s.addReadOnly(spec)
	}
	s.addExtras()
	return s
}

func (s *schema) addSettable(spec *mqsc.Spec) {
	for _, kw := range spec.Keywords() {
		if kw.ZOSOnly || slices.Contains(modifierKeywords, kw.Name) {
			continue
		}
		if kw.Kind == mqsc.KindFlag {
			if pos, ok := spec.Keyword(strings.TrimPrefix(kw.Name, "NO")); ok &&
				strings.HasPrefix(kw.Name, "NO") && pos.Kind == mqsc.KindFlag {
				continue // the negative of a pair: added with its positive
			}
		}
		a := &attr{Name: kw.Name, KW: kw}
		if kw.Kind == mqsc.KindFlag {
			if neg, ok := spec.Keyword("NO" + kw.Name); ok && neg.Kind == mqsc.KindFlag {
				a.Neg = neg.Name
				s.byKW[neg.Name] = a
			}
		}
		s.settable = append(s.settable, a)
		s.byKW[kw.Name] = a
		if kw.Synonym != "" {
			s.byKW[kw.Synonym] = a
		}
	}
}

func (s *schema) addReadOnly(spec *mqsc.Spec) {
	for _, kw := range spec.Keywords() {
		if !kw.DisplayOnly || kw.ZOSOnly {
			continue
		}
		if _, dup := s.byKW[kw.Name]; dup || (s.Type == TypeQMgr && kw.Name == "QMNAME") {
			continue
		}
		a := &attr{Name: kw.Name, KW: kw, readOnly: true}
		a.hidden = slices.Contains(hiddenReadOnly, kw.Name) || (kw.Name == "QMID" && s.Type != TypeQMgr)
		a.bare = kw.Name == "SYNCPT"
		s.readOnly = append(s.readOnly, a)
		s.byKW[kw.Name] = a
	}
}

// addExtras adds attributes IBM displays that the grammar does not list
// as DISPLAY-only rows.
func (s *schema) addExtras() {
	if s.Type == TypeQLocal {
		// A local queue created from a model keeps the model's DEFTYPE;
		// predefined queues show DEFTYPE(PREDEFINED).
		kw := &mqsc.Keyword{Name: "DEFTYPE", Kind: mqsc.KindEnum,
			Enum: []string{"PREDEFINED", "PERMDYN", "TEMPDYN"}, DisplayOnly: true, Verbs: []string{"DISPLAY"}}
		a := &attr{Name: "DEFTYPE", KW: kw, readOnly: true}
		s.readOnly = append(s.readOnly, a)
		s.byKW["DEFTYPE"] = a
	}
}

// attr returns the attribute of a keyword (either of a pair, a synonym).
func (s *schema) attr(kw string) (*attr, bool) {
	a, ok := s.byKW[kw]
	return a, ok
}

// subtypeKeyword is the attribute that selects which attributes apply:
// CHLTYPE for channels, AUTHTYPE for authentication information.
func subtypeKeyword(typ string) string {
	switch typ {
	case TypeChannel:
		return "CHLTYPE"
	case TypeAuthInfo:
		return "AUTHTYPE"
	}
	return ""
}

// subtype returns the object's CHLTYPE or AUTHTYPE, "" for other types.
func subtype(o *Object) string {
	if kw := subtypeKeyword(o.Type); kw != "" {
		return o.Attrs[kw]
	}
	return ""
}

// settableFor returns the settable attributes of the type that apply to
// the subtype (all of them when sub is "").
func (s *schema) settableFor(sub string) []*attr {
	var out []*attr
	for _, a := range s.settable {
		if a.appliesTo(sub) {
			out = append(out, a)
		}
	}
	return out
}
