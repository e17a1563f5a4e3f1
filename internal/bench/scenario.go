package bench

import (
	"fmt"
	"strings"
)

// Kind is the shape of a scenario's work.
type Kind string

// The scenario kinds.
const (
	// KindPut: every application puts messages, one after another.
	KindPut Kind = "put"
	// KindPutGet: every application puts a message and gets the same
	// message back (matched by MsgId), one pair after another.
	KindPutGet Kind = "putget"
	// KindConcurrent: N applications put and N others get from the same
	// queue at the same time.
	KindConcurrent Kind = "concurrent"
)

// LimitKind names the machine limit a scenario is compared with.
type LimitKind string

// The limits.
const (
	LimitD     LimitKind = "D"   // 4 KiB overwrite + fdatasync per second
	LimitDHalf LimitKind = "D/2" // two syncs per message, one after the other
	LimitE     LimitKind = "E"   // Unix-socket 1 KiB round trips per second
	LimitEHalf LimitKind = "E/2" // two round trips per message
	// LimitBindings is the rate of the same scenario in bindings mode,
	// measured in the same run: a client scenario's yardstick.
	LimitBindings LimitKind = "B"
)

// Scenario is one measured configuration.
type Scenario struct {
	Kind       Kind
	Persistent bool
	// Apps is the number of application processes; for KindConcurrent it
	// is the number of putters, and as many getters run beside them.
	Apps  int
	Limit LimitKind
	// Target is the ratio to Limit the figure should reach; 0 means the
	// scenario has no target and is measured for information.
	Target float64
	// Client makes the applications client connections over TCP on
	// loopback (a listener and a SVRCONN channel) instead of bindings.
	Client bool
}

// ID names the scenario: kind/persistence/apps, e.g. "put/persistent/8",
// with "client/" before it for a client scenario.
func (s Scenario) ID() string {
	p := "nonpersistent"
	if s.Persistent {
		p = "persistent"
	}
	id := fmt.Sprintf("%s/%s/%d", s.Kind, p, s.Apps)
	if s.Client {
		id = "client/" + id
	}
	return id
}

// BindingsID is the ID of the bindings-mode scenario a client scenario
// is compared with.
func (s Scenario) BindingsID() string {
	b := s
	b.Client = false
	return b.ID()
}

// AppsLabel is the application count as shown in the table: "8", or
// "4+4" for four putters and four getters.
func (s Scenario) AppsLabel() string {
	if s.Kind == KindConcurrent {
		return fmt.Sprintf("%d+%d", s.Apps, s.Apps)
	}
	return fmt.Sprint(s.Apps)
}

// Processes is the number of application processes the scenario runs.
func (s Scenario) Processes() int {
	if s.Kind == KindConcurrent {
		return 2 * s.Apps
	}
	return s.Apps
}

// Scenarios returns every scenario in the order they run. The targets are
// those of the messaging requirements: one application putting persistent
// messages outside syncpoint at least 0.8 x D, 8 applications 3 x D, 32
// applications 5 x D, and one application doing non-persistent put+get
// pairs 0.7 x E/2. The client scenarios (IDs client/...: 1 KiB
// non-persistent put+get and persistent put, 1 and 8 connections) are
// compared with the same scenario in bindings mode; one client connection
// should reach 0.6 of it.
func Scenarios() []Scenario {
	var out []Scenario
	for _, s := range []struct {
		n      int
		target float64
	}{{1, 0.8}, {8, 3}, {32, 5}} {
		out = append(out, Scenario{Kind: KindPut, Persistent: true, Apps: s.n, Limit: LimitD, Target: s.target})
	}
	for _, n := range []int{1, 8, 32} {
		out = append(out, Scenario{Kind: KindPut, Apps: n, Limit: LimitE})
	}
	for _, n := range []int{1, 8, 32} {
		s := Scenario{Kind: KindPutGet, Apps: n, Limit: LimitEHalf}
		if n == 1 {
			s.Target = 0.7
		}
		out = append(out, s)
	}
	for _, n := range []int{1, 8, 32} {
		out = append(out, Scenario{Kind: KindPutGet, Persistent: true, Apps: n, Limit: LimitDHalf})
	}
	for _, c := range []Scenario{
		{Kind: KindPutGet, Apps: 1, Target: 0.6}, {Kind: KindPutGet, Apps: 8},
		{Kind: KindPut, Persistent: true, Apps: 1, Target: 0.6}, {Kind: KindPut, Persistent: true, Apps: 8},
	} {
		c.Client, c.Limit = true, LimitBindings
		out = append(out, c)
	}
	for _, p := range []bool{false, true} {
		lim := LimitE
		if p {
			lim = LimitD
		}
		for _, n := range []int{1, 4, 16} {
			out = append(out, Scenario{Kind: KindConcurrent, Persistent: p, Apps: n, Limit: lim})
		}
	}
	return out
}

// Select returns the scenarios of all that expr chooses. expr is a
// comma-separated list of terms; a scenario is chosen when a term is
// "all", "targets" (the scenarios with a target), its ID, or a prefix of
// its ID ending at a slash boundary ("put", "put/persistent", "client").
// A client scenario brings the bindings scenario it is compared with.
func Select(all []Scenario, expr string) ([]Scenario, error) {
	var terms []string
	for _, t := range strings.Split(expr, ",") {
		if t = strings.TrimSpace(t); t != "" {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return nil, fmt.Errorf("bench: no scenario named in %q", expr)
	}
	used := make([]bool, len(terms))
	chosen := make([]bool, len(all))
	for j, s := range all {
		for i, t := range terms {
			if matches(s, t) {
				used[i], chosen[j] = true, true
			}
		}
	}
	// A client scenario is measured next to its bindings-mode partner.
	for j, s := range all {
		if chosen[j] && s.Client {
			for k, b := range all {
				if b.ID() == s.BindingsID() {
					chosen[k] = true
				}
			}
		}
	}
	var out []Scenario
	for j, s := range all {
		if chosen[j] {
			out = append(out, s)
		}
	}
	for i, t := range terms {
		if !used[i] {
			return nil, fmt.Errorf("bench: no scenario matches %q", t)
		}
	}
	return out, nil
}

func matches(s Scenario, term string) bool {
	id := s.ID()
	switch {
	case term == "all":
		return true
	case term == "targets":
		return s.Target > 0
	default:
		return id == term || strings.HasPrefix(id, term+"/")
	}
}
