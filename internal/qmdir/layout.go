package qmdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gomqm/gomqm/internal/mqini"
)

// Modes IBM MQ gives its files and directories.
const (
	modeRootDir = fs.ModeDir | fs.ModeSetgid | 0o775 // root-level directories
	modeQMDir   = fs.ModeDir | fs.ModeSetgid | 0o770 // queue manager data and log
	modeMQSIni  = 0o664
	modeFile    = 0o660
)

// Layout is a data directory tree rooted at Root (/var/mqm by default, or
// MQ_OVERRIDE_DATA_PATH as decided by the caller).
type Layout struct {
	Root string
}

// rootDirs returns the directories Init creates below the root.
func rootDirs() []string {
	return []string{"errors", "qmgrs", "log", "sockets", "trace", "exits", "exits64", "conv", "shared"}
}

// QMgrsDir is the parent of the queue manager data directories.
func (l Layout) QMgrsDir() string { return filepath.Join(l.Root, "qmgrs") }

// ErrorsDir is the system-wide error log directory.
func (l Layout) ErrorsDir() string { return filepath.Join(l.Root, "errors") }

// LogDir is the default parent of the queue manager recovery logs.
func (l Layout) LogDir() string { return filepath.Join(l.Root, "log") }

// MQSIni is the path of mqs.ini.
func (l Layout) MQSIni() string { return filepath.Join(l.Root, "mqs.ini") }

// ExitsDir and Exits64Dir are the default exit directories named in qm.ini.
func (l Layout) ExitsDir() string   { return filepath.Join(l.Root, "exits") }
func (l Layout) Exits64Dir() string { return filepath.Join(l.Root, "exits64") }

// QMgrDir is the data directory of a queue manager: <prefix>/qmgrs/<dir>,
// where prefix is e.Prefix or, when that is empty, the root.
func (l Layout) QMgrDir(e Entry) string {
	prefix := e.Prefix
	if prefix == "" {
		prefix = l.Root
	}
	return filepath.Join(prefix, "qmgrs", e.dir())
}

// QMgrLogDir is the default recovery log directory of a queue manager,
// log/<dir> below the root.
func (l Layout) QMgrLogDir(e Entry) string { return filepath.Join(l.LogDir(), e.dir()) }

// Init creates whatever is missing of the root tree: the root, its
// subdirectories and mqs.ini with the AllQueueManagers and LogDefaults
// stanzas. Existing directories and files are left as they are.
func (l Layout) Init() error {
	own := lookupOwner()
	if err := mkdir(l.Root, modeRootDir, own, true); err != nil {
		return err
	}
	for _, d := range rootDirs() {
		if err := mkdir(filepath.Join(l.Root, d), modeRootDir, own, true); err != nil {
			return err
		}
	}
	if _, err := os.Stat(l.MQSIni()); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("qmdir: %w", err)
	}
	return l.withRegistryLock(func() error {
		if _, err := os.Stat(l.MQSIni()); err == nil {
			return nil
		}
		return l.writeMQSIni(l.defaultMQSIni(), own)
	})
}

// defaultMQSIni is mqs.ini as a fresh installation has it.
func (l Layout) defaultMQSIni() *mqini.File {
	f := &mqini.File{}
	f.Add("AllQueueManagers").Set("DefaultPrefix", l.Root)
	s := f.Add("LogDefaults")
	d := DefaultQMIni().Log
	s.Set("LogPrimaryFiles", fmt.Sprint(d.LogPrimaryFiles))
	s.Set("LogSecondaryFiles", fmt.Sprint(d.LogSecondaryFiles))
	s.Set("LogFilePages", fmt.Sprint(d.LogFilePages))
	s.Set("LogType", d.LogType)
	s.Set("LogBufferPages", fmt.Sprint(d.LogBufferPages))
	s.Set("LogDefaultPath", l.LogDir())
	return f
}

// mkdir creates dir with mode (set explicitly, so the umask does not
// matter) and gives it to own. An existing directory is left alone when
// existOK, else it is ErrExists.
func mkdir(dir string, mode fs.FileMode, own owner, existOK bool) error {
	err := os.Mkdir(dir, mode.Perm())
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrExist) && existOK:
		return nil
	case errors.Is(err, fs.ErrExist):
		return &fs.PathError{Op: "create", Path: dir, Err: ErrExists}
	default:
		return fmt.Errorf("qmdir: %w", err)
	}
	if err := own.chown(dir); err != nil {
		return err
	}
	if err := os.Chmod(dir, mode); err != nil {
		return fmt.Errorf("qmdir: %w", err)
	}
	return nil
}

// writeNew writes a file that must not exist yet, with mode and owner.
func writeNew(path string, data []byte, mode fs.FileMode, own owner) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &fs.PathError{Op: "create", Path: path, Err: ErrExists}
		}
		return fmt.Errorf("qmdir: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = own.chown(path)
	}
	if err == nil {
		err = os.Chmod(path, mode)
	}
	if err != nil {
		return fmt.Errorf("qmdir: write %s: %w", path, err)
	}
	return nil
}
