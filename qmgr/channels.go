package qmgr

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gomqm/gomqm/channel"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/ssl"
)

// Running channels
//
// The queue manager owns its channel instances: a sender or server
// started by START CHANNEL runs in a goroutine (superviseSender) that
// retries a failed channel SHORTRTY times SHORTTMR apart, then LONGRTY
// times LONGTMR apart, and ends STOPPED when the retries run out; a
// receiver runs in a goroutine per connection that a listener hands over
// (ServeChannel). Both belong to QueueManager.wg and end when quit closes.
// channelRuns.mu guards the maps; a channel's own status is guarded by
// its channel.Status.

// channelRuns are the channel instances of a queue manager.
type channelRuns struct {
	mu        sync.Mutex
	senders   map[string]*senderRun
	receivers map[string]*receiverRun
	stopped   map[string]bool // receiving channels left STOPPED by STOP CHANNEL
	sending   map[string]bool // senders holding their transmission queue
}

// senderRun is a sending channel the queue manager started.
type senderRun struct {
	def     channel.Definition
	status  *channel.Status
	cancel  context.CancelFunc
	force   chan struct{} // closed by STOP CHANNEL MODE(FORCE|TERMINATE), under channelRuns.mu
	done    chan struct{} // closed when the goroutine ends
	stopped bool          // shows STOPPED: by STOP CHANNEL, or retries ran out
	tls     *ssl.Session  // the current connection's TLS session (guarded by channelRuns.mu)
}

// receiverRun is a receiving channel a partner connected to.
type receiverRun struct {
	status *channel.Status
	conn   string // the partner's address
	nc     net.Conn
	tls    *ssl.Session // nil on a plain connection
}

func (r *channelRuns) init() {
	if r.senders == nil {
		r.senders = map[string]*senderRun{}
		r.receivers = map[string]*receiverRun{}
		r.stopped = map[string]bool{}
		r.sending = map[string]bool{}
	}
}

// ServeChannel runs the receiving end of a message channel on nc, a
// connection accepted elsewhere whose first segment asks for a message
// channel. initial is that INITIAL_DATA segment when it has been read
// (nil: it is read from nc). ServeChannel returns at once; a goroutine
// the queue manager owns serves the connection and closes it.
func (qm *QueueManager) ServeChannel(nc net.Conn, initial *wire.Segment) {
	select {
	case <-qm.quit:
		nc.Close()
		return
	default:
	}
	qm.wg.Add(1)
	go func() {
		defer qm.wg.Done()
		ctx, cancel := qm.quitContext()
		defer cancel()
		qm.serveReceiver(ctx, nc, initial)
	}()
}

// receiveChannel is the MessageChannelHandler of the queue manager's
// listeners: it serves the receiving end on the listener's goroutine.
func (qm *QueueManager) receiveChannel(ctx context.Context, in *InboundChannel) {
	qm.serveReceiver(ctx, in.Conn, in.Segment)
}

// serveReceiver runs the receiving end of a message channel on nc until
// the channel ends or ctx does, and closes nc.
func (qm *QueueManager) serveReceiver(ctx context.Context, nc net.Conn, initial *wire.Segment) {
	defer nc.Close()
	addr := "" // the partner's IP address, as DISPLAY CHSTATUS shows it
	if nc.RemoteAddr() != nil {
		addr = remoteIP(nc)
	}
	var name string
	var st *channel.Status
	_ = channel.ServeReceiver(ctx, nc, mcaSide{qm}, &channel.ReceiverOptions{Initial: initial,
		Status: func(ch string) *channel.Status {
			name, st = ch, &channel.Status{}
			qm.chans.mu.Lock()
			qm.chans.init()
			qm.chans.receivers[ch] = &receiverRun{status: st, conn: addr, nc: nc, tls: TLSSessionOf(nc)}
			qm.chans.mu.Unlock()
			return st
		}})
	if st != nil {
		qm.chans.mu.Lock()
		if r := qm.chans.receivers[name]; r != nil && r.status == st {
			delete(qm.chans.receivers, name)
		}
		qm.chans.mu.Unlock()
	}
}

