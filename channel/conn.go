package channel

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync/atomic"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
)

// fapLevel is the protocol level a gomqm message channel speaks.
const fapLevel = 13

// productID names gomqm in the initial data ("MQMM" + VVRRMMFF).
const productID = "MQMM09040000"

// segmentOverhead is what a MESSAGE_DATA segment adds to a message: TSH,
// MSH, MQXQH and a version-2 MQMD.
const segmentOverhead = wire.TSHLength + wire.MSHLength + wire.XQHLength + 364

// order is the byte order gomqm writes (little-endian, EncNative).
var order = binary.LittleEndian

// link is one end of a message channel's TCP connection: segments framed
// by their TSH, read through a buffer.
type link struct {
	nc      net.Conn
	r       *bufio.Reader
	w       *bufio.Writer // MESSAGE_DATA waits here until a segment that needs an answer
	maxSize int           // largest segment accepted
	host    string
	stopAt  atomic.Int64 // set by stop: reads fail from then on (Unix nanoseconds)
	heard   time.Time    // when a segment last arrived; owned by the reading goroutine
}

func newLink(nc net.Conn, maxMsgLength int) *link {
	host := ""
	if a := nc.RemoteAddr(); a != nil {
		host = connName(a.String())
	}
	return &link{nc: nc, r: bufio.NewReaderSize(nc, 64<<10), w: bufio.NewWriterSize(nc, 64<<10),
		maxSize: maxMsgLength + segmentOverhead + 4096, host: host}
}

// connName writes a network address host:port as IBM's messages show a
// partner, host(port).
func connName(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return addr
	}
	return host + "(" + port + ")"
}

// send writes one segment. The messages of a batch are buffered and go
// out with the one that asks for confirmation (or any other segment), so
// that a batch costs few system calls.
func (l *link) send(t wire.SegmentType, flags uint8, luwid [8]byte, body []byte) error {
	s := &wire.Segment{TSH: wire.TSH{Type: t, Flags1: flags | wire.Flag1First | wire.Flag1Last, LUWID: luwid,
		Encoding: wire.EncNative, CCSID: wire.CCSIDUTF8}, Body: body}
	err := wire.WriteSegment(l.w, s)
	if err == nil && (t != wire.SegMessageData || flags&wire.Flag1ConfirmRequest != 0) {
		err = l.w.Flush()
	}
	if err != nil {
		return &commsError{send: true, host: l.host, err: err}
	}
	return nil
}

// sendStatus writes a STATUS_DATA segment; an error status carries the
// ERROR flag.
func (l *link) sendStatus(code wire.StatusCode, value uint32, hasValue bool, flags uint8) error {
	if code != 0 {
		flags |= wire.Flag1Error
	}
	st := wire.Status{Code: code, Value: value, HasValue: hasValue}
	return l.send(wire.SegStatusData, flags, [8]byte{}, st.Marshal(order))
}

// receive reads one segment, waiting at most timeout (0: no limit).
func (l *link) receive(timeout time.Duration) (*wire.Segment, error) {
	var deadline time.Time
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	if at := l.stopAt.Load(); at != 0 && (deadline.IsZero() || at < deadline.UnixNano()) {
		deadline = time.Unix(0, at)
	}
	_ = l.nc.SetReadDeadline(deadline)
	s, err := wire.ReadSegment(l.r, l.maxSize)
	if err != nil {
		return nil, &commsError{host: l.host, err: err}
	}
	l.heard = time.Now()
	return s, nil
}

func (l *link) close() { l.nc.Close() }

// finish ends the connection without losing the last status sent: it
// closes the sending direction, reads and drops what the partner still
// sends (at most half a second) so that the kernel does not answer it with
// a reset that could overtake the status, then closes.
func (l *link) finish() {
	type halfCloser interface{ CloseWrite() error }
	if hc, ok := l.nc.(halfCloser); ok && hc.CloseWrite() == nil {
		_ = l.nc.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		_, _ = io.Copy(io.Discard, l.r)
	}
	l.nc.Close()
}

// stop makes the read in progress, and every later one, fail at once (the
// channel is ending); writes still work, so a last status can go out.
func (l *link) stop() { l.stopIn(0) }

// stopIn is stop with grace: reads may go on for that long, so that a
// batch whose confirmation is on its way completes.
func (l *link) stopIn(grace time.Duration) {
	at := time.Now().Add(grace)
	l.stopAt.Store(at.UnixNano())
	_ = l.nc.SetReadDeadline(at)
}

// commsError is a failure of the TCP connection: AMQ9206E or AMQ9208E.
type commsError struct {
	send bool
	host string
	err  error
}

func (e *commsError) Error() string {
	if e.send {
		return fmt.Sprintf("channel: send to %s: %v", e.host, e.err)
	}
	return fmt.Sprintf("channel: receive from %s: %v", e.host, e.err)
}

func (e *commsError) Unwrap() error { return e.err }

// timedOut reports whether err is a read that passed its deadline.
func timedOut(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// statusOf decodes a STATUS_DATA segment.
func statusOf(s *wire.Segment) (wire.Status, error) {
	var st wire.Status
	if s.Type != wire.SegStatusData {
		return st, fmt.Errorf("channel: %w: %s where STATUS_DATA was expected", errProtocol, s.Type)
	}
	_, err := st.Unmarshal(s.Body, s.Order())
	return st, err
}
