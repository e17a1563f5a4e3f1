package channel

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// ReceiverOptions are the settings of ServeReceiver. The zero value is
// ready to use.
type ReceiverOptions struct {
	// Initial is the INITIAL_DATA segment when the listener has already
	// read it (to find out which kind of channel the partner asks for);
	// nil means ServeReceiver reads it from the connection.
	Initial *wire.Segment
	// Status, when set, is called with the channel's name once it is
	// known and returns the status to keep up to date; nil keeps none.
	Status func(channel string) *Status
}

// ServeReceiver runs the receiving end of a message channel on nc, a
// connection a partner's sender opened: it checks the channel the
// partner names, negotiates, answers the resynchronisation, then puts the
// messages of each batch and confirms the batch once they and the
// channel's sequence number are committed together. It returns nil when
// the partner ends the channel or ctx ends, and an *Error (already logged)
// when the channel fails. nc is closed on return.
func ServeReceiver(ctx context.Context, nc net.Conn, qm QueueManager, opts *ReceiverOptions) error {
	if opts == nil {
		opts = &ReceiverOptions{}
	}
	l := newLink(nc, 100<<20)
	defer l.finish()
	stop := context.AfterFunc(ctx, l.stop)
	defer stop()
	seg := opts.Initial
	if seg == nil {
		var err error
		if seg, err = l.receive(time.Minute); err != nil {
			return fail(qm, err, amqmsg.AMQ9208E, l.host)
		}
	}
	r := &receiver{qm: qm, l: l}
	if err := r.accept(seg); err != nil {
		return err
	}
	if r.callBack {
		_ = l.sendStatus(wire.StatusCallBack, 0, false, wire.Flag1CloseChannel)
		l.finish()
		if err := qm.StartSender(r.def.Name); err != nil {
			return fail(qm, err, amqmsg.AMQ9999E, r.def.Name, l.host)
		}
		return nil
	}
	release := qm.ClaimReceiver(r.def.Name, func() { nc.Close() })
	defer release()
	qm.LogEntry(amqmsg.AMQ9002I, r.def.Name)
	r.st = &Status{}
	if opts.Status != nil {
		r.st = opts.Status(r.def.Name)
	}
	if r.serve {
		return serveRequester(ctx, qm, l, r.def, r.peerID, r.st)
	}
	return r.ended(ctx, r.run(ctx))
}

// ended backs out what is left of a batch, sets the status and logs how
// the receiving end ended: nil for a normal end or a stop, else the
// *Error logged.
func (r *receiver) ended(ctx context.Context, err error) error {
	qm, l := r.qm, r.l
	if r.batch != nil {
		r.batch.Backout()
	}
	switch {
	case err == nil:
		r.qm.LogEntry(amqmsg.AMQ9001I, r.def.Name, l.host)
		r.st.set(func(v *StatusValues) { v.State = StateInactive })
		return nil
	case ctx.Err() != nil:
		_ = l.sendStatus(wire.StatusQMTerminating, 0, false, wire.Flag1CloseChannel)
		r.qm.LogEntry(amqmsg.AMQ9528I, r.def.Name)
		r.st.set(func(v *StatusValues) { v.State = StateInactive })
		return nil
	}
	r.st.set(func(v *StatusValues) { v.State = StateInactive })
	var ce *Error
	switch {
	case errors.As(err, &ce):
		return err // logged where it happened
	case timedOut(err):
		// Nothing, not even a heartbeat, within the receive timeout.
		return fail(qm, err, amqmsg.AMQ9259E, l.host, r.def.Name)
	case isComms(err):
		return fail(qm, err, amqmsg.AMQ9208E, l.host)
	case errors.Is(err, errProtocol):
		return fail(qm, err, amqmsg.AMQ9504E, r.def.Name, err.Error())
	}
	return fail(qm, err, amqmsg.AMQ9999E, r.def.Name, l.host)
}

