package channel

import (
	"context"
	"errors"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/wire"
)

// The requester-server combination: a requester (RQSTR) started at its
// end connects to the partner and names its channel in initial data that
// carries REQUEST_INITIATION. The partner's server (SVR) of that name
// answers the negotiation as a receiver would, then sends the messages of
// its transmission queue over this same connection: from the
// resynchronisation on, the requester is the receiving end and the server
// the sending end, exactly as a receiver and a sender are.

// The requester-sender combination (callback): when the partner's
// channel of that name is a sender (SDR), it answers the requester's
// initial data with StatusCallBack, ends the connection and starts
// itself; it connects through its own CONNAME, and the requester's queue
// manager serves it as it serves a sender for a receiver (a RQSTR
// definition receives).

// errCallBack is the partner's answer that its sender will call back.
var errCallBack = errors.New("channel: the partner's sender calls back")

// runRequester runs requester def: it connects, asks the partner's server
// to start, and receives what the server sends until ctx ends or the
// channel fails.
func runRequester(ctx context.Context, qm QueueManager, def Definition, opts *SenderOptions, st *Status) error {
	st.set(func(v *StatusValues) { v.State = StateBinding })
	qm.LogEntry(amqmsg.AMQ9002I, def.Name)
	l, err := connect(ctx, qm, def.ConnName, opts.Dial)
	if err != nil {
		return err
	}
	defer l.close()
	stop := context.AfterFunc(ctx, l.stop)
	defer stop()
	r := &receiver{qm: qm, l: l, def: def, st: st}
	st.set(func(v *StatusValues) { v.State = StateRequesting })
	if err := r.request(); err != nil {
		if errors.Is(err, errCallBack) {
			// This connection's work is done: the partner's sender is
			// on its way back.
			qm.LogEntry(amqmsg.AMQ9001I, def.Name, l.host)
			st.set(func(v *StatusValues) { v.State = StateInactive })
			return nil
		}
		var ce *Error
		if errors.As(err, &ce) {
			qm.LogEntry(ce.ID, ce.Inserts...)
			return ce
		}
		return r.ended(ctx, err)
	}
	st.set(func(v *StatusValues) { v.Starts++ })
	return r.ended(ctx, r.run(ctx))
}

// request sends the requester's initial data and adopts the server's
// answer.
func (r *receiver) request() error {
	peer, err := proposeID(r.l, r.qm.Name(), r.def, wire.ICF1RequestInitiation)
	if ce := (*Error)(nil); errors.As(err, &ce) && ce.ID == amqmsg.AMQ9520E {
		ce.Inserts = []string{r.def.Name}
	}
	if err != nil {
		return err
	}
	r.batchSize = max(1, min(r.def.BatchSize, int(peer.MaxMsgsPerBatch)))
	r.wrap = min(r.def.SeqWrap, peer.SeqWrap)
	r.heartbeat = time.Duration(peer.HeartbeatInterval) * time.Second
	r.fast = r.def.FastNonPersistent && peer.CapFlags2&wire.ICF2FastMessagesRequired != 0
	r.partner = trim(peer.QMgrName)
	return nil
}

// serveRequester runs server def over l, the connection of the requester
// whose initial data was answered with agreed: it sends the messages of
// the server's transmission queue as a sender does.
func serveRequester(ctx context.Context, qm QueueManager, l *link, def Definition, agreed wire.InitialData, st *Status) error {
	tx, err := qm.OpenTransmission(def)
	if errors.Is(err, ErrInUse) {
		_ = l.sendStatus(wire.StatusChannelUnavailable, 0, false, wire.Flag1CloseChannel)
		return fail(qm, err, amqmsg.AMQ9514E, def.Name)
	}
	if err != nil {
		return fail(qm, err, amqmsg.AMQ9509E)
	}
	defer tx.Close()
	s := &sender{qm: qm, def: def, tx: tx, l: l, st: st}
	s.batchSize = max(1, int(agreed.MaxMsgsPerBatch))
	s.maxMsgLen = int(agreed.MaxMsgSize)
	s.wrap = agreed.SeqWrap
	s.heartbeat = time.Duration(agreed.HeartbeatInterval) * time.Second
	s.fast = def.FastNonPersistent && agreed.CapFlags2&wire.ICF2FastMessagesRequired != 0
	s.st.set(func(v *StatusValues) { v.Starts++; v.RemoteQMgr = trim(agreed.QMgrName) })
	err = s.afterNegotiation(ctx)
	if ctx.Err() != nil && (err == nil || isComms(err)) {
		_ = l.sendStatus(wire.StatusUserClosed, 0, false, wire.Flag1CloseChannel)
		qm.LogEntry(amqmsg.AMQ9001I, def.Name, l.host)
		st.set(func(v *StatusValues) { v.State = StateInactive })
		return nil
	}
	st.set(func(v *StatusValues) { v.State = StateInactive })
	if errors.Is(err, errDisconnect) || err == nil {
		_ = l.sendStatus(wire.StatusUserClosed, 0, false, wire.Flag1CloseChannel)
		qm.LogEntry(amqmsg.AMQ9001I, def.Name, l.host)
		return nil
	}
	return s.failed(err)
}
