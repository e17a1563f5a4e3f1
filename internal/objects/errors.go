package objects

import "errors"

// Errors a Runtime returns to the executor.
var (
	// ErrInUse is returned by Runtime.ClearQueue and Runtime.QueueDeleted
	// when the queue is open or has uncommitted messages.
	ErrInUse = errors.New("objects: object in use")

	// ErrNotEmpty is returned by Runtime.QueueDeleted when the queue has
	// messages and purge was not requested.
	ErrNotEmpty = errors.New("objects: queue not empty")
)

// Errors of the store helpers.
var (
	// ErrBadRecord is returned when a stored record does not decode to an
	// object with a type and a name.
	ErrBadRecord = errors.New("objects: invalid object record")
)
