package qmgr

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/gomqm/gomqm/channel"
	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/ssl"
)

// TLS of the sending ends of message channels. A sender or server whose
// definition has SSLCIPH dials its partner through InitiateTLS: a failed
// handshake is logged once with its AMQ96xx id and reaches package
// channel marked channel.ErrLogged, so the channel goes to RETRYING
// without an AMQ9202E on top. With TLS 1.3 the partner rejects this end
// only after the handshake, so the first read of the connection is
// classified by the session and logged the same way.

// senderDialTimeout bounds the TCP connect of a sending channel.
const senderDialTimeout = 20 * time.Second

// senderDial returns the SenderOptions.Dial of sending channel name: TCP,
// then TLS when the definition (read at each attempt, so an ALTER applies
// at the next retry) has SSLCIPH. onSession receives the TLS session of
// each connection made, nil for a plain one.
func (qm *QueueManager) senderDial(name string, onSession func(*ssl.Session)) func(context.Context, string) (net.Conn, error) {
	return func(ctx context.Context, address string) (net.Conn, error) {
		d := &net.Dialer{Timeout: senderDialTimeout}
		nc, err := d.DialContext(ctx, "tcp", address)
		if err != nil {
			return nil, err
		}
		def, ok, err := objects.Load(qm.store, objects.TypeChannel, name)
		if err != nil || !ok {
			return nc, nil // the channel reports the missing definition
		}
		if onSession != nil {
			onSession(nil) // until this attempt's handshake is done
		}
		tc, s, err := qm.InitiateTLS(ctx, nc, &def)
		if err != nil {
			nc.Close()
			return nil, loggedTLSError(err)
		}
		if onSession != nil {
			onSession(s)
		}
		if s == nil {
			return nc, nil
		}
		return &firstReadConn{Conn: tc, qm: qm, session: s, channel: name, host: remoteIP(nc)}, nil
	}
}

// loggedTLSError marks a TLS failure LogTLSError has written to the error
// log, carrying its id for the channel's *Error. The cause is kept as text
// only: a reader that takes io.EOF for a partner's orderly close must not
// see one in it.
func loggedTLSError(err error) error {
	ce := &channel.Error{ID: amqmsg.AMQ9999E, Err: errors.New(err.Error())}
	var se *ssl.Error
	if errors.As(err, &se) {
		ce.ID, ce.Inserts = se.ID, se.Inserts()
	}
	return fmt.Errorf("%w: %w", channel.ErrLogged, ce)
}

// firstReadConn is a sender's TLS connection whose reads fail, until one
// has succeeded, as the session classifies them: an alert the partner
// sends after a TLS 1.3 handshake (it did not trust this end's
// certificate, its SSLPEER did not match) is logged with its AMQ id.
type firstReadConn struct {
	net.Conn
	qm      *QueueManager
	session *ssl.Session
	channel string
	host    string

	decided bool // the first read is over: later failures are the channel's
}

// Read reads from the TLS session; only the goroutine running the
// channel reads.
func (c *firstReadConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if c.decided {
		return n, err
	}
	c.decided = true
	var ne net.Error
	if err == nil || n > 0 || errors.Is(err, net.ErrClosed) || (errors.As(err, &ne) && ne.Timeout()) {
		return n, err // data, or the channel is stopping or waited too long
	}
	e := c.session.Classify(err)
	c.qm.LogTLSError(e, c.channel, c.host)
	return n, loggedTLSError(e)
}
