package crashtest

import "testing"

// FuzzJournalLine: any line either fails to parse or parses to an entry
// that is written back as a line parsing to the same entry.
func FuzzJournalLine(f *testing.F) {
	for _, s := range []string{"A P1-0000001 0", "G P2-0000042 3", "K x -1", "", "G  a b", "Z 1 99999999999", "\xc3 0 0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		e, err := parseEntry(line)
		if err != nil {
			return
		}
		again, err := parseEntry(e.String())
		if err != nil || again != e {
			t.Fatalf("%q parsed to %v, which reads back as %v, %v", line, e, again, err)
		}
	})
}

// FuzzParseBody: ParseBody never panics, and accepts exactly the bodies
// Body makes.
func FuzzParseBody(f *testing.F) {
	f.Add([]byte("P1-0000001 abc"), 64)
	f.Add([]byte(""), 0)
	f.Add([]byte(" x"), 10)
	f.Fuzz(func(t *testing.T, b []byte, size int) {
		if id, ok := ParseBody(b); ok && string(Body(id, len(b))) != string(b) {
			t.Fatalf("ParseBody accepted %q as %q", b, id)
		}
		if size < 0 || size > 1<<16 {
			return
		}
		id := string(b)
		for _, c := range b {
			if c == ' ' {
				return
			}
		}
		if id == "" {
			return
		}
		if got, ok := ParseBody(Body(id, size)); !ok || got != id {
			t.Fatalf("Body(%q, %d) parsed back as %q %v", id, size, got, ok)
		}
	})
}
