package mqsc

import (
	"strings"
)

// Options changes what Parse accepts.
type Options struct {
	// ZOS accepts the keywords the grammar marks as z/OS only (QSGDISP,
	// STGCLASS, CFSTRUCT, ...). A distributed queue manager rejects them,
	// so Parse leaves this off.
	ZOS bool
}

// Parse reads one MQSC command, already joined from its lines (see
// Reader), the way runmqsc on Multiplatforms does. A command runmqsc
// would reject gives a *SyntaxError.
func Parse(text string) (*Command, error) {
	return ParseOptions(text, Options{})
}

// ParseOptions is Parse with options.
func ParseOptions(text string, opt Options) (*Command, error) {
	toks, lerr := lex(text)
	if lerr != nil {
		return nil, lerr
	}
	p := &parser{text: text, toks: toks, opt: opt}
	cmd, err := p.command()
	if err != nil {
		return nil, err
	}
	return cmd, nil
}

// parser holds the state of one Parse call.
type parser struct {
	text string
	toks []token
	pos  int
	opt  Options
	spec *Spec
	cmd  *Command
	at   map[string]token // the keyword token of each parameter, by full keyword
}

func (p *parser) peek() (token, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return token{}, false
}

func (p *parser) next() (token, bool) {
	t, ok := p.peek()
	if ok {
		p.pos++
	}
	return t, ok
}

// fail builds the syntax error found at the end of token t.
func (p *parser) fail(t token, reason string) *SyntaxError {
	e := &SyntaxError{Segment: segment(p.text, t.end), Reason: reason, Offset: t.end}
	if p.cmd != nil {
		e.Verb, e.Object = p.cmd.Verb, p.cmd.Object
		if ct, ok := p.cmd.Param("CHLTYPE"); ok && ct.HasValue {
			e.chltype = ct.Value.Text
		}
	}
	return e
}

// failEnd is a syntax error found only at the end of the command.
func (p *parser) failEnd(reason string) *SyntaxError {
	return p.fail(token{end: len(p.text)}, reason)
}

func (p *parser) command() (*Command, error) {
	t, ok := p.next()
	if !ok {
		return nil, &SyntaxError{Reason: "empty command"}
	}
	verb, ok := Verb(t.text)
	if !ok || t.kind != tokWord {
		return nil, p.fail(t, "unknown command verb")
	}
	p.cmd = &Command{Verb: verb, Text: strings.TrimSpace(p.text)}
	p.at = map[string]token{}
	if s, ok := Lookup(verb, ""); ok { // END, EXIT, QUIT
		p.spec = s
		if t, ok := p.next(); ok {
			return nil, p.fail(t, "the command takes no parameters")
		}
		return p.cmd, nil
	}
	if err := p.object(); err != nil {
		return nil, err
	}
	if err := p.name(); err != nil {
		return nil, err
	}
	if err := p.params(); err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return p.cmd, nil
}

// object reads the object keyword. On z/OS the object need not come
// second (DEFINE NOREPLACE QLOCAL(X), corpus file 50): Parse accepts
// keywords before the object and checks them once the object is known.
func (p *parser) object() *SyntaxError {
	t, ok := p.next()
	if !ok {
		return p.failEnd("the command needs an object")
	}
	if t.kind != tokWord {
		return p.fail(t, "an object keyword was expected")
	}
	obj, found := Object(p.cmd.Verb, t.text)
	if !found {
		at := p.zosObject()
		if at < 0 {
			return p.fail(t, "unknown object for "+p.cmd.Verb)
		}
		obj, _ = Object(p.cmd.Verb, p.toks[at].text)
		p.setObject(obj)
		return p.zosLeading(at)
	}
	p.setObject(obj)
	return nil
}

func (p *parser) setObject(obj string) {
	p.cmd.Object = obj
	p.spec, _ = Lookup(p.cmd.Verb, obj)
}

// zosObject finds the first word at parenthesis depth 0 after the verb
// that is an object of the verb, or -1.
func (p *parser) zosObject() int {
	depth := 0
	for i := p.pos - 1; i < len(p.toks); i++ {
		switch t := p.toks[i]; t.kind {
		case tokOpen:
			depth++
		case tokClose:
			depth--
		case tokWord:
			if _, ok := Object(p.cmd.Verb, t.text); ok && depth == 0 {
				return i
			}
		}
	}
	return -1
}

