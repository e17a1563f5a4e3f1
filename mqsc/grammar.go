package mqsc

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:embed grammar.tsv
var grammarTSV string

// Kind is the kind of value a keyword takes.
type Kind uint8

// The value kinds of the grammar table.
const (
	KindNone   Kind = iota // the command takes no parameters (END)
	KindName               // an MQ object name
	KindString             // free text, usually quoted
	KindInt                // a decimal integer
	KindFlag               // a keyword without a value (REPLACE, SHARE)
	KindEnum               // one of a fixed set of words (maybe an integer too)
	KindList               // several values inside one pair of parentheses
	KindFilter             // the WHERE(keyword op value) filter of DISPLAY
)

var kindNames = [...]string{"none", "name", "string", "int", "flag", "enum", "list", "filter"}

// String returns the table spelling of the kind ("name", "enum", ...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Keyword is one keyword of one command (verb and object), as the grammar
// table describes it.
type Keyword struct {
	Name       string   // full upper-case keyword; "(name)" for the object name
	Synonym    string   // another accepted spelling (TARGQ for TARGET, DQM for CHINIT)
	Kind       Kind     // the kind of value
	Enum       []string // the accepted words of a KindEnum keyword
	AcceptsInt bool     // a KindEnum keyword also accepts an integer (CAPEXPRY)
	Elem       Kind     // the kind of each item of a KindList keyword
	ElemEnum   []string // the accepted words of each item when Elem is KindEnum
	Default    string   // IBM's distributed default; "" for blank
	HasDefault bool     // the table documents a default (blank included)
	Applies    string   // the attribute that restricts it: CHLTYPE, AUTHTYPE or TYPE
	AppliesTo  []string // the values of Applies it is valid for; empty = all
	ZOSOnly    bool     // only z/OS accepts it; a syntax error on distributed
	// DisplayOnly marks read-only fields such as CURDEPTH: they can be asked
	// for on DISPLAY but never set.
	DisplayOnly bool
	Required    bool     // the command needs it (CHLTYPE on DEFINE CHANNEL)
	MaxLen      int      // maximum length of a value in characters; 0 = no limit known
	Verbs       []string // verbs that accept it for this object, in table order
	// Selection marks, on a DISPLAY command, a keyword that may take a value
	// to select objects (TYPE(QLOCAL), MATCH(RUNCHECK), SUBID(...)). Other
	// DISPLAY keywords are bare requests for attributes (CURDEPTH).
	Selection bool
}

// AppliesToValue reports whether the keyword is valid when its Applies
// attribute has the given value (for example CHLTYPE SDR).
func (k *Keyword) AppliesToValue(v string) bool {
	return len(k.AppliesTo) == 0 || slices.Contains(k.AppliesTo, v)
}

// Spec is the grammar of one command: a verb with an object type.
type Spec struct {
	Verb        string   // full verb: DEFINE
	Object      string   // full object keyword: QLOCAL; "" for END, EXIT, QUIT
	ObjectShort []string // documented short forms of the object: QL
	Name        *Keyword // the (name) after the object; nil when it takes none
	NoParams    bool     // the command takes no parameters at all
	keywords    []*Keyword
	index       map[string]*Keyword
}

// Keyword returns the keyword by its full name or synonym, any case.
// The object name is not a keyword: use Spec.Name.
func (s *Spec) Keyword(name string) (*Keyword, bool) {
	k, ok := s.index[strings.ToUpper(name)]
	return k, ok
}

// Keywords returns the keywords of the command in table order, the object
// name excluded. The slice is shared: do not modify it.
func (s *Spec) Keywords() []*Keyword { return s.keywords }

// verbSynonyms are the documented short verbs of Multiplatforms.
var verbSynonyms = map[string]string{
	"ALT": "ALTER", "DEF": "DEFINE", "DIS": "DISPLAY", "REF": "REFRESH", "STA": "START",
}

// grammar is the parsed table. It is built once and never modified.
type grammar struct {
	specs     map[string]*Spec             // by "VERB OBJECT"
	order     []*Spec                      // in table order of first appearance
	verbs     []string                     // full verbs, sorted
	objects   map[string]map[string]string // verb -> any object spelling -> full object
	objectKws map[string][]*Keyword        // object -> keywords across verbs
}

var loadGrammar = sync.OnceValue(func() *grammar {
	g, err := parseGrammar(grammarTSV)
	if err != nil {
		panic(err) // the table is embedded: a bad row is a build defect
	}
	return g
})

// Lookup returns the grammar of the command with the given full verb and
// object (upper case, as Verb and Object return them).
func Lookup(verb, object string) (*Spec, bool) {
	s, ok := loadGrammar().specs[verb+" "+object]
	return s, ok
}

// Specs returns every command of the grammar in table order.
func Specs() []*Spec { return slices.Clone(loadGrammar().order) }

