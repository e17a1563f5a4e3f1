package errlog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
)

// DefaultMaxSize is the rotation size used when Options.MaxSize is 0:
// 32 MiB, IBM MQ's default ErrorLogSize since 9.0.4 (2 MiB before).
const DefaultMaxSize = 32 << 20

// File names used in a log directory.
const (
	FileName  = "AMQERR01.LOG"
	lockName  = "AMQERR.LCK"
	fileMode  = 0o660
	keepFiles = 3
)

// Options describe the writer; they appear in the header of every entry.
type Options struct {
	// MaxSize is the size AMQERR01.LOG may reach before it is rotated.
	// 0 means DefaultMaxSize.
	MaxSize int64
	// Program is the program name shown as Program(...); default: the
	// base name of the running executable.
	Program string
	// QMgr is the queue manager name; empty for the system-wide log, in
	// which case no QMgr(...) is written.
	QMgr string
	// Host defaults to the host name of the machine.
	Host string
	// Installation defaults to "Installation1".
	Installation string
	// VRMF is the product version, e.g. "9.4.0.0".
	VRMF string
	// User defaults to the name of the user running the process.
	User string
	// Now returns the time stamp of an entry; default time.Now. Useful for
	// tests.
	Now func() time.Time
}

// Entry is one message to log.
type Entry struct {
	ID           amqmsg.ID
	Inserts      []string // text inserts, also written as CommentInsert1..n
	ArithInserts []int64  // written as ArithInsert1..n
	RemoteHost   string   // written as RemoteHost(...) when not empty
	SourceFile   string   // for the separator line; default: the caller of Write
	SourceLine   int
}

// Log appends entries to AMQERR01.LOG in one directory.
type Log struct {
	dir  string
	opts Options
	pid  int

	mu   sync.Mutex // serialises writers of this process; held with the flock
	lock *os.File   // AMQERR.LCK, flocked around each write; guarded by mu
}

// Open prepares a Log for dir, which must exist. It creates the lock file.
func Open(dir string, opts Options) (*Log, error) {
	opts = withDefaults(opts)
	lock, err := openMode(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE)
	if err != nil {
		return nil, fmt.Errorf("errlog: open %s: %w", dir, err)
	}
	return &Log{dir: dir, opts: opts, pid: os.Getpid(), lock: lock}, nil
}

func withDefaults(o Options) Options {
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.Program == "" {
		o.Program = filepath.Base(os.Args[0])
	}
	if o.Host == "" {
		o.Host, _ = os.Hostname()
	}
	if o.Installation == "" {
		o.Installation = "Installation1"
	}
	if o.User == "" {
		o.User = currentUser()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

func currentUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return strconv.Itoa(os.Getuid())
}

// Dir returns the directory the log writes to.
func (l *Log) Dir() string { return l.dir }

// Close releases the lock file. Writes after Close fail.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lock == nil {
		return nil
	}
	err := l.lock.Close()
	l.lock = nil
	return err
}

// ErrClosed is returned by Write after Close.
var ErrClosed = errors.New("errlog: log closed")

// Write appends one entry, rotating the files first if needed.
func (l *Log) Write(e Entry) error {
	if e.SourceFile == "" {
		if _, file, line, ok := runtime.Caller(1); ok {
			e.SourceFile, e.SourceLine = filepath.Base(file), line
		}
	}
	data := render(e, header{
		now: l.opts.Now(), pid: l.pid, user: l.opts.User, program: l.opts.Program,
		host: l.opts.Host, installation: l.opts.Installation, vrmf: l.opts.VRMF, qmgr: l.opts.QMgr,
	})
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lock == nil {
		return ErrClosed
	}
	if err := lockFile(l.lock); err != nil {
		return fmt.Errorf("errlog: lock %s: %w", l.dir, err)
	}
	defer unlockFile(l.lock)
	return l.appendLocked(data)
}

// appendLocked rotates if data would not fit and appends it. Caller holds
// mu and the flock.
func (l *Log) appendLocked(data []byte) error {
	cur := filepath.Join(l.dir, FileName)
	fi, err := os.Stat(cur)
	switch {
	case err == nil && fi.Size() > 0 && fi.Size()+int64(len(data)) > l.opts.MaxSize:
		if err := rotate(l.dir); err != nil {
			return err
		}
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("errlog: %w", err)
	}
	f, err := openMode(cur, os.O_WRONLY|os.O_APPEND|os.O_CREATE)
	if err != nil {
		return fmt.Errorf("errlog: %w", err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("errlog: write %s: %w", cur, err)
	}
	return nil
}

// rotate shifts AMQERR0n.LOG to n+1, dropping the last.
func rotate(dir string) error {
	for n := keepFiles - 1; n >= 1; n-- {
		from := filepath.Join(dir, fileName(n))
		to := filepath.Join(dir, fileName(n+1))
		if err := os.Rename(from, to); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("errlog: rotate: %w", err)
		}
	}
	return nil
}

func fileName(n int) string { return fmt.Sprintf("AMQERR%02d.LOG", n) }

// openMode opens path, creating it with mode 0660 whatever the umask if it
// does not exist. An existing file keeps the mode an administrator gave it.
func openMode(path string, flag int) (*os.File, error) {
	f, err := os.OpenFile(path, flag|os.O_CREATE|os.O_EXCL, fileMode)
	if err == nil {
		if err := f.Chmod(fileMode); err != nil {
			f.Close()
			return nil, err
		}
		return f, nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return nil, err
	}
	return os.OpenFile(path, flag&^os.O_CREATE, 0)
}
