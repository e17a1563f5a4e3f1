package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestManPages renders every command's manual page and checks that it
// names the command, shows IBM's usage and lists each visible flag with
// one dash and its description.
func TestManPages(t *testing.T) {
	names := ManualCommands()
	if len(names) == 0 {
		t.Fatal("no command has a manual page")
	}
	for _, m := range manuals {
		page, ok := ManPage(m.cmd.name, "gomqm 9.4.0.0")
		if !ok {
			t.Fatalf("ManPage(%q) found nothing", m.cmd.name)
		}
		text := string(page)
		if !strings.Contains(text, ".TH "+strings.ToUpper(m.cmd.name)+" 1 ") {
			t.Errorf("%s: no .TH line for section 1:\n%s", m.cmd.name, text)
		}
		if !strings.Contains(text, m.summary) {
			t.Errorf("%s: summary %q missing", m.cmd.name, m.summary)
		}
		for _, f := range visibleFlags(m.cmd.flags) {
			want := "-" + f.Names()[0]
			if !strings.Contains(text, `\fB`+want+`\fP`) {
				t.Errorf("%s: flag %s missing:\n%s", m.cmd.name, want, text)
			}
			if !strings.Contains(text, f.GetUsage()) {
				t.Errorf("%s: description of %s missing: %q", m.cmd.name, want, f.GetUsage())
			}
		}
		if strings.Contains(text, "notify") {
			t.Errorf("%s: hidden flag shown", m.cmd.name)
		}
	}
	if _, ok := ManPage("nosuchcmd", "x"); ok {
		t.Error("ManPage found a page for an unknown command")
	}
}

// TestManPageRendersWithMan formats one page with man(1), when installed,
// and checks what a reader sees.
func TestManPageRendersWithMan(t *testing.T) {
	manCmd, err := exec.LookPath("man")
	if err != nil {
		t.Skip("man is not installed")
	}
	page, _ := ManPage("crtmqm", "gomqm 9.4.0.0")
	file := filepath.Join(t.TempDir(), "crtmqm.1")
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(manCmd, "-l", "-P", "cat", file)
	cmd.Env = append(os.Environ(), "MANWIDTH=100", "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("man -l: %v\n%s", err, out)
	}
	// man justifies lines: compare with runs of white space as one space.
	text := strings.Join(strings.Fields(stripOverstrike(string(out))), " ")
	for _, want := range []string{
		"crtmqm - create a queue manager",
		"crtmqm [-z] [-q] [-c Text]",
		"-lp value",
		"primary log files",
		"-?, --help",
		"MQ_OVERRIDE_DATA_PATH",
		"dltmqm(1)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("man output lacks %q:\n%s", want, text)
		}
	}
}

// stripOverstrike removes the backspace bold and underline that man's
// formatter may leave when its pager is cat.
func stripOverstrike(s string) string {
	var b []rune
	for _, r := range s {
		if r == '\b' && len(b) > 0 {
			b = b[:len(b)-1]
			continue
		}
		b = append(b, r)
	}
	return string(b)
}

// TestEveryCommandHasAManual checks that each command in cmd/ that the
// RPMs ship (all but packaging/rpm/devtools.list) has a manual page, so
// that a new command is not found missing only when the packages are
// built.
func TestEveryCommandHasAManual(t *testing.T) {
	devtools, err := os.ReadFile("../../packaging/rpm/devtools.list")
	if err != nil {
		t.Skip("no packaging/rpm/devtools.list:", err)
	}
	skip := map[string]bool{}
	for _, l := range strings.Split(string(devtools), "\n") {
		if i := strings.IndexByte(l, '#'); i >= 0 {
			l = l[:i]
		}
		skip[strings.TrimSpace(l)] = true
	}
	entries, err := os.ReadDir("../../cmd")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() || skip[e.Name()] {
			continue
		}
		if _, ok := ManPage(e.Name(), "gomqm"); !ok {
			t.Errorf("cmd/%s has no manual page: add it to manuals in manual.go", e.Name())
		}
	}
}

// TestSetmqenvUsageMatchesScript keeps the manual of setmqenv, a shell
// script, in step with the usage line the script prints.
func TestSetmqenvUsageMatchesScript(t *testing.T) {
	script, err := os.ReadFile("../../packaging/rpm/files/setmqenv")
	if err != nil {
		t.Skip("no packaging/rpm/files/setmqenv:", err)
	}
	want := `echo "Usage: ` + setmqenvCmd.usage[0] + `"`
	if !strings.Contains(string(script), want) {
		t.Errorf("packaging/rpm/files/setmqenv does not print the usage of setmqenvCmd:\n%s", want)
	}
	for _, f := range setmqenvCmd.flags {
		if !strings.Contains(string(script), "-"+f.Names()[0]) {
			t.Errorf("setmqenv's manual has -%s, the script does not", f.Names()[0])
		}
	}
}
