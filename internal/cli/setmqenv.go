package cli

import ucli "github.com/urfave/cli/v2"

// setmqenvCmd describes setmqenv, which is not a Go program: it is a shell
// script (packaging/rpm/files/setmqenv) that must be sourced to change the
// caller's environment. It is defined here only for its manual page; the
// RPM test checks that the script's usage line is the one below.
var setmqenvCmd = &command{
	name:     "setmqenv",
	usage:    []string{"setmqenv [-m QMgrName | -n InstallationName | -p InstallationPath | -r | -s] [-k | -l] [-x Mode]"},
	badUsage: 1,
	flags: []ucli.Flag{
		&ucli.BoolFlag{Name: "s", Usage: "set up the environment of the installation this setmqenv belongs to (/opt/mqm); what a shell that cannot pass arguments to a sourced file gets"},
		&ucli.StringFlag{Name: "p", Usage: "set up the environment of the installation in this directory"},
		&ucli.StringFlag{Name: "n", Usage: "set up the environment of the installation of this name (Installation1)"},
		&ucli.StringFlag{Name: "m", Usage: "set up the environment of the installation of this queue manager"},
		&ucli.BoolFlag{Name: "r", Usage: "remove the installation from the environment"},
		&ucli.BoolFlag{Name: "k", Usage: "accepted; gomqm has no shared libraries for LD_LIBRARY_PATH"},
		&ucli.BoolFlag{Name: "l", Usage: "accepted; gomqm has no shared libraries for LD_LIBRARY_PATH"},
		&ucli.StringFlag{Name: "x", Usage: "accepted (64 is the only mode)"},
	},
}
