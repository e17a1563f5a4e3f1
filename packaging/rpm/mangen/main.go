// Command mangen writes the manual pages of gomqm's control commands for
// the RPM build: one roff file NAME.1 per command named on the command
// line, made by internal/cli from the command's own usage and flags. A
// name without a manual page is an error, so that a packaged command
// cannot ship without one.
//
//	mangen -o DIR -source "gomqm 9.4.0.0" crtmqm strmqm ...
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() {
	dir := flag.String("o", ".", "directory to write NAME.1 into")
	source := flag.String("source", "gomqm", "product and version for the page footer")
	flag.Parse()
	if err := write(*dir, *source, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "mangen:", err)
		os.Exit(1)
	}
}

// write writes the page of each command in names into dir.
func write(dir, source string, names []string) error {
	if len(names) == 0 {
		return fmt.Errorf("no command named; commands with a manual page: %s", strings.Join(cli.ManualCommands(), " "))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	for _, name := range names {
		page, ok := cli.ManPage(name, source)
		if !ok {
			return fmt.Errorf("command %s has no manual page: add it to the manuals list in internal/cli/manual.go", name)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".1"), page, 0o644); err != nil {
			return fmt.Errorf("writing the page of %s: %w", name, err)
		}
	}
	return nil
}
