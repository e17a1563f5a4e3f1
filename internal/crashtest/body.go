package crashtest

import (
	"bytes"
	"hash/fnv"
)

// Body returns the message body for id: the id, a blank, then filler
// bytes derived from the id up to size bytes (at least the id and the
// blank). A body that was damaged in store or in transit no longer
// matches its id.
func Body(id string, size int) []byte {
	b := make([]byte, 0, max(size, len(id)+1))
	b = append(b, id...)
	b = append(b, ' ')
	h := fnv.New64a()
	h.Write([]byte(id))
	x := h.Sum64() | 1
	for len(b) < size {
		// xorshift64: cheap bytes that differ per id and per position.
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b = append(b, 'a'+byte(x%26))
	}
	return b
}

// ParseBody returns the id a body carries and whether the rest of the
// body is what Body makes for that id.
func ParseBody(b []byte) (id string, ok bool) {
	i := bytes.IndexByte(b, ' ')
	if i <= 0 {
		return "", false
	}
	id = string(b[:i])
	return id, bytes.Equal(b, Body(id, len(b)))
}
