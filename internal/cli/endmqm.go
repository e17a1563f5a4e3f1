package cli

import (
	"errors"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/authz"
	"github.com/gomqm/gomqm/mqi"
)

const (
	exitNotRunning = 40
	exitStopping   = 49
)

var endmqmCmd = &command{
	name:     "endmqm",
	usage:    []string{"endmqm [-z] [-c | -w | -i | -p] QMgrName"},
	badUsage: exitBadParameter,
	flags: []ucli.Flag{
		&ucli.BoolFlag{Name: "c", Usage: "controlled end (the default): return at once"},
		&ucli.BoolFlag{Name: "w", Usage: "controlled end: wait until the queue manager has ended"},
		&ucli.BoolFlag{Name: "i", Usage: "immediate end"},
		&ucli.BoolFlag{Name: "p", Usage: "pre-emptive end"},
		&ucli.BoolFlag{Name: "z", Usage: "suppress error messages"},
	},
	run: runEndmqm,
}

// Endmqm runs the endmqm command.
func Endmqm(args []string, env *Env) int { return endmqmCmd.main(args, env) }

func runEndmqm(cmd *command, c *ucli.Context, env *Env) int {
	name, ok := oneQMgrName(c)
	if !ok {
		return cmd.usageError(env, "the queue manager name must be the last argument")
	}
	modes := 0
	for _, f := range []string{"c", "w", "i", "p"} {
		if c.Bool(f) {
			modes++
		}
	}
	if modes > 1 {
		return cmd.usageError(env, "give only one of -c, -w, -i and -p")
	}
	if !authz.IsAdminProcess(env.DataRoot()) {
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ7077E))
		env.logRefusal("endmqm", name, amqmsg.AMQ7077E)
		return exitNotAuthorized
	}
	layout := env.Layout()
	entry, found, err := layout.Lookup(name)
	if err != nil || !found {
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ8118E))
		env.logRefusal("endmqm", "", amqmsg.AMQ8118E)
		return exitNotFound
	}
	status, _ := layout.QueryStatus(entry)
	switch status {
	case "Running", "Starting":
	case "Quiescing", "Ending immediately", "Ending pre-emptively":
		if !c.Bool("i") && !c.Bool("p") {
			env.errorf("IBM MQ queue manager '%s' is already stopping.", name)
			return exitStopping
		}
	default:
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ8146E))
		env.logRefusal("endmqm", name, amqmsg.AMQ8146E)
		return exitNotRunning
	}
	mode := mqi.MQMODE_QUIESCE
	switch {
	case c.Bool("i"):
		mode = mqi.MQMODE_FORCE
	case c.Bool("p"):
		mode = mqi.MQMODE_TERMINATE
	}
	client, err := admin.Dial(name, localBinding())
	if err != nil {
		var mqr *mqi.MQReturn
		if errors.As(err, &mqr) && mqr.MQRC == mqi.MQRC_Q_MGR_QUIESCING {
			env.errorf("IBM MQ queue manager '%s' is already stopping.", name)
			return exitStopping
		}
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ8146E))
		return exitNotRunning
	}
	err = client.StopQMgr(mode)
	client.Close()
	if err != nil {
		env.errorf("endmqm: %v", err)
		return exitUnexpected
	}
	if mode == mqi.MQMODE_QUIESCE {
		env.printf("Quiesce request accepted. The queue manager will stop when all outstanding work")
		env.printf("is complete.")
		if !c.Bool("w") {
			return exitOK
		}
	}
	env.printf("IBM MQ queue manager '%s' ending.", name)
	for {
		st, err := layout.QueryStatus(entry)
		if err == nil && !isLive(st) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	env.printf("IBM MQ queue manager '%s' ended.", name)
	return exitOK
}

func isLive(status string) bool {
	switch status {
	case "Starting", "Running", "Quiescing", "Ending immediately", "Ending pre-emptively":
		return true
	}
	return false
}
