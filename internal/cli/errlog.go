package cli

import (
	"os"
	"os/user"
	"path/filepath"
	"strconv"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/errlog"
	"github.com/gomqm/gomqm/qmgr"
)

// logRefusal records a refused or failed control command in the error
// log: the queue manager's own when it exists, else the system-wide one.
// Logging is best effort: a user who may not write the log (AMQ7077E)
// still gets the message on the terminal.
func (e *Env) logRefusal(program, qmName string, id amqmsg.ID, inserts ...string) {
	layout := e.Layout()
	dir := layout.ErrorsDir()
	if qmName != "" {
		if entry, ok, err := layout.Lookup(qmName); err == nil && ok {
			dir = filepath.Join(layout.QMgrDir(entry), "errors")
		}
	}
	if _, err := os.Stat(dir); err != nil {
		return
	}
	l, err := errlog.Open(dir, errlog.Options{
		Program: program, QMgr: qmName, Installation: qmgr.InstallationName,
		VRMF: qmgr.VRMF, User: userName(),
	})
	if err != nil {
		return
	}
	defer l.Close()
	_ = l.Write(errlog.Entry{ID: id, Inserts: inserts})
}

func userName() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return strconv.Itoa(os.Getuid())
}
