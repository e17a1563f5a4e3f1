package qmgr

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/errlog"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/ssl"
)

// ErrEnding is returned when the queue manager is ending and refuses new
// work, such as a listener to start.
var ErrEnding = errors.New("qmgr: queue manager ending")

// MessageChannelHandler serves an inbound TCP connection whose initial
// data names a message channel (CHLTYPE RCVR, RQSTR, SVR, SDR, CLUSRCVR).
// The listener calls it on the connection's own goroutine; ctx ends when
// the queue manager ends immediately. The handler owns in.Conn: it
// answers the initiator's ID (in.Segment, already read), runs the channel
// and closes the connection before it returns. The queue manager's own
// handler is receiveChannel.
type MessageChannelHandler func(ctx context.Context, in *InboundChannel)

// InboundChannel is a message-channel connection a listener accepted.
type InboundChannel struct {
	QueueManager *QueueManager
	Conn         net.Conn          // positioned after the initiator's ID segment
	Segment      *wire.Segment     // the initiator's INITIAL_DATA segment
	ID           *wire.InitialData // that segment's ID, decoded
	Definition   objects.Object    // the local channel the ID names
	Listener     string            // the listener that accepted it
	// TLS is the session when the partner uses TLS (Conn is then already
	// decrypted, and TLS.Peer.StatusAttrs fills DISPLAY CHSTATUS); nil on
	// a plain connection.
	TLS *ssl.Session
}

// idTimeout bounds the wait for a new connection's initial data, so that
// a peer that connects and sends nothing does not hold a goroutine.
const idTimeout = 30 * time.Second

// svrconnInstance is one running instance of a server-connection channel.
type svrconnInstance struct {
	c        *conn
	nc       net.Conn
	s        *session.Conn // counts what it sends; set once negotiated
	channel  string
	conname  string // the client's IP address
	started  time.Time
	limits   session.Limits
	mcauser  string
	product  string // the client's product id, e.g. MQMM09040000
	msgs     atomic.Int64
	lastMsg  atomic.Int64 // Unix nanoseconds of the last MQI call
	inCall   atomic.Bool
	inGet    atomic.Bool  // in an MQGET (DISPLAY CHSTATUS SUBSTATE(MQGET))
	quiesce  atomic.Bool  // STOP CHANNEL MODE(QUIESCE): end after the call in progress
	applName atomic.Value // string: MQCONN's application name
	user     atomic.Value // string: the identity the connection runs as
	running  atomic.Bool  // negotiated: shown by DISPLAY CHSTATUS
	tls      *ssl.Session // the TLS session; nil on a plain connection

	bytsRcvd, bufsRcvd atomic.Int64 // segments read after the first ID
}

