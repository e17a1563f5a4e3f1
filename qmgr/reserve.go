package qmgr

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// reserveSize is the disk space a queue manager keeps in reserve for the
// day its file system fills up: the reserve file is deleted so that a
// checkpoint can still write the gets that free space, and made again at
// the next start.
const reserveSize = 4 << 20

// reservePath is the reserve file of the queue manager in dir.
func reservePath(dir string) string { return filepath.Join(dir, "@qmpersist", "reserve") }

// makeReserve writes the reserve file if it is missing. Failing to make
// it (the disk is full already) is not an error: the queue manager runs
// without one.
func makeReserve(dir string) error {
	path := reservePath(dir)
	if fi, err := os.Stat(path); err == nil && fi.Size() == reserveSize {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o770); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o660)
	if err != nil {
		return err
	}
	_, err = f.Write(make([]byte, reserveSize))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("qmgr: make the disk reserve: %w", err)
	}
	return nil
}

// releaseReserve deletes the reserve file; it reports whether there was
// one to release.
func releaseReserve(dir string) bool {
	return os.Remove(reservePath(dir)) == nil
}

// isDiskFull reports whether err comes from a full file system.
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