// quitContext returns a context that ends when the queue manager breaks
// its connections, and the function that releases it.
func (qm *QueueManager) quitContext() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		select {
		case <-qm.quit:
			cancel()
		case <-done:
		}
	}()
	var once sync.Once
	return ctx, func() { once.Do(func() { close(done); cancel() }) }
}

// startMessageChannel starts a sender or server channel, or lets a
// stopped receiving channel accept its partner again (START CHANNEL).
func (qm *QueueManager) startMessageChannel(name string) error {
	def, ok := mcaSide{qm}.Channel(name)
	if !ok {
		return ErrChannelNotFound
	}
	qm.chans.mu.Lock()
	defer qm.chans.mu.Unlock()
	qm.chans.init()
	switch def.Type {
	case "RCVR":
		delete(qm.chans.stopped, name)
		return nil
	case "RQSTR":
		// Started here it asks the partner's server to start; it still
		// accepts a server that calls it.
		delete(qm.chans.stopped, name)
	case "SDR", "SVR":
	default:
		return ErrChannelType
	}
	if run := qm.chans.senders[name]; run != nil && !run.stopped {
		select {
		case <-run.done:
		default:
			return ErrChannelInUse
		}
	}
	select {
	case <-qm.quit:
		return fmt.Errorf("qmgr: the queue manager is ending")
	default:
	}
	ctx, cancel := qm.quitContext()
	run := &senderRun{def: def, status: channel.InitializingStatus(), cancel: cancel, force: make(chan struct{}), done: make(chan struct{})}
	qm.chans.senders[name] = run
	qm.wg.Add(1)
	go func() {
		defer qm.wg.Done()
		defer close(run.done)
		defer cancel()
		qm.superviseSender(ctx, run)
	}()
	return nil
}

// superviseSender runs a sender until it is stopped, retrying failures.
func (qm *QueueManager) superviseSender(ctx context.Context, run *senderRun) {
	o, _, _ := objects.Load(qm.store, objects.TypeChannel, run.def.Name)
	count := func(kw string, def int) int {
		if v, ok := o.Int(kw); ok {
			return v
		}
		return def
	}
	short, long := count("SHORTRTY", 10), count("LONGRTY", 999999999)
	if run.def.Type == "RQSTR" {
		count = func(string, int) int { return 0 } // a requester has no retries: it stops
		short, long = 0, 0
	}
	shortWait := time.Duration(count("SHORTTMR", 60)) * time.Second
	longWait := time.Duration(count("LONGTMR", 1200)) * time.Second
	for {
		starts := run.status.Values().Starts
		err := channel.RunSender(ctx, mcaSide{qm}, run.def.Name, &channel.SenderOptions{Status: run.status, Force: run.force,
			Dial: qm.senderDial(run.def.Name, func(s *ssl.Session) {
				qm.chans.mu.Lock()
				run.tls = s
				qm.chans.mu.Unlock()
			})})
		if ctx.Err() != nil {
			return
		}
		if err == nil {
			// Ended normally (DISCINT): the channel is inactive.
			qm.chans.mu.Lock()
			if qm.chans.senders[run.def.Name] == run {
				delete(qm.chans.senders, run.def.Name)
			}
			qm.chans.mu.Unlock()
			return
		}
		if run.status.Values().Starts > starts {
			// It reached its partner: the retry counts start again.
			short, long = count("SHORTRTY", 10), count("LONGRTY", 999999999)
		}
		var wait time.Duration
		switch {
		case short > 0:
			short--
			wait = shortWait
		case long > 0:
			long--
			wait = longWait
		default:
			qm.chans.mu.Lock()
			run.stopped = true
			qm.chans.mu.Unlock()
			return
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return
		}
	}
}

