package session

import (
	"bufio"
	"fmt"
	"net"

	"github.com/gomqm/gomqm/internal/wire"
)

// MaxIDSegment bounds a segment read during the initial-data exchange of
// a TCP channel: an ID is at most 240 bytes, so a peer cannot make the
// queue manager allocate more than this before the limits are agreed.
const MaxIDSegment = 4096

// negotiationRounds bounds the ID exchanges before the two ends agree.
const negotiationRounds = 4

// segmentOverhead is what a verb segment carries besides the message
// data: the TSHM, the API header and the descriptors.
const segmentOverhead = 64 * 1024

// Limits are the values one end of a TCP channel proposes or accepts in
// the initial-data exchange.
type Limits struct {
	// MaxTransmissionSize is the largest segment; 0 means one segment
	// holds the largest message (MaxMsgSize plus its descriptors).
	MaxTransmissionSize uint32
	MaxMsgSize          uint32 // the channel's MAXMSGL
	HeartbeatInterval   uint32 // HBINT, seconds
	ConvPerSocket       uint32 // SHARECNV
}

// agreed returns the values both ends use: the smaller message size and
// conversation count, and the larger heartbeat interval, as IBM MQ
// negotiates them.
func (l Limits) agreed(peer *wire.InitialData) Limits {
	a := Limits{
		MaxMsgSize:        min(l.MaxMsgSize, peer.MaxMsgSize),
		HeartbeatInterval: max(l.HeartbeatInterval, peer.HeartbeatInterval),
		ConvPerSocket:     min(l.ConvPerSocket, peer.ConvPerSocket),
	}
	a.MaxTransmissionSize = max(min(l.transmissionSize(), peer.MaxTransmissionSize, a.MaxMsgSize+segmentOverhead), minTransmissionSize)
	return a
}

// minTransmissionSize is the smallest transmission size accepted: room
// for a verb's headers and descriptors in its first segment.
const minTransmissionSize = 4096

// transmissionSize is the largest segment a channel with these limits
// carries.
func (l Limits) transmissionSize() uint32 {
	if l.MaxTransmissionSize != 0 {
		return l.MaxTransmissionSize
	}
	return l.MaxMsgSize + segmentOverhead
}

// unitSize is the largest verb, joined from its segments.
func (l Limits) unitSize() int { return int(l.MaxMsgSize) + segmentOverhead }

// agree sets the sizes a negotiated connection reads and sends with.
func (c *Conn) agree(mts uint32, l Limits) {
	c.max, c.sendMax, c.unitMax = int(mts), int(mts), l.unitSize()
}

// Join reads the rest of a verb split over several segments after first
// (FIRST without LAST) and returns it as one segment; the joined body is
// bounded by the agreed message size.
func (c *Conn) Join(first *wire.Segment) (*wire.Segment, error) {
	if first.Flags1&wire.Flag1First == 0 {
		return nil, fmt.Errorf("session: %s continues a verb that did not start", first.Type)
	}
	limit := c.unitMax
	if limit == 0 {
		limit = c.limit()
	}
	out := *first
	out.Body = append([]byte(nil), first.Body...)
	for out.Flags1&wire.Flag1Last == 0 {
		seg, err := wire.ReadSegment(c.br, c.limit())
		if err != nil {
			return nil, err
		}
		if seg.Type != first.Type || seg.ConvID != first.ConvID || seg.RequestID != first.RequestID || seg.Flags1&wire.Flag1First != 0 {
			return nil, fmt.Errorf("session: %s (request %d) inside a split %s (request %d)", seg.Type, seg.RequestID, first.Type, first.RequestID)
		}
		if len(out.Body)+len(seg.Body) > limit {
			return nil, fmt.Errorf("session: split %s longer than %d bytes", first.Type, limit)
		}
		out.Body = append(out.Body, seg.Body...)
		out.Flags1 |= seg.Flags1 & wire.Flag1Last
	}
	return &out, nil
}

// writeSplit sends a verb longer than the transmission size as a FIRST
// segment, middle segments and a LAST one, each within the size. The
// caller holds wmu.
func (c *Conn) writeSplit(s *wire.Segment) error {
	chunk := c.sendMax - s.TSH.Len()
	flags := s.Flags1 &^ (wire.Flag1First | wire.Flag1Last)
	for off := 0; off < len(s.Body); off += chunk {
		part := &wire.Segment{TSH: s.TSH, Body: s.Body[off:min(off+chunk, len(s.Body))]}
		part.Flags1 = flags
		if off == 0 {
			part.Flags1 |= wire.Flag1First
		}
		if off+chunk >= len(s.Body) {
			part.Flags1 |= wire.Flag1Last
		}
		if err := wire.WriteSegment(c.nc, part); err != nil {
			return fmt.Errorf("session: send %s: %w", s.Type, err)
		}
		c.sentBytes.Add(int64(part.TSH.Len() + len(part.Body)))
		c.sentSegs.Add(1)
	}
	return nil
}

