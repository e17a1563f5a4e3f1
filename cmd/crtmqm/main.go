// Command crtmqm is IBM MQ's crtmqm for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Crtmqm(os.Args[1:], cli.OSEnv())) }