// receiver is one run of a receiving channel.
type receiver struct {
	qm       QueueManager
	l        *link
	def      Definition
	st       *Status
	batch    Batch
	callBack bool // the partner is a requester whose call this end's sender returns

	batchSize int
	wrap      uint32
	heartbeat time.Duration
	fast      bool
	seq       uint32 // last sequence number received
	dlqUsed   bool   // a message of the batch went to the dead-letter queue
	partner   string // the sending queue manager (RQMNAME)
	serve     bool   // the partner is a requester: this end's server sends
	peerID    wire.InitialData
}

// accept checks the partner's initial data against the local definition
// and answers with the values both ends will use.
func (r *receiver) accept(seg *wire.Segment) error {
	if seg.Type != wire.SegInitialData {
		return fail(r.qm, fmt.Errorf("%w: %s before the initial data", errProtocol, seg.Type), amqmsg.AMQ9504E, "", seg.Type.String())
	}
	// Each refusal is logged before the partner hears of it.
	var peer wire.InitialData
	if _, err := peer.Unmarshal(seg.Body, seg.Order()); err != nil {
		err := fail(r.qm, err, amqmsg.AMQ9504E, "", err.Error())
		_ = r.l.sendStatus(wire.StatusProtocolIDError, 0, false, 0)
		return err
	}
	name := trim(peer.ChannelName)
	def, ok := r.qm.Channel(name)
	if !ok {
		err := fail(r.qm, nil, amqmsg.AMQ9519E, name)
		_ = r.l.sendStatus(wire.StatusNoChannel, 0, false, 0)
		return err
	}
	r.serve = peer.CapFlags1&wire.ICF1RequestInitiation != 0
	wrongType := def.Type != "RCVR" && def.Type != "RQSTR"
	if r.serve && def.Type == "SDR" && !def.Stopped {
		// A requester asks this end's sender to start: it calls back.
		r.def, r.callBack = def, true
		return nil
	}
	if r.serve {
		// A requester asks this end's server to send over its connection.
		wrongType = def.Type != "SVR" || def.XmitQ == ""
	}
	if wrongType || peer.CapFlags1&wire.ICF1MsgSeq == 0 {
		err := fail(r.qm, fmt.Errorf("channel %s is %s", name, def.Type), amqmsg.AMQ9547E)
		_ = r.l.sendStatus(wire.StatusChannelWrongType, 0, false, 0)
		return err
	}
	if def.Stopped {
		err := fail(r.qm, nil, amqmsg.AMQ9558E, name)
		_ = r.l.sendStatus(wire.StatusChannelUnavailable, 0, false, 0)
		return err
	}
	r.def = def.withDefaults()
	reply := peer
	reply.IniErrFlags1 = 0
	reply.QMgrName, reply.ProductID = r.qm.Name(), productID
	if n := uint16(min(r.def.BatchSize, 9999)); n < peer.MaxMsgsPerBatch || peer.MaxMsgsPerBatch == 0 {
		reply.MaxMsgsPerBatch, reply.IniErrFlags1 = n, reply.IniErrFlags1|wire.IEF1MaxMsgPerBatch
	}
	if n := uint32(r.def.MaxMsgLength); n < peer.MaxMsgSize || peer.MaxMsgSize == 0 {
		reply.MaxMsgSize, reply.IniErrFlags1 = n, reply.IniErrFlags1|wire.IEF1MaxMsgSize
	}
	if r.def.SeqWrap < peer.SeqWrap || peer.SeqWrap == 0 {
		reply.SeqWrap, reply.IniErrFlags1 = r.def.SeqWrap, reply.IniErrFlags1|wire.IEF1SeqWrapValue
	}
	if hb := uint32(r.def.Heartbeat / time.Second); hb > peer.HeartbeatInterval {
		reply.HeartbeatInterval, reply.IniErrFlags1 = hb, reply.IniErrFlags1|wire.IEF1HeartbeatInterval
	}
	r.fast = r.def.FastNonPersistent && peer.CapFlags2&wire.ICF2FastMessagesRequired != 0
	if !r.fast {
		reply.CapFlags2 &^= wire.ICF2FastMessagesRequired
	}
	if err := r.l.send(wire.SegInitialData, 0, [8]byte{}, reply.Marshal(order)); err != nil {
		return fail(r.qm, err, amqmsg.AMQ9206E, r.l.host)
	}
	r.batchSize, r.wrap = int(reply.MaxMsgsPerBatch), reply.SeqWrap
	r.heartbeat = time.Duration(reply.HeartbeatInterval) * time.Second
	r.partner = trim(peer.QMgrName)
	r.peerID = reply
	return nil
}

