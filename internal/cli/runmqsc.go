package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	ucli "github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/authz"
	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// runmqsc exit codes.
const (
	exitMQSCFailed = 10 // a command failed or had a syntax error
	exitMQSCNotRun = 20 // MQSC could not be run at all
)

var runmqscCmd = &command{
	name:     "runmqsc",
	usage:    []string{"runmqsc [-c] [-e] [-v] [-w WaitTime] [QMgrName]"},
	badUsage: exitMQSCNotRun,
	flags: []ucli.Flag{
		&ucli.BoolFlag{Name: "c", Usage: "connect as a client (MQSERVER or a CCDT names the channel)"},
		&ucli.BoolFlag{Name: "e", Usage: "do not echo the commands"},
		&ucli.BoolFlag{Name: "v", Usage: "verify the syntax only; run nothing"},
		&ucli.IntFlag{Name: "w", Usage: "seconds to wait for each reply (default 60)"},
	},
	run: runRunmqsc,
}

// Runmqsc runs the runmqsc command.
func Runmqsc(args []string, env *Env) int { return runmqscCmd.main(args, env) }

// mqscRun is one runmqsc session: its options, its target and its counts.
type mqscRun struct {
	env      *Env
	echo     bool
	verify   bool
	client   *admin.Client
	read     int // commands read (END not counted)
	syntax   int // commands with a syntax error
	failed   int // valid commands that could not be processed
	numbered int // command numbers given so far (END included)
}

func runRunmqsc(cmd *command, c *ucli.Context, env *Env) int {
	if c.NArg() > 1 {
		return cmd.usageError(env, "the queue manager name must be the last argument")
	}
	if c.IsSet("w") && (c.Int("w") < 1 || c.Int("w") > 999999) {
		return cmd.usageError(env, "-w must be from 1 to 999999 seconds")
	}
	run := &mqscRun{env: env, echo: !c.Bool("e"), verify: c.Bool("v")}
	name := c.Args().First()
	cno := mqi.NewMQCNO()
	cno.Options |= mqi.MQCNO_LOCAL_BINDING
	if c.Bool("c") {
		// A remote queue manager: the command server checks the user.
		cno.Options = mqi.MQCNO_CLIENT_BINDING
	} else if !run.verify {
		if !authz.IsAdminProcess(env.DataRoot()) {
			env.errorf("%s", amqmsg.Format(amqmsg.AMQ7077E))
			return exitMQSCNotRun
		}
		resolved, code := resolveQMgr(env, name)
		if code != exitOK {
			return code
		}
		name = resolved
	}
	env.printf("gomqm MQSC, compatible with IBM MQ %s.", "9.4")
	if name != "" {
		env.printf("Starting MQSC for queue manager %s.", name)
	} else {
		env.printf("Starting MQSC.")
	}
	env.printf("")
	if !run.verify {
		client, err := admin.Dial(name, cno)
		if err != nil {
			env.printf("%s", connectFailure(err))
			return exitMQSCNotRun
		}
		defer client.Close()
		if c.IsSet("w") {
			client.SetWait(c.Int("w"))
		}
		run.client = client
	}
	in := env.Stdin
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		restore, r, err := interactiveInput(f, env, name)
		if err == nil {
			defer restore()
			in = r
		}
	}
	if err := run.script(in); err != nil {
		env.printf("%v", err)
		return exitMQSCNotRun
	}
	return run.summary()
}

// resolveQMgr finds the queue manager runmqsc talks to: the named one or
// the default, and checks that it exists.
func resolveQMgr(env *Env, name string) (string, int) {
	layout := env.Layout()
	if name == "" {
		def, err := layout.DefaultQMgr()
		if err != nil || def == "" {
			env.printf("%s", amqmsg.Format(amqmsg.AMQ8118E))
			return "", exitMQSCNotRun
		}
		name = def
	}
	if _, ok, err := layout.Lookup(name); err != nil || !ok {
		env.printf("%s", amqmsg.Format(amqmsg.AMQ8118E))
		return "", exitMQSCNotRun
	}
	return name, exitOK
}

