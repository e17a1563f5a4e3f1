package wire

import "encoding/binary"

// unmarshaler is implemented by every structure of this package.
type unmarshaler interface {
	Unmarshal(b []byte, order binary.ByteOrder) (int, error)
}

// cursor decodes a sequence of structures and words from one verb body,
// reporting errors at offsets relative to the body.
type cursor struct {
	d   decoder
	off int
}

func newCursor(name string, b []byte, o binary.ByteOrder) *cursor {
	return &cursor{d: newDecoder(name, b, o)}
}

// next decodes u at the current offset.
func (c *cursor) next(u unmarshaler) error {
	n, err := u.Unmarshal(c.d.b[c.off:], c.d.o)
	if err != nil {
		return wrapAt(err, c.d.name, c.off)
	}
	c.off += n
	return nil
}

// md, pmo and gmo are next for one structure type: a direct call keeps
// the decoded body on the caller's stack (an interface call would not).
func (c *cursor) md(m *MQMD) error {
	n, err := m.Unmarshal(c.d.b[c.off:], c.d.o)
	return c.advance(n, err)
}

func (c *cursor) pmo(p *MQPMO) error {
	n, err := p.Unmarshal(c.d.b[c.off:], c.d.o)
	return c.advance(n, err)
}

func (c *cursor) gmo(g *MQGMO) error {
	n, err := g.Unmarshal(c.d.b[c.off:], c.d.o)
	return c.advance(n, err)
}

func (c *cursor) advance(n int, err error) error {
	if err != nil {
		return wrapAt(err, c.d.name, c.off)
	}
	c.off += n
	return nil
}

// word decodes a 4-byte integer at the current offset.
func (c *cursor) word() (int32, error) {
	if err := c.d.need(c.off + 4); err != nil {
		return 0, err
	}
	v := c.d.i32(c.off)
	c.off += 4
	return v, nil
}

// count decodes a non-negative length or count word.
func (c *cursor) count() (int32, error) {
	at := c.off
	v, err := c.word()
	if err == nil && v < 0 {
		err = c.d.fail(at, ErrBadLength, "negative count %d", v)
	}
	return v, err
}

// bytes returns the next n bytes (nil when n is 0), aliasing the input.
func (c *cursor) bytes(n int64) ([]byte, error) {
	if int64(len(c.d.b)-c.off) < n {
		return nil, c.d.fail(c.off, ErrTruncated, "need %d more bytes, have %d",
			n, len(c.d.b)-c.off)
	}
	b := sub(c.d.b, c.off, c.off+int(n))
	c.off += int(n)
	return b, nil
}

// data decodes a length word followed by that many bytes.
func (c *cursor) data() ([]byte, error) {
	n, err := c.count()
	if err != nil {
		return nil, err
	}
	return c.bytes(int64(n))
}

// appendWord appends v in order.
func appendWord(b []byte, order binary.ByteOrder, v int32) []byte {
	if ao, ok := order.(binary.AppendByteOrder); ok {
		return ao.AppendUint32(b, uint32(v))
	}
	var w [4]byte
	order.PutUint32(w[:], uint32(v))
	return append(b, w[:]...)
}

// appendData appends a length word and the bytes.
func appendData(b []byte, order binary.ByteOrder, data []byte) []byte {
	return append(appendWord(b, order, int32(len(data))), data...)
}

// OpenBody is the body of MQOPEN and MQOPEN_REPLY: OD, open options
// (MQOO_*), then optional FOPA/FCMI structures kept as raw bytes.
type OpenBody struct {
	OD      MQOD
	Options int32
	Extra   []byte // FOPA, FCMI ...; aliases the input after Unmarshal
}

// Marshal encodes the body.
func (o *OpenBody) Marshal(order binary.ByteOrder) []byte {
	b := appendWord(o.OD.Marshal(order), order, o.Options)
	return append(b, o.Extra...)
}

// Unmarshal decodes the body; everything after the options is Extra.
func (o *OpenBody) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	c := newCursor("MQOPEN", b, order)
	var v OpenBody
	if err := c.next(&v.OD); err != nil {
		return 0, err
	}
	var err error
	if v.Options, err = c.word(); err != nil {
		return 0, err
	}
	v.Extra = sub(b, c.off, len(b))
	*o = v
	return len(b), nil
}

// CloseBody is the body of MQCLOSE and MQCLOSE_REPLY: OD and close options
// (MQCO_*).
type CloseBody struct {
	OD      MQOD
	Options int32
}

