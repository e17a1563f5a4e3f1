package qmdir

import (
	"strings"
	"testing"
)

// FuzzQMgrName checks that every name ValidateQMgrName accepts maps to a
// directory name that is a single path element, and that no two accepted
// names share one.
func FuzzQMgrName(f *testing.F) {
	for _, s := range []string{"QM1", "a.b", "a/b", "..", "%_%", "QM 1", ""} {
		f.Add(s, "a!b")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if ValidateQMgrName(a) != nil {
			return
		}
		m := Mangle(a)
		if strings.ContainsAny(m, "./") || m == "" {
			t.Fatalf("Mangle(%q) = %q is not a single path element free of dots", a, m)
		}
		if a != b && ValidateQMgrName(b) == nil && Mangle(b) == m {
			t.Fatalf("%q and %q both map to %q", a, b, m)
		}
	})
}
