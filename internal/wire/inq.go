package wire

import "encoding/binary"

// InqBody is the body of MQINQ, MQINQ_REPLY, MQSET and MQSET_REPLY:
// SelectorCount, IntAttrCount, CharAttrLength, the selectors, and (in an
// MQINQ reply or an MQSET request) the integer attributes and character
// attributes.
type InqBody struct {
	Selectors      []int32
	IntAttrCount   int32 // integer attributes asked for (or carried)
	CharAttrLength int32 // bytes of character attributes asked for (or carried)
	IntAttrs       []int32
	CharAttrs      []byte // aliases the input after Unmarshal
}

// HasValues reports whether the body carries attribute values, i.e. is an
// MQINQ reply or an MQSET request rather than an MQINQ request.
func (q *InqBody) HasValues() bool { return q.IntAttrs != nil || q.CharAttrs != nil }

// Marshal encodes the body. When HasValues, the counts are taken from
// len(IntAttrs) and len(CharAttrs) and the values are written; otherwise
// the counts are IntAttrCount and CharAttrLength and no values follow.
func (q *InqBody) Marshal(order binary.ByteOrder) []byte {
	ic, cl := q.IntAttrCount, q.CharAttrLength
	if q.HasValues() {
		ic, cl = int32(len(q.IntAttrs)), int32(len(q.CharAttrs))
	}
	b := make([]byte, 0, 12+4*len(q.Selectors)+4*len(q.IntAttrs)+len(q.CharAttrs))
	b = appendWord(b, order, int32(len(q.Selectors)))
	b = appendWord(b, order, ic)
	b = appendWord(b, order, cl)
	b = appendWords(b, order, q.Selectors)
	if q.HasValues() {
		b = appendWords(b, order, q.IntAttrs)
		b = append(b, q.CharAttrs...)
	}
	return b
}

// Unmarshal decodes the body. Values are taken to be present when any
// bytes follow the selectors; then all IntAttrCount integers and
// CharAttrLength bytes must be there. It returns the bytes consumed.
func (q *InqBody) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	c := newCursor("MQINQ", b, order)
	var counts [3]int32
	for i := range counts {
		var err error
		if counts[i], err = c.count(); err != nil {
			return 0, err
		}
	}
	v := InqBody{IntAttrCount: counts[1], CharAttrLength: counts[2]}
	var err error
	if v.Selectors, err = c.words(counts[0]); err != nil {
		return 0, err
	}
	if c.off < len(b) {
		if v.IntAttrs, err = c.words(counts[1]); err != nil {
			return 0, err
		}
		if v.CharAttrs, err = c.bytes(int64(counts[2])); err != nil {
			return 0, err
		}
	}
	*q = v
	return c.off, nil
}

// words decodes n integers (nil when n is 0).
func (c *cursor) words(n int32) ([]int32, error) {
	raw, err := c.bytes(4 * int64(n))
	if err != nil || n == 0 {
		return nil, err
	}
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(c.d.o.Uint32(raw[4*i:]))
	}
	return out, nil
}

func appendWords(b []byte, order binary.ByteOrder, vs []int32) []byte {
	for _, v := range vs {
		b = appendWord(b, order, v)
	}
	return b
}
