// Command runmqsc is IBM MQ's runmqsc for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Runmqsc(os.Args[1:], cli.OSEnv())) }
