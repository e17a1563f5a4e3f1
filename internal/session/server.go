package session

import (
	"fmt"
	"net"

	"github.com/gomqm/gomqm/internal/wire"
)

// Accept runs the responding side of the initial-data exchange on nc.
// check sees the initiator's ID and returns 0 to accept or a status code
// (wire.Status*) to refuse; a refused connection gets a STATUS_DATA
// segment with the ERROR flag and is not usable.
func Accept(nc net.Conn, qmgr string, check func(*wire.InitialData) uint32) (*Conn, *wire.InitialData, error) {
	seg, err := wire.ReadSegment(nc, MaxSegment)
	if err != nil {
		return nil, nil, fmt.Errorf("session: read initial data: %w", err)
	}
	if seg.Type != wire.SegInitialData {
		return nil, nil, fmt.Errorf("session: expected %s, got %s", wire.SegInitialData, seg.Type)
	}
	peer := &wire.InitialData{}
	if _, err := peer.Unmarshal(seg.Body, seg.Order()); err != nil {
		return nil, nil, fmt.Errorf("session: decode initial data: %w", err)
	}
	if code := check(peer); code != 0 {
		st := wire.Status{Code: wire.StatusCode(code)}
		reply := &wire.Segment{TSH: wire.TSH{
			BigEndian: seg.BigEndian, Type: wire.SegStatusData, Flags1: wire.Flag1Error,
			Encoding: seg.Encoding, CCSID: wire.CCSIDISO88591,
		}}
		reply.Body = st.Marshal(reply.Order())
		_ = wire.WriteSegment(nc, reply)
		return nil, peer, fmt.Errorf("session: refused initial data with status %d", code)
	}
	id := &wire.InitialData{
		FapLevel: min(peer.FapLevel, FapLevel), CapFlags1: peer.CapFlags1 & clientCapFlags1,
		MaxTransmissionSize: min(peer.MaxTransmissionSize, MaxSegment),
		MaxMsgSize:          min(peer.MaxMsgSize, MaxMsgSize),
		ChannelName:         peer.ChannelName, QMgrName: qmgr, CCSID: wire.CCSIDISO88591,
		HeartbeatInterval: peer.HeartbeatInterval, ConvPerSocket: 1, ProductID: ProductID,
	}
	reply := &wire.Segment{TSH: wire.TSH{
		BigEndian: seg.BigEndian, Type: wire.SegInitialData, Flags1: wire.Flag1First | wire.Flag1Last,
		Encoding: seg.Encoding, CCSID: wire.CCSIDISO88591,
	}}
	reply.Body = id.Marshal(reply.Order())
	if err := wire.WriteSegment(nc, reply); err != nil {
		return nil, peer, fmt.Errorf("session: send initial data: %w", err)
	}
	return newConn(nc), peer, nil
}

// ReadRequest reads the next MQI request. Heartbeats are skipped.
func (c *Conn) ReadRequest() (*wire.Segment, error) {
	for {
		seg, err := wire.ReadSegment(c.br, c.limit())
		if err != nil {
			return nil, err
		}
		if seg.Type == wire.SegHeartbeat {
			continue
		}
		return seg, nil
	}
}

// Reply sends the reply to req with the given header and body.
func (c *Conn) Reply(req *wire.Segment, hdr wire.APIHeader, body []byte) error {
	hdr.ReplyLength = 0
	return c.write(wire.NewAPISegment(req.Type+0x10, req.ConvID, req.RequestID, req.BigEndian, hdr, body))
}