// Verbs returns the full verbs of the grammar in alphabetical order.
func Verbs() []string { return slices.Clone(loadGrammar().verbs) }

// Verb returns the full verb for a word in any case, short forms included
// (def -> DEFINE).
func Verb(word string) (string, bool) {
	w := strings.ToUpper(word)
	if full, ok := verbSynonyms[w]; ok {
		return full, true
	}
	_, ok := slices.BinarySearch(loadGrammar().verbs, w)
	return w, ok
}

// Object returns the full object keyword for a word in any case, short
// forms included, among the objects of the given full verb (QL -> QLOCAL).
func Object(verb, word string) (string, bool) {
	full, ok := loadGrammar().objects[verb][strings.ToUpper(word)]
	return full, ok
}

// ObjectsOf returns the full object keywords the verb accepts, in table order.
func ObjectsOf(verb string) []string {
	var out []string
	for _, s := range loadGrammar().order {
		if s.Verb == verb && s.Object != "" {
			out = append(out, s.Object)
		}
	}
	return out
}

// Objects returns every keyword of an object type across all its verbs,
// each name once, in table order (the first row of a name wins, with the
// verbs of all rows of that name). The object name is not included.
func Objects(object string) []*Keyword {
	return slices.Clone(loadGrammar().objectKws[object])
}

func parseGrammar(data string) (*grammar, error) {
	g := &grammar{specs: map[string]*Spec{}, objects: map[string]map[string]string{}}
	header := false
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !header {
			header = true // the column names
			continue
		}
		if err := g.addRow(strings.Split(line, "\t")); err != nil {
			return nil, fmt.Errorf("mqsc: grammar.tsv line %d: %w", i+1, err)
		}
	}
	g.finish()
	return g, nil
}

func (g *grammar) addRow(cols []string) error {
	if len(cols) != 10 {
		return fmt.Errorf("%d columns, want 10", len(cols))
	}
	verbs := strings.Split(cols[0], "|")
	kw, err := parseKeyword(cols, verbs)
	if err != nil {
		return err
	}
	for _, verb := range verbs {
		s := g.spec(verb, cols[1], cols[2])
		switch {
		case kw.Kind == KindNone:
			s.NoParams = true
		case kw.Name == "(name)":
			s.Name = kw
		default:
			s.add(kw)
		}
	}
	return nil
}

// spec returns the Spec of verb+object, creating it on first use.
func (g *grammar) spec(verb, object, short string) *Spec {
	key := verb + " " + object
	if s, ok := g.specs[key]; ok {
		return s
	}
	s := &Spec{Verb: verb, Object: object, index: map[string]*Keyword{}}
	if short != "" {
		s.ObjectShort = strings.Split(short, "|")
	}
	g.specs[key] = s
	g.order = append(g.order, s)
	if g.objects[verb] == nil {
		g.objects[verb] = map[string]string{}
		g.verbs = append(g.verbs, verb)
	}
	if object != "" {
		g.objects[verb][object] = object
		for _, sh := range s.ObjectShort {
			g.objects[verb][sh] = object
		}
	}
	return s
}

// add puts a keyword row into the command. A later row for the same name
// replaces the earlier one: the table lists verb-specific rows (DISPLAY
// TARGTYPE with ALL) after the shared ones.
func (s *Spec) add(kw *Keyword) {
	k := *kw
	if s.Verb == "DISPLAY" || notRequired[s.Verb+" "+s.Object+" "+k.Name] {
		k.Required = false // DISPLAY needs none of the DEFINE attributes
		k.Selection = k.Kind != KindFlag && isSelection(k.Verbs)
	}
	if old, ok := s.index[k.Name]; ok {
		i := slices.Index(s.keywords, old)
		s.keywords[i] = &k
	} else {
		s.keywords = append(s.keywords, &k)
	}
	s.index[k.Name] = &k
	if k.Synonym != "" {
		s.index[k.Synonym] = &k
	}
}

// notRequired lists rows the table marks required that a command can do
// without: CHLTYPE on DELETE CHANNEL is needed for MQTT channels only, and
// ALTER TOPIC cannot change TOPICSTR, so it never needs it.
var notRequired = map[string]bool{
	"DELETE CHANNEL CHLTYPE": true,
	"ALTER TOPIC TOPICSTR":   true,
}

// isSelection reports whether a DISPLAY keyword takes a value: it does
// when it is not an attribute set by DEFINE or ALTER, or when other verbs
// use it to pick objects (SUBID on DELETE SUB, PROFILE on SET AUTHREC).
func isSelection(verbs []string) bool {
	for _, v := range verbs {
		if v != "DEFINE" && v != "ALTER" && v != "DISPLAY" {
			return true
		}
	}
	return !slices.Contains(verbs, "DEFINE") && !slices.Contains(verbs, "ALTER")
}

