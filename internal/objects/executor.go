package objects

import (
	"sync"
	"time"

	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// Runtime is the live state of the queue manager that the executor reads
// and acts on. The queue manager implements it; every method must be safe
// to call while the executor holds its own lock (the executor never calls
// back into itself).
type Runtime interface {
	// QueueStatus returns the live state of a local queue; false when the
	// queue manager has none (never opened, never used).
	QueueStatus(name string) (QueueStatus, bool)
	// Handles returns the open handles of a local queue.
	Handles(name string) []HandleStatus
	// ClearQueue removes every message of a local queue. It returns
	// ErrInUse when the queue is open or has uncommitted messages.
	ClearQueue(name string) error
	// QueueDeleted is called before DELETE QLOCAL removes the definition.
	// It returns ErrInUse when the queue is open or has uncommitted
	// messages, and ErrNotEmpty when it has messages and purge is false.
	// With purge it discards the messages.
	QueueDeleted(name string, purge bool) error
}

// QueueStatus is the live state of a local queue (DISPLAY QSTATUS
// TYPE(QUEUE), and CURDEPTH/IPPROCS/OPPROCS of DISPLAY QLOCAL).
type QueueStatus struct {
	CurDepth    int       // messages on the queue, committed or not
	IPProcs     int       // handles open for input
	OPProcs     int       // handles open for output
	Uncommitted int       // uncommitted puts and gets
	LastGet     time.Time // zero: none since start
	LastPut     time.Time // zero: none since start
	MsgAge      int       // age in seconds of the oldest message; -1 unknown
	QTimeShort  int       // recent queue time in microseconds; -1 unknown
	QTimeLong   int       // long-term queue time in microseconds; -1 unknown
	CurFSize    int       // size of the queue file in MB
	CurMaxFS    int       // current maximum size of the queue file in MB
	MediaLog    string    // log extent needed for media recovery; "" blank
}

// HandleStatus is one open handle (DISPLAY QSTATUS TYPE(HANDLE)).
type HandleStatus struct {
	ApplTag  string // APPLTAG: program name
	ApplType string // APPLTYPE: USER, SYSTEM, CHINIT ...
	ApplDesc string // APPLDESC
	Channel  string // CHANNEL: the client channel, "" for local bindings
	ConnName string // CONNAME: the client address
	UserID   string // USERID
	PID, TID int    // process and thread id
	Browse   bool   // opened for browse
	Input    string // INPUT: SHARED, EXCL or NO
	Inquire  bool   // opened for inquire
	Output   bool   // opened for output
	Set      bool   // opened for set
	AState   string // ASTATE: asynchronous consumer state, NONE when none
	HState   string // HSTATE: ACTIVE or INACTIVE
	URType   string // URTYPE: QMGR or XA
	QMURID   string // QMURID: the unit of work, "0.0" when none
}

// Result is the reply to one command.
type Result struct {
	// Lines are exactly what runmqsc prints for the command (after its
	// echo), e.g. "AMQ8006I: IBM MQ queue created.".
	Lines []string
	// Failed is set when the command was not (fully) processed.
	Failed bool
	// Reason is the MQRC/MQRCCF reason for a PCF reply, 0 when it worked.
	Reason int32
	// Err is an internal failure (the store) for the error log; nil
	// otherwise. Lines then hold the reply runmqsc shows.
	Err error
}

// Executor runs MQSC commands against the object store and the runtime.
// Execute is safe for concurrent use: commands run one at a time.
type Executor struct {
	store ObjectStore
	rt    Runtime
	qmgr  string
	now   func() time.Time

	mu sync.Mutex // serialises Execute: each command sees the previous one's effects
}

// NewExecutor returns an executor for queue manager qmgr. now supplies
// the time of CRDATE/ALTDATE stamps; nil means time.Now. rt may be nil
// when no queue manager is running (runmqsc -v style checks, tests):
// queues then show no live state and CLEAR fails with AMQ8148E.
func NewExecutor(store ObjectStore, rt Runtime, qmgr string, now func() time.Time) *Executor {
	if now == nil {
		now = time.Now
	}
	return &Executor{store: store, rt: rt, qmgr: qmgr, now: now}
}

// Execute runs one command and returns its reply.
func (e *Executor) Execute(cmd *mqsc.Command) Result {
	e.mu.Lock()
	defer e.mu.Unlock()
	lines, err := e.dispatch(cmd)
	if err != nil {
		return Result{Lines: append(lines, err.lines...), Failed: true, Reason: err.reason, Err: err.cause}
	}
	return Result{Lines: lines}
}

// dispatch runs the command's handler; lines are output produced before a
// failure (DISPLAY of several objects), err the failure.
func (e *Executor) dispatch(cmd *mqsc.Command) ([]string, *cmdError) {
	obj := cmd.Object
	if lines, err, ok := e.dispatchChannels(cmd); ok {
		return lines, err
	}
	switch cmd.Verb {
	case "DEFINE":
		if definable(obj) {
			return e.define(cmd)
		}
	case "ALTER":
		if obj == TypeQMgr {
			return e.alterQMgr(cmd)
		}
		if definable(obj) {
			return e.alter(cmd)
		}
	case "DELETE":
		if definable(obj) {
			return e.delete(cmd)
		}
	case "CLEAR":
		if obj == TypeQLocal {
			return e.clear(cmd)
		}
	case "REFRESH":
		if obj == "SECURITY" {
			return e.refreshSecurity(cmd)
		}
	case "DISPLAY":
		switch {
		case obj == TypeQMgr:
			return e.displayQMgr(cmd)
		case obj == "QSTATUS":
			return e.displayQStatus(cmd)
		case obj == "QUEUE" || definable(obj):
			return e.display(cmd)
		}
	}
	return nil, failure(mqi.MQRCCF_COMMAND_FAILED, msgNotAvailableHere)
}

// definable reports whether DEFINE/ALTER/DELETE/DISPLAY work for the
// object keyword through the generic model.
func definable(obj string) bool {
	switch obj {
	case TypeQLocal, TypeQRemote, TypeQAlias, TypeQModel, TypeProcess, TypeNamelist,
		TypeChannel, TypeListener, TypeService, TypeTopic, TypeAuthInfo, TypeCommInfo:
		return true
	}
	return false
}