func (r *receiver) run(ctx context.Context) error {
	sync, err := r.qm.ReceiverSync(r.def.Name)
	if err != nil {
		return fmt.Errorf("channel: read the synchronisation record: %w", err)
	}
	r.seq = sync.Seq
	r.st.set(func(v *StatusValues) {
		v.State, v.CurSeq, v.LastSeq, v.LUWID, v.BatchSize, v.Heartbeat = StateRunning, sync.Seq, sync.Seq, sync.LUWID, r.batchSize, r.heartbeat
		v.RemoteQMgr = r.partner
	})
	r.batch = r.qm.NewBatch(r.def.Name)
	for {
		seg, err := r.l.receive(r.idleTimeout())
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return err
		}
		done, err := r.handle(seg)
		if done || err != nil {
			return err
		}
	}
}

// idleTimeout is how long the receiver waits for the partner, IBM's
// receive timeout: twice the negotiated heartbeat interval when that is
// under a minute, else the interval plus a minute. A partner silent for
// longer is taken to be gone.
func (r *receiver) idleTimeout() time.Duration {
	switch {
	case r.heartbeat <= 0:
		return 0
	case r.heartbeat < time.Minute:
		return 2 * r.heartbeat
	}
	return r.heartbeat + time.Minute
}

// handle acts on one segment; done is set when the partner ended the
// channel.
func (r *receiver) handle(seg *wire.Segment) (done bool, err error) {
	switch seg.Type {
	case wire.SegResyncData:
		return false, r.resync(seg)
	case wire.SegResetData:
		return false, r.reset(seg)
	case wire.SegPingData:
		var pd wire.PingData
		if _, err := pd.Unmarshal(seg.Body, seg.Order()); err != nil {
			return false, fmt.Errorf("channel: %w: %w", errProtocol, err)
		}
		return false, r.l.send(wire.SegPingData, 0, [8]byte{}, pd.Marshal(order))
	case wire.SegHeartbeat:
		if r.batch != nil {
			r.batch.CloseQueues() // idle: let go of the destinations
		}
		if seg.Flags1&wire.Flag1ConfirmRequest != 0 {
			return false, r.l.send(wire.SegHeartbeat, 0, [8]byte{}, nil)
		}
		return false, nil
	case wire.SegMessageData:
		return false, r.message(seg)
	case wire.SegStatusData:
		st, err := statusOf(seg)
		if err != nil {
			return false, err
		}
		if st.Code == wire.StatusUserClosed || seg.Flags1&wire.Flag1CloseChannel != 0 {
			return true, nil
		}
		return false, fmt.Errorf("channel: the partner sent status %s", st.Code)
	}
	return false, fmt.Errorf("channel: %w: unexpected %s", errProtocol, seg.Type)
}

// resync answers the sender's RESYNC_DATA with the last committed batch,
// flagged lazy when its record was written without waiting for the disk.
func (r *receiver) resync(seg *wire.Segment) error {
	var req resync
	if err := req.unmarshal(seg.Body, seg.Order()); err != nil {
		return fmt.Errorf("channel: %w: %w", errProtocol, err)
	}
	sync, err := r.qm.ReceiverSync(r.def.Name)
	if err != nil {
		return fmt.Errorf("channel: read the synchronisation record: %w", err)
	}
	reply := resync{Seq: sync.Seq, LUWID: sync.LUWID}
	if sync.Lazy {
		reply.Flags = resyncLazy
	}
	return r.l.send(wire.SegResyncData, 0, [8]byte{}, reply.marshal(order))
}

