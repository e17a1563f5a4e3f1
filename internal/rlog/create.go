package rlog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

const (
	activeDir = "active"
	dirPerm   = 0o770
	filePerm  = 0o660
	zeroChunk = 1 << 20
)

// lockDir opens (creating if needed) and locks the log directory. The
// returned file holds the lock until closed.
func lockDir(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return nil, fmt.Errorf("rlog: create log directory: %w", err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("rlog: open log directory: %w", err)
	}
	if err := unix.Flock(int(d.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		d.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %s", ErrLocked, dir)
		}
		return nil, fmt.Errorf("rlog: lock log directory: %w", err)
	}
	return d, nil
}

// create lays out a new log. The control file is written first under a
// temporary name, marking a creation in progress; then the zero-filled,
// synced data files; then the control file is renamed into place, so
// its presence means the log is complete.
func create(o *Options, g geometry) error {
	active := filepath.Join(o.Dir, activeDir)
	if err := os.MkdirAll(active, dirPerm); err != nil {
		return fmt.Errorf("rlog: create %s: %w", active, err)
	}
	tmp := filepath.Join(o.Dir, controlName+".tmp")
	if err := writeNewControl(o, tmp, control{geometry: g}); err != nil {
		return err
	}
	if err := syncDir(o.Dir); err != nil {
		return err
	}
	for i := range g.files() {
		if err := preallocate(o, filepath.Join(active, fileName(i)), g.fileSize()); err != nil {
			return err
		}
	}
	if err := syncDir(active); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(o.Dir, controlName)); err != nil {
		return fmt.Errorf("rlog: install %s: %w", controlName, err)
	}
	if err := syncDir(o.Dir); err != nil {
		return err
	}
	return syncDir(filepath.Dir(filepath.Clean(o.Dir)))
}

// checkCreatable refuses to lay out a new log over log files that have
// lost their control file, unless a creation was interrupted (its
// temporary control file is still there).
func checkCreatable(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, controlName+".tmp")); err == nil {
		return nil
	}
	found, err := filepath.Glob(filepath.Join(dir, activeDir, "S*.LOG"))
	if err != nil {
		return fmt.Errorf("rlog: %w", err)
	}
	if len(found) > 0 {
		return fmt.Errorf("%w: %s is missing but %d log files exist in %s",
			ErrControl, controlName, len(found), filepath.Join(dir, activeDir))
	}
	return nil
}

// preallocate writes size zero bytes to a new file and syncs it.
func preallocate(o *Options, name string, size int64) error {
	f, err := o.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, filePerm)
	if err != nil {
		return fmt.Errorf("rlog: create log file: %w", err)
	}
	zero := make([]byte, min(size, zeroChunk))
	for off := int64(0); off < size; off += int64(len(zero)) {
		n := min(int64(len(zero)), size-off)
		if _, err := f.WriteAt(zero[:n], off); err != nil {
			f.Close()
			return fmt.Errorf("rlog: preallocate %s: %w", name, err)
		}
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("rlog: sync %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("rlog: close %s: %w", name, err)
	}
	return nil
}

// writeNewControl creates a control file holding c in both slots.
func writeNewControl(o *Options, name string, c control) error {
	f, err := o.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, filePerm)
	if err != nil {
		return fmt.Errorf("rlog: create control file: %w", err)
	}
	for slot := range controlSlots {
		c.seq = uint64(slot)
		if err := writeControl(f, c); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// syncDir fsyncs a directory so entries created in it are durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("rlog: open directory for sync: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("rlog: sync directory %s: %w", dir, err)
	}
	return nil
}
