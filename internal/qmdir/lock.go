package qmdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// Lock is the instance lock of a running queue manager.
type Lock struct {
	f *os.File
}

// acquireTries and acquirePause let AcquireLock ride out the moment in which
// QueryStatus, run by dspmq, briefly holds a shared lock to test the file.
const (
	acquireTries = 10
	acquirePause = 10 * time.Millisecond
)

// AcquireLock takes the instance lock of the queue manager whose data
// directory is qmDir and records the process id in the lock file. It
// returns ErrLocked when the queue manager is already running. The lock
// lasts until Release or the end of the process, however it ends.
func AcquireLock(qmDir string) (*Lock, error) {
	f, err := openLockFile(filepath.Join(qmDir, LockFile))
	if err != nil {
		return nil, err
	}
	for try := 1; ; try++ {
		err = flock(f, false)
		if !errors.Is(err, unix.EWOULDBLOCK) || try == acquireTries {
			break
		}
		time.Sleep(acquirePause)
	}
	switch {
	case errors.Is(err, unix.EWOULDBLOCK):
		f.Close()
		return nil, fmt.Errorf("qmdir: %s: %w", qmDir, ErrLocked)
	case err != nil:
		f.Close()
		return nil, fmt.Errorf("qmdir: lock %s: %w", qmDir, err)
	}
	if err := recordPID(f); err != nil {
		f.Close()
		return nil, err
	}
	return &Lock{f: f}, nil
}

func recordPID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return fmt.Errorf("qmdir: %w", err)
	}
	if _, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0); err != nil {
		return fmt.Errorf("qmdir: %w", err)
	}
	return nil
}

// Release gives the lock up. Calling it again does nothing.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := funlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	if err != nil {
		return fmt.Errorf("qmdir: release lock: %w", err)
	}
	return nil
}

// lockHeld reports whether any open file (in this or another process) holds
// the instance lock of qmDir. It opens the file afresh, so its own test
// conflicts with a lock held through another descriptor of this process.
func lockHeld(qmDir string) (bool, error) {
	f, err := os.Open(filepath.Join(qmDir, LockFile))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("qmdir: %w", err)
	}
	defer f.Close()
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_SH|unix.LOCK_NB)
		if err != unix.EINTR {
			break
		}
	}
	switch {
	case errors.Is(err, unix.EWOULDBLOCK):
		return true, nil
	case err != nil:
		return false, fmt.Errorf("qmdir: test lock %s: %w", qmDir, err)
	}
	_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return false, nil
}