// keywordSynonyms folds rows that are older spellings of another keyword
// into that keyword: TARGQ is TARGET on queues.
var keywordSynonyms = map[string]string{"TARGQ": "TARGET"}

// finish folds synonym rows and builds the per-object keyword lists.
func (g *grammar) finish() {
	slices.Sort(g.verbs)
	g.queueSelections()
	g.objectKws = map[string][]*Keyword{}
	seen := map[string]map[string]*Keyword{}
	for _, s := range g.order {
		foldSynonyms(s)
		if seen[s.Object] == nil {
			seen[s.Object] = map[string]*Keyword{}
		}
		for _, k := range s.keywords {
			if first, ok := seen[s.Object][k.Name]; ok {
				for _, v := range k.Verbs {
					if !slices.Contains(first.Verbs, v) {
						first.Verbs = append(first.Verbs, v)
					}
				}
				continue
			}
			c := *k
			c.Verbs = slices.Clone(k.Verbs)
			seen[s.Object][k.Name] = &c
			g.objectKws[s.Object] = append(g.objectKws[s.Object], &c)
		}
	}
}

// queueSelections gives DISPLAY QLOCAL, QALIAS, QREMOTE and QMODEL the
// selections of DISPLAY QUEUE, which they are short forms of: CLUSTER(x)
// and CLUSNL(x) pick queues there, while the table lists them as
// attributes of those objects.
func (g *grammar) queueSelections() {
	q, ok := g.specs["DISPLAY QUEUE"]
	if !ok {
		return
	}
	for _, obj := range []string{"QLOCAL", "QALIAS", "QREMOTE", "QMODEL"} {
		s, ok := g.specs["DISPLAY "+obj]
		if !ok {
			continue
		}
		for _, k := range s.keywords {
			if qk, ok := q.index[k.Name]; ok && qk.Selection && k.Kind != KindFlag {
				k.Selection = true
			}
		}
	}
}

func foldSynonyms(s *Spec) {
	for old, full := range keywordSynonyms {
		o, ok1 := s.index[old]
		f, ok2 := s.index[full]
		if !ok1 || !ok2 || o.Name != old {
			continue
		}
		f.Synonym = old
		s.index[old] = f
		s.keywords = slices.DeleteFunc(s.keywords, func(k *Keyword) bool { return k == o })
	}
}

// parseKeyword reads the keyword columns of one row.
func parseKeyword(cols []string, verbs []string) (*Keyword, error) {
	k := &Keyword{Name: cols[3], Synonym: cols[4], Verbs: verbs}
	if k.Name == "-" {
		return k, nil // the command takes no parameters: KindNone
	}
	if err := k.setKind(cols[5]); err != nil {
		return nil, err
	}
	if d := cols[6]; d != "" {
		k.HasDefault = true
		if d != "' '" {
			k.Default = d
		}
	}
	if a := cols[7]; a != "" {
		open := strings.IndexByte(a, '(')
		if open < 0 || !strings.HasSuffix(a, ")") {
			return nil, fmt.Errorf("bad applies-to %q", a)
		}
		k.Applies = a[:open]
		k.AppliesTo = strings.Split(a[open+1:len(a)-1], ",")
	}
	for _, f := range strings.Split(cols[8], ",") {
		switch f {
		case "zos":
			k.ZOSOnly = true
		case "display":
			k.DisplayOnly = true
		case "required":
			k.Required = true
		case "":
		default:
			return nil, fmt.Errorf("unknown flag %q", f)
		}
	}
	if m := cols[9]; m != "" {
		n, err := strconv.Atoi(m)
		if err != nil {
			return nil, fmt.Errorf("bad max length %q: %w", m, err)
		}
		k.MaxLen = n
	}
	return k, nil
}

// setKind reads the value column: name, string, int, flag, filter, -,
// enum:A|B|int or list:<kind>.
func (k *Keyword) setKind(v string) error {
	if rest, ok := strings.CutPrefix(v, "list:"); ok {
		k.Kind = KindList
		inner := &Keyword{}
		if err := inner.setKind(rest); err != nil {
			return err
		}
		k.Elem, k.ElemEnum = inner.Kind, inner.Enum
		return nil
	}
	if rest, ok := strings.CutPrefix(v, "enum:"); ok {
		k.Kind = KindEnum
		for _, e := range strings.Split(rest, "|") {
			if e == "int" {
				k.AcceptsInt = true
			} else {
				k.Enum = append(k.Enum, e)
			}
		}
		return nil
	}
	kinds := map[string]Kind{"name": KindName, "string": KindString, "int": KindInt,
		"flag": KindFlag, "filter": KindFilter}
	kind, ok := kinds[v]
	if !ok {
		return fmt.Errorf("unknown value kind %q", v)
	}
	k.Kind = kind
	return nil
}
