// Command dspmqver is IBM MQ's dspmqver for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Dspmqver(os.Args[1:], cli.OSEnv())) }
