// Command runmqchl is IBM MQ's runmqchl for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Runmqchl(os.Args[1:], cli.OSEnv())) }
