// Command gen builds messages_gen.go of package amqmsg from messages.txt.
//
// Usage (from internal/amqmsg, as go generate runs it):
//
//	go run ./gen -in messages.txt -out messages_gen.go
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gomqm/gomqm/internal/amqmsg/internal/catalog"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	in := fs.String("in", "messages.txt", "message data file")
	out := fs.String("out", "messages_gen.go", "generated Go file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	f, err := os.Open(*in)
	if err != nil {
		return err
	}
	defer f.Close()
	entries, err := catalog.Parse(f)
	if err != nil {
		return err
	}
	src, err := catalog.Generate(entries, filepath.Base(*in))
	if err != nil {
		return err
	}
	return os.WriteFile(*out, src, 0o644)
}