// reset takes the sequence number a RESET CHANNEL at the sender set.
func (r *receiver) reset(seg *wire.Segment) error {
	var rd wire.ResetData
	if _, err := rd.Unmarshal(seg.Body, seg.Order()); err != nil {
		return fmt.Errorf("channel: %w: %w", errProtocol, err)
	}
	sync, err := r.qm.ReceiverSync(r.def.Name)
	if err != nil {
		return fmt.Errorf("channel: read the synchronisation record: %w", err)
	}
	sync.Seq, sync.Lazy = rd.SeqNumber-1, false // the number is the next message's
	if err := r.qm.SetReceiverSync(r.def.Name, sync); err != nil {
		return fmt.Errorf("channel: record the reset: %w", err)
	}
	r.seq = sync.Seq
	return r.l.send(wire.SegResetData, 0, [8]byte{}, rd.Marshal(order))
}

// message puts one message of the batch; the last one (CONFIRM_REQUEST)
// commits the batch and confirms it.
func (r *receiver) message(seg *wire.Segment) error {
	var md wire.MessageData
	if _, err := md.Unmarshal(seg.Body, seg.Order()); err != nil {
		return fmt.Errorf("channel: %w: %w", errProtocol, err)
	}
	want := nextSeq(r.seq, r.wrap)
	if md.MSH.SeqNumber != want {
		err := fail(r.qm, nil, amqmsg.AMQ9526E, r.def.Name, strconv.Itoa(int(md.MSH.SeqNumber)), strconv.Itoa(int(want)))
		_ = r.l.sendStatus(wire.StatusMsgSequenceError, want, true, 0)
		return err
	}
	r.seq = want
	now := r.fast && md.XQH.MsgDesc.Persistence != mqi.MQPER_PERSISTENT
	if err := r.deliver(&md.XQH, md.Data, now); err != nil {
		return err
	}
	r.st.set(func(v *StatusValues) { v.CurSeq = want })
	if seg.Flags1&wire.Flag1ConfirmRequest == 0 {
		return nil
	}
	luwid := luwidOf(seg.LUWID)
	if err := r.batch.Commit(r.seq, luwid); err != nil {
		err := fail(r.qm, err, amqmsg.AMQ9511E)
		_ = r.l.sendStatus(wire.StatusBatchFailure, 0, false, 0)
		return err
	}
	flags := uint8(0)
	if r.dlqUsed {
		flags = wire.Flag1DLQUsed
		r.qm.LogEntry(amqmsg.AMQ9544E, r.def.Name)
		r.dlqUsed = false
	}
	r.st.set(func(v *StatusValues) {
		v.LastSeq, v.LUWID = r.seq, luwid
		v.Batches++
	})
	return r.l.sendStatus(0, r.seq, true, flags)
}

// deliver puts a message, retrying a full or put-inhibited queue MRRTY
// times MRTMR apart, and sends it to the dead-letter queue when it still
// cannot be put. With no dead-letter queue the channel ends.
func (r *receiver) deliver(xqh *wire.MQXQH, data []byte, now bool) error {
	rc := r.batch.Put(xqh, data, now)
	for try := 0; rc != mqi.MQRC_NONE && retryable(rc) && try < r.def.MsgRetryCount; try++ {
		r.st.set(func(v *StatusValues) { v.State = StatePaused })
		time.Sleep(r.def.MsgRetryInterval)
		rc = r.batch.Put(xqh, data, now)
	}
	r.st.set(func(v *StatusValues) { v.State = StateRunning; v.Msgs++ })
	if rc == mqi.MQRC_NONE {
		return nil
	}
	if dlq := r.batch.DeadLetter(xqh, data, rc, now); dlq != mqi.MQRC_NONE {
		r.qm.LogEntry(amqmsg.AMQ9511E)
		err := fail(r.qm, fmt.Errorf("message for %s at %s: reason %d, dead-letter queue: reason %d",
			trim(xqh.RemoteQName), trim(xqh.RemoteQMgrName), rc, dlq), amqmsg.AMQ9565E, r.qm.Name())
		_ = r.l.sendStatus(wire.StatusCanNotStore, 0, false, 0)
		return err
	}
	r.dlqUsed = true
	return nil
}

// retryable reports whether a put failure may clear by itself.
func retryable(rc int32) bool {
	return rc == mqi.MQRC_Q_FULL || rc == mqi.MQRC_PUT_INHIBITED || rc == mqi.MQRC_Q_SPACE_NOT_AVAILABLE
}
