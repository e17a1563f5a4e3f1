package qmgr

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/errlog"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/internal/rlog"
	"github.com/gomqm/gomqm/internal/store"
)

// EndMode is how a queue manager ends (endmqm's -c, -i and -p).
type EndMode int

const (
	// EndControlled waits for applications to disconnect (endmqm -c, -w).
	EndControlled EndMode = iota
	// EndImmediate breaks connections now; uncommitted work is backed
	// out (endmqm -i).
	EndImmediate
	// EndPreemptive is EndImmediate without waiting for anything
	// (endmqm -p).
	EndPreemptive
)

// StartOptions are the settings of Start.
type StartOptions struct {
	// Progress receives strmqm's start-up lines (log replay and so on).
	Progress func(string)
	// Program names the process in error-log entries (strmqm).
	Program string
	// MessageChannels serves inbound message channels (RCVR, RQSTR ...)
	// that a listener accepts; nil: the queue manager's own receiving
	// channel agents (channels.go). Tests replace it.
	MessageChannels MessageChannelHandler
}

// QueueManager is a running queue manager. Its exported methods are safe
// for concurrent use.
type QueueManager struct {
	name    string
	layout  qmdir.Layout
	dir     string
	lock    *qmdir.Lock
	log     *errlog.Log
	store   *store.Store
	rlog    *rlog.Log
	persist *persister
	exec    *objects.Executor
	queues  *queueTable
	defs    queueDefCache // queue definitions (runtime.go)
	nextSeq atomic.Uint64 // sequence numbers of messages

	listener net.Listener
	chl      *channelServer // TCP listeners and client channels (listener.go)
	tls      tlsState       // key store and key log of TLS channels (tls.go)

	state    atomic.Int32  // a qmState
	quiesce  chan struct{} // closed when the queue manager starts to end
	quit     chan struct{} // closed when connections are being broken
	done     chan struct{} // closed when the queue manager has ended
	stopOnce sync.Once
	wg       sync.WaitGroup // every goroutine the queue manager owns

	connMu sync.Mutex // guards conns
	conns  map[*conn]struct{}

	syncLocks syncLocks      // channel synchronisation records (chsync.go)
	receivers receiverClaims // one instance per receiving channel (mca.go)
	chans     channelRuns    // running channels (channels.go)

	qmgrObjMu sync.Mutex                // serialises reloads of qmgrObj
	qmgrObj   atomic.Pointer[qmgrCache] // the QMGR object, cached for qmgrInt and qmgrString (recover.go)

	depthEvents chan depthEvent // queue depth events for runDepthEvents (events.go)

	// noFinalCheckpoint makes the end leave the log unreplayed, as a
	// killed process does (tests of recovery).
	noFinalCheckpoint bool
}

type qmState int32

const (
	stateRunning qmState = iota
	stateQuiescing
	stateEnding
)

// Start starts the queue manager called name under layout. It fails with
// ErrNotFound if it does not exist, ErrRunning if another process runs it
// and ErrDamaged if its data fails the consistency check.
func Start(layout qmdir.Layout, name string, opts StartOptions) (*QueueManager, error) {
	progress := opts.Progress
	if progress == nil {
		progress = func(string) {}
	}
	entry, ok, err := layout.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("qmgr: read mqs.ini: %w", err)
	}
	if !ok {
		return nil, ErrNotFound
	}
	dir := filepath.Join(layout.QMgrsDir(), entry.Directory)
	lock, err := qmdir.AcquireLock(dir)
	if err != nil {
		if errors.Is(err, qmdir.ErrLocked) {
			return nil, ErrRunning
		}
		return nil, fmt.Errorf("qmgr: lock %s: %w", dir, err)
	}
	qm := &QueueManager{
		name: name, layout: layout, dir: dir, lock: lock,
		quit: make(chan struct{}), done: make(chan struct{}), quiesce: make(chan struct{}),
		conns:       map[*conn]struct{}{},
		depthEvents: make(chan depthEvent, depthEventBacklog),
	}
	qm.chl = newChannelServer(qm, opts.MessageChannels)
	if err := qm.open(opts, progress); err != nil {
		qm.closeResources()
		return nil, err
	}
	return qm, nil
}

