package cli

import (
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/authz"
)

// runmqchl's exit codes, as IBM documents them.
const (
	exitChannelFailed = 20
)

var runmqchlCmd = &command{
	name:  "runmqchl",
	usage: []string{"runmqchl -c ChlName [-m QMgrName]"},
	flags: []ucli.Flag{
		&ucli.StringFlag{Name: "c", Usage: "the channel to run"},
		&ucli.StringFlag{Name: "m", Usage: "the queue manager (default: the default queue manager)"},
	},
	badUsage: exitChannelFailed,
	run:      runRunmqchl,
}

// Runmqchl runs the runmqchl command: it starts a sender or server
// channel in its queue manager and stays in the foreground while the
// channel runs, ending when the channel stops (STOP CHANNEL, or its
// retries ran out). Interrupting it stops the channel.
func Runmqchl(args []string, env *Env) int { return runmqchlCmd.main(args, env) }

// channelStatus finds STATUS(...) in DISPLAY CHSTATUS output.
var channelStatus = regexp.MustCompile(`\bSTATUS\(([A-Z]+)\)`)

func runRunmqchl(cmd *command, c *ucli.Context, env *Env) int {
	name := c.String("c")
	if name == "" || c.NArg() != 0 {
		return cmd.usageError(env, "")
	}
	if !authz.IsAdminProcess(env.DataRoot()) {
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ7077E))
		return exitChannelFailed
	}
	qm, code := resolveQMgr(env, c.String("m"))
	if code != exitOK {
		return exitChannelFailed
	}
	client, err := admin.Dial(qm, nil)
	if err != nil {
		env.printf("%s", connectFailure(err))
		return exitChannelFailed
	}
	defer client.Close()
	name = strings.ToUpper(name)
	lines, failed, err := client.MQSC("START CHANNEL(" + name + ")")
	if err != nil || failed {
		for _, l := range lines {
			env.printf("%s", l)
		}
		return exitChannelFailed
	}
	env.printf("%s", amqmsg.Format(amqmsg.AMQ9002I, name))
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(interrupt)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-interrupt:
			_, _, _ = client.MQSC("STOP CHANNEL(" + name + ")")
			env.printf("%s", amqmsg.Format(amqmsg.AMQ9528I, name))
			return exitOK
		case <-tick.C:
		}
		lines, failed, err := client.MQSC("DISPLAY CHSTATUS(" + name + ")")
		if err != nil {
			env.printf("%s", connectFailure(err))
			return exitChannelFailed
		}
		m := channelStatus.FindStringSubmatch(strings.Join(lines, " "))
		if failed || m == nil || m[1] == "STOPPED" || m[1] == "INACTIVE" {
			env.printf("%s", amqmsg.Format(amqmsg.AMQ9528I, name))
			return exitOK
		}
	}
}
