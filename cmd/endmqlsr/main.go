// Command endmqlsr is IBM MQ's endmqlsr for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Endmqlsr(os.Args[1:], cli.OSEnv())) }
