// Command mqbench measures a queue manager's message rates and latencies
// against this machine's disk-sync and Unix-socket limits; see
// internal/bench.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/bench"
)

func main() {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	os.Exit(bench.Main(os.Args[1:], &bench.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv: os.Getenv, Environ: os.Environ(), Executable: exe,
	}))
}
