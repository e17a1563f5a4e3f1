// Package session runs the MQI conversation over one socket, for both
// ends: the initial-data exchange that opens it, then MQI requests and
// their replies as single FAP segments (TSHM with a conversation id and a
// request id that pairs each reply with its request).
//
// The same code serves the Unix socket of bindings-mode connections and
// the TCP socket of client channels (tcp.go: the negotiation of limits
// with init-error flags, the user id segment, segment sizes bounded by
// what was agreed). A Conn is used by one
// goroutine at a time for reading and one for writing; Call serialises
// whole request/reply exchanges for clients.
package session

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/gomqm/gomqm/internal/wire"
)

// Protocol limits of this implementation.
const (
	// FapLevel is the FAP level gomqm proposes.
	FapLevel = 13
	// MaxMsgSize is the largest message a queue manager accepts (MAXMSGL
	// may be set up to 100 MB).
	MaxMsgSize = 100 * 1024 * 1024
	// MaxSegment bounds one segment on a local socket: the largest
	// message plus its descriptors.
	MaxSegment = MaxMsgSize + 64*1024
	// ProductID identifies gomqm in the ID exchange: "MQMM" + VVRRMMFF.
	ProductID = "MQMM09040000"
)

// Capability flags gomqm sends on an MQI (client or bindings) connection.
const clientCapFlags1 = wire.ICF1MQRequest | wire.ICF1SplitMessage | wire.ICF1ConversionCapable

// ErrRefused is returned by Dial when the peer answers the initial data
// with a status segment; the *StatusError it wraps carries the code.
var ErrRefused = errors.New("session: connection refused by the queue manager")

// StatusError is the status code a queue manager refused a connection with.
type StatusError struct{ Code uint32 }

func (e *StatusError) Error() string { return fmt.Sprintf("session: refused with status %d", e.Code) }
func (e *StatusError) Unwrap() error { return ErrRefused }

// Conn is one end of an MQI conversation.
type Conn struct {
	nc   net.Conn
	br   *bufio.Reader // reads segments: a header and body in one read call when they are there
	w    io.Writer     // writes whole frames: nc, or a rawWriter on a local socket
	conv uint32
	max  int // largest segment read; 0 means MaxSegment
	// sendMax and unitMax are a TCP channel's agreed transmission size
	// (longer verbs are split into FIRST ... LAST segments) and the
	// largest verb joined from such segments; 0 for local connections.
	sendMax, unitMax int

	sentBytes, sentSegs atomic.Int64 // what write sent (DISPLAY CHSTATUS)

	callMu sync.Mutex // serialises Call
	req    uint32     // last request id, guarded by callMu
	wmu    sync.Mutex // serialises writes; guards frame and the try fields
	frame  []byte     // reused buffer for encoding one outgoing segment

	raw    syscall.RawConn // the socket's descriptor for ReplyNoWait; nil if not a syscall.Conn
	tryBuf []byte          // what tryWrite sends
	tryN   int             // bytes of tryBuf sent
	tryErr error
	tryFn  func(uintptr) bool // c.tryWrite, bound once
}

// NetConn returns the underlying socket.
func (c *Conn) NetConn() net.Conn { return c.nc }

// Close closes the socket.
func (c *Conn) Close() error { return c.nc.Close() }

// Dial runs the client side of the initial-data exchange on nc: it
// proposes our limits for channel (blank for bindings) and queue manager
// qmgr, and returns the peer's ID.
func Dial(nc net.Conn, channel, qmgr string) (*Conn, *wire.InitialData, error) {
	id := &wire.InitialData{
		FapLevel: FapLevel, CapFlags1: clientCapFlags1,
		MaxTransmissionSize: MaxSegment, MaxMsgSize: MaxMsgSize,
		ChannelName: channel, QMgrName: qmgr, CCSID: wire.CCSIDISO88591,
		HeartbeatInterval: 300, ConvPerSocket: 1, ProductID: ProductID,
	}
	seg := &wire.Segment{TSH: wire.TSH{
		Type: wire.SegInitialData, Flags1: wire.Flag1ConfirmRequest | wire.Flag1First | wire.Flag1Last,
		Encoding: wire.EncNative, CCSID: wire.CCSIDISO88591,
	}}
	seg.Body = id.Marshal(seg.Order())
	if err := wire.WriteSegment(nc, seg); err != nil {
		return nil, nil, fmt.Errorf("session: send initial data: %w", err)
	}
	reply, err := wire.ReadSegment(nc, MaxSegment)
	if err != nil {
		return nil, nil, fmt.Errorf("session: read initial data: %w", err)
	}
	switch reply.Type {
	case wire.SegStatusData:
		var st wire.Status
		if _, err := st.Unmarshal(reply.Body, reply.Order()); err != nil {
			return nil, nil, fmt.Errorf("session: decode status: %w", err)
		}
		return nil, nil, &StatusError{Code: uint32(st.Code)}
	case wire.SegInitialData:
	default:
		return nil, nil, fmt.Errorf("session: unexpected %s during start-up", reply.Type)
	}
	peer := &wire.InitialData{}
	if _, err := peer.Unmarshal(reply.Body, reply.Order()); err != nil {
		return nil, nil, fmt.Errorf("session: decode initial data: %w", err)
	}
	c := newConn(nc)
	if _, ok := nc.(*net.UnixConn); ok && c.raw != nil {
		// A bindings connection: Call reads replies with pollReader.
		c.br = bufio.NewReaderSize(newPollReader(c.raw), readBuffer)
	}
	return c, peer, nil
}

