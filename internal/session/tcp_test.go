package session

import (
	"net"
	"testing"

	"github.com/gomqm/gomqm/internal/wire"
)

// joinFrom runs Join on the segments encoded in rest, after first.
func joinFrom(t testing.TB, first *wire.Segment, rest []byte, unit int) (*wire.Segment, error) {
	a, b := net.Pipe()
	defer a.Close()
	go func() {
		b.Write(rest)
		b.Close()
	}()
	c := newConn(a)
	c.max, c.unitMax = 8192, unit
	return c.Join(first)
}

func segBytes(flags uint8, req uint32, body []byte) []byte {
	s := wire.NewAPISegment(wire.SegMQPUT, 1, req, false, wire.APIHeader{}, nil)
	s.Body = body
	s.Flags1 = flags
	b, _ := s.MarshalBinary()
	return b
}

func TestJoin(t *testing.T) {
	first := wire.NewAPISegment(wire.SegMQPUT, 1, 7, false, wire.APIHeader{}, []byte("abc"))
	first.Flags1 = wire.Flag1First
	rest := append(segBytes(0, 7, []byte("def")), segBytes(wire.Flag1Last, 7, []byte("gh"))...)
	got, err := joinFrom(t, first, rest, 1<<20)
	if err != nil || string(got.Body[len(got.Body)-8:]) != "abcdefgh" || got.Flags1&wire.Flag1Last == 0 {
		t.Fatalf("joined %q %v", got.Body, err)
	}
	if _, err := joinFrom(t, first, segBytes(wire.Flag1Last, 8, []byte("x")), 1<<20); err == nil {
		t.Fatal("a segment of another request was joined")
	}
	big := make([]byte, 4000)
	if _, err := joinFrom(t, first, append(segBytes(0, 7, big), segBytes(wire.Flag1Last, 7, big)...), 6000); err == nil {
		t.Fatal("joined beyond the agreed message size")
	}
}

func FuzzJoin(f *testing.F) {
	f.Add(append(segBytes(0, 7, []byte("def")), segBytes(wire.Flag1Last, 7, []byte("gh"))...))
	f.Add(segBytes(wire.Flag1First|wire.Flag1Last, 7, nil))
	f.Add([]byte("TSHM\x00\x00\x00\x24"))
	f.Fuzz(func(t *testing.T, rest []byte) {
		first := wire.NewAPISegment(wire.SegMQPUT, 1, 7, false, wire.APIHeader{}, []byte("abc"))
		first.Flags1 = wire.Flag1First
		got, err := joinFrom(t, first, rest, 64<<10)
		if err == nil && (len(got.Body) > 64<<10 || got.Flags1&wire.Flag1Last == 0) {
			t.Fatalf("joined %d bytes, flags %#x", len(got.Body), got.Flags1)
		}
	})
}
