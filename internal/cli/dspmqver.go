package cli

import (
	"fmt"
	"os"
	"runtime"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"github.com/gomqm/gomqm/qmgr"
)

var dspmqverCmd = &command{
	name:     "dspmqver",
	usage:    []string{"dspmqver"},
	badUsage: exitBadParameter,
	run:      runDspmqver,
}

// Dspmqver runs the dspmqver command.
func Dspmqver(args []string, env *Env) int { return dspmqverCmd.main(args, env) }

func runDspmqver(cmd *command, c *ucli.Context, env *Env) int {
	if c.NArg() != 0 {
		return cmd.usageError(env, "unexpected argument "+c.Args().First())
	}
	lines := [][2]string{
		{"Name", "gomqm (IBM MQ compatible)"},
		{"Version", qmgr.VRMF},
		{"Level", qmgr.Level},
		{"BuildType", "gomqm - (Production)"},
		{"Platform", fmt.Sprintf("gomqm for Linux (%s platform)", runtime.GOARCH)},
		{"Mode", "64-bit"},
		{"O/S", osName()},
		{"InstName", qmgr.InstallationName},
		{"InstDesc", ""},
		{"Primary", "N/A"},
		{"InstPath", installPath(env)},
		{"DataPath", env.DataRoot()},
		{"MaxCmdLevel", qmgr.CommandLevel},
		{"LicenseType", "Production"},
	}
	for _, l := range lines {
		env.printf("%-13s%s", l[0]+":", l[1])
	}
	return exitOK
}

func osName() string {
	b, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return runtime.GOOS
	}
	return "Linux, " + strings.TrimSpace(string(b))
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return "localhost"
	}
	return h
}