// serveTCP runs one accepted TCP connection: the initial data decides
// whether it is a client (SVRCONN) channel, served here, or a message
// channel, handed to the MessageChannelHandler.
func (cs *channelServer) serveTCP(raw net.Conn, listener string) {
	defer raw.Close()
	// Until the connection is one of the queue manager's (closed by
	// closeConns) an ending queue manager breaks it here.
	watching := make(chan struct{})
	defer close(watching)
	tcp := raw
	go func() {
		select {
		case <-cs.qm.quit:
			tcp.Close()
		case <-watching:
		}
	}()
	host := remoteIP(raw)
	_ = raw.SetReadDeadline(time.Now().Add(idTimeout))
	raw, ok := cs.acceptTLS(raw, host) // TLS or plain on one port (tls.go)
	if !ok {
		return
	}
	first, err := wire.ReadSegment(raw, session.MaxIDSegment)
	if err != nil {
		if s := TLSSessionOf(raw); s != nil && !isGone(err) {
			cs.qm.LogTLSError(s.Classify(err), "????", host)
			return
		}
		cs.badData(host, "????", err)
		return
	}
	if first.Type != wire.SegInitialData {
		cs.badData(host, "????", fmt.Errorf("first segment is %s, not %s", first.Type, wire.SegInitialData))
		return
	}
	id := &wire.InitialData{}
	if _, err := id.Unmarshal(first.Body, first.Order()); err != nil {
		cs.badData(host, "????", err)
		return
	}
	def, ok, err := objects.Load(cs.qm.store, objects.TypeChannel, id.ChannelName)
	if err != nil || !ok {
		cs.refuse(raw, first, wire.StatusNoChannel, host, amqmsg.AMQ9519E, id.ChannelName)
		return
	}
	if !cs.checkChannelTLS(raw, &def, host) {
		return
	}
	client := id.CapFlags1&wire.ICF1MQRequest != 0
	switch typ := def.String("CHLTYPE"); {
	case typ == "SVRCONN" && client:
		cs.serveClient(raw, first, &def, host)
	case typ == "SVRCONN" || client || typ == "CLNTCONN":
		cs.refuse(raw, first, wire.StatusChannelWrongType, host, amqmsg.AMQ9547E, id.ChannelName)
	default:
		_ = raw.SetReadDeadline(time.Time{})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			select {
			case <-cs.qm.quit:
				cancel()
			case <-ctx.Done():
			}
		}()
		cs.messages(ctx, &InboundChannel{
			QueueManager: cs.qm, Conn: raw, Segment: first, ID: id, Definition: def, Listener: listener,
			TLS: TLSSessionOf(raw),
		})
	}
}

// refuse answers an ID with a status segment and logs why.
func (cs *channelServer) refuse(nc net.Conn, first *wire.Segment, code wire.StatusCode, host string, id amqmsg.ID, inserts ...string) {
	cs.qm.writeLog(errlog.Entry{ID: id, Inserts: inserts, RemoteHost: host})
	_ = session.Refuse(nc, first, code)
}

// badData logs a connection closed because of what its peer sent.
func (cs *channelServer) badData(host, channel string, err error) {
	if isGone(err) {
		return
	}
	select {
	case <-cs.qm.quit:
		return
	default:
	}
	cs.qm.writeLog(errlog.Entry{ID: amqmsg.AMQ9504E, Inserts: []string{channel, err.Error()}, RemoteHost: host})
}

// isGone reports a peer that went away rather than one that misbehaved.
func isGone(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE)
}

// serveClient runs a client connection on a SVRCONN channel: admission
// (STOPPED, MAXINST, MAXINSTC), negotiation, then the MQI verbs through
// the same dispatch as bindings connections.
func (cs *channelServer) serveClient(raw net.Conn, first *wire.Segment, def *objects.Object, host string) {
	name := def.Name
	inst := &svrconnInstance{
		channel: name, conname: host, started: time.Now(), mcauser: strings.TrimSpace(def.String("MCAUSER")),
		nc: raw, tls: TLSSessionOf(raw),
	}
	if code, msg := cs.admit(inst, def); code != 0 {
		cs.refuse(raw, first, code, host, msg, name, host)
		return
	}
	defer cs.leave(inst)
	own := session.Limits{
		MaxMsgSize:        uint32(min(intAttr(def, "MAXMSGL", 4194304), cs.qm.qmgrInt("MAXMSGL", 4194304))),
		HeartbeatInterval: uint32(intAttr(def, "HBINT", 300)),
		// One conversation per socket: a client asked for more (SHARECNV
		// 10 is IBM's default) is told 1 and opens a socket per
		// connection; SHARECNV(0) stays 0.
		ConvPerSocket: uint32(min(intAttr(def, "SHARECNV", 10), 1)),
	}
	s, neg, err := session.Negotiate(raw, first, cs.qm.name, own)
	if err != nil {
		cs.badData(host, name, err)
		return
	}
	_ = raw.SetReadDeadline(time.Time{}) // negotiated: clients may idle
	inst.limits, inst.product, inst.s = neg.Limits, neg.Peer.ProductID, s
	inst.bytsRcvd.Add(int64(len(first.Body) + first.Len()))
	c := &conn{qm: cs.qm, nc: inst.nc, s: s, handles: map[int32]*handle{}, uid: -1, pid: int(neg.Peer.ProcessID)}
	if hb := neg.Limits.HeartbeatInterval; hb > 0 {
		c.hb = clientHeartbeat{interval: time.Duration(hb) * time.Second, lost: func() {
			cs.qm.writeLog(errlog.Entry{ID: amqmsg.AMQ9259E, Inserts: []string{host, name}, RemoteHost: host})
		}}
	}
	inst.c = c
	cs.setUser(inst, "")
	if !cs.qm.addConn(c) {
		return
	}
	inst.running.Store(true)
	defer cs.qm.removeConn(c)
	cs.qm.writeLog(errlog.Entry{ID: amqmsg.AMQ9002I, Inserts: []string{name}, RemoteHost: host})
	for {
		seg, err := s.Next()
		// A persistent MQPUT's reply may still be on its way from the
		// goroutine that syncs the log: it goes out before the next one.
		sent := c.awaitPut()
		if err != nil {
			cs.badData(host, name, err)
			return
		}
		if !sent {
			return
		}
		inst.bufsRcvd.Add(1)
		inst.bytsRcvd.Add(int64(seg.Len() + len(seg.Body)))
		if !cs.serveSegment(inst, seg, neg) {
			return
		}
	}
}