// stopMessageChannel is STOP CHANNEL of a message channel. It waits (at
// most 30 seconds) for a sender to end.
func (qm *QueueManager) stopMessageChannel(name string, inactive, force bool) error {
	def, ok := mcaSide{qm}.Channel(name)
	if !ok {
		return ErrChannelNotFound
	}
	qm.chans.mu.Lock()
	qm.chans.init()
	typ := def.Type
	if run := qm.chans.senders[name]; typ == "RQSTR" && run != nil && !run.stopped {
		typ = "SVR" // a requester started at this end stops as a sender does
	}
	switch typ {
	case "SDR", "SVR":
		run := qm.chans.senders[name]
		if run == nil || run.stopped {
			qm.chans.mu.Unlock()
			return objects.ErrChannelInactive
		}
		if force {
			select {
			case <-run.force:
			default:
				close(run.force)
			}
		}
		run.cancel()
		qm.chans.mu.Unlock()
		select {
		case <-run.done:
		case <-time.After(30 * time.Second):
		}
		qm.chans.mu.Lock()
		if inactive {
			delete(qm.chans.senders, name)
		} else {
			run.stopped = true
		}
		qm.chans.mu.Unlock()
		return nil
	case "RCVR", "RQSTR":
		r := qm.chans.receivers[name]
		if !inactive {
			qm.chans.stopped[name] = true
		}
		qm.chans.mu.Unlock()
		if r == nil && inactive {
			return objects.ErrChannelInactive
		}
		if r != nil {
			r.nc.Close()
		}
		return nil
	}
	qm.chans.mu.Unlock()
	return ErrChannelType
}

// messageChannelStatuses are the DISPLAY CHSTATUS records of the message
// channels.
func (qm *QueueManager) messageChannelStatuses(saved bool) []objects.ChannelStatus {
	if saved {
		return qm.savedStatuses()
	}
	type instance struct {
		name, typ, conn, xmitq string
		v                      channel.StatusValues
		tls                    *ssl.Session
	}
	var all []instance
	qm.chans.mu.Lock()
	qm.chans.init()
	for name, run := range qm.chans.senders {
		v := run.status.Values()
		if run.stopped {
			v.State = channel.StateStopped
		}
		all = append(all, instance{name, "SDR", run.def.ConnName, run.def.XmitQ, v, run.tls})
	}
	for name, r := range qm.chans.receivers {
		all = append(all, instance{name, "RCVR", r.conn, "", r.status.Values(), r.tls})
	}
	for name := range qm.chans.stopped {
		if _, running := qm.chans.receivers[name]; !running {
			all = append(all, instance{name, "RCVR", "", "", channel.StatusValues{State: channel.StateStopped}, nil})
		}
	}
	qm.chans.mu.Unlock()
	out := make([]objects.ChannelStatus, 0, len(all))
	for _, in := range all {
		st := qm.statusOf(in.name, in.typ, in.conn, in.xmitq, in.v)
		SetTLSStatus(&st, in.tls)
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Channel < out[j].Channel })
	return out
}

func (qm *QueueManager) statusOf(name, typ, conn, xmitq string, v channel.StatusValues) objects.ChannelStatus {
	if def, ok := (mcaSide{qm}).Channel(name); ok {
		typ = def.Type
	}
	speed := "FAST"
	if def, ok := (mcaSide{qm}).Channel(name); ok && !def.FastNonPersistent {
		speed = "NORMAL"
	}
	st := objects.ChannelStatus{
		Channel: name, ChlType: typ, ConnName: conn, RQMName: v.RemoteQMgr, XmitQ: xmitq,
		Status: v.State, InDoubt: v.InDoubt, CurSeq: v.CurSeq, LastSeq: v.LastSeq,
		CurLUWID: luwidText(v.LUWID), LastLUWID: luwidText(v.LUWID),
		Msgs: v.Msgs, Batches: v.Batches, BatchSize: v.BatchSize, HBInt: int(v.Heartbeat / time.Second),
		NPMSpeed: speed,
	}
	switch {
	case v.State == channel.StateRunning && xmitq != "":
		st.SubState = "MQGET"
	case v.State == channel.StateRunning:
		st.SubState = "RECEIVE"
	}
	if xmitq != "" {
		st.XQMsgsA = int64(qm.availableMessages(xmitq))
	}
	return st
}

