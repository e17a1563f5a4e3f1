package pcf

import "encoding/binary"

// Message is a PCF message: header and parameters.
type Message struct {
	Header CFH
	Params []Param
}

// Encode returns the message bytes. The header is written with
// StrucLength 36, ParameterCount len(Params), and Version 1 when it is 0;
// the other header fields are written as given.
func (m Message) Encode(order binary.ByteOrder) []byte {
	h := m.Header
	h.StrucLength, h.ParameterCount = CFHLength, int32(len(m.Params))
	if h.Version == 0 {
		h.Version = CFHVersion1
	}
	b := h.Marshal(order)
	for _, p := range m.Params {
		b = p.AppendTo(b, order)
	}
	return b
}

// Decode parses a PCF message. It decodes Header.ParameterCount
// parameters; bytes after the last one are ignored. Byte slices in the
// result are copies.
func Decode(b []byte, order binary.ByteOrder) (Message, error) {
	var m Message
	off, err := m.Header.Unmarshal(b, order)
	if err != nil {
		return Message{}, err
	}
	// Each parameter takes at least 12 bytes, which bounds the allocation.
	m.Params = make([]Param, 0, min(int(m.Header.ParameterCount), (len(b)-off)/12))
	for range m.Header.ParameterCount {
		p, n, err := decodeParam(b, off, order)
		if err != nil {
			return Message{}, err
		}
		m.Params = append(m.Params, p)
		off += n
	}
	return m, nil
}

// Param returns the first parameter with the given identifier.
func (m Message) Param(id int32) (Param, bool) {
	for _, p := range m.Params {
		if p.ID() == id {
			return p, true
		}
	}
	return nil, false
}

// Int returns the value of the first CFIN with the given identifier.
func (m Message) Int(id int32) (int32, bool) {
	for _, p := range m.Params {
		if in, ok := p.(CFIN); ok && in.Parameter == id {
			return in.Value, true
		}
	}
	return 0, false
}

// Str returns the string of the first CFST with the given identifier.
func (m Message) Str(id int32) (string, bool) {
	for _, p := range m.Params {
		if st, ok := p.(CFST); ok && st.Parameter == id {
			return st.String, true
		}
	}
	return "", false
}
