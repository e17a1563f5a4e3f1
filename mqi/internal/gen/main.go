// Command gen writes the generated Go files of package mqi from its data file.
//
// It reads constants.tsv (format described in the file's header) and writes
// constants_gen.go, the typed constant declarations, and names_gen.go, the
// value-to-name tables behind MQItoString and MQReturn.Error. It is run by
// `go generate` from the mqi directory:
//
//	go run ./internal/gen -in constants.tsv -out .
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses args, generates the files and returns the process exit code.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "constants.tsv", "data file to read")
	out := fs.String("out", ".", "directory to write the generated files into")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "gen: unexpected arguments: %v\n", fs.Args())
		return 2
	}
	if err := generateFiles(*in, *out); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// generateFiles reads the data file at in and writes every generated file
// into the directory out.
func generateFiles(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	defer f.Close()
	consts, err := parseTSV(f)
	if err != nil {
		return fmt.Errorf("gen: %s: %w", in, err)
	}
	files, err := render(consts)
	if err != nil {
		return err
	}
	for _, gf := range files {
		if err := os.WriteFile(filepath.Join(out, gf.name), gf.src, 0o644); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
	}
	return nil
}
