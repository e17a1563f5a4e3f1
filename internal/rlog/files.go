package rlog

import (
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// File is what the log needs from an open log or control file. Sync
// must make the written data durable (fdatasync is enough: the files
// never change size after creation).
type File interface {
	io.ReaderAt
	io.WriterAt
	Sync() error
	Close() error
}

// osFile is the default File: positioned reads and writes and
// fdatasync straight on the descriptor.
type osFile struct {
	f  *os.File
	fd int
}

// OpenOSFile is the default Options.OpenFile: os.OpenFile, with Sync
// done by fdatasync(2). Fault-injecting tests wrap it.
func OpenOSFile(name string, flag int, perm os.FileMode) (File, error) {
	f, err := os.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return &osFile{f: f, fd: int(f.Fd())}, nil
}

func (o *osFile) WriteAt(p []byte, off int64) (int, error) {
	done := 0
	for done < len(p) {
		n, err := unix.Pwrite(o.fd, p[done:], off+int64(done))
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return done, &os.PathError{Op: "pwrite", Path: o.f.Name(), Err: err}
		}
		done += n
	}
	return done, nil
}

func (o *osFile) ReadAt(p []byte, off int64) (int, error) {
	done := 0
	for done < len(p) {
		n, err := unix.Pread(o.fd, p[done:], off+int64(done))
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return done, &os.PathError{Op: "pread", Path: o.f.Name(), Err: err}
		}
		if n == 0 {
			return done, io.EOF
		}
		done += n
	}
	return done, nil
}

func (o *osFile) Sync() error {
	for {
		err := unix.Fdatasync(o.fd)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return &os.PathError{Op: "fdatasync", Path: o.f.Name(), Err: err}
		}
		return nil
	}
}

func (o *osFile) Close() error { return o.f.Close() }

// space is the circular log space laid over the data files end to end.
// LSN n lives at byte n mod capacity of the concatenation.
type space struct {
	files    []File
	fileSize int64
	capacity int64
	syncHook func() error
}

// each calls fn for the pieces of [lsn, lsn+n) in file order, split at
// file boundaries and at the wrap from the last file to the first.
func (s *space) each(lsn LSN, n int, fn func(file int, off int64, lo, hi int) error) error {
	pos := int64(uint64(lsn) % uint64(s.capacity))
	for lo := 0; lo < n; {
		file, off := int(pos/s.fileSize), pos%s.fileSize
		hi := min(n, lo+int(s.fileSize-off))
		if err := fn(file, off, lo, hi); err != nil {
			return err
		}
		pos = (pos + int64(hi-lo)) % s.capacity
		lo = hi
	}
	return nil
}

// writeAt writes p at lsn.
func (s *space) writeAt(p []byte, lsn LSN) error {
	return s.each(lsn, len(p), func(file int, off int64, lo, hi int) error {
		if _, err := s.files[file].WriteAt(p[lo:hi], off); err != nil {
			return fmt.Errorf("rlog: write log file %d at %d: %w", file, off, err)
		}
		return nil
	})
}

// readAt fills p from lsn.
func (s *space) readAt(p []byte, lsn LSN) error {
	return s.each(lsn, len(p), func(file int, off int64, lo, hi int) error {
		if _, err := s.files[file].ReadAt(p[lo:hi], off); err != nil {
			return fmt.Errorf("rlog: read log file %d at %d: %w", file, off, err)
		}
		return nil
	})
}

// sync makes [lsn, lsn+n) durable: one sync per file touched.
func (s *space) sync(lsn LSN, n int) error {
	last := -1
	return s.each(lsn, n, func(file int, _ int64, _, _ int) error {
		if file == last {
			return nil
		}
		last = file
		if s.syncHook != nil {
			if err := s.syncHook(); err != nil {
				return fmt.Errorf("rlog: sync log file %d: %w", file, err)
			}
		}
		if err := s.files[file].Sync(); err != nil {
			return fmt.Errorf("rlog: sync log file %d: %w", file, err)
		}
		return nil
	})
}

// syncAll syncs every data file.
func (s *space) syncAll() error {
	for i := range s.files {
		if err := s.sync(LSN(int64(i)*s.fileSize), 1); err != nil {
			return err
		}
	}
	return nil
}

func (s *space) close() error {
	var errs []error
	for _, f := range s.files {
		errs = append(errs, f.Close())
	}
	return errors.Join(errs...)
}

// fileName is the name of data file i under the log directory, IBM
// style: active/S0000000.LOG onwards.
func fileName(i int) string { return fmt.Sprintf("S%07d.LOG", i) }
