package objects

import (
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/store/storetest"
	"github.com/gomqm/gomqm/mqsc"
)

// FuzzExecute runs arbitrary parsed commands: the executor must not panic,
// must mark every failure with a reason and must leave a store that
// package store's Check accepts (storetest runs it at the end).
func FuzzExecute(f *testing.F) {
	for _, s := range []string{
		"DEFINE QLOCAL(Q1) MAXDEPTH(10) DESCR('x')", "DIS Q(*) WHERE(MAXDEPTH GT 5)",
		"DEFINE QALIAS(A) TARGET(Q1) REPLACE", "DIS NL(*) WHERE(NAMES CTG S*)",
		"ALTER QMGR DEADQ(X)", "DEFINE CHANNEL(C) CHLTYPE(SDR) CONNAME('h') XMITQ(X)",
		"DIS QS(*) TYPE(HANDLE)", "DELETE QLOCAL(Q1) PURGE", "DIS QMGR EVENT",
	} {
		f.Add(s)
	}
	st := storetest.New(f)
	if err := SaveAll(st, DefaultObjects("QM1", QMgrOptions{Created: testTime})); err != nil {
		f.Fatal(err)
	}
	ex := NewExecutor(st, newFakeRuntime(), "QM1", func() time.Time { return testTime })
	f.Fuzz(func(t *testing.T, text string) {
		cmd, err := mqsc.Parse(text)
		if err != nil {
			return
		}
		r := ex.Execute(cmd)
		if r.Failed != (r.Reason != 0) {
			t.Fatalf("%q: Failed=%v Reason=%d", text, r.Failed, r.Reason)
		}
		if r.Failed && len(r.Lines) == 0 {
			t.Fatalf("%q failed without a reply", text)
		}
		for _, l := range r.Lines {
			if strings.Contains(l, "\n") {
				t.Fatalf("%q: reply line with a line break: %q", text, l)
			}
		}
	})
}