// availableMessages counts the messages of a queue not taken by a unit of
// work (XQMSGSA).
func (qm *QueueManager) availableMessages(name string) int {
	q, ok := qm.queues.lookup(name)
	if !ok {
		return 0
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	n := 0
	for _, m := range q.msgs {
		if m.lockedBy == nil {
			n++
		}
	}
	return n
}

// luwidText shows a logical unit of work id as IBM does: 16 hex digits.
func luwidText(id uint64) string {
	return fmt.Sprintf("%016X", id)
}

// channelTrigger returns the channel a put to the queue o starts: a
// transmission queue with TRIGGER, INITQ(SYSTEM.CHANNEL.INITQ) and the
// channel's name in TRIGDATA, as IBM admins configure triggered channels.
func channelTrigger(o *objects.Object) string {
	if o.String("USAGE") != "XMITQ" || o.String("TRIGGER") != "TRIGGER" ||
		strings.TrimSpace(o.String("INITQ")) != "SYSTEM.CHANNEL.INITQ" {
		return ""
	}
	return strings.TrimSpace(o.String("TRIGDATA"))
}

// triggerChannel starts a sender that a message on its triggered
// transmission queue asks for, unless it runs or was left STOPPED.
func (qm *QueueManager) triggerChannel(name string) {
	qm.chans.mu.Lock()
	run := qm.chans.senders[name]
	qm.chans.mu.Unlock()
	if run != nil {
		return // running, retrying or STOPPED
	}
	if err := qm.startMessageChannel(name); err != nil && !errors.Is(err, ErrChannelInUse) {
		qm.logFailure("trigger channel "+name, err)
	}
}

// PingChannel implements objects.ChannelRuntime: PING CHANNEL of a sender
// that is not running.
func (qm *QueueManager) PingChannel(name string, dataLen int) error {
	def, ok := mcaSide{qm}.Channel(name)
	if !ok {
		return ErrChannelNotFound
	}
	if def.Type != "SDR" && def.Type != "SVR" {
		return ErrChannelType
	}
	qm.chans.mu.Lock()
	run := qm.chans.senders[name]
	qm.chans.mu.Unlock()
	if run != nil && !run.stopped {
		return ErrChannelInUse
	}
	ctx, cancel := qm.quitContext()
	defer cancel()
	ctx, stop := context.WithTimeout(ctx, time.Minute)
	defer stop()
	if err := channel.Ping(ctx, mcaSide{qm}, name, dataLen, &channel.SenderOptions{Dial: qm.senderDial(name, nil)}); err != nil {
		return fmt.Errorf("%w: %w", objects.ErrChannelFailed, err)
	}
	return nil
}

// savedStatuses are the statuses DISPLAY CHSTATUS SAVED shows: one per
// synchronisation record on SYSTEM.CHANNEL.SYNCQ, as of the channel's
// last committed batch.
func (qm *QueueManager) savedStatuses() []objects.ChannelStatus {
	q := qm.queues.get(syncQName)
	type saved struct {
		name, role string
		rec        syncRecord
	}
	var recs []saved
	q.mu.Lock()
	for _, m := range q.msgs {
		if m.lockedBy != nil {
			continue
		}
		if rec, err := decodeSync(m.data); err == nil {
			recs = append(recs, saved{strings.TrimSpace(string(m.md.MsgID[4:])), string(m.md.MsgID[:4]), rec})
		}
	}
	q.mu.Unlock()
	var out []objects.ChannelStatus
	for _, s := range recs {
		def, ok := mcaSide{qm}.Channel(s.name)
		if !ok {
			continue
		}
		st := objects.ChannelStatus{Channel: s.name, ChlType: def.Type, ConnName: def.ConnName, Saved: true,
			InDoubt: s.rec.InDoubt, CurSeq: s.rec.Seq, LastSeq: s.rec.Seq,
			CurLUWID: luwidText(s.rec.LUWID), LastLUWID: luwidText(s.rec.LUWID), Status: channel.StateInactive}
		if s.role == "SDR " {
			st.XmitQ = def.XmitQ
			if s.rec.InDoubt {
				st.CurSeq, st.CurLUWID = s.rec.InDoubtSeq, luwidText(s.rec.InDoubtLUWID)
			}
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Channel < out[j].Channel })
	return out
}
