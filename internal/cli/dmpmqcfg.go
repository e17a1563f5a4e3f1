package cli

import (
	"strings"

	ucli "github.com/urfave/cli/v2"

	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/authz"
)

var dmpmqcfgCmd = &command{
	name:     "dmpmqcfg",
	usage:    []string{"dmpmqcfg [-m QMgrName] [-a] [-o mqsc] [-x all|object]"},
	badUsage: exitMQSCNotRun,
	flags: []ucli.Flag{
		&ucli.StringFlag{Name: "m", Usage: "queue manager (default: the default queue manager)"},
		&ucli.BoolFlag{Name: "a", Usage: "every attribute, not only those that differ from the defaults"},
		&ucli.StringFlag{Name: "o", Value: "mqsc", Usage: "output format: mqsc"},
		&ucli.StringFlag{Name: "x", Value: "all", Usage: "what to dump: all or object"},
	},
	run: runDmpmqcfg,
}

// Dmpmqcfg runs the dmpmqcfg command.
func Dmpmqcfg(args []string, env *Env) int { return dmpmqcfgCmd.main(args, env) }

func runDmpmqcfg(cmd *command, c *ucli.Context, env *Env) int {
	if c.NArg() != 0 {
		return cmd.usageError(env, "unexpected argument "+c.Args().First())
	}
	if o := strings.ToLower(c.String("o")); o != "mqsc" {
		return cmd.usageError(env, "only -o mqsc is supported")
	}
	if x := strings.ToLower(c.String("x")); x != "all" && x != "object" {
		return cmd.usageError(env, "only -x all and -x object are supported (authority and CHLAUTH records come later)")
	}
	if !authz.IsAdminProcess(env.DataRoot()) {
		env.errorf("%s", amqmsg.Format(amqmsg.AMQ7077E))
		return exitMQSCNotRun
	}
	name, code := resolveQMgr(env, c.String("m"))
	if code != exitOK {
		return code
	}
	client, err := admin.Dial(name, localBinding())
	if err != nil {
		env.errorf("%s", connectFailure(err))
		return exitMQSCNotRun
	}
	defer client.Close()
	lines, err := client.DumpConfig(c.Bool("a"))
	if err != nil {
		env.errorf("dmpmqcfg: %v", err)
		return exitMQSCFailed
	}
	for _, l := range lines {
		env.printf("%s", l)
	}
	return exitOK
}
