// Command endmqm is IBM MQ's endmqm for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Endmqm(os.Args[1:], cli.OSEnv())) }
