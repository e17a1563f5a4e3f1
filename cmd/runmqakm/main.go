// Command runmqakm is IBM MQ's key repository tool for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Runmqakm(os.Args[1:], cli.OSEnv())) }
