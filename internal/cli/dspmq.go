package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/qmgr"
)

const exitDspmqBadArgs = 36

var dspmqCmd = &command{
	name:     "dspmq",
	usage:    []string{"dspmq [-m QMgrName] [-s] [-o status | all | default | installation] [-x] [-n]"},
	badUsage: exitDspmqBadArgs,
	flags: []ucli.Flag{
		&ucli.StringFlag{Name: "m", Usage: "queue manager to show"},
		&ucli.BoolFlag{Name: "s", Usage: "show the status (the default)"},
		&ucli.StringSliceFlag{Name: "o", Usage: "status, all, default, installation, standby"},
		&ucli.BoolFlag{Name: "x", Usage: "show instance information"},
		&ucli.BoolFlag{Name: "n", Usage: "do not translate the status text"},
	},
	run: runDspmq,
}

// Dspmq runs the dspmq command.
func Dspmq(args []string, env *Env) int { return dspmqCmd.main(args, env) }

func runDspmq(cmd *command, c *ucli.Context, env *Env) int {
	if c.NArg() != 0 {
		return cmd.usageError(env, "unexpected argument "+c.Args().First())
	}
	show := map[string]bool{}
	for _, o := range c.StringSlice("o") {
		switch strings.ToLower(o) {
		case "status", "all", "default", "installation", "standby":
			show[strings.ToLower(o)] = true
		default:
			return cmd.usageError(env, "unknown -o value "+o)
		}
	}
	layout := env.Layout()
	var entries []qmdir.Entry
	if name := c.String("m"); name != "" {
		e, ok, err := layout.Lookup(name)
		if err != nil || !ok {
			env.errorf("%s", amqmsg.Format(amqmsg.AMQ7048E))
			return exitNameError
		}
		entries = []qmdir.Entry{e}
	} else {
		list, err := layout.List()
		if err != nil {
			env.errorf("dspmq: %v", err)
			return exitUnexpected
		}
		entries = list
	}
	def, _ := layout.DefaultQMgr()
	for _, e := range entries {
		env.printf("%s", dspmqLine(layout, e, def, show, env))
		if c.Bool("x") {
			env.printf("    INSTANCE(%s) MODE(Active)", hostname())
		}
	}
	return exitOK
}

// dspmqLine formats one queue manager as IBM does: QMNAME(...) padded to
// 58 columns, then the requested fields.
func dspmqLine(layout qmdir.Layout, e qmdir.Entry, def string, show map[string]bool, env *Env) string {
	status, err := layout.QueryStatus(e)
	if err != nil {
		status = "Status not available"
	}
	fields := []string{fmt.Sprintf("STATUS(%s)", status)}
	if show["default"] || show["all"] {
		d := "no"
		if e.Name == def {
			d = "yes"
		}
		fields = append(fields, fmt.Sprintf("DEFAULT(%s)", d))
	}
	if show["standby"] || show["all"] {
		fields = append(fields, "STANDBY(Not permitted)")
	}
	if show["installation"] || show["all"] {
		fields = append(fields,
			fmt.Sprintf("INSTNAME(%s)", qmgr.InstallationName),
			fmt.Sprintf("INSTPATH(%s)", installPath(env)),
			fmt.Sprintf("INSTVER(%s)", qmgr.VRMF))
	}
	name := fmt.Sprintf("QMNAME(%s)", e.Name)
	if len(name) < 58 {
		name += strings.Repeat(" ", 58-len(name))
	} else {
		name += " "
	}
	return name + strings.Join(fields, " ")
}

// installPath is the directory above the bin directory holding the
// running program (/opt/mqm for an RPM install).
func installPath(env *Env) string {
	return filepath.Dir(filepath.Dir(env.Executable))
}
