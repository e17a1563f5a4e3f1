package store

import "errors"

// Errors of Open.
var (
	// ErrLocked is returned by Open when another process holds the file
	// open for longer than Options.Timeout.
	ErrLocked = errors.New("store: file is locked by another process")

	// ErrFormat is returned by Open when the file was written with a
	// layout version this package does not know.
	ErrFormat = errors.New("store: unknown file format")
)

// Errors of the object operations.
var (
	// ErrBadKey is returned when an object type or name is empty or
	// longer than MaxKeyLen bytes.
	ErrBadKey = errors.New("store: invalid object type or name")
)

// Errors of Check.
var (
	// ErrCorrupt is returned (wrapped, with details joined) by Check when
	// the file or one of its records breaks an invariant.
	ErrCorrupt = errors.New("store: inconsistent data")
)