// serveSegment handles one segment from a client; false ends the channel.
func (cs *channelServer) serveSegment(inst *svrconnInstance, seg *wire.Segment, neg *session.Negotiated) bool {
	c := inst.c
	switch {
	case seg.Type.IsAPI():
		if seg.Flags1&wire.Flag1Last == 0 {
			joined, err := inst.s.Join(seg) // a verb split at the transmission size
			if err != nil {
				cs.badData(inst.conname, inst.channel, err)
				return false
			}
			inst.bytsRcvd.Add(int64(len(joined.Body) - len(seg.Body)))
			seg = joined
		}
		if inst.quiesce.Load() {
			hdr, _, _ := wire.SplitAPI(seg)
			c.reply(seg, hdr, mqi.MQCC_FAILED, mqi.MQRC_CONNECTION_QUIESCING, nil)
			return false
		}
		if seg.Type == wire.SegMQCONN {
			if id := cs.qm.blockedChannel(inst.channel, c.user); id != 0 {
				cs.qm.writeLog(errlog.Entry{ID: id, Inserts: []string{inst.channel, c.user}, RemoteHost: inst.conname})
				hdr, _, _ := wire.SplitAPI(seg)
				c.reply(seg, hdr, mqi.MQCC_FAILED, mqi.MQRC_NOT_AUTHORIZED, nil)
				return false
			}
		}
		if len(seg.Body) > int(inst.limits.MaxMsgSize) && tooBigForChannel(seg, int(inst.limits.MaxMsgSize)) {
			hdr, _, _ := wire.SplitAPI(seg)
			return c.reply(seg, hdr, mqi.MQCC_FAILED, mqi.MQRC_MSG_TOO_BIG_FOR_CHANNEL, nil)
		}
		inst.inCall.Store(true)
		inst.inGet.Store(seg.Type == wire.SegMQGET)
		ok := c.dispatch(seg)
		inst.inCall.Store(false)
		inst.inGet.Store(false)
		inst.msgs.Add(1)
		inst.lastMsg.Store(time.Now().UnixNano())
		if seg.Type == wire.SegMQCONN {
			inst.applName.Store(c.applName)
		}
		return ok && !inst.quiesce.Load()
	case seg.Type == wire.SegUserIDData:
		if c.connected.Load() {
			return true // the identity is fixed at MQCONN
		}
		var uid wire.UserID
		if _, err := uid.Unmarshal(seg.Body, seg.Order()); err != nil {
			cs.badData(inst.conname, inst.channel, err)
			return false
		}
		user := uid.UserIdentifier
		if uid.LongUserID != "" {
			user = uid.LongUserID
		}
		cs.setUser(inst, user)
		return true
	case seg.Type == wire.SegHeartbeat:
		if seg.Flags1&wire.Flag1ConfirmRequest == 0 {
			return true
		}
		reply := &wire.Segment{TSH: seg.TSH}
		reply.Flags1 = 0
		return c.s.Send(reply) == nil
	case seg.Type == wire.SegInitialData:
		// The second ID real clients send in a TSHM: the same answer.
		reply := &wire.Segment{TSH: seg.TSH}
		reply.Flags1 = wire.Flag1First | wire.Flag1Last
		reply.Body = neg.Reply.Marshal(reply.Order())
		return c.s.Send(reply) == nil
	case seg.Type == wire.SegStatusData:
		return false // the client closes the channel
	}
	cs.badData(inst.conname, inst.channel, fmt.Errorf("unexpected %s segment", seg.Type))
	return false
}

