package rlog

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// fuzzTemplate writes a small log that has wrapped (so stale records of
// the earlier lap remain) and was closed cleanly, and returns its
// directory and the records it replays.
func fuzzTemplate(f *testing.F) (string, []Record) {
	dir := filepath.Join(f.TempDir(), "template")
	l := mustOpen(f, small(dir))
	var m model
	for i := range 14 {
		if i == 5 || i == 9 {
			if err := l.Checkpoint(l.End()); err != nil {
				f.Fatal(err)
			}
			m.release(l.End())
		}
		recs := [][]byte{payload(fmt.Sprintf("t%d", i), 300*i), payload(fmt.Sprintf("u%d", i), 700)}
		first, err := l.AppendBatch(recs[:1+i%2])
		if err != nil {
			f.Fatal(err)
		}
		m.add(first, recs[:1+i%2]...)
	}
	mustClose(f, l)
	return dir, m.recs
}

// FuzzReplayDamagedLog flips bytes anywhere in the log and control files
// (input: 3-byte groups of offset and XOR mask). Open and Replay must not
// panic or hang; what Replay delivers must be a prefix of the original
// records; errors must be the documented ones; and with the control file
// untouched, a shortened replay must be reported as damage.
func FuzzReplayDamagedLog(f *testing.F) {
	tmpl, want := fuzzTemplate(f)
	names := []string{controlName}
	for i := range 3 {
		names = append(names, filepath.Join(activeDir, fileName(i)))
	}
	var files [][]byte
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(tmpl, n))
		if err != nil {
			f.Fatal(err)
		}
		files = append(files, b)
	}
	f.Add([]byte{})
	f.Add([]byte{0x10, 0x20, 0x01})                   // a log byte
	f.Add([]byte{0x28, 0x00, 0x01})                   // control slot 0
	f.Add([]byte{0x00, 0x30, 0xff, 0x00, 0x40, 0x80}) // two pages of log
	f.Fuzz(func(t *testing.T, flips []byte) {
		dir := t.TempDir()
		mutated := make([][]byte, len(files))
		for i, b := range files {
			mutated[i] = bytes.Clone(b)
		}
		total := 0
		for _, b := range files {
			total += len(b)
		}
		controlHit := false
		for ; len(flips) >= 3; flips = flips[3:] {
			off := int(binary.LittleEndian.Uint16(flips)) % total
			controlHit = controlHit || (off < len(files[0]) && flips[2] != 0)
			for i := range mutated {
				if off < len(mutated[i]) {
					mutated[i][off] ^= flips[2]
					break
				}
				off -= len(mutated[i])
			}
		}
		if err := os.MkdirAll(filepath.Join(dir, activeDir), 0o700); err != nil {
			t.Fatal(err)
		}
		for i, n := range names {
			if err := os.WriteFile(filepath.Join(dir, n), mutated[i], 0o600); err != nil {
				t.Fatal(err)
			}
		}
		l, err := Open(small(dir))
		if err != nil {
			if !errors.Is(err, ErrControl) {
				t.Fatalf("Open: unexpected error %v", err)
			}
			return
		}
		defer l.Close()
		var got []Record
		_, err = l.Replay(func(r Record) error { got = append(got, r); return nil })
		if err != nil && !errors.Is(err, ErrCorrupt) {
			t.Fatalf("Replay: unexpected error %v", err)
		}
		if len(got) > len(want) {
			t.Fatalf("replayed %d records, the log holds %d", len(got), len(want))
		}
		sameRecords(t, got, want[:len(got)])
		// The log was closed cleanly, so the control file knows its end:
		// with the control file intact, no loss may go unreported.
		if err == nil && !controlHit && len(got) != len(want) {
			t.Fatalf("replayed %d of %d records without reporting damage", len(got), len(want))
		}
	})
}

// FuzzDecodeControl: decoding any bytes must not panic, and what decodes
// must encode back to the same record.
func FuzzDecodeControl(f *testing.F) {
	c := control{geometry: geometry{16, 3, 2}, seq: 7, checkpoint: 4096, scan: 4096, end: 8192}
	f.Add(c.encode())
	f.Add(make([]byte, controlLen))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := decodeControl(b)
		if err != nil {
			return
		}
		back, err := decodeControl(c.encode())
		if err != nil || back != c {
			t.Fatalf("round trip: %+v -> %+v, %v", c, back, err)
		}
	})
}
