package rlog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Log is an open recovery log. Its methods are safe for concurrent use;
// see the package doc for the locking rules.
type Log struct {
	geo  geometry
	sp   *space
	dir  *os.File // holds the directory lock
	path string

	// ckptMu serialises Checkpoint, Replay and Close's final control
	// write. Taken before mu, never while holding it.
	ckptMu sync.Mutex
	ctlF   File    // control file; written only under ckptMu
	ctl    control // last control record made durable; under ckptMu

	// mu guards everything below. It is never held across I/O.
	mu         sync.Mutex
	idle       sync.Cond // signalled when syncing becomes false
	open       *batch    // records waiting for the next write
	syncing    bool      // a goroutine owns the write+sync role
	closed     bool
	broken     error         // sticky cause after a failed sync
	corrupt    *CorruptError // damage found by Open's scan
	durable    LSN           // end of the last durable batch (page aligned)
	scan       LSN           // oldest byte that must be kept (persisted)
	checkpoint LSN           // records before it are released
	starts     lsnQueue      // starts of durable batches at or after scan
	free       [][]byte      // batch buffers for reuse
	running    int           // goroutines running AppendAsync completions
	stats      Stats

	kick chan struct{} // wakes the committer; buffered 1
	// laterDue is set while a timer will kick the committer for
	// AppendLater records; guarded by mu.
	laterDue bool
	quit     chan struct{}  // closed by Close to stop the committer
	wg       sync.WaitGroup // the committer
}

// Stats are counters and positions of an open log.
type Stats struct {
	Capacity   int64 // bytes of circular space (primary + secondary files)
	Primary    int64 // bytes in the primary files
	Used       int64 // bytes from the replay start to the end of pending records
	Checkpoint LSN   // current checkpoint
	End        LSN   // durable end: the next batch starts here
	Syncs      uint64
	Batches    uint64
	Records    uint64
	Bytes      uint64        // bytes written to the data files, padding included
	SyncTime   time.Duration // time spent in batch writes and syncs
}

// Open opens the log in opts.Dir, creating and preallocating it when
// the directory holds neither a control file nor log files (or only an
// interrupted creation); log files without a control file are refused
// with ErrControl. It scans the log from the last
// checkpoint to find its end. Damage that cannot be a torn tail does
// not fail Open: Replay reports it (as *CorruptError) after delivering
// the records before it, and the log then refuses appends.
func Open(opts Options) (*Log, error) {
	o := opts
	if o.Dir == "" {
		return nil, errors.New("rlog: Options.Dir is empty")
	}
	if o.OpenFile == nil {
		o.OpenFile = OpenOSFile
	}
	dir, err := lockDir(o.Dir)
	if err != nil {
		return nil, err
	}
	l, err := openLocked(&o, dir)
	if err != nil {
		dir.Close()
		return nil, err
	}
	return l, nil
}

func openLocked(o *Options, dir *os.File) (*Log, error) {
	ctlPath := filepath.Join(o.Dir, controlName)
	if _, err := os.Stat(ctlPath); errors.Is(err, os.ErrNotExist) {
		if err := checkCreatable(o.Dir); err != nil {
			return nil, err
		}
		g, err := o.creationGeometry()
		if err != nil {
			return nil, err
		}
		if err := create(o, g); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("rlog: %w", err)
	}
	ctlF, err := o.OpenFile(ctlPath, os.O_RDWR, filePerm)
	if err != nil {
		return nil, fmt.Errorf("rlog: open control file: %w", err)
	}
	l, err := openWithControl(o, dir, ctlF)
	if err != nil {
		ctlF.Close()
		return nil, err
	}
	return l, nil
}

func openWithControl(o *Options, dir *os.File, ctlF File) (*Log, error) {
	ctl, err := readControl(ctlF)
	if err != nil {
		return nil, err
	}
	if err := o.matches(ctl.geometry); err != nil {
		return nil, err
	}
	sp, err := openFiles(o, ctl.geometry)
	if err != nil {
		return nil, err
	}
	l := &Log{geo: ctl.geometry, sp: sp, dir: dir, path: o.Dir, ctlF: ctlF, ctl: ctl,
		scan: ctl.scan, checkpoint: ctl.checkpoint,
		kick: make(chan struct{}, 1), quit: make(chan struct{})}
	l.idle.L = &l.mu
	if err := l.recover(); err != nil {
		sp.close()
		return nil, err
	}
	l.wg.Add(1)
	go l.committer()
	return l, nil
}