// Marshal encodes the body.
func (cl *CloseBody) Marshal(order binary.ByteOrder) []byte {
	return appendWord(cl.OD.Marshal(order), order, cl.Options)
}

// Unmarshal decodes the body.
func (cl *CloseBody) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	c := newCursor("MQCLOSE", b, order)
	var v CloseBody
	if err := c.next(&v.OD); err != nil {
		return 0, err
	}
	var err error
	if v.Options, err = c.word(); err != nil {
		return 0, err
	}
	*cl = v
	return c.off, nil
}

// PutBody is the body of MQPUT and MQPUT_REPLY: MD, PMO, a 4-byte data
// length and the data (empty in the reply).
type PutBody struct {
	MD   MQMD
	PMO  MQPMO
	Data []byte // aliases the input after Unmarshal
}

// Marshal encodes the body.
func (p *PutBody) Marshal(order binary.ByteOrder) []byte {
	b := make([]byte, 0, MDLength2+PMOLength3+4+len(p.Data))
	b = p.PMO.AppendTo(p.MD.AppendTo(b, order), order)
	return appendData(b, order, p.Data)
}

// Unmarshal decodes the body.
func (p *PutBody) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	c := newCursor("MQPUT", b, order)
	var v PutBody
	if err := c.md(&v.MD); err != nil {
		return 0, err
	}
	if err := c.pmo(&v.PMO); err != nil {
		return 0, err
	}
	var err error
	if v.Data, err = c.data(); err != nil {
		return 0, err
	}
	*p = v
	return c.off, nil
}

// Put1Body is the body of MQPUT1 and MQPUT1_REPLY: OD, MD, PMO, a 4-byte
// data length and the data.
type Put1Body struct {
	OD   MQOD
	MD   MQMD
	PMO  MQPMO
	Data []byte // aliases the input after Unmarshal
}

// Marshal encodes the body.
func (p *Put1Body) Marshal(order binary.ByteOrder) []byte {
	b := append(p.OD.Marshal(order), p.MD.Marshal(order)...)
	b = append(b, p.PMO.Marshal(order)...)
	return appendData(b, order, p.Data)
}

// Unmarshal decodes the body.
func (p *Put1Body) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	c := newCursor("MQPUT1", b, order)
	var v Put1Body
	for _, u := range []unmarshaler{&v.OD, &v.MD, &v.PMO} {
		if err := c.next(u); err != nil {
			return 0, err
		}
	}
	var err error
	if v.Data, err = c.data(); err != nil {
		return 0, err
	}
	*p = v
	return c.off, nil
}

// GetBody is the body of an MQGET request: MD, GMO and the size of the
// caller's buffer (the most data it will take).
type GetBody struct {
	MD           MQMD
	GMO          MQGMO
	BufferLength int32
}

// Marshal encodes the body.
func (g *GetBody) Marshal(order binary.ByteOrder) []byte {
	b := make([]byte, 0, MDLength2+GMOLength4+4)
	b = g.GMO.AppendTo(g.MD.AppendTo(b, order), order)
	return appendWord(b, order, g.BufferLength)
}

// Unmarshal decodes the body.
func (g *GetBody) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	c := newCursor("MQGET", b, order)
	var v GetBody
	if err := c.md(&v.MD); err != nil {
		return 0, err
	}
	if err := c.gmo(&v.GMO); err != nil {
		return 0, err
	}
	var err error
	if v.BufferLength, err = c.count(); err != nil {
		return 0, err
	}
	*g = v
	return c.off, nil
}

// GetReplyBody is the body of MQGET_REPLY: MD, GMO, a 4-byte data length
// and the data.
type GetReplyBody struct {
	MD   MQMD
	GMO  MQGMO
	Data []byte // aliases the input after Unmarshal
}

// Marshal encodes the body.
func (g *GetReplyBody) Marshal(order binary.ByteOrder) []byte {
	b := make([]byte, 0, MDLength2+GMOLength4+4+len(g.Data))
	b = g.GMO.AppendTo(g.MD.AppendTo(b, order), order)
	return appendData(b, order, g.Data)
}

// Unmarshal decodes the body.
func (g *GetReplyBody) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	c := newCursor("MQGET_REPLY", b, order)
	var v GetReplyBody
	if err := c.md(&v.MD); err != nil {
		return 0, err
	}
	if err := c.gmo(&v.GMO); err != nil {
		return 0, err
	}
	var err error
	if v.Data, err = c.data(); err != nil {
		return 0, err
	}
	*g = v
	return c.off, nil
}
