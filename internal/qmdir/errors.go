package qmdir

import (
	"errors"
	"fmt"
)

// Errors of name validation.
var (
	// ErrInvalidName is matched (errors.Is) by the *NameError that
	// ValidateQMgrName returns for a name that is empty, longer than 48
	// characters or contains other characters than A-Z a-z 0-9 . / _ %.
	// Commands report it with AMQ7048E / exit code 72.
	ErrInvalidName = errors.New("qmdir: queue manager name not valid")
)

// Errors of registration and directory creation.
var (
	// ErrExists is returned (wrapped) by Register when the name is already
	// registered, and by CreateQMgrTree when the queue manager or log
	// directory is already there. Commands report it with AMQ8110E.
	ErrExists = errors.New("qmdir: queue manager already exists")

	// ErrNotFound is returned (wrapped) by Unregister and QueryStatus for a
	// queue manager that is not registered or has no data directory.
	// Commands report it with AMQ8118E.
	ErrNotFound = errors.New("qmdir: queue manager does not exist")

	// ErrDirsExhausted is returned by DirFor when the name and all of its
	// .000 to .999 variants are taken.
	ErrDirsExhausted = errors.New("qmdir: no free directory name")
)

// Errors of the instance lock.
var (
	// ErrLocked is returned by AcquireLock when another process (or another
	// Lock in this process) holds the queue manager lock: the queue manager
	// is running.
	ErrLocked = errors.New("qmdir: queue manager lock is held")
)

// NameError describes why a queue manager name is not valid.
type NameError struct {
	Name   string
	Reason string
}

func (e *NameError) Error() string {
	return fmt.Sprintf("qmdir: queue manager name %q: %s", e.Name, e.Reason)
}

// Is makes errors.Is(err, ErrInvalidName) true.
func (e *NameError) Is(target error) bool { return target == ErrInvalidName }
