// Command runmqlsr is IBM MQ's runmqlsr for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Runmqlsr(os.Args[1:], cli.OSEnv())) }