// tooBigForChannel reports an MQPUT or MQPUT1 whose message is longer
// than the channel's negotiated MAXMSGL (only segments longer than that
// are decoded for it).
func tooBigForChannel(seg *wire.Segment, maxMsg int) bool {
	_, body, err := wire.SplitAPI(seg)
	if err != nil {
		return false
	}
	switch seg.Type {
	case wire.SegMQPUT:
		var pb wire.PutBody
		_, err = pb.Unmarshal(body, seg.Order())
		return err == nil && len(pb.Data) > maxMsg
	case wire.SegMQPUT1:
		var pb wire.Put1Body
		_, err = pb.Unmarshal(body, seg.Order())
		return err == nil && len(pb.Data) > maxMsg
	}
	return false
}

// setUser fixes the identity of a client connection: MCAUSER when the
// channel sets one, otherwise the user id the client asserted. Authority
// records and CHLAUTH mapping (a later release) plug in here.
func (cs *channelServer) setUser(inst *svrconnInstance, asserted string) {
	user := inst.mcauser
	if user == "" {
		user = strings.TrimSpace(asserted)
	}
	if len(user) > 12 {
		user = user[:12] // MQMD.UserIdentifier is 12 characters
	}
	inst.c.user = user
	inst.user.Store(user)
	inst.c.admin = cs.qm.isAdminUser(user)
}

// admit registers a new instance unless the channel is STOPPED or its
// MAXINST or MAXINSTC is reached; it returns the refusal's status code
// and AMQ message.
func (cs *channelServer) admit(inst *svrconnInstance, def *objects.Object) (wire.StatusCode, amqmsg.ID) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.stopped[inst.channel] {
		return wire.StatusChannelUnavailable, amqmsg.AMQ9533E
	}
	all, fromHost := 0, 0
	for other := range cs.instances {
		if other.channel == inst.channel {
			all++
			if other.conname == inst.conname {
				fromHost++
			}
		}
	}
	if all >= intAttr(def, "MAXINST", 999999999) || fromHost >= intAttr(def, "MAXINSTC", 999999999) {
		return wire.StatusChannelUnavailable, amqmsg.AMQ9513E
	}
	cs.instances[inst] = struct{}{}
	return 0, 0
}

func (cs *channelServer) leave(inst *svrconnInstance) {
	cs.mu.Lock()
	delete(cs.instances, inst)
	cs.mu.Unlock()
}

// intAttr reads an integer attribute of a definition, def when unset.
func intAttr(o *objects.Object, kw string, def int) int {
	if v, ok := o.Int(kw); ok {
		return v
	}
	return def
}

// remoteIP is the address a connection comes from, without its port.
func remoteIP(nc net.Conn) string {
	addr := nc.RemoteAddr().String()
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return addr
}
