package store

import (
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DefaultTimeout is how long Open waits for another process's lock on
// the file when Options.Timeout is zero.
const DefaultTimeout = time.Second

// formatVersion is the layout version written to meta/format.
const formatVersion = "1"

// Bucket and key names of the file layout (see the package doc).
var (
	bucketMeta    = []byte("meta")
	bucketObjects = []byte("objects")
	keyFormat     = []byte("format")
)

// Options configure Open. A nil *Options is the same as a zero Options.
type Options struct {
	// Timeout is how long Open waits while another process holds the
	// file. Zero means DefaultTimeout.
	Timeout time.Duration

	// OpenFile opens the database file; nil means os.OpenFile. Tests use
	// it to inject failures.
	OpenFile func(name string, flag int, perm os.FileMode) (*os.File, error)

	// NoSync skips fsync on commit. Only for tests: a crash may lose or
	// corrupt committed data.
	NoSync bool
}

// initialMmapSize is the size bbolt first maps the store file with.
const initialMmapSize = 1 << 30

// Store is an open store file. Its methods are safe for concurrent use;
// bbolt serialises writers and lets readers run beside them.
type Store struct {
	db        *bolt.DB
	objectGen atomic.Uint64 // see ObjectGeneration
}

// Open opens the store file at path, creating it (mode 0660) and its
// top-level buckets if needed.
func Open(path string, opts *Options) (*Store, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	db, err := openBolt(path, &bolt.Options{
		Timeout:  o.Timeout,
		OpenFile: o.OpenFile,
		NoSync:   o.NoSync,
		// Map the file with room to grow: every time bbolt has to map it
		// again it first copies out every key and value the writer holds,
		// which under a steady flow of checkpoints cost a third of the
		// queue manager's CPU (mqbench -channels). Address space only:
		// the file itself grows as pages are used.
		InitialMmapSize: initialMmapSize,
		// NoFreelistSync stays off: with it bbolt rebuilds the free list
		// at open in a goroutine of its own, where a damaged file panics
		// beyond recovery.
	})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s", ErrLocked, path)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{db: db}
	if err := db.Update(initLayout); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return s, nil
}

// initLayout creates the top-level buckets and checks the format version.
func initLayout(tx *bolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	switch v := meta.Get(keyFormat); {
	case v == nil:
		if err := meta.Put(keyFormat, []byte(formatVersion)); err != nil {
			return err
		}
	case string(v) != formatVersion:
		return fmt.Errorf("%w: version %q", ErrFormat, v)
	}
	_, err = tx.CreateBucketIfNotExists(bucketObjects)
	return err
}

// Close closes the file. It waits for running transactions to finish.
// Closing a closed store is a no-op.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Path returns the file name the store was opened with.
func (s *Store) Path() string { return s.db.Path() }

// openBolt opens the bbolt file, turning a panic of the library on a
// damaged file (it panics on some truncated files) into ErrCorrupt.
func openBolt(path string, opts *bolt.Options) (db *bolt.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, r)
		}
	}()
	return bolt.Open(path, 0o660, opts)
}
