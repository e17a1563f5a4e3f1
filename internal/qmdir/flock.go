package qmdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// openLockFile opens (creating with mode 0660 and the mqm owner if needed)
// a file used only for flock.
func openLockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, modeFile)
	if err == nil {
		if err := lookupOwner().chown(path); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Chmod(modeFile); err != nil {
			f.Close()
			return nil, fmt.Errorf("qmdir: %w", err)
		}
		return f, nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("qmdir: %w", err)
	}
	f, err = os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, fmt.Errorf("qmdir: %w", err)
	}
	return f, nil
}

// flock takes an exclusive lock on f, waiting for it when wait is true.
// Without wait, a held lock is unix.EWOULDBLOCK.
func flock(f *os.File, wait bool) error {
	how := unix.LOCK_EX
	if !wait {
		how |= unix.LOCK_NB
	}
	for {
		err := unix.Flock(int(f.Fd()), how)
		if err != unix.EINTR {
			return err
		}
	}
}

func funlock(f *os.File) error {
	return unix.Flock(int(f.Fd()), unix.LOCK_UN)
}
