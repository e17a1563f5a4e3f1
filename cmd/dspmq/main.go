// Command dspmq is IBM MQ's dspmq for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Dspmq(os.Args[1:], cli.OSEnv())) }