// connectFailure turns a connection error into runmqsc's message.
func connectFailure(err error) string {
	var mqr *mqi.MQReturn
	if errors.As(err, &mqr) {
		switch mqr.MQRC {
		case mqi.MQRC_Q_MGR_NOT_AVAILABLE, mqi.MQRC_Q_MGR_QUIESCING, mqi.MQRC_Q_MGR_STOPPING, mqi.MQRC_CONNECTION_BROKEN:
			return amqmsg.Format(amqmsg.AMQ8146E)
		case mqi.MQRC_Q_MGR_NAME_ERROR:
			return amqmsg.Format(amqmsg.AMQ8118E)
		case mqi.MQRC_NOT_AUTHORIZED:
			return amqmsg.Format(amqmsg.AMQ8135E)
		}
	}
	return fmt.Sprintf("%s (%v)", amqmsg.Format(amqmsg.AMQ8146E), err)
}

// script reads and runs commands until END or the end of input.
func (r *mqscRun) script(in io.Reader) error {
	rd := mqsc.NewReader(in)
	for {
		src, err := rd.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var se *mqsc.SyntaxError
			if errors.As(err, &se) {
				r.numbered++
				r.read++
				r.syntax++
				r.print(se.Lines())
				continue
			}
			return err
		}
		if src.Text == "" {
			if r.echo {
				r.print(src.Echo(0))
			}
			continue
		}
		r.numbered++
		if r.echo {
			r.print(src.Echo(r.numbered))
		}
		if r.command(src.Text) {
			return nil
		}
	}
}

// command runs one command; it returns true for END.
func (r *mqscRun) command(text string) bool {
	cmd, err := mqsc.Parse(text)
	if err != nil {
		r.read++
		r.syntax++
		var se *mqsc.SyntaxError
		if errors.As(err, &se) {
			r.print(se.Lines())
		} else {
			r.print([]string{err.Error()})
		}
		return false
	}
	switch cmd.Verb {
	case "END", "EXIT", "QUIT":
		return true
	}
	r.read++
	if r.verify {
		return false
	}
	lines, failed, err := r.client.MQSC(text)
	if err != nil {
		r.failed++
		r.print([]string{amqmsg.Format(amqmsg.AMQ8146E)})
		r.env.errorf("runmqsc: %v", err)
		return false
	}
	if failed {
		r.failed++
	}
	r.print(lines)
	return false
}

func (r *mqscRun) print(lines []string) {
	for _, l := range lines {
		r.env.printf("%s", l)
	}
}

// summary prints IBM's three closing lines and returns the exit code.
func (r *mqscRun) summary() int {
	switch r.read {
	case 1:
		r.env.printf("One MQSC command read.")
	default:
		r.env.printf("%d MQSC commands read.", r.read)
	}
	switch r.syntax {
	case 0:
		r.env.printf("No commands have a syntax error.")
	case 1:
		r.env.printf("One command has a syntax error.")
	default:
		r.env.printf("%d commands have a syntax error.", r.syntax)
	}
	switch {
	case r.verify:
	case r.failed == 0:
		r.env.printf("All valid MQSC commands were processed.")
	case r.failed == 1:
		r.env.printf("One valid MQSC command could not be processed.")
	default:
		r.env.printf("%d valid MQSC commands could not be processed.", r.failed)
	}
	if r.syntax > 0 || r.failed > 0 {
		return exitMQSCFailed
	}
	return exitOK
}

// interactiveInput puts the terminal in raw mode and returns a reader of
// the lines typed, with line editing and history, prompting with MQPROMPT
// (default: the queue manager name).
func interactiveInput(f *os.File, env *Env, qmgr string) (func(), io.Reader, error) {
	old, err := term.MakeRaw(int(f.Fd()))
	if err != nil {
		return nil, nil, err
	}
	prompt := env.Getenv("MQPROMPT")
	if prompt == "" {
		prompt = qmgr + "> "
	}
	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{f, env.Stdout}, prompt)
	env.Stdout = t
	pr, pw := io.Pipe()
	go func() {
		for {
			line, err := t.ReadLine()
			if err != nil {
				pw.Close()
				return
			}
			if _, err := io.WriteString(pw, line+"\n"); err != nil {
				return
			}
			if strings.EqualFold(strings.TrimSpace(line), "end") {
				pw.Close()
				return
			}
		}
	}()
	return func() { term.Restore(int(f.Fd()), old) }, pr, nil
}

// localBinding is the connect options of the control commands: always
// the local queue manager, whatever MQSERVER or a CCDT says.
func localBinding() *mqi.MQCNO {
	cno := mqi.NewMQCNO()
	cno.Options |= mqi.MQCNO_LOCAL_BINDING
	return cno
}
