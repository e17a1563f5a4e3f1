package channel

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// FuzzResync decodes arbitrary RESYNC_DATA bodies: a body that decodes
// encodes back to its first 20 bytes.
func FuzzResync(f *testing.F) {
	f.Add((&resync{Flags: resyncInDoubt, Seq: 50, LUWID: 0x0102030405060708}).marshal(binary.LittleEndian))
	f.Add((&resync{Seq: 999999999}).marshal(binary.BigEndian))
	f.Add([]byte{20, 0, 0, 0})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, o := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
			var r resync
			if err := r.unmarshal(b, o); err != nil {
				continue
			}
			if got := r.marshal(o); !bytes.Equal(got, b[:resyncLength]) {
				t.Fatalf("%x re-encodes as %x", b[:resyncLength], got)
			}
		}
	})
}

func TestNextSeqWraps(t *testing.T) {
	for _, tt := range []struct{ seq, wrap, want uint32 }{
		{0, 999999999, 1}, {41, 999999999, 42}, {999999999, 999999999, 1}, {5, 5, 1}, {7, 5, 1},
	} {
		if got := nextSeq(tt.seq, tt.wrap); got != tt.want {
			t.Errorf("nextSeq(%d, %d) = %d, want %d", tt.seq, tt.wrap, got, tt.want)
		}
	}
}

func TestParseConnName(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
		bad  bool
	}{
		{in: "127.0.0.1(1414)", want: []string{"127.0.0.1:1414"}},
		{in: "qm2.example.com", want: []string{"qm2.example.com:1414"}},
		{in: "a(1415), b(1416)", want: []string{"a:1415", "b:1416"}},
		{in: "a(0)", bad: true},
		{in: "a(1414", bad: true},
		{in: "(1414)", bad: true},
		{in: " ", bad: true},
	} {
		got, err := ParseConnName(tt.in)
		if (err != nil) != tt.bad || (!tt.bad && !equal(got, tt.want)) {
			t.Errorf("ParseConnName(%q) = %q, %v", tt.in, got, err)
		}
	}
}

// FuzzParseConnName checks that every address a CONNAME yields has a host
// and a port.
func FuzzParseConnName(f *testing.F) {
	for _, s := range []string{"127.0.0.1(1414)", "a(1),b(2)", "x", "(", "a((1))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		addrs, err := ParseConnName(s)
		if err != nil {
			return
		}
		if len(addrs) == 0 {
			t.Fatalf("%q: no addresses and no error", s)
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
