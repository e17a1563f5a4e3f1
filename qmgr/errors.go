package qmgr

import "errors"

// Life-cycle errors.
var (
	// ErrNotFound is returned when no queue manager of that name exists
	// (IBM's AMQ8118E).
	ErrNotFound = errors.New("qmgr: queue manager does not exist")
	// ErrRunning is returned by Start and Delete when the queue manager is
	// already running (strmqm and dltmqm exit 5).
	ErrRunning = errors.New("qmgr: queue manager running")
	// ErrDamaged is returned by Start when the store fails its consistency
	// check; the queue manager refuses to start rather than lose data.
	ErrDamaged = errors.New("qmgr: queue manager data damaged")
)
