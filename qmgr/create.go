package qmgr

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/store"
)

// InstallationName is the installation every queue manager belongs to.
const InstallationName = "Installation1"

// ErrExists is returned by Create when the queue manager already exists.
var ErrExists = errors.New("qmgr: queue manager already exists")

// CreateOptions are crtmqm's settings. Zero values take IBM's defaults.
type CreateOptions struct {
	Name         string
	Description  string // -c
	DefXmitQ     string // -d
	DeadQ        string // -u
	MaxHandles   int    // -h, default 256
	TrigInt      int    // -t, default 999999999
	MaxUMsgs     int    // -x, default 10000
	LogPrimary   int    // -lp, default 3
	LogSecondary int    // -ls, default 2
	LogFilePages int    // -lf, default 4096
	ListenerPort int    // -p: define SYSTEM.LISTENER.TCP.1 CONTROL(QMGR) on this port
	MakeDefault  bool   // -q
	Now          func() time.Time
}

// CreateResult tells crtmqm what was made.
type CreateResult struct {
	Dir     string // the queue manager's data directory
	Created int    // default objects created
}

// Create makes a new queue manager under layout: its directory tree,
// qm.ini, the mqs.ini entry and the default objects. progress receives
// each of IBM's crtmqm lines as it happens.
func Create(layout qmdir.Layout, opts CreateOptions, progress func(string)) (CreateResult, error) {
	if progress == nil {
		progress = func(string) {}
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	if err := layout.Init(); err != nil {
		return CreateResult{}, fmt.Errorf("qmgr: prepare data directory: %w", err)
	}
	if _, ok, err := layout.Lookup(opts.Name); err != nil {
		return CreateResult{}, fmt.Errorf("qmgr: read mqs.ini: %w", err)
	} else if ok {
		return CreateResult{}, ErrExists
	}
	entry := qmdir.Entry{Name: opts.Name, Prefix: layout.Root, Directory: qmdir.Mangle(opts.Name), InstallationName: InstallationName}
	ini := qmdir.DefaultQMIni()
	setIf(&ini.Log.LogPrimaryFiles, opts.LogPrimary)
	setIf(&ini.Log.LogSecondaryFiles, opts.LogSecondary)
	setIf(&ini.Log.LogFilePages, opts.LogFilePages)
	ini.Log.LogPath = filepath.Join(layout.LogDir(), entry.Directory) + string(filepath.Separator)
	dir, err := layout.CreateQMgrTree(entry, ini)
	if err != nil {
		if errors.Is(err, qmdir.ErrExists) {
			return CreateResult{}, ErrExists
		}
		return CreateResult{}, fmt.Errorf("qmgr: create directory tree: %w", err)
	}
	entry.Directory = filepath.Base(dir)
	progress(fmt.Sprintf("IBM MQ queue manager '%s' created.", opts.Name))
	progress(fmt.Sprintf("Directory '%s' created.", dir))
	progress(fmt.Sprintf("The queue manager is associated with installation '%s'.", InstallationName))

	n, err := createObjects(layout, dir, opts, now(), progress)
	if err != nil {
		_ = layout.RemoveQMgrTree(entry)
		return CreateResult{}, err
	}
	// The recovery log is made (preallocated) now, as IBM's crtmqm does,
	// so that strmqm starts at once.
	l, err := openLog(ini)
	if err != nil {
		_ = layout.RemoveQMgrTree(entry)
		return CreateResult{}, fmt.Errorf("qmgr: create the recovery log: %w", err)
	}
	l.Close()
	if err := layout.Register(entry, opts.MakeDefault); err != nil {
		_ = layout.RemoveQMgrTree(entry)
		return CreateResult{}, fmt.Errorf("qmgr: register in mqs.ini: %w", err)
	}
	if err := qmdir.WriteStatus(dir, qmdir.Status{State: "Ended immediately", Changed: now()}); err != nil {
		return CreateResult{}, fmt.Errorf("qmgr: write status: %w", err)
	}
	progress("Completing setup.")
	progress("Setup completed.")
	return CreateResult{Dir: dir, Created: n}, nil
}

func createObjects(layout qmdir.Layout, dir string, opts CreateOptions, now time.Time, progress func(string)) (int, error) {
	progress(fmt.Sprintf("Creating or replacing default objects for queue manager '%s'.", opts.Name))
	st, err := store.Open(StorePath(dir), nil)
	if err != nil {
		return 0, fmt.Errorf("qmgr: create object store: %w", err)
	}
	defer st.Close()
	objs := objects.DefaultObjects(opts.Name, objects.QMgrOptions{
		Description:      opts.Description,
		DeadQ:            opts.DeadQ,
		DefXmitQ:         opts.DefXmitQ,
		MaxHandles:       opts.MaxHandles,
		TrigInt:          opts.TrigInt,
		MaxUMsgs:         opts.MaxUMsgs,
		SSLKeyRepository: filepath.Join(dir, "ssl", "key"),
		Created:          now,
	})
	if opts.ListenerPort > 0 {
		objs = append(objs, listenerObject(objs, opts.ListenerPort))
	}
	// The store starts at log position 0, so that a store rolled back to
	// before its first checkpoint is noticed at start.
	if err := st.ApplyMessages(nil, 0); err != nil {
		return 0, fmt.Errorf("qmgr: initialise the message store: %w", err)
	}
	created, failed := 0, 0
	for _, o := range objs {
		if err := objects.Save(st, o); err != nil {
			failed++
			continue
		}
		created++
	}
	progress(amqmsg.Text(amqmsg.AMQ8048I, strconv.Itoa(created), "0", strconv.Itoa(failed)))
	if failed > 0 {
		return created, fmt.Errorf("qmgr: %d default objects could not be created", failed)
	}
	return created, nil
}

func setIf(dst *int, v int) {
	if v > 0 {
		*dst = v
	}
}

// StorePath is the object and message store of the queue manager whose
// data directory is dir.
func StorePath(dir string) string { return filepath.Join(dir, "qmgr.db") }

// SocketPath is the Unix socket on which the running queue manager whose
// data directory is dir accepts connections.
func SocketPath(dir string) string { return session.SocketPath(dir) }

// Delete removes a queue manager that is not running: its data, its log
// and its mqs.ini entry.
func Delete(layout qmdir.Layout, name string) error {
	entry, ok, err := layout.Lookup(name)
	if err != nil {
		return fmt.Errorf("qmgr: read mqs.ini: %w", err)
	}
	if !ok {
		return ErrNotFound
	}
	dir := filepath.Join(layout.QMgrsDir(), entry.Directory)
	lock, err := qmdir.AcquireLock(dir)
	if err != nil {
		if errors.Is(err, qmdir.ErrLocked) {
			return ErrRunning
		}
		if !os.IsNotExist(err) {
			return fmt.Errorf("qmgr: lock: %w", err)
		}
	} else {
		defer lock.Release()
	}
	if err := layout.Unregister(name); err != nil {
		return fmt.Errorf("qmgr: unregister from mqs.ini: %w", err)
	}
	if err := layout.RemoveQMgrTree(entry); err != nil {
		return fmt.Errorf("qmgr: remove data: %w", err)
	}
	return nil
}

// listenerObject is crtmqm -p: SYSTEM.LISTENER.TCP.1 with CONTROL(QMGR) on
// the port, its other attributes from SYSTEM.DEFAULT.LISTENER.TCP.
func listenerObject(objs []objects.Object, port int) objects.Object {
	attrs := map[string]string{}
	for _, o := range objs {
		if o.Type == objects.TypeListener && o.Name == "SYSTEM.DEFAULT.LISTENER.TCP" {
			for k, v := range o.Attrs {
				attrs[k] = v
			}
		}
	}
	attrs["TRPTYPE"] = "TCP"
	attrs["PORT"] = strconv.Itoa(port)
	attrs["CONTROL"] = "QMGR"
	return objects.Object{Type: objects.TypeListener, Name: "SYSTEM.LISTENER.TCP.1", Attrs: attrs}
}
