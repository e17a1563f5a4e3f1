package mqini

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile atomically replaces path with the rendered file and gives it
// mode perm exactly (the umask does not apply). When path already exists its
// owner and group are carried over where the process is allowed to.
func (f *File) WriteFile(path string, perm fs.FileMode) error {
	if err := WriteAtomic(path, f.Bytes(), perm); err != nil {
		return err
	}
	f.path = path
	return nil
}

// WriteAtomic writes data to path through a synced temporary file in the
// same directory and a rename, then syncs the directory.
func WriteAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return fmt.Errorf("mqini: write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("mqini: write %s: %w", path, err)
	}
	keepOwner(tmp, path)
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("mqini: write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("mqini: sync %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("mqini: write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("mqini: replace %s: %w", path, err)
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("mqini: sync directory %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("mqini: sync directory %s: %w", dir, err)
	}
	return nil
}