func (qm *QueueManager) open(opts StartOptions, progress func(string)) error {
	ini, err := qmdir.ReadQMIni(filepath.Join(qm.dir, "qm.ini"))
	if err != nil {
		return fmt.Errorf("qmgr: read qm.ini: %w", err)
	}
	if err := qmdir.WriteStatus(qm.dir, qmdir.Status{State: "Starting", PID: os.Getpid(), Started: time.Now(), Changed: time.Now()}); err != nil {
		return fmt.Errorf("qmgr: write status: %w", err)
	}
	qm.log, err = errlog.Open(filepath.Join(qm.dir, "errors"), errlog.Options{
		MaxSize: ini.ErrorLogSize, Program: opts.Program, QMgr: qm.name,
		Installation: InstallationName, VRMF: VRMF, User: currentUser(),
	})
	if err != nil {
		return fmt.Errorf("qmgr: open error log: %w", err)
	}
	qm.store, err = store.Open(StorePath(qm.dir), nil)
	if err != nil {
		qm.logEntry(amqmsg.AMQ8149E, err.Error())
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if err := qm.store.Check(); err != nil {
		qm.logEntry(amqmsg.AMQ8149E, err.Error())
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	qm.queues = newQueueTable()
	qm.exec = objects.NewExecutor(qm.store, qm, qm.name, time.Now)
	qm.rlog, err = openLog(ini)
	if err != nil {
		qm.logEntry(amqmsg.AMQ7018E, err.Error())
		return fmt.Errorf("qmgr: open the recovery log: %w", err)
	}
	qm.persist = newPersister(qm.rlog, qm.store)
	qm.persist.onDiskFull = func(err error) bool {
		if !releaseReserve(qm.dir) {
			return false
		}
		qm.logEntry(amqmsg.AMQ7475W, fmt.Sprintf("the file system is full (%v); the queue manager released its %d MiB reserve so that gets can free space", err, reserveSize>>20))
		return true
	}
	qm.persist.onSpace = func() bool { return makeReserve(qm.dir) == nil }
	if err := makeReserve(qm.dir); err != nil {
		qm.logFailure("start", err)
	}
	records, err := qm.recoverMessages()
	if err != nil {
		qm.logEntry(amqmsg.AMQ7018E, err.Error())
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	progress(fmt.Sprintf("%d log records accessed on queue manager '%s' during the log replay phase.", records, qm.name))
	qm.logEntry(amqmsg.AMQ7229I, strconv.Itoa(records), qm.name)
	progress(fmt.Sprintf("Log replay for queue manager '%s' complete.", qm.name))
	qm.logEntry(amqmsg.AMQ7230I, qm.name)
	progress(fmt.Sprintf("Transaction manager state recovered for queue manager '%s'.", qm.name))
	qm.logEntry(amqmsg.AMQ7232I, qm.name)

	qm.wg.Add(1)
	go func() {
		defer qm.wg.Done()
		var lastText string
		var lastAt time.Time
		qm.persist.run(qm.quit, checkpointInterval, func(err error) {
			// A failure that repeats (a full disk) is logged once a minute.
			if err.Error() == lastText && time.Since(lastAt) < time.Minute {
				return
			}
			lastText, lastAt = err.Error(), time.Now()
			qm.logFailure("checkpoint", err)
		})
	}()
	qm.wg.Add(1)
	go func() {
		defer qm.wg.Done()
		qm.runDepthEvents()
	}()
	qm.startTLS()
	if err := qm.listen(); err != nil {
		return err
	}
	qm.startCommandServer()
	qm.chl.startAutomatic()
	qm.startedEvent() // qmevents.go
	if err := qmdir.WriteStatus(qm.dir, qmdir.Status{State: "Running", PID: os.Getpid(), Started: time.Now(), Changed: time.Now()}); err != nil {
		return fmt.Errorf("qmgr: write status: %w", err)
	}
	qm.logEntry(amqmsg.AMQ8003I, qm.name, VRMF)
	return nil
}

// Name returns the queue manager's name.
func (qm *QueueManager) Name() string { return qm.name }

// Dir returns the queue manager's data directory.
func (qm *QueueManager) Dir() string { return qm.dir }

// Done is closed once the queue manager has ended.
func (qm *QueueManager) Done() <-chan struct{} { return qm.done }

// Shutdown ends the queue manager. EndControlled waits until applications
// have disconnected or ctx expires, then ends as EndImmediate does.
// Shutdown returns once the queue manager has ended; calling it again, or
// after Close, waits for the same end.
func (qm *QueueManager) Shutdown(ctx context.Context, mode EndMode) error {
	qm.stopOnce.Do(func() { go qm.end(ctx, mode) })
	select {
	case <-qm.done:
		return nil
	case <-ctx.Done():
		<-qm.done
		return ctx.Err()
	}
}

// Close ends the queue manager immediately.
func (qm *QueueManager) Close() error {
	return qm.Shutdown(context.Background(), EndImmediate)
}

// end runs the shutdown; it is called once.
func (qm *QueueManager) end(ctx context.Context, mode EndMode) {
	final := "Ended immediately"
	close(qm.quiesce)
	qm.endingEvent(mode) // qmevents.go
	if mode == EndControlled {
		final = "Ended normally"
		qm.state.Store(int32(stateQuiescing))
		qm.writeState("Quiescing")
		qm.chl.quiesceAll()
		qm.waitForApplications(ctx)
	} else {
		qm.writeState("Ending immediately")
	}
	qm.state.Store(int32(stateEnding))
	close(qm.quit)
	if qm.listener != nil {
		qm.listener.Close()
	}
	qm.chl.closeListeners()
	qm.closeConns()
	qm.wg.Wait()
	if !qm.noFinalCheckpoint {
		if err := qm.persist.checkpoint(); err != nil {
			qm.logFailure("checkpoint", err)
		}
	}
	qm.logEntry(amqmsg.AMQ8004I, qm.name)
	_ = qmdir.WriteStatus(qm.dir, qmdir.Status{State: final, Changed: time.Now()})
	qm.closeResources()
	close(qm.done)
}

// waitForApplications waits until only administration connections remain
// or ctx ends.
func (qm *QueueManager) waitForApplications(ctx context.Context) {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for qm.applicationCount() > 0 {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (qm *QueueManager) writeState(s string) {
	_ = qmdir.WriteStatus(qm.dir, qmdir.Status{State: s, PID: os.Getpid(), Changed: time.Now()})
}

func (qm *QueueManager) closeResources() {
	qm.stopTLS()
	if qm.rlog != nil {
		qm.rlog.Close()
	}
	if qm.store != nil {
		qm.store.Close()
	}
	if qm.lock != nil {
		qm.lock.Release()
	}
}

// quiescing reports whether the queue manager is ending.
func (qm *QueueManager) quiescing() bool { return qmState(qm.state.Load()) != stateRunning }

// logEntry writes an entry to the queue manager's error log. Failures to
// write the log cannot be reported anywhere better and are dropped.
func (qm *QueueManager) logEntry(id amqmsg.ID, inserts ...string) {
	if qm.log == nil {
		return
	}
	_ = qm.log.Write(errlog.Entry{ID: id, Inserts: inserts})
}

func currentUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return strconv.Itoa(os.Getuid())
}
