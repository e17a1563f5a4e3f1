package gomqm_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"testing"
)

// This test keeps the package graph in the shape ARCHITECTURE.md gives
// it, in the spirit of Go's go/build/deps_test.go: `go list -deps` reports
// every package this module builds, and each rule below names the edges
// it forbids. Test files are not checked; tests may import anything.

const module = "github.com/gomqm/gomqm"

// stdlibOnly are the leaf packages: all their dependencies, direct and
// indirect, are in the standard library.
var stdlibOnly = []string{
	"mqsc",
	"internal/wire",
	"internal/pcf",
	"internal/mqini",
	"internal/amqmsg",
}

// fewDeps are packages that may depend, beyond the standard library, only
// on the module packages listed: ssl sits below the channels and the
// executor and needs nothing of ours but the message catalogue.
var fewDeps = map[string][]string{
	"ssl": {"internal/amqmsg"},
}

// exceptions are edges allowed against the rules, each with its reason.
// Add to it deliberately, as go/build/deps_test.go's table is edited.
var exceptions = map[[2]string]string{
	// A developer's measuring tool, not an IBM MQ command; it belongs
	// outside cmd/ (or behind internal/cli) if it is to be shipped.
	{"cmd/mqlogbench", "internal/rlog/logbench"}: "recovery-log benchmark command",
	// The load tool (like IBM's blast samples) measures the queue manager
	// from outside; its logic lives in internal/bench.
	{"cmd/mqbench", "internal/bench"}: "load tool",
	// The RPM build's manual page writer reads the commands' definitions,
	// which live in internal/cli; it is a build tool, not a shipped command.
	{"packaging/rpm/mangen", "internal/cli"}: "manual pages for the RPM build",
}

// pkg is what this test reads of `go list -json` output.
type pkg struct {
	ImportPath string
	Standard   bool
	Imports    []string
	Deps       []string
	Module     *struct{ Path string }
}

// edge is a forbidden dependency: from imports to (directly, or through
// other packages when verb is "depends on"), which rule forbids.
type edge struct{ from, verb, to, rule string }

func (e edge) String() string { return e.from + " " + e.verb + " " + e.to + ": " + e.rule }

func TestDependencyPolicy(t *testing.T) {
	pkgs := listPackages(t)
	var bad []edge
	for _, p := range pkgs {
		if p.Module == nil || p.Module.Path != module {
			continue
		}
		bad = append(bad, checkPackage(p, pkgs)...)
	}
	sort.Slice(bad, func(i, j int) bool {
		return bad[i].from+" "+bad[i].to < bad[j].from+" "+bad[j].to
	})
	for _, e := range bad {
		t.Error(e)
	}
}

// checkPackage applies every rule to one of this module's packages.
func checkPackage(p *pkg, pkgs map[string]*pkg) []edge {
	name := rel(p.ImportPath)
	std := func(path string) bool { q := pkgs[path]; return q != nil && q.Standard }
	var bad []edge
	forbid := func(to, rule string) {
		if _, ok := exceptions[[2]string{name, rel(to)}]; !ok {
			bad = append(bad, edge{name, "imports", rel(to), rule})
		}
	}

	for _, imp := range p.Imports {
		switch {
		case under(name, "samples") && !std(imp) && rel(imp) != "mqi":
			forbid(imp, "samples import only mqi and the standard library")
		case under(name, "cmd") && !std(imp) && rel(imp) != "internal/cli":
			forbid(imp, "commands import only internal/cli and the standard library")
		}
		if rel(imp) == "internal/cli" && !under(name, "cmd") {
			forbid(imp, "only commands (cmd/...) import internal/cli")
		}
		if rel(imp) == "qmgr" && name != "internal/cli" {
			forbid(imp, "only internal/cli imports qmgr")
		}
	}
	for _, leaf := range stdlibOnly {
		if name != leaf {
			continue
		}
		for _, dep := range p.Deps {
			if !std(dep) {
				bad = append(bad, edge{name, "depends on", rel(dep), leaf + " depends only on the standard library"})
			}
		}
	}
	if allowed, ok := fewDeps[name]; ok {
		for _, dep := range p.Deps {
			if !std(dep) && !slices.Contains(allowed, rel(dep)) {
				bad = append(bad, edge{name, "depends on", rel(dep), name + " depends only on the standard library and " + strings.Join(allowed, ", ")})
			}
		}
	}
	return bad
}

// listPackages runs `go list -deps -json ./...` in the module root and
// returns every package it reports, by import path.
func listPackages(t *testing.T) map[string]*pkg {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list packages")
	}
	var stderr bytes.Buffer
	cmd := exec.Command(goTool, "list", "-deps", "-json", "./...")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps -json ./...: %v\n%s", err, stderr.Bytes())
	}
	pkgs := map[string]*pkg{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(pkg)
		err := dec.Decode(p)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("reading go list output: %v", err)
		}
		pkgs[p.ImportPath] = p
	}
	if len(pkgs) == 0 {
		t.Fatal("go list reported no packages")
	}
	return pkgs
}

// rel returns an import path of this module relative to the module root
// ("internal/cli"), and any other path unchanged.
func rel(path string) string {
	if path == module {
		return "."
	}
	if r, ok := strings.CutPrefix(path, module+"/"); ok {
		return r
	}
	return path
}

// under reports whether the module-relative path name is dir or below it.
func under(name, dir string) bool {
	return name == dir || strings.HasPrefix(name, dir+"/")
}

// TestDependencyRules checks each rule on a made-up graph, so that the
// policy test is known to catch the edges it forbids.
func TestDependencyRules(t *testing.T) {
	m := func(r string) string { return module + "/" + r }
	pkgs := map[string]*pkg{}
	add := func(path string, std bool, imports ...string) *pkg {
		p := &pkg{ImportPath: path, Standard: std, Imports: imports, Deps: imports}
		pkgs[path] = p
		return p
	}
	add("os", true)
	add("go.etcd.io/bbolt", false)
	add(m("mqi"), false, "os")
	add(m("qmgr"), false, "os")
	add(m("internal/cli"), false, m("qmgr"), "os")

	tests := []struct {
		p    *pkg
		want []string
	}{
		{add(m("samples/amqsput"), false, m("mqi"), "os"), nil},
		{add(m("samples/amqsbad"), false, m("mqi"), m("internal/wire")),
			[]string{"samples/amqsbad imports internal/wire: samples import only mqi and the standard library"}},
		{add(m("cmd/good"), false, m("internal/cli"), "os"), nil},
		{add(m("cmd/bad"), false, m("qmgr")), []string{
			"cmd/bad imports qmgr: commands import only internal/cli and the standard library",
			"cmd/bad imports qmgr: only internal/cli imports qmgr",
		}},
		{add(m("internal/admin"), false, m("internal/cli")),
			[]string{"internal/admin imports internal/cli: only commands (cmd/...) import internal/cli"}},
		{pkgs[m("internal/cli")], nil},
		{add(m("cmd/mqlogbench"), false, m("internal/rlog/logbench")), nil}, // listed in exceptions
		{add(m("ssl"), false, m("internal/amqmsg"), "os"), nil},
		{add(m("ssl"), false, m("mqi")),
			[]string{"ssl depends on mqi: ssl depends only on the standard library and internal/amqmsg"}},
		{add(m("mqsc"), false, "go.etcd.io/bbolt"),
			[]string{"mqsc depends on go.etcd.io/bbolt: mqsc depends only on the standard library"}},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range checkPackage(tt.p, pkgs) {
			got = append(got, e.String())
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tt.p.ImportPath, got, tt.want)
		}
	}
}
