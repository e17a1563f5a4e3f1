package bench

import (
	"strings"
	"testing"
)

func ids(ss []Scenario) string {
	var out []string
	for _, s := range ss {
		out = append(out, s.ID())
	}
	return strings.Join(out, " ")
}

func TestScenariosCarryTheRequiredTargets(t *testing.T) {
	want := map[string]struct {
		limit  LimitKind
		target float64
	}{
		"put/persistent/1":       {LimitD, 0.8},
		"put/persistent/8":       {LimitD, 3},
		"put/persistent/32":      {LimitD, 5},
		"putget/nonpersistent/1": {LimitEHalf, 0.7},
		// A client connection reaches 0.6 of bindings mode.
		"client/putget/nonpersistent/1": {LimitBindings, 0.6},
		"client/put/persistent/1":       {LimitBindings, 0.6},
	}
	seen := map[string]bool{}
	for _, s := range Scenarios() {
		if seen[s.ID()] {
			t.Errorf("scenario %s listed twice", s.ID())
		}
		seen[s.ID()] = true
		w, ok := want[s.ID()]
		switch {
		case ok && (s.Limit != w.limit || s.Target != w.target):
			t.Errorf("%s: target %.2f x %s, want %.2f x %s", s.ID(), s.Target, s.Limit, w.target, w.limit)
		case !ok && s.Target != 0:
			t.Errorf("%s has target %.2f, but the requirements set none", s.ID(), s.Target)
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("scenario %s missing", id)
		}
	}
	for _, id := range []string{"put/nonpersistent/1", "putget/persistent/1", "concurrent/nonpersistent/4", "concurrent/persistent/16"} {
		if !seen[id] {
			t.Errorf("scenario %s missing", id)
		}
	}
}

func TestSelect(t *testing.T) {
	all := Scenarios()
	tests := []struct {
		expr, want string
	}{
		{"put/persistent/8", "put/persistent/8"},
		{"put/persistent", "put/persistent/1 put/persistent/8 put/persistent/32"},
		{"targets", "put/persistent/1 put/persistent/8 put/persistent/32 putget/nonpersistent/1 client/putget/nonpersistent/1 client/put/persistent/1"},
		{"client/put", "put/persistent/1 put/persistent/8 client/put/persistent/1 client/put/persistent/8"},
		{" putget/nonpersistent/1 , concurrent/persistent/4", "putget/nonpersistent/1 concurrent/persistent/4"},
		{"concurrent/persistent/4,put/persistent/1", "put/persistent/1 concurrent/persistent/4"},
	}
	for _, tt := range tests {
		got, err := Select(all, tt.expr)
		if err != nil || ids(got) != tt.want {
			t.Errorf("Select(%q) = %q, %v; want %q", tt.expr, ids(got), err, tt.want)
		}
	}
	if got, _ := Select(all, "all"); len(got) != len(all) {
		t.Errorf("all selected %d of %d", len(got), len(all))
	}
	if got, _ := Select(all, "put"); strings.Contains(ids(got), "putget") || len(got) != 6 {
		t.Errorf("put selected %q: a prefix must end at a slash", ids(got))
	}
	for _, bad := range []string{"", " , ", "nosuch", "put/persistent/2", "put,nosuch"} {
		if got, err := Select(all, bad); err == nil {
			t.Errorf("Select(%q) = %q, want an error", bad, ids(got))
		}
	}
}

func TestAppsLabelAndProcesses(t *testing.T) {
	c := Scenario{Kind: KindConcurrent, Apps: 4}
	p := Scenario{Kind: KindPut, Apps: 8}
	if c.AppsLabel() != "4+4" || c.Processes() != 8 || p.AppsLabel() != "8" || p.Processes() != 8 {
		t.Errorf("labels %q %q, processes %d %d", c.AppsLabel(), p.AppsLabel(), c.Processes(), p.Processes())
	}
}