// SetMaxSegment bounds the segments read from now on to n bytes (the
// transmission size a TCP channel negotiated).
func (c *Conn) SetMaxSegment(n int) { c.max = n }

// limit is the largest segment this connection reads.
func (c *Conn) limit() int {
	if c.max == 0 {
		return MaxSegment
	}
	return c.max
}

// Fits reports whether a verb with a body of n bytes fits in one segment
// of the size this connection agreed (an MQPUT larger than the channel's
// MAXMSGL does not).
func (c *Conn) Fits(n int) bool {
	limit := c.unitMax
	if limit == 0 {
		limit = c.limit()
	}
	return wire.TSHMLength+wire.APIHeaderLength+n <= limit
}

// Next reads the next segment of any type, bounded by the negotiated
// size; the caller answers heartbeats and other control segments.
func (c *Conn) Next() (*wire.Segment, error) {
	return wire.ReadSegment(c.br, c.limit())
}

// Sent returns the bytes and segments this end has written.
func (c *Conn) Sent() (bytes, segments int64) { return c.sentBytes.Load(), c.sentSegs.Load() }

// Send writes a segment with one write, serialised with replies.
func (c *Conn) Send(s *wire.Segment) error { return c.write(s) }

// Negotiated is the outcome of a TCP channel's initial-data exchange.
type Negotiated struct {
	Peer   *wire.InitialData // the initiator's last ID
	Reply  *wire.InitialData // what the responder answered
	Limits Limits
}

// Negotiate runs the responding side of a TCP channel's initial-data
// exchange. first is the initiator's INITIAL_DATA segment, already read
// and checked by the caller (the channel exists and may start). For each
// proposed value the responder cannot take, its reply sets the matching
// init-error flag and carries the value it will use; the initiator then
// proposes again, until the two agree.
func Negotiate(nc net.Conn, first *wire.Segment, qmgr string, own Limits) (*Conn, *Negotiated, error) {
	seg := first
	for round := 0; ; round++ {
		peer := &wire.InitialData{}
		if _, err := peer.Unmarshal(seg.Body, seg.Order()); err != nil {
			return nil, nil, fmt.Errorf("session: decode initial data: %w", err)
		}
		lim := own.agreed(peer)
		reply := responderID(peer, qmgr, lim)
		reply.IniErrFlags1 = refusedValues(peer, reply)
		if err := sendID(nc, seg, reply); err != nil {
			return nil, nil, err
		}
		if reply.IniErrFlags1 == 0 {
			c := newConn(nc)
			c.agree(lim.MaxTransmissionSize, lim)
			return c, &Negotiated{Peer: peer, Reply: reply, Limits: lim}, nil
		}
		if round == negotiationRounds {
			return nil, nil, fmt.Errorf("session: no agreement on the initial data after %d rounds", round+1)
		}
		next, err := wire.ReadSegment(nc, MaxIDSegment)
		if err != nil {
			return nil, nil, fmt.Errorf("session: read initial data: %w", err)
		}
		if next.Type != wire.SegInitialData {
			return nil, nil, fmt.Errorf("session: expected %s, got %s", wire.SegInitialData, next.Type)
		}
		seg = next
	}
}

// responderID is the ID a queue manager answers with.
func responderID(peer *wire.InitialData, qmgr string, lim Limits) *wire.InitialData {
	return &wire.InitialData{
		FapLevel: min(peer.FapLevel, FapLevel), CapFlags1: peer.CapFlags1 & clientCapFlags1,
		MaxTransmissionSize: lim.MaxTransmissionSize,
		MaxMsgSize:          lim.MaxMsgSize, ChannelName: peer.ChannelName, QMgrName: qmgr,
		CCSID: wire.CCSIDISO88591, HeartbeatInterval: lim.HeartbeatInterval,
		ConvPerSocket: lim.ConvPerSocket, ProductID: ProductID,
	}
}

// refusedValues returns the init-error flags of the values the peer
// proposed that differ from those the reply carries.
func refusedValues(peer, reply *wire.InitialData) uint8 {
	var f uint8
	if peer.FapLevel != reply.FapLevel {
		f |= wire.IEF1FAPLevel
	}
	if peer.MaxMsgSize != reply.MaxMsgSize {
		f |= wire.IEF1MaxMsgSize
	}
	if peer.MaxTransmissionSize != reply.MaxTransmissionSize {
		f |= wire.IEF1MaxTransmissionSize
	}
	if peer.HeartbeatInterval != reply.HeartbeatInterval {
		f |= wire.IEF1HeartbeatInterval
	}
	return f
}

// sendID answers an ID segment in its own header form and byte order.
func sendID(nc net.Conn, to *wire.Segment, id *wire.InitialData) error {
	reply := &wire.Segment{TSH: wire.TSH{
		Multiplexed: to.Multiplexed, ConvID: to.ConvID, RequestID: to.RequestID,
		BigEndian: to.BigEndian, Type: wire.SegInitialData, Flags1: wire.Flag1First | wire.Flag1Last,
		Encoding: to.Encoding, CCSID: wire.CCSIDISO88591,
	}}
	reply.Body = id.Marshal(reply.Order())
	if err := wire.WriteSegment(nc, reply); err != nil {
		return fmt.Errorf("session: send initial data: %w", err)
	}
	return nil
}

