package objects

import (
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/store/storetest"
	"github.com/gomqm/gomqm/mqsc"
)

// testTime is the clock of every test executor.
var testTime = time.Date(2026, 11, 24, 15, 26, 28, 0, time.UTC)

// fakeRuntime is a Runtime with settable queue states.
type fakeRuntime struct {
	status  map[string]QueueStatus
	handles map[string][]HandleStatus
	cleared []string
	deleted []string
}

func newFakeRuntime() *fakeRuntime {
	return &fakeRuntime{status: map[string]QueueStatus{}, handles: map[string][]HandleStatus{}}
}

func (f *fakeRuntime) QueueStatus(name string) (QueueStatus, bool) {
	st, ok := f.status[name]
	return st, ok
}

func (f *fakeRuntime) Handles(name string) []HandleStatus { return f.handles[name] }

func (f *fakeRuntime) ClearQueue(name string) error {
	st := f.status[name]
	if st.IPProcs+st.OPProcs > 0 || st.Uncommitted > 0 {
		return ErrInUse
	}
	st.CurDepth = 0
	f.status[name] = st
	f.cleared = append(f.cleared, name)
	return nil
}

func (f *fakeRuntime) QueueDeleted(name string, purge bool) error {
	st := f.status[name]
	if st.IPProcs+st.OPProcs > 0 || st.Uncommitted > 0 {
		return ErrInUse
	}
	if st.CurDepth > 0 && !purge {
		return ErrNotEmpty
	}
	delete(f.status, name)
	f.deleted = append(f.deleted, name)
	return nil
}

// testQMgr is an executor on a fresh store holding crtmqm's objects.
type testQMgr struct {
	t   *testing.T
	ex  *Executor
	rt  *fakeRuntime
	st  ObjectStore
	now time.Time // the executor's clock; tests move it
}

func newTestQMgr(t *testing.T) *testQMgr {
	t.Helper()
	st := storetest.New(t)
	objs := DefaultObjects("QM1", QMgrOptions{Created: testTime})
	if err := SaveAll(st, objs); err != nil {
		t.Fatal(err)
	}
	q := &testQMgr{t: t, rt: newFakeRuntime(), st: st, now: testTime}
	q.ex = NewExecutor(st, q.rt, "QM1", func() time.Time { return q.now })
	return q
}

// run parses and executes one command.
func (q *testQMgr) run(text string) Result {
	q.t.Helper()
	cmd, err := mqsc.Parse(text)
	if err != nil {
		q.t.Fatalf("parse %q: %v", text, err)
	}
	return q.ex.Execute(cmd)
}

// mustRun runs commands that must all succeed.
func (q *testQMgr) mustRun(texts ...string) {
	q.t.Helper()
	for _, text := range texts {
		if r := q.run(text); r.Failed {
			q.t.Fatalf("%s: %q", text, r.Lines)
		}
	}
}

// trimLines removes trailing blanks, as most pasted transcripts do.
func trimLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(l, " ")
	}
	return out
}

// cells splits DISPLAY lines into their items: the left and right cells
// of two-column lines, whole lines for long items.
func cells(lines []string) []string {
	var out []string
	for _, l := range lines {
		if !strings.HasPrefix(l, "   ") {
			continue // a header line
		}
		if len(l) > 43 && l[40:43] == "   " && l[43] != ' ' {
			out = append(out, strings.TrimRight(l[3:40], " "), strings.TrimRight(l[43:], " "))
			continue
		}
		out = append(out, strings.TrimSpace(l))
	}
	return out
}

// keywordOf returns the keyword of a DISPLAY item.
func keywordOf(item string) string {
	kw, _, _ := strings.Cut(item, "(")
	return kw
}