// readBuffer is the size of a connection's read buffer: most segments
// (1 KiB messages and their descriptors) arrive in one read.
const readBuffer = 64 * 1024

func newConn(nc net.Conn) *Conn {
	c := &Conn{nc: nc, br: bufio.NewReaderSize(nc, readBuffer), w: nc, conv: 1}
	if sc, ok := nc.(syscall.Conn); ok {
		if raw, err := sc.SyscallConn(); err == nil {
			c.raw = raw
		}
	}
	if _, ok := nc.(*net.UnixConn); ok && c.raw != nil {
		c.br = bufio.NewReaderSize(newRawReader(c.raw), readBuffer)
		c.w = newRawWriter(c.raw)
	}
	c.tryFn = c.tryWrite
	return c
}

// Call sends one MQI request and returns the reply's API header and body.
func (c *Conn) Call(t wire.SegmentType, hdr wire.APIHeader, body []byte) (wire.APIHeader, []byte, error) {
	c.callMu.Lock()
	defer c.callMu.Unlock()
	c.req++
	c.wmu.Lock()
	err := c.sendAPI(t, c.conv, c.req, false, hdr, body)
	c.wmu.Unlock()
	if err != nil {
		return wire.APIHeader{}, nil, err
	}
	for {
		seg, err := wire.ReadSegment(c.br, c.limit())
		if err != nil {
			return wire.APIHeader{}, nil, fmt.Errorf("session: read reply to %s: %w", t, err)
		}
		if seg.Type == wire.SegHeartbeat {
			// The queue manager checks on a client during a long MQGET:
			// a heartbeat with CONFIRM_REQUEST gets one back at once.
			if err := c.answerHeartbeat(seg); err != nil {
				return wire.APIHeader{}, nil, fmt.Errorf("session: answer heartbeat while waiting for %s: %w", t, err)
			}
			continue
		}
		if seg.Type.IsAPI() && seg.Flags1&wire.Flag1Last == 0 {
			if seg, err = c.Join(seg); err != nil {
				return wire.APIHeader{}, nil, fmt.Errorf("session: read reply to %s: %w", t, err)
			}
		}
		if seg.Type != t+0x10 || seg.RequestID != c.req {
			return wire.APIHeader{}, nil, fmt.Errorf("session: got %s (request %d) in reply to %s (request %d)", seg.Type, seg.RequestID, t, c.req)
		}
		h, b, err := wire.SplitAPI(seg)
		if err != nil {
			return wire.APIHeader{}, nil, fmt.Errorf("session: reply to %s: %w", t, err)
		}
		return h, b, nil
	}
}

// answerHeartbeat replies to a heartbeat that asks for confirmation with
// a heartbeat of the same header and no CONFIRM_REQUEST flag; others
// need no answer.
func (c *Conn) answerHeartbeat(hb *wire.Segment) error {
	if hb.Flags1&wire.Flag1ConfirmRequest == 0 {
		return nil
	}
	reply := &wire.Segment{TSH: hb.TSH}
	reply.Flags1 = 0
	return c.write(reply)
}

// write sends one segment, split at the agreed transmission size.
func (c *Conn) write(s *wire.Segment) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.writeLocked(s)
}

// writeLocked is write for a caller that holds wmu.
func (c *Conn) writeLocked(s *wire.Segment) error {
	if c.sendMax > 0 && s.Type.IsAPI() && s.TSH.Len()+len(s.Body) > c.sendMax {
		return c.writeSplit(s)
	}
	if err := wire.WriteSegment(c.w, s); err != nil {
		return fmt.Errorf("session: send %s: %w", s.Type, err)
	}
	c.sentBytes.Add(int64(s.TSH.Len() + len(s.Body)))
	c.sentSegs.Add(1)
	return nil
}

// SocketPath is the Unix socket on which the running queue manager whose
// data directory is qmDir accepts bindings-mode connections.
func SocketPath(qmDir string) string { return qmDir + "/@ipcc/qmgr.sock" }