// Refuse answers an initiator's ID with a STATUS_DATA segment carrying
// the ERROR flag and code, in the initiator's byte order.
func Refuse(nc net.Conn, to *wire.Segment, code wire.StatusCode) error {
	st := wire.Status{Code: code}
	reply := &wire.Segment{TSH: wire.TSH{
		BigEndian: to.BigEndian, Type: wire.SegStatusData, Flags1: wire.Flag1Error,
		Encoding: to.Encoding, CCSID: wire.CCSIDISO88591,
	}}
	reply.Body = st.Marshal(reply.Order())
	return wire.WriteSegment(nc, reply)
}

// DialChannel runs the initiating side of a client channel's ID exchange
// over TCP: it proposes own for channel and queue manager qmgr (blank:
// whichever answers), adopts the values the queue manager sends back
// with init-error flags and proposes again, then sends the user id
// (UID) the connection runs as. It returns the queue manager's last ID.
func DialChannel(nc net.Conn, channel, qmgr, user string, own Limits) (*Conn, *wire.InitialData, error) {
	id := &wire.InitialData{
		FapLevel: FapLevel, CapFlags1: clientCapFlags1,
		MaxTransmissionSize: own.transmissionSize(), MaxMsgSize: own.MaxMsgSize,
		ChannelName: channel, QMgrName: qmgr, CCSID: wire.CCSIDISO88591,
		HeartbeatInterval: own.HeartbeatInterval, ConvPerSocket: own.ConvPerSocket,
		ProductID: ProductID, EFLLength: 0,
	}
	for round := 0; ; round++ {
		peer, err := proposeID(nc, id)
		if err != nil {
			return nil, nil, err
		}
		if peer.IniErrFlags1 == 0 {
			c := newConn(nc)
			if _, ok := nc.(*net.TCPConn); ok && c.raw != nil {
				// A plain client connection: Call reads replies with
				// pollReader, as a bindings connection does.
				c.br = bufio.NewReaderSize(newPollReader(c.raw), readBuffer)
			}
			c.agree(peer.MaxTransmissionSize, Limits{MaxMsgSize: peer.MaxMsgSize})
			uid := wire.UserID{Long: true, UserIdentifier: user, LongUserID: user}
			seg := &wire.Segment{TSH: wire.TSH{
				Multiplexed: true, ConvID: c.conv, Type: wire.SegUserIDData,
				Flags1: wire.Flag1First | wire.Flag1Last, Encoding: wire.EncNative, CCSID: wire.CCSIDISO88591,
			}}
			seg.Body = uid.Marshal(seg.Order())
			if err := c.write(seg); err != nil {
				return nil, nil, err
			}
			return c, peer, nil
		}
		if round == negotiationRounds {
			return nil, nil, fmt.Errorf("session: no agreement on the initial data after %d rounds", round+1)
		}
		id.FapLevel, id.MaxMsgSize = peer.FapLevel, peer.MaxMsgSize
		id.MaxTransmissionSize, id.HeartbeatInterval = peer.MaxTransmissionSize, peer.HeartbeatInterval
		id.ConvPerSocket = peer.ConvPerSocket
	}
}

// proposeID sends one ID and reads the answer: the peer's ID, or a
// *StatusError when it refuses the channel.
func proposeID(nc net.Conn, id *wire.InitialData) (*wire.InitialData, error) {
	seg := &wire.Segment{TSH: wire.TSH{
		Type: wire.SegInitialData, Flags1: wire.Flag1ConfirmRequest | wire.Flag1First | wire.Flag1Last,
		Encoding: wire.EncNative, CCSID: wire.CCSIDISO88591,
	}}
	seg.Body = id.Marshal(seg.Order())
	if err := wire.WriteSegment(nc, seg); err != nil {
		return nil, fmt.Errorf("session: send initial data: %w", err)
	}
	reply, err := wire.ReadSegment(nc, MaxIDSegment)
	if err != nil {
		return nil, fmt.Errorf("session: read initial data: %w", err)
	}
	switch reply.Type {
	case wire.SegStatusData:
		var st wire.Status
		if _, err := st.Unmarshal(reply.Body, reply.Order()); err != nil {
			return nil, fmt.Errorf("session: decode status: %w", err)
		}
		return nil, &StatusError{Code: uint32(st.Code)}
	case wire.SegInitialData:
	default:
		return nil, fmt.Errorf("session: unexpected %s during start-up", reply.Type)
	}
	peer := &wire.InitialData{}
	if _, err := peer.Unmarshal(reply.Body, reply.Order()); err != nil {
		return nil, fmt.Errorf("session: decode initial data: %w", err)
	}
	return peer, nil
}
