package cli

import (
	"errors"

	ucli "github.com/urfave/cli/v2"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/authz"
	"github.com/gomqm/gomqm/qmgr"
)

const (
	exitRunning  = 5
	exitNotFound = 16
)

var dltmqmCmd = &command{
	name:     "dltmqm",
	usage:    []string{"dltmqm [-z] QMgrName"},
	badUsage: exitBadParameter,
	flags:    []ucli.Flag{&ucli.BoolFlag{Name: "z", Usage: "suppress error messages"}},
	run:      runDltmqm,
}

// Dltmqm runs the dltmqm command.
func Dltmqm(args []string, env *Env) int { return dltmqmCmd.main(args, env) }

func runDltmqm(cmd *command, c *ucli.Context, env *Env) int {
	name, ok := oneQMgrName(c)
	if !ok {
		return cmd.usageError(env, "the queue manager name must be the last argument")
	}
	if !authz.IsAdminProcess(env.DataRoot()) {
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ7077E))
		env.logRefusal("dltmqm", name, amqmsg.AMQ7077E)
		return exitNotAuthorized
	}
	err := qmgr.Delete(env.Layout(), name)
	switch {
	case err == nil:
		env.printf("IBM MQ queue manager '%s' deleted.", name)
		return exitOK
	case errors.Is(err, qmgr.ErrNotFound):
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ8118E))
		env.logRefusal("dltmqm", "", amqmsg.AMQ8118E)
		return exitNotFound
	case errors.Is(err, qmgr.ErrRunning):
		env.errorf("IBM MQ queue manager running.")
		return exitRunning
	default:
		env.errorf("dltmqm: %v", err)
		return exitUnexpected
	}
}
