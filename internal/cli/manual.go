package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cpuguy83/go-md2man/v2/md2man"
	ucli "github.com/urfave/cli/v2"
)

// manualEntry is a command with the one-line summary its manual page
// starts with.
type manualEntry struct {
	cmd     *command
	summary string
}

// manuals lists every control command that has a manual page. A command
// added to this package is added here too; the RPM build fails for a
// packaged command that has no entry.
var manuals = []manualEntry{
	{crtmqmCmd, "create a queue manager"},
	{dltmqmCmd, "delete a queue manager"},
	{dmpmqcfgCmd, "dump the configuration of a queue manager as MQSC commands"},
	{dspmqCmd, "display queue managers and their status"},
	{dspmqverCmd, "display version information"},
	{endmqmCmd, "end a queue manager"},
	{endmqlsrCmd, "end the listeners of a queue manager"},
	{runmqakmCmd, "manage key repositories and certificates for TLS channels"},
	{runmqchlCmd, "run a channel in the foreground"},
	{runmqlsrCmd, "run a TCP listener for a queue manager"},
	{runmqscCmd, "run MQSC commands against a queue manager"},
	{setmqenvCmd, "set up the environment of an installation in the current shell"},
	{strmqmCmd, "start a queue manager"},
}

// ManualCommands returns the names of the commands that have a manual page,
// in alphabetical order.
func ManualCommands() []string {
	names := make([]string, 0, len(manuals))
	for _, m := range manuals {
		names = append(names, m.cmd.name)
	}
	sort.Strings(names)
	return names
}

// ManPage returns the manual page of the named command in roff, section 1,
// made from the command's own usage lines and flag definitions. source
// names the product and version in the page footer. ok is false when the
// command has no manual page.
func ManPage(name, source string) (page []byte, ok bool) {
	for _, m := range manuals {
		if m.cmd.name == name {
			return md2man.Render([]byte(manualMarkdown(m, source))), true
		}
	}
	return nil, false
}

// manualMarkdown writes a command's manual as the markdown md2man reads:
// NAME, SYNOPSIS (the usage lines), OPTIONS (every visible flag, with
// IBM's single-dash spelling), EXIT STATUS and ENVIRONMENT.
func manualMarkdown(m manualEntry, source string) string {
	var b strings.Builder
	c := m.cmd
	fmt.Fprintf(&b, "%% %s 1 \"\" \"%s\" \"%s commands\"\n\n", strings.ToUpper(c.name), mdEscape(source), mdEscape(source))
	fmt.Fprintf(&b, "# NAME\n\n%s - %s\n\n", c.name, mdEscape(m.summary))
	b.WriteString("# SYNOPSIS\n\n")
	for i, l := range c.usage {
		rest, isStart := strings.CutPrefix(l, c.name)
		switch {
		case isStart && i > 0:
			fmt.Fprintf(&b, "\n**%s**%s\n", c.name, mdEscape(rest))
		case isStart:
			fmt.Fprintf(&b, "**%s**%s\n", c.name, mdEscape(rest))
		default: // a continuation of the line before
			b.WriteString(mdEscape(l) + "\n")
		}
	}
	b.WriteString("\n")
	if opts := visibleFlags(c.flags); len(opts) > 0 {
		b.WriteString("# OPTIONS\n\n")
		for _, f := range opts {
			b.WriteString(flagEntry(f))
		}
	}
	fmt.Fprintf(&b, "**-?**, **--help**\n: print the usage and exit\n\n")
	b.WriteString("# EXIT STATUS\n\n")
	fmt.Fprintf(&b, "0 when the command succeeded; %d for a bad option or argument; IBM MQ's other codes for other failures.\n\n", c.badUsage)
	b.WriteString("# ENVIRONMENT\n\n")
	fmt.Fprintf(&b, "**MQ_OVERRIDE_DATA_PATH**\n: the data directory, instead of %s\n\n", DefaultDataRoot)
	b.WriteString("# SEE ALSO\n\n")
	var others []string
	for _, n := range ManualCommands() {
		if n != c.name {
			others = append(others, "**"+n+"**(1)")
		}
	}
	b.WriteString(strings.Join(others, ", ") + "\n")
	return b.String()
}

// visibleFlags returns the flags a user may give, without hidden ones.
func visibleFlags(flags []ucli.Flag) []ucli.DocGenerationFlag {
	var out []ucli.DocGenerationFlag
	for _, f := range flags {
		d, ok := f.(ucli.DocGenerationFlag)
		if !ok {
			continue
		}
		if v, ok := f.(ucli.VisibleFlag); ok && !v.IsVisible() {
			continue
		}
		out = append(out, d)
	}
	return out
}

// flagEntry is one definition-list item: the flag as IBM spells it (one
// dash, also for two-letter flags), its value and its description.
func flagEntry(f ucli.DocGenerationFlag) string {
	var names []string
	for _, n := range f.Names() {
		names = append(names, "**-"+mdEscape(n)+"**")
	}
	head := strings.Join(names, ", ")
	if f.TakesValue() {
		head += " *value*"
	}
	desc := f.GetUsage()
	if d := f.GetDefaultText(); f.TakesValue() && d != "" && d != `""` && d != "0" {
		desc += " (default " + d + ")"
	}
	return head + "\n: " + mdEscape(desc) + "\n\n"
}

// mdEscape keeps markdown from reading option syntax such as [-c | -w]
// or MQ names with underscores as markup.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, "`", "\\`", `<`, `\<`, `>`, `\>`, `#`, `\#`, `|`, `\|`)
	return r.Replace(s)
}
