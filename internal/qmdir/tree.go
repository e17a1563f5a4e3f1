package qmdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// File names inside a queue manager data directory.
const (
	QMIniFile    = "qm.ini"
	StatusFile   = "qmstatus.ini"
	LockFile     = "qmgr.lock"
	activeLogDir = "active"
)

// qmgrSubdirs returns the directories CreateQMgrTree makes in the data
// directory.
func qmgrSubdirs() []string {
	return []string{"errors", "queues", "ssl", "@ipcc", "@qmpersist", "channel", "listener",
		"namelist", "procdef", "startprm", "auth"}
}

// CreateQMgrTree creates the data directory of a queue manager
// (<prefix>/qmgrs/<dir>) with qm.ini, qmstatus.ini ("Ended immediately"),
// the lock file and its subdirectories, and the log directory
// (ini.Log.LogPath, default log/<dir>/) with active/ in it. An empty LogPath
// or exit path in ini is filled in. It returns the data directory, and fails
// with an error matching ErrExists if the data or log directory exists; on
// any failure it removes what it created.
func (l Layout) CreateQMgrTree(e Entry, ini QMIni) (_ string, err error) {
	e = l.complete(e)
	l.fillPaths(e, &ini)
	if err := ini.Validate(); err != nil {
		return "", err
	}
	own := lookupOwner()
	dir := l.QMgrDir(e)
	logDir := strings.TrimSuffix(ini.Log.LogPath, "/")
	for _, parent := range []string{filepath.Dir(dir), filepath.Dir(logDir)} {
		if err := mkdir(parent, modeRootDir, own, true); err != nil {
			return "", err
		}
	}
	if err := mkdir(dir, modeQMDir, own, false); err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	if err := mkdir(logDir, modeQMDir, own, false); err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(logDir)
		}
	}()
	if err := populate(dir, logDir, ini, own); err != nil {
		return "", err
	}
	return dir, nil
}

// fillPaths sets the log and exit paths that ini leaves empty.
func (l Layout) fillPaths(e Entry, ini *QMIni) {
	if ini.Log.LogPath == "" {
		ini.Log.LogPath = l.QMgrLogDir(e) + "/"
	}
	if ini.ExitPath.ExitsDefaultPath == "" {
		ini.ExitPath.ExitsDefaultPath = l.ExitsDir()
	}
	if ini.ExitPath.ExitsDefaultPath64 == "" {
		ini.ExitPath.ExitsDefaultPath64 = l.Exits64Dir()
	}
}

// populate fills a new data directory and log directory.
func populate(dir, logDir string, ini QMIni, own owner) error {
	if err := mkdir(filepath.Join(logDir, activeLogDir), modeQMDir, own, false); err != nil {
		return err
	}
	for _, sub := range qmgrSubdirs() {
		if err := mkdir(filepath.Join(dir, sub), modeQMDir, own, false); err != nil {
			return err
		}
	}
	if err := writeNew(filepath.Join(dir, QMIniFile), ini.File().Bytes(), modeFile, own); err != nil {
		return err
	}
	now := time.Now()
	status := statusFile(Status{State: StateEndedImmediately, Changed: now})
	if err := writeNew(filepath.Join(dir, StatusFile), status.Bytes(), modeFile, own); err != nil {
		return err
	}
	return writeNew(filepath.Join(dir, LockFile), nil, modeFile, own)
}

// RemoveQMgrTree deletes the data directory of e and its log directory:
// log/<dir> below the root and, when qm.ini names another LogPath whose last
// element is the queue manager's directory name, that one too. Missing
// directories are not an error.
func (l Layout) RemoveQMgrTree(e Entry) error {
	e = l.complete(e)
	dir := l.QMgrDir(e)
	logDirs := []string{l.QMgrLogDir(e)}
	if ini, err := ReadQMIni(filepath.Join(dir, QMIniFile)); err == nil {
		p := filepath.Clean(ini.Log.LogPath)
		if filepath.IsAbs(p) && filepath.Base(p) == e.Directory && p != logDirs[0] {
			logDirs = append(logDirs, p)
		}
	}
	var errs []error
	for _, d := range append([]string{dir}, logDirs...) {
		if err := os.RemoveAll(d); err != nil {
			errs = append(errs, fmt.Errorf("qmdir: remove %s: %w", d, err))
		}
	}
	return errors.Join(errs...)
}
