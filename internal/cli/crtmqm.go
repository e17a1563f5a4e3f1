package cli

import (
	"errors"

	ucli "github.com/urfave/cli/v2"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/authz"
	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/qmgr"
)

// crtmqm exit codes (IBM's).
const (
	exitOK            = 0
	exitQMgrExists    = 8
	exitBadParameter  = 39
	exitUnexpected    = 71
	exitNameError     = 72
	exitBadLogSize    = 115
	exitNotAuthorized = 119
)

var crtmqmCmd = &command{
	name: "crtmqm",
	usage: []string{
		"crtmqm [-z] [-q] [-c Text] [-d DefXmitQ] [-h MaxHandles]",
		"[-lc | -ll] [-ld LogPath] [-lf LogFilePages] [-lp LogPrimaryFiles]",
		"[-ls LogSecondaryFiles] [-md DataPath] [-p PortNumber] [-t TrigInt]",
		"[-u DeadQ] [-x MaxUMsgs] QMgrName",
	},
	badUsage: exitBadParameter,
	flags: []ucli.Flag{
		&ucli.StringFlag{Name: "c", Usage: "descriptive text (DESCR)"},
		&ucli.StringFlag{Name: "d", Usage: "default transmission queue (DEFXMITQ)"},
		&ucli.StringFlag{Name: "u", Usage: "dead-letter queue (DEADQ)"},
		&ucli.IntFlag{Name: "h", Usage: "maximum open handles per connection (MAXHANDS)"},
		&ucli.IntFlag{Name: "lp", Usage: "primary log files"},
		&ucli.IntFlag{Name: "ls", Usage: "secondary log files"},
		&ucli.IntFlag{Name: "lf", Usage: "log file size in 4 KiB pages"},
		&ucli.StringFlag{Name: "ld", Usage: "log path (not supported: the log is kept with the data)"},
		&ucli.StringFlag{Name: "md", Usage: "data path (not supported: use MQ_OVERRIDE_DATA_PATH)"},
		&ucli.BoolFlag{Name: "lc", Usage: "circular logging (the default)"},
		&ucli.BoolFlag{Name: "ll", Usage: "linear logging (not supported)"},
		&ucli.IntFlag{Name: "p", Usage: "define a TCP listener on this port"},
		&ucli.IntFlag{Name: "t", Usage: "trigger interval in milliseconds (TRIGINT)"},
		&ucli.IntFlag{Name: "x", Usage: "maximum uncommitted messages (MAXUMSGS)"},
		&ucli.BoolFlag{Name: "q", Usage: "make this the default queue manager"},
		&ucli.BoolFlag{Name: "z", Usage: "suppress error messages"},
	},
	run: runCrtmqm,
}

// Crtmqm runs the crtmqm command.
func Crtmqm(args []string, env *Env) int { return crtmqmCmd.main(args, env) }

func runCrtmqm(cmd *command, c *ucli.Context, env *Env) int {
	name, ok := oneQMgrName(c)
	if !ok {
		return cmd.usageError(env, "the queue manager name must be the last argument")
	}
	if c.Bool("ll") || c.String("ld") != "" || c.String("md") != "" {
		return cmd.usageError(env, "-ll, -ld and -md are not supported: gomqm keeps a circular log with the data (set MQ_OVERRIDE_DATA_PATH to move it)")
	}
	if err := qmdir.ValidateQMgrName(name); err != nil {
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ7048E))
		env.logRefusal("crtmqm", "", amqmsg.AMQ7048E)
		return exitNameError
	}
	if code := checkLogSizes(c, env); code != exitOK {
		return code
	}
	if c.IsSet("h") && (c.Int("h") < 1 || c.Int("h") > 999999999) {
		return cmd.usageError(env, "-h must be from 1 to 999999999")
	}
	if !authz.IsAdminProcess(env.DataRoot()) {
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ7077E))
		env.logRefusal("crtmqm", "", amqmsg.AMQ7077E)
		return exitNotAuthorized
	}
	opts := qmgr.CreateOptions{
		Name:         name,
		Description:  c.String("c"),
		DefXmitQ:     c.String("d"),
		DeadQ:        c.String("u"),
		MaxHandles:   c.Int("h"),
		TrigInt:      c.Int("t"),
		MaxUMsgs:     c.Int("x"),
		LogPrimary:   c.Int("lp"),
		LogSecondary: c.Int("ls"),
		LogFilePages: c.Int("lf"),
		ListenerPort: c.Int("p"),
		MakeDefault:  c.Bool("q"),
	}
	_, err := qmgr.Create(env.Layout(), opts, func(line string) { env.printf("%s", line) })
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, qmgr.ErrExists):
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ8110E))
		env.logRefusal("crtmqm", name, amqmsg.AMQ8110E)
		return exitQMgrExists
	default:
		env.errorf("crtmqm: %v", err)
		return exitUnexpected
	}
}

// checkLogSizes applies IBM's limits to -lp, -ls and -lf.
func checkLogSizes(c *ucli.Context, env *Env) int {
	lp, ls, lf := c.Int("lp"), c.Int("ls"), c.Int("lf")
	bad := func(msg string) int {
		env.errorf("crtmqm: %s", msg)
		return exitBadLogSize
	}
	switch {
	case c.IsSet("lp") && (lp < 2 || lp > 510):
		return bad("-lp must be from 2 to 510 primary log files")
	case c.IsSet("ls") && (ls < 1 || ls > 509):
		return bad("-ls must be from 1 to 509 secondary log files")
	case lp+ls > 511:
		return bad("primary and secondary log files together must not exceed 511")
	case c.IsSet("lf") && (lf < 64 || lf > 65535):
		return bad("-lf must be from 64 to 65535 pages")
	}
	return exitOK
}
