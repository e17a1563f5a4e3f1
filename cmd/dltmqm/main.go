// Command dltmqm is IBM MQ's dltmqm for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Dltmqm(os.Args[1:], cli.OSEnv())) }
