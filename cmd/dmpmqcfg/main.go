// Command dmpmqcfg is IBM MQ's dmpmqcfg for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Dmpmqcfg(os.Args[1:], cli.OSEnv())) }
