// Command mqlogbench measures the recovery log's durable append rate
// against the disk's 4 KiB overwrite+fdatasync rate in the same
// directory.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/rlog/logbench"
)

func main() { os.Exit(logbench.Main(os.Args[1:], os.Stdout, os.Stderr)) }
