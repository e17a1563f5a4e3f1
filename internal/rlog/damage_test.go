package rlog

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// fiveBatches writes five batches (the third has three records) to a
// 64-page log and returns the options, all records and batch starts.
func fiveBatches(t *testing.T) (Options, *Log, []Record, []LSN) {
	t.Helper()
	o := Options{Dir: t.TempDir(), FilePages: 16, PrimaryFiles: 3, SecondaryFiles: 1}
	l := mustOpen(t, o)
	var m model
	var starts []LSN
	for i := range 5 {
		var recs [][]byte
		for j := range 1 + 2*(i/2%2) {
			recs = append(recs, payload(fmt.Sprintf("b%dr%d", i, j), 1500+100*i))
		}
		first, err := l.AppendBatch(recs)
		if err != nil {
			t.Fatal(err)
		}
		m.add(first, recs...)
		starts = append(starts, first)
	}
	return o, l, m.recs, starts
}

func recordsBefore(recs []Record, lsn LSN) []Record {
	var out []Record
	for _, r := range recs {
		if r.LSN < lsn {
			out = append(out, r)
		}
	}
	return out
}

func TestTornTail(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	garbage := make([]byte, 3*PageSize)
	for i := range garbage {
		garbage[i] = byte(r.Uint32())
	}
	zeros := make([]byte, 3*PageSize)
	cases := []struct {
		name  string
		batch int    // which batch the damage starts in
		off   int    // offset from that batch's start
		bytes []byte // what is written there
	}{
		{"last batch never written", 4, 0, zeros[:PageSize]},
		{"last record cut short", 4, headerSize + 700, zeros[:PageSize-headerSize-700]},
		{"last batch is garbage", 4, 0, garbage[:PageSize]},
		{"garbage after the end", 4, PageSize, garbage},
		{"last header torn", 4, 10, zeros[:4]},
		// Batch 3 has three records; losing its last one loses them all.
		{"multi-record batch cut in its last record", 3, 2*(headerSize+1800) + headerSize + 40, zeros[:8]},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, l, recs, starts := fiveBatches(t)
			if c.batch == 3 {
				// Make batch 3 the tail.
				recs = recordsBefore(recs, starts[4])
				damageAt(t, o.Dir, l.geo, starts[4], zeros[:PageSize])
			}
			crash(t, l)
			damageAt(t, o.Dir, l.geo, starts[c.batch]+LSN(c.off), c.bytes)
			want := recs
			if c.off < PageSize || c.batch == 3 {
				want = recordsBefore(recs, starts[c.batch])
			}
			l = mustOpen(t, o)
			sameRecords(t, replayAll(t, l), want)
			// The log goes on from the last intact batch.
			more := payload("more", 2000)
			lsn := mustAppend(t, l, more)
			sameRecords(t, replayAll(t, l), append(want, Record{lsn, more}))
			crash(t, l)
			// Remnants of the torn batch after the new end stay unused.
			l = mustOpen(t, o)
			sameRecords(t, replayAll(t, l), append(want, Record{lsn, more}))
			mustClose(t, l)
		})
	}
}

func TestCorruptionInTheMiddle(t *testing.T) {
	cases := []struct {
		name   string
		batch  int
		rec    int // record within the batch
		off    int // offset in the record
		b      []byte
		reason string
	}{
		{"payload bit flip", 1, 0, headerSize + 100, []byte{0xff}, "checksum mismatch"},
		{"bad magic", 2, 0, 0, []byte{'X'}, "bad record magic"},
		{"LSN field", 1, 0, offLSN + 1, []byte{0x7f}, "record carries LSN"},
		{"length field", 2, 0, offLength + 2, []byte{0x01}, "checksum mismatch"},
		{"huge length", 1, 0, offLength + 3, []byte{0x7f}, "too large"},
		{"middle record of a batch", 2, 1, headerSize + 5, []byte{'?'}, "checksum mismatch"},
		{"flags", 2, 2, offFlags, []byte{0x01}, "first-record flag inside a batch"},
		{"first batch", 0, 0, headerSize, []byte{0}, "checksum mismatch"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, l, recs, starts := fiveBatches(t)
			crash(t, l)
			idx := 0
			for idx < len(recs) && recs[idx].LSN < starts[c.batch] {
				idx++
			}
			bad := recs[idx+c.rec].LSN
			damageAt(t, o.Dir, l.geo, bad+LSN(c.off), c.b)

			l = mustOpen(t, o)
			defer mustClose(t, l)
			var got []Record
			n, err := l.Replay(func(r Record) error { got = append(got, r); return nil })
			var ce *CorruptError
			if !errors.As(err, &ce) || !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Replay = %d, %v; want *CorruptError", n, err)
			}
			if ce.LSN != bad || ce.Resume != starts[c.batch+1] || !contains(ce.Reason, c.reason) {
				t.Errorf("CorruptError %+v, want LSN %v resume %v reason %q", ce, bad, starts[c.batch+1], c.reason)
			}
			sameRecords(t, got, recordsBefore(recs, starts[c.batch]))
			if _, err := l.Append([]byte("x")); !errors.As(err, &ce) {
				t.Errorf("Append on a damaged log = %v", err)
			}
			if err := l.Checkpoint(0); !errors.As(err, &ce) {
				t.Errorf("Checkpoint on a damaged log = %v", err)
			}
		})
	}
}

func TestDamagedLastBatchAfterCleanClose(t *testing.T) {
	o, l, recs, starts := fiveBatches(t)
	mustClose(t, l) // records the end in the control file
	damageAt(t, o.Dir, l.geo, starts[4]+headerSize+1, []byte{0})
	l = mustOpen(t, o)
	defer mustClose(t, l)
	var got []Record
	_, err := l.Replay(func(r Record) error { got = append(got, r); return nil })
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.LSN != starts[4] || ce.Resume != 0 {
		t.Fatalf("Replay = %v, want *CorruptError at %v from the known end", err, starts[4])
	}
	sameRecords(t, got, recordsBefore(recs, starts[4]))
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// TestTornBatchWithIntactLaterPage covers a power-loss tear where the
// second page of a batch reached the disk and the first did not: the
// intact record at the page boundary is not a batch start, so it is
// neither replayed nor taken as proof of damage, before or after the
// log goes on over it.
func TestTornBatchWithIntactLaterPage(t *testing.T) {
	o := small(t.TempDir())
	l := mustOpen(t, o)
	a := mustAppend(t, l, []byte("a"))
	first, err := l.AppendBatch([][]byte{payload("x", PageSize-headerSize), payload("y", 500)})
	if err != nil {
		t.Fatal(err)
	}
	crash(t, l)
	second := first + PageSize
	hdr := readLogAt(t, o.Dir, l.geo, second, headerSize)
	if h, why := parseHeader(hdr, second, l.geo.capacity()); why != "" || h.flags != flagEnd {
		t.Fatalf("setup: no record at the page boundary (%q, flags %d)", why, h.flags)
	}
	damageAt(t, o.Dir, l.geo, first, make([]byte, PageSize))

	l = mustOpen(t, o)
	want := []Record{{a, []byte("a")}}
	sameRecords(t, replayAll(t, l), want)
	b := mustAppend(t, l, []byte("b"))
	if b != first {
		t.Fatalf("append after the torn batch at %v, want %v", b, first)
	}
	crash(t, l)
	l = mustOpen(t, o)
	sameRecords(t, replayAll(t, l), append(want, Record{b, []byte("b")}))
	if l.End() != second {
		t.Errorf("end %v, want %v", l.End(), second)
	}
	mustClose(t, l)
}