// zosLeading parses the parameters written before the object at index
// at, then moves on to the object.
func (p *parser) zosLeading(at int) *SyntaxError {
	rest := p.toks[at+1:]
	p.toks = p.toks[:at]
	p.pos--
	if err := p.params(); err != nil {
		return err
	}
	p.toks = append(p.toks, rest...)
	return nil
}

// name reads the (name) after the object.
func (p *parser) name() *SyntaxError {
	t, ok := p.peek()
	if !ok || t.kind != tokOpen {
		if p.spec.Name != nil && p.spec.Name.Required {
			if ok {
				return p.fail(t, "the object name is missing")
			}
			return p.failEnd("the object name is missing")
		}
		return nil
	}
	p.pos++
	if p.spec.Name == nil {
		return p.fail(t, p.cmd.Object+" takes no name")
	}
	v, last, err := p.single(p.spec.Name, t)
	if err != nil {
		return err
	}
	if err := p.checkValue(p.spec.Name, v, last); err != nil {
		return err
	}
	p.cmd.Name, p.cmd.HasName, p.cmd.NameQuoted = v.Text, true, v.Quoted
	return nil
}

// params reads keywords up to the end of the tokens.
func (p *parser) params() *SyntaxError {
	for {
		t, ok := p.next()
		if !ok {
			return nil
		}
		if t.kind != tokWord {
			return p.fail(t, "a keyword was expected")
		}
		k, found := p.spec.Keyword(t.text)
		if !found {
			return p.fail(t, "unknown keyword for "+p.cmd.Verb+" "+p.cmd.Object)
		}
		if err := p.param(k, t); err != nil {
			return err
		}
	}
}

// param reads one keyword, whose token t was just read, and its value.
func (p *parser) param(k *Keyword, t token) *SyntaxError {
	if k.ZOSOnly && !p.opt.ZOS {
		return p.fail(t, k.Name+" is valid only on z/OS")
	}
	if _, dup := p.at[k.Name]; dup {
		return p.fail(t, k.Name+" is repeated")
	}
	if other, ok := p.opposite(k); ok {
		return p.fail(t, k.Name+" conflicts with "+other)
	}
	p.at[k.Name] = t
	prm := Param{Keyword: k.Name}
	open, ok := p.peek()
	display := p.cmd.Verb == "DISPLAY"
	switch {
	case ok && open.kind == tokOpen:
		p.pos++
		if k.Kind == KindFlag || (display && !k.Selection && k.Kind != KindFilter) {
			return p.fail(open, k.Name+" takes no value here")
		}
		if err := p.value(k, &prm, open); err != nil {
			return err
		}
	case k.Kind != KindFlag && !(display && k.Kind != KindFilter):
		return p.fail(t, k.Name+" needs a value")
	}
	p.cmd.Params = append(p.cmd.Params, prm)
	return nil
}

// opposite finds a parameter already given that contradicts k: its
// NO-form or the form without NO (REPLACE and NOREPLACE).
func (p *parser) opposite(k *Keyword) (string, bool) {
	if k.Kind != KindFlag {
		return "", false
	}
	if pos, ok := noFormOf(p.spec, k); ok && pos != nil {
		_, given := p.at[pos.Name]
		return pos.Name, given
	}
	if no, ok := p.spec.index["NO"+k.Name]; ok && no.Kind == KindFlag {
		_, given := p.at[no.Name]
		return no.Name, given
	}
	return "", false
}

// noFormOf returns the positive flag of a NO-form flag (SHARE for
// NOSHARE) and whether k is such a NO-form.
func noFormOf(s *Spec, k *Keyword) (*Keyword, bool) {
	if k.Kind != KindFlag || !strings.HasPrefix(k.Name, "NO") {
		return nil, false
	}
	pos, ok := s.index[k.Name[2:]]
	if !ok || pos.Kind != KindFlag {
		return nil, false
	}
	return pos, true
}

// value reads a parenthesised value; open is the "(" already read.
func (p *parser) value(k *Keyword, prm *Param, open token) *SyntaxError {
	prm.HasValue = true
	switch k.Kind {
	case KindFilter:
		w, err := p.where(open)
		prm.Where = w
		return err
	case KindList:
		v, err := p.list(k, open)
		prm.Value = v
		return err
	}
	v, last, err := p.single(k, open)
	if err != nil {
		return err
	}
	prm.Value = v
	return p.checkValue(k, v, last)
}

