// Command strmqm is IBM MQ's strmqm for gomqm; see internal/cli.
package main

import (
	"os"

	"github.com/gomqm/gomqm/internal/cli"
)

func main() { os.Exit(cli.Strmqm(os.Args[1:], cli.OSEnv())) }
