package cli

import (
	"errors"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	ucli "github.com/urfave/cli/v2"

	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/authz"
)

// runmqlsr and endmqlsr exit codes.
const (
	exitLsrFailed = 10 // the listener could not start, or none was running
	exitLsrNotRun = 20 // bad arguments, or no queue manager to ask
)

var runmqlsrCmd = &command{
	name:     "runmqlsr",
	usage:    []string{"runmqlsr -t tcp [-p Port] [-i IPAddr] [-b Backlog] [-m QMgrName]"},
	badUsage: exitLsrNotRun,
	flags: []ucli.Flag{
		&ucli.StringFlag{Name: "t", Usage: "transport type: tcp"},
		&ucli.IntFlag{Name: "p", Usage: "port (default 1414)"},
		&ucli.StringFlag{Name: "i", Usage: "IP address or host name to listen on (default: every address)"},
		&ucli.IntFlag{Name: "b", Usage: "connection backlog"},
		&ucli.StringFlag{Name: "m", Usage: "queue manager (default: the default queue manager)"},
	},
	run: runRunmqlsr,
}

// Runmqlsr runs the runmqlsr command: a TCP listener of the queue
// manager that lasts as long as the command runs in the foreground.
func Runmqlsr(args []string, env *Env) int { return runmqlsrCmd.main(args, env) }

// listenerPoll is how often runmqlsr checks that its listener still runs
// (endmqlsr, STOP LISTENER or the end of the queue manager end it).
const listenerPoll = 500 * time.Millisecond

func runRunmqlsr(cmd *command, c *ucli.Context, env *Env) int {
	if c.NArg() != 0 {
		return cmd.usageError(env, "unexpected argument "+c.Args().First())
	}
	if !strings.EqualFold(c.String("t"), "tcp") {
		return cmd.usageError(env, "-t tcp is required: TCP is the only transport")
	}
	if p := c.Int("p"); p < 0 || p > 65535 {
		return cmd.usageError(env, "-p must be a port from 1 to 65535")
	}
	client, _, code := dialLocalAdmin(env, c.String("m"))
	if client == nil {
		return code
	}
	defer client.Close()
	// The listener lives in the queue manager for as long as this process
	// runs: it ends when runmqlsr does, even by SIGKILL.
	lsr, err := client.StartListener(c.String("i"), c.Int("p"), c.Int("b"), os.Getpid())
	if err != nil {
		var le *admin.ListenerError
		if errors.As(err, &le) {
			env.errorf("%s", le.Text)
			return exitLsrFailed
		}
		env.errorf("%s", connectFailure(err))
		return exitLsrFailed
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	tick := time.NewTicker(listenerPoll)
	defer tick.Stop()
	for {
		select {
		case <-sigs:
			_, _ = client.StopListener(lsr)
			return exitOK
		case <-tick.C:
			if running, err := client.ListenerRunning(lsr); err != nil || !running {
				return exitOK
			}
		}
	}
}

var endmqlsrCmd = &command{
	name:     "endmqlsr",
	usage:    []string{"endmqlsr [-w] [-m QMgrName]"},
	badUsage: exitLsrNotRun,
	flags: []ucli.Flag{
		&ucli.BoolFlag{Name: "w", Usage: "wait until the listeners have ended (they end at once)"},
		&ucli.StringFlag{Name: "m", Usage: "queue manager (default: the default queue manager)"},
	},
	run: runEndmqlsr,
}

// Endmqlsr runs the endmqlsr command: every listener of the queue
// manager ends.
func Endmqlsr(args []string, env *Env) int { return endmqlsrCmd.main(args, env) }

func runEndmqlsr(cmd *command, c *ucli.Context, env *Env) int {
	if c.NArg() != 0 {
		return cmd.usageError(env, "unexpected argument "+c.Args().First())
	}
	client, _, code := dialLocalAdmin(env, c.String("m"))
	if client == nil {
		return code
	}
	defer client.Close()
	stopped, err := client.StopListener("")
	if err != nil {
		env.errorf("%s", connectFailure(err))
		return exitLsrFailed
	}
	if !stopped {
		return exitLsrFailed
	}
	return exitOK
}

// dialLocalAdmin connects runmqlsr and endmqlsr to the local queue
// manager's command server; on failure it has printed why and returns a
// nil client with the exit code.
func dialLocalAdmin(env *Env, name string) (*admin.Client, string, int) {
	if !authz.IsAdminProcess(env.DataRoot()) {
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ7077E))
		return nil, "", exitLsrNotRun
	}
	layout := env.Layout()
	if name == "" {
		def, err := layout.DefaultQMgr()
		if err != nil || def == "" {
			env.errorf("%s", amqmsg.Format(amqmsg.AMQ8118E))
			return nil, "", exitLsrNotRun
		}
		name = def
	}
	if _, ok, err := layout.Lookup(name); err != nil || !ok {
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ8118E))
		return nil, "", exitLsrNotRun
	}
	client, err := admin.Dial(name, localBinding())
	if err != nil {
		env.errorf("%s", connectFailure(err))
		return nil, "", exitLsrNotRun
	}
	return client, name, exitOK
}