// openFiles opens every data file and checks its size by reading its
// last byte.
func openFiles(o *Options, g geometry) (*space, error) {
	sp := &space{fileSize: g.fileSize(), capacity: g.capacity(), syncHook: o.SyncHook}
	for i := range g.files() {
		name := filepath.Join(o.Dir, activeDir, fileName(i))
		f, err := o.OpenFile(name, os.O_RDWR, filePerm)
		if err != nil {
			sp.close()
			return nil, fmt.Errorf("%w: open log file: %w", ErrControl, err)
		}
		sp.files = append(sp.files, f)
		var last [1]byte
		if _, err := f.ReadAt(last[:], g.fileSize()-1); err != nil {
			sp.close()
			return nil, fmt.Errorf("%w: log file %s shorter than %d bytes: %w",
				ErrControl, fileName(i), g.fileSize(), err)
		}
	}
	return sp, nil
}

// recover scans from the replay start, sets the end and the batch
// starts, and records damage for Replay. It then syncs every data file:
// a batch written but not synced before a crash counts as intact and
// will be replayed, so it must be durable before anything is logged
// after it (a later batch in another file would otherwise be synced
// alone, and a power loss would leave a hole).
func (l *Log) recover() error {
	end, starts, cerr, err := l.findEnd(l.ctl)
	if err != nil {
		return err
	}
	if err := l.sp.syncAll(); err != nil {
		return err
	}
	l.durable = end
	l.starts = starts
	l.corrupt = cerr
	l.open = l.newBatchLocked(end)
	return nil
}

// Close waits for the write in progress, the records queued behind it
// and their AppendAsync completions, stops the committer goroutine,
// records the durable end in the control file and releases the files
// and the directory lock. Later calls return nil.
func (l *Log) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	for l.syncing || l.open.n > 0 || l.running > 0 {
		l.idle.Wait()
	}
	healthy := l.broken == nil && l.corrupt == nil
	durable := l.durable
	l.mu.Unlock()
	close(l.quit)
	l.wg.Wait()

	l.ckptMu.Lock()
	defer l.ckptMu.Unlock()
	var errs []error
	if healthy && durable != l.ctl.end {
		c := l.ctl
		c.seq++
		c.end = durable
		errs = append(errs, writeControl(l.ctlF, c))
	}
	errs = append(errs, l.sp.close(), l.ctlF.Close(), l.dir.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("rlog: close: %w", err)
	}
	return nil
}

// Stats returns the log's counters and positions.
func (l *Log) Stats() Stats {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.stats
	s.Capacity = l.geo.capacity()
	s.Primary = l.geo.primarySize()
	s.Used = l.usedLocked()
	s.Checkpoint = l.checkpoint
	s.End = l.durable
	return s
}

// End returns the durable end of the log: every record acknowledged so
// far lies before it. Checkpoint(End()) releases everything.
func (l *Log) End() LSN {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.durable
}

// Full reports whether the unreleased records leave no room for even a
// one-page batch, so that Append of a small record fails with
// ErrLogFull unless it fits in the padding of a batch already queued.
func (l *Log) Full() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.usedLocked()+PageSize > l.geo.capacity()
}

// usedLocked is the space from the replay start to the end of the
// queued batch, rounded to pages.
func (l *Log) usedLocked() int64 {
	return int64(l.open.start-l.scan) + roundUp(int64(len(l.open.buf)))
}

// usableLocked returns why the log cannot take new work, if it cannot.
func (l *Log) usableLocked() error {
	switch {
	case l.closed:
		return ErrClosed
	case l.corrupt != nil:
		return l.corrupt
	case l.broken != nil:
		return fmt.Errorf("%w: %w", ErrBroken, l.broken)
	}
	return nil
}
