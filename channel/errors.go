package channel

import (
	"errors"
	"strings"

	"github.com/gomqm/gomqm/internal/amqmsg"
)

// errProtocol is wrapped by failures caused by a segment the partner should
// not have sent at that point (AMQ9504E).
var errProtocol = errors.New("protocol error")

// errDisconnect ends a sender whose disconnect interval passed.
var errDisconnect = errors.New("channel: disconnect interval expired")

// ErrInUse is returned by QueueManager.OpenTransmission when another
// instance of the sender holds its transmission queue (AMQ9514E).
var ErrInUse = errors.New("channel: channel in use")

// ErrLogged marks a failure whose AMQ message the queue manager already
// wrote to the error log: a TLS failure met by SenderOptions.Dial or on
// the first read of the connection it returned. A channel that meets it
// does not log it again (no AMQ9202E or AMQ9208E on top); the *Error
// wrapped with it, if any, is what the channel returns.
var ErrLogged = errors.New("channel: failure already logged")

// alreadyLogged returns the *Error of a failure marked with ErrLogged.
func alreadyLogged(err error) (*Error, bool) {
	if !errors.Is(err, ErrLogged) {
		return nil, false
	}
	var ce *Error
	if errors.As(err, &ce) {
		return ce, true
	}
	return &Error{ID: amqmsg.AMQ9999E, Err: err}, true
}

// Error is a channel failure with the AMQ message the error log shows for
// it, such as AMQ9520E when the partner has no such channel.
type Error struct {
	ID      amqmsg.ID
	Inserts []string
	Err     error // the cause, when there is one
}

func (e *Error) Error() string {
	s := "channel: " + amqmsg.Format(e.ID, e.Inserts...)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is matches another *Error with the same message id, so that
// errors.Is(err, &channel.Error{ID: amqmsg.AMQ9526E}) tests for a
// sequence number error.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.ID == e.ID
}

// fail logs the entry and returns it as an *Error.
func fail(qm QueueManager, cause error, id amqmsg.ID, inserts ...string) *Error {
	qm.LogEntry(id, inserts...)
	return &Error{ID: id, Inserts: inserts, Err: cause}
}

// trim removes the blank padding of a fixed-length name.
func trim(s string) string { return strings.TrimRight(s, " \x00") }