// single reads one value and the closing parenthesis. An unquoted string
// value may hold balanced parentheses: CONNAME(host(1414)).
func (p *parser) single(k *Keyword, open token) (Value, token, *SyntaxError) {
	t, ok := p.next()
	if !ok {
		return Value{}, open, p.fail(open, "a value was expected")
	}
	switch t.kind {
	case tokClose:
		return Value{}, t, p.fail(t, "empty parentheses")
	case tokOpen:
		return Value{}, t, p.fail(t, "a value was expected")
	case tokQuoted:
		return Value{Text: t.text, Quoted: true}, t, p.close(t)
	}
	if next, ok := p.peek(); ok && next.kind == tokOpen && k.Kind == KindString {
		end, err := p.balanced(open)
		if err != nil {
			return Value{}, t, err
		}
		raw := p.text[t.start:end.start]
		return Value{Text: strings.ToUpper(raw)}, end, nil
	}
	return Value{Text: strings.ToUpper(t.text)}, t, p.close(t)
}

// close reads the ")" that ends a single value read up to token t.
func (p *parser) close(t token) *SyntaxError {
	c, ok := p.next()
	if !ok {
		return p.failEnd("a closing parenthesis was expected")
	}
	if c.kind != tokClose {
		return p.fail(c, "one value was expected")
	}
	return nil
}

// balanced reads tokens up to the ")" that matches open and returns it.
func (p *parser) balanced(open token) (token, *SyntaxError) {
	depth := 1
	for {
		t, ok := p.next()
		if !ok {
			return open, p.failEnd("a closing parenthesis was expected")
		}
		switch t.kind {
		case tokOpen:
			depth++
		case tokClose:
			depth--
			if depth == 0 {
				return t, nil
			}
		case tokQuoted:
			return t, p.fail(t, "unexpected quoted string")
		}
	}
}

// list reads the items of a list value up to ")".
func (p *parser) list(k *Keyword, open token) (Value, *SyntaxError) {
	v := Value{IsList: true}
	elem := &Keyword{Name: k.Name, Kind: k.Elem, Enum: k.ElemEnum, MaxLen: k.MaxLen}
	for {
		t, ok := p.next()
		switch {
		case !ok:
			return v, p.failEnd("a closing parenthesis was expected")
		case t.kind == tokOpen:
			return v, p.fail(t, "unexpected parenthesis")
		case t.kind == tokClose:
			if len(v.List) == 0 {
				return v, p.fail(t, "empty parentheses")
			}
			v.Text = strings.Join(v.List, ",")
			return v, nil
		}
		item := Value{Text: t.text, Quoted: t.kind == tokQuoted}
		if !item.Quoted {
			item.Text = strings.ToUpper(item.Text)
		}
		if err := p.checkValue(elem, item, t); err != nil {
			return v, err
		}
		v.List = append(v.List, item.Text)
		if len(v.List) == 1 {
			v.Quoted = item.Quoted
		}
	}
}

// where reads WHERE(keyword operator value).
func (p *parser) where(open token) (*Where, *SyntaxError) {
	kw, ok := p.next()
	if !ok || kw.kind != tokWord {
		return nil, p.fail(pick(kw, ok, open), "a filter keyword was expected")
	}
	k, found := p.spec.Keyword(kw.text)
	if !found || k.Kind == KindFilter || k.Name == "ALL" || (k.ZOSOnly && !p.opt.ZOS) {
		return nil, p.fail(kw, "not a filter keyword")
	}
	op, ok := p.next()
	if !ok || op.kind != tokWord || !filterOps[strings.ToUpper(op.text)] {
		return nil, p.fail(pick(op, ok, kw), "a filter operator was expected")
	}
	val, ok := p.next()
	if !ok || (val.kind != tokWord && val.kind != tokQuoted) {
		return nil, p.fail(pick(val, ok, op), "a filter value was expected")
	}
	w := &Where{Keyword: k.Name, Op: strings.ToUpper(op.text), Value: Value{Text: val.text, Quoted: val.kind == tokQuoted}}
	if !w.Value.Quoted {
		w.Value.Text = strings.ToUpper(val.text)
	}
	return w, p.close(val)
}

// filterOps are the WHERE operators.
var filterOps = map[string]bool{
	"EQ": true, "NE": true, "LT": true, "GT": true, "LE": true, "GE": true,
	"LK": true, "NL": true, "CT": true, "EX": true, "CTG": true, "EXG": true,
}

func pick(t token, ok bool, prev token) token {
	if ok {
		return t
	}
	return prev
}
