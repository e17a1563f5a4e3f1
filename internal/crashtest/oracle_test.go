package crashtest

import (
	"path/filepath"
	"strings"
	"testing"
)

func entries(lines ...string) []Entry {
	var out []Entry
	for _, l := range lines {
		e, err := parseEntry(l)
		if err != nil {
			panic(err)
		}
		out = append(out, e)
	}
	return out
}

// TestCheckFindsBrokenPromises feeds the oracle journals with one fault
// each, so that the crash test is known to notice loss, duplicates and
// invented messages.
func TestCheckFindsBrokenPromises(t *testing.T) {
	puts := entries("A p-1 0", "A p-2 0", "D p-3 0", "N p-4 0", "B p-5 0")
	tests := []struct {
		name string
		gets []string
		want string // a substring of the only violation, or "" for none
	}{
		{"clean", []string{"G p-1 0", "K p-1 0", "G p-2 0", "K p-2 0"}, ""},
		{"in-doubt put arrives", []string{"G p-1 0", "K p-1 0", "G p-2 0", "K p-2 0", "G p-3 0", "K p-3 0"}, ""},
		{"redelivery after an in-doubt get", []string{"G p-1 0", "X p-1 0", "G p-1 1", "K p-1 1", "G p-2 0", "K p-2 0"}, ""},
		{"redelivery after a rollback", []string{"G p-1 0", "R p-1 0", "G p-1 2", "K p-1 2", "G p-2 0", "K p-2 0"}, ""},
		{"in-doubt get, never seen again", []string{"G p-1 0", "X p-1 0", "G p-2 0", "K p-2 0"}, ""},
		{"lost", []string{"G p-1 0", "K p-1 0"}, "p-2: lost"},
		{"rolled back, never redelivered", []string{"G p-1 0", "K p-1 0", "G p-2 0", "R p-2 0"}, "p-2: lost"},
		{"duplicate with BackoutCount 0", []string{"G p-1 0", "X p-1 0", "G p-1 0", "K p-1 0", "G p-2 0", "K p-2 0"}, "delivered twice with BackoutCount 0"},
		{"delivered after its commit", []string{"G p-1 0", "K p-1 0", "G p-1 1", "X p-1 1", "G p-2 0", "K p-2 0"}, "after MQCMIT of its get"},
		{"phantom", []string{"G p-1 0", "K p-1 0", "G p-2 0", "K p-2 0", "G p-9 0", "K p-9 0"}, "never put"},
		{"uncommitted put arrives", []string{"G p-1 0", "K p-1 0", "G p-2 0", "K p-2 0", "G p-4 0", "K p-4 0"}, "never committed"},
		{"backed-out put arrives", []string{"G p-1 0", "K p-1 0", "G p-2 0", "K p-2 0", "G p-5 0", "K p-5 0"}, "MQRC_BACKED_OUT"},
		{"damaged body", []string{"G p-1 0", "K p-1 0", "G p-2 0", "K p-2 0", "C p-3 0"}, "does not match"},
		{"no outcome", []string{"G p-1 0", "K p-1 0", "G p-2 0"}, "no outcome"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(puts, entries(tt.gets...))
			switch {
			case tt.want == "" && len(r.Violations) > 0:
				t.Fatalf("violations in a correct run: %q", r.Violations)
			case tt.want != "" && (len(r.Violations) != 1 || !strings.Contains(r.Violations[0], tt.want)):
				t.Fatalf("violations %q, want one containing %q", r.Violations, tt.want)
			}
		})
	}
}

func TestCheckCounts(t *testing.T) {
	r := Check(entries("A p-1 0", "D p-2 0", "D p-3 0", "N p-4 0"),
		entries("G p-1 0", "X p-1 0", "G p-1 1", "K p-1 1", "G p-2 0", "K p-2 0"))
	if len(r.Violations) != 0 {
		t.Fatal(r.Violations)
	}
	got := []int{r.Acked, r.InDoubt, r.NotCommitted, r.Deliveries, r.Consumed, r.Redelivered, r.InDoubtArrived, r.GetsInDoubt}
	want := []int{1, 2, 1, 3, 2, 1, 1, 1}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("counts %v, want %v", got, want)
		}
	}
}

func TestJournalRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j")
	j, err := CreateJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	j.Add(Delivered, "p-1", 3)
	j.Add(GetCommitted, "p-1", 3)
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := ReadJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != (Entry{Delivered, "p-1", 3}) || got[1] != (Entry{GetCommitted, "p-1", 3}) {
		t.Fatalf("read back %v", got)
	}
}

func TestBody(t *testing.T) {
	b := Body("P1-0000042", 1024)
	if len(b) != 1024 {
		t.Fatalf("length %d", len(b))
	}
	if id, ok := ParseBody(b); !ok || id != "P1-0000042" {
		t.Fatalf("ParseBody = %q %v", id, ok)
	}
	b[500] ^= 1
	if _, ok := ParseBody(b); ok {
		t.Fatal("a flipped bit went unnoticed")
	}
	if _, ok := ParseBody([]byte("nospace")); ok {
		t.Fatal("a body without an id was accepted")
	}
}
