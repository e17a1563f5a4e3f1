package rlog

import (
	"fmt"
	"os"
)

// Defaults for zero Options fields; the same as IBM MQ's qm.ini Log
// stanza defaults (LogFilePages=4096, LogPrimaryFiles=3,
// LogSecondaryFiles=2).
const (
	DefaultFilePages      = 4096
	DefaultPrimaryFiles   = 3
	DefaultSecondaryFiles = 2
)

// Limits on the geometry. IBM MQ allows 64..65535 pages per file and at
// most 511 files; smaller files are allowed here so tests can wrap the
// log quickly.
const (
	MaxFilePages = 65535
	MaxFiles     = 511
)

// PageSize is the log page size: the unit of LogFilePages and the
// alignment of every batch written.
const PageSize = 4096

// Options configure Open.
type Options struct {
	// Dir is the log directory (qm.ini LogPath, e.g. <data>/log/QM1/).
	// It holds the control file amqhlctl.lfh and active/S0000000.LOG
	// onwards. Required.
	Dir string

	// FilePages is the size of each log file in 4 KiB pages (IBM's
	// LogFilePages). Zero means DefaultFilePages when creating, and
	// "whatever the log has" when opening an existing log.
	FilePages int

	// PrimaryFiles and SecondaryFiles are IBM's LogPrimaryFiles and
	// LogSecondaryFiles. All files are preallocated when the log is
	// created; together they are the circular space. When PrimaryFiles is
	// zero both mean their defaults when creating and "as created" when
	// opening; when it is set, SecondaryFiles is taken as given (zero
	// allowed).
	PrimaryFiles, SecondaryFiles int

	// OpenFile opens the log and control files; nil means OpenOSFile.
	// Tests use it to inject write and sync failures.
	OpenFile func(name string, flag int, perm os.FileMode) (File, error)

	// SyncHook, if set, is called before every sync of a log data file.
	// An error from it counts as a failed sync (see ErrBroken).
	SyncHook func() error
}

// geometry is the shape of the circular space.
type geometry struct {
	filePages, primary, secondary int
}

func (g geometry) files() int         { return g.primary + g.secondary }
func (g geometry) fileSize() int64    { return int64(g.filePages) * PageSize }
func (g geometry) capacity() int64    { return g.fileSize() * int64(g.files()) }
func (g geometry) primarySize() int64 { return g.fileSize() * int64(g.primary) }

func (g geometry) String() string {
	return fmt.Sprintf("LogFilePages=%d LogPrimaryFiles=%d LogSecondaryFiles=%d",
		g.filePages, g.primary, g.secondary)
}

// creationGeometry applies the defaults for a new log and validates.
func (o *Options) creationGeometry() (geometry, error) {
	g := geometry{o.FilePages, o.PrimaryFiles, o.SecondaryFiles}
	if g.filePages == 0 {
		g.filePages = DefaultFilePages
	}
	if g.primary == 0 {
		g.primary = DefaultPrimaryFiles
		if o.SecondaryFiles == 0 {
			g.secondary = DefaultSecondaryFiles
		}
	}
	return g, g.validate()
}

func (g geometry) validate() error {
	switch {
	case g.filePages < 1 || g.filePages > MaxFilePages:
		return fmt.Errorf("rlog: FilePages %d not in 1..%d", g.filePages, MaxFilePages)
	case g.primary < 1:
		return fmt.Errorf("rlog: PrimaryFiles %d less than 1", g.primary)
	case g.secondary < 0:
		return fmt.Errorf("rlog: SecondaryFiles %d negative", g.secondary)
	case g.files() > MaxFiles:
		return fmt.Errorf("rlog: PrimaryFiles+SecondaryFiles %d more than %d", g.files(), MaxFiles)
	}
	return nil
}

// matches reports whether the non-zero option fields agree with g.
func (o *Options) matches(g geometry) error {
	if (o.FilePages != 0 && o.FilePages != g.filePages) ||
		(o.PrimaryFiles != 0 && o.PrimaryFiles != g.primary) ||
		(o.PrimaryFiles != 0 && o.SecondaryFiles != g.secondary) {
		want := geometry{o.FilePages, o.PrimaryFiles, o.SecondaryFiles}
		return fmt.Errorf("%w: log has %v, options ask for %v", ErrGeometry, g, want)
	}
	return nil
}
