package qmgr

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/gomqm/gomqm/channel"
	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// MCA returns the queue manager as its message channel agents see
// it (package channel): channel definitions, transmission queues, the
// receivers' batches and the synchronisation records.
func (qm *QueueManager) MCA() channel.QueueManager { return mcaSide{qm} }

// mcaSide implements channel.QueueManager.
type mcaSide struct{ qm *QueueManager }

var _ channel.QueueManager = mcaSide{}

// errEnding is returned to a channel waiting for messages when the queue
// manager ends.
var errEnding = errors.New("qmgr: the queue manager is ending")

func (s mcaSide) Name() string { return s.qm.name }

func (s mcaSide) LogEntry(id amqmsg.ID, inserts ...string) { s.qm.logEntry(id, inserts...) }

func (s mcaSide) StartSender(name string) error { return s.qm.startMessageChannel(name) }

func (s mcaSide) Channel(name string) (channel.Definition, bool) {
	o, ok, err := objects.Load(s.qm.store, objects.TypeChannel, name)
	if err != nil || !ok {
		return channel.Definition{}, false
	}
	def := definitionOf(&o)
	s.qm.chans.mu.Lock()
	def.Stopped = s.qm.chans.stopped[name]
	s.qm.chans.mu.Unlock()
	return def, true
}

// definitionOf reads what the channel agents use of a definition.
func definitionOf(o *objects.Object) channel.Definition {
	num := func(kw string, def int) int {
		if v, ok := o.Int(kw); ok {
			return v
		}
		return def
	}
	str := func(kw string) string { return strings.Trim(strings.TrimSpace(o.String(kw)), "'") }
	return channel.Definition{
		Name: o.Name, Type: str("CHLTYPE"), ConnName: str("CONNAME"), XmitQ: str("XMITQ"),
		BatchSize:          num("BATCHSZ", 50),
		BatchInterval:      time.Duration(num("BATCHINT", 0)) * time.Millisecond,
		BatchHeartbeat:     time.Duration(num("BATCHHB", 0)) * time.Millisecond,
		MaxMsgLength:       num("MAXMSGL", 4194304),
		SeqWrap:            uint32(num("SEQWRAP", 999999999)),
		Heartbeat:          time.Duration(num("HBINT", 300)) * time.Second,
		DisconnectInterval: time.Duration(num("DISCINT", 6000)) * time.Second,
		FastNonPersistent:  str("NPMSPEED") != "NORMAL",
		MsgRetryCount:      num("MRRTY", 10),
		MsgRetryInterval:   time.Duration(num("MRTMR", 1000)) * time.Millisecond,
	}
}

func (s mcaSide) OpenTransmission(def channel.Definition) (channel.Transmission, error) {
	qd, ok := s.qm.lookupQueueDef(def.XmitQ)
	if !ok || qd.Type != objects.TypeQLocal {
		return nil, fmt.Errorf("qmgr: transmission queue %s of channel %s: reason %d", def.XmitQ, def.Name, mqi.MQRC_UNKNOWN_XMIT_Q)
	}
	if !qd.XmitQ {
		s.qm.logEntry(amqmsg.AMQ9531E)
		return nil, fmt.Errorf("qmgr: %s of channel %s is not USAGE(XMITQ): reason %d", def.XmitQ, def.Name, mqi.MQRC_XMIT_Q_USAGE_ERROR)
	}
	c := &s.qm.chans
	c.mu.Lock()
	defer c.mu.Unlock()
	c.init()
	if c.sending[def.Name] {
		return nil, channel.ErrInUse
	}
	c.sending[def.Name] = true
	return &transmission{qm: s.qm, q: s.qm.queues.get(qd.Name), id: syncID("SDR ", def.Name), name: def.Name}, nil
}

func (s mcaSide) ReceiverSync(name string) (channel.Sync, error) {
	r, err := s.qm.readSync(syncID("RCV ", name))
	return r.Sync, err
}

func (s mcaSide) SetReceiverSync(name string, sync channel.Sync) error {
	return s.qm.writeSync(syncID("RCV ", name), syncRecord{Sync: sync})
}

func (s mcaSide) NewBatch(name string) channel.Batch {
	return &receiveBatch{qm: s.qm, id: syncID("RCV ", name)}
}

// transmission is a sender's hold on its transmission queue; the batch is
// a unit of work whose gets remove the messages at Commit.
type transmission struct {
	qm   *QueueManager
	q    *queue
	id   [24]byte
	name string
	u    uow
	keys []uint64 // queue sequence numbers of the batch's messages
}

func (t *transmission) Next(ctx context.Context, wait time.Duration, fast bool) (*channel.Message, error) {
	var timeout <-chan time.Time
	if wait > 0 {
		tm := time.NewTimer(wait)
		defer tm.Stop()
		timeout = tm.C
	}
	q := t.q
	for {
		now := time.Now()
		q.mu.Lock()
		if i := q.findLocked(match{}, 0, now, t.qm.dropExpired(q)); i >= 0 {
			m := q.msgs[i]
			if fast && !m.persistent {
				q.removeLocked(i, now)
				t.qm.noteDepthLocked(q, depthGet)
				q.mu.Unlock()
				return &channel.Message{Data: m.data}, nil
			}
			m.lockedBy = &t.u
			q.uncommitted++
			q.lastGet = now
			t.u.gets = append(t.u.gets, pending{q: q, m: m})
			t.keys = append(t.keys, m.seq)
			q.mu.Unlock()
			return &channel.Message{Data: m.data, Persistent: m.persistent, Batched: true}, nil
		}
		if wait <= 0 {
			q.mu.Unlock()
			return nil, nil
		}
		arrived := q.arrivalLocked()
		q.mu.Unlock()
		select {
		case <-arrived:
		case <-timeout:
			return nil, nil
		case <-ctx.Done():
			return nil, nil
		case <-t.qm.quit:
			return nil, errEnding
		}
	}
}

func (t *transmission) DeadLetter(m *channel.Message, reason int32) int32 {
	var xqh wire.MQXQH
	n, err := xqh.Unmarshal(m.Data, binary.LittleEndian)
	if err != nil {
		return mqi.MQRC_MSG_TOO_BIG_FOR_CHANNEL
	}
	deadQ, md, body := t.qm.deadLetterOf(&xqh, m.Data[n:], reason)
	if deadQ == "" {
		return mqi.MQRC_UNKNOWN_OBJECT_NAME
	}
	hd, rc := t.qm.openQueue(&wire.MQOD{ObjectType: mqi.MQOT_Q, ObjectName: deadQ}, mqi.MQOO_OUTPUT|mqi.MQOO_SET_ALL_CONTEXT)
	if rc != mqi.MQRC_NONE {
		return rc
	}
	defer t.qm.closeHandle(hd, 0)
	pmo := wire.MQPMO{Version: 1, Options: mqi.MQPMO_SET_ALL_CONTEXT}
	var u *uow
	if m.Batched {
		pmo.Options |= mqi.MQPMO_SYNCPOINT
		u = &t.u
	}
	return t.qm.put(hd, &md, &pmo, body, t.qm.channelIdentity(), u)
}

func (t *transmission) Sync() (channel.Sync, error) {
	r, err := t.qm.readSync(t.id)
	return r.Sync, err
}

func (t *transmission) InDoubt(seq uint32, luwid uint64) error {
	return t.qm.updateSync(t.id, !t.u.hasPersistent(), func(rec *syncRecord) {
		rec.InDoubt, rec.InDoubtSeq, rec.InDoubtLUWID = true, seq, luwid
		rec.keys = append([]uint64(nil), t.keys...)
	})
}

func (t *transmission) Commit(seq uint32, luwid uint64) error {
	unlock := t.qm.syncLocks.lock(t.id)
	defer unlock()
	rec, err := t.qm.readSync(t.id)
	if err != nil {
		return err
	}
	lazy := !t.u.hasPersistent()
	rec.Seq, rec.LUWID, rec.Lazy = seq, luwid, lazy
	rec.InDoubt, rec.InDoubtSeq, rec.InDoubtLUWID, rec.keys = false, 0, 0, nil
	t.keys = nil
	return t.qm.commitWithSync(&t.u, t.id, rec, lazy)
}

func (t *transmission) Backout() {
	t.qm.backout(&t.u)
	t.keys = nil
}

func (t *transmission) Resolve(commit bool) error {
	return t.qm.resolveChannel(t.id, t.q, commit)
}

func (t *transmission) ResetDone() error {
	return t.qm.updateSync(t.id, false, func(rec *syncRecord) {
		rec.Seq, rec.ResetPending, rec.ResetSeq, rec.Lazy = rec.ResetSeq-1, false, 0, false
	})
}

func (t *transmission) Adopt(seq uint32, luwid uint64) error {
	return t.qm.updateSync(t.id, false, func(rec *syncRecord) {
		rec.Seq, rec.LUWID, rec.Lazy = seq, luwid, false
	})
}

func (t *transmission) Close() {
	t.Backout()
	t.qm.chans.mu.Lock()
	delete(t.qm.chans.sending, t.name)
	t.qm.chans.mu.Unlock()
}

// resolveChannel settles a sender's in-doubt batch: commit removes its
// messages from the transmission queue q and records its sequence number
// as committed; backout leaves them to be sent again.
func (qm *QueueManager) resolveChannel(id [24]byte, q *queue, commit bool) error {
	unlock := qm.syncLocks.lock(id)
	defer unlock()
	rec, err := qm.readSync(id)
	if err != nil || !rec.InDoubt {
		return err
	}
	u := &uow{}
	if commit {
		want := map[uint64]bool{}
		for _, k := range rec.keys {
			want[k] = true
		}
		q.mu.Lock()
		for _, m := range q.msgs {
			if want[m.seq] && m.lockedBy == nil {
				m.lockedBy = u
				q.uncommitted++
				u.gets = append(u.gets, pending{q: q, m: m})
			}
		}
		q.mu.Unlock()
		rec.Seq, rec.LUWID, rec.Lazy = rec.InDoubtSeq, rec.InDoubtLUWID, false
	}
	rec.InDoubt, rec.InDoubtSeq, rec.InDoubtLUWID, rec.keys = false, 0, 0, nil
	return qm.commitWithSync(u, id, rec, false)
}

// receiveBatch is a receiving channel's batch: the puts of the messages
// that arrived, in one unit of work with the channel's record. The
// destinations it opens stay open for the next batches, until a
// heartbeat, a backout or the end of the channel closes them.
type receiveBatch struct {
	qm      *QueueManager
	id      [24]byte
	u       uow
	handles map[[2]string]*handle // by queue and queue manager name
}

// channelIdentity is who a channel's puts come from; the messages keep
// their own context (MQPMO_SET_ALL_CONTEXT).
func (qm *QueueManager) channelIdentity() putIdentity {
	return putIdentity{user: "mqm", applName: "runmqchl", applType: mqi.MQAT_QMGR}
}

func (b *receiveBatch) Put(xqh *wire.MQXQH, data []byte, now bool) int32 {
	return b.putTo(strings.TrimSpace(xqh.RemoteQName), strings.TrimSpace(xqh.RemoteQMgrName), xqh.MsgDesc, data, now)
}

func (b *receiveBatch) putTo(q, qmgr string, md wire.MQMD, data []byte, now bool) int32 {
	key := [2]string{q, qmgr}
	hd := b.handles[key]
	if hd == nil {
		od := wire.MQOD{ObjectType: mqi.MQOT_Q, ObjectName: q, ObjectQMgrName: qmgr}
		var rc int32
		if hd, rc = b.qm.openQueue(&od, mqi.MQOO_OUTPUT|mqi.MQOO_SET_ALL_CONTEXT); rc != mqi.MQRC_NONE {
			return rc
		}
		if b.handles == nil {
			b.handles = map[[2]string]*handle{}
		}
		b.handles[key] = hd
	}
	pmo := wire.MQPMO{Version: 1, Options: mqi.MQPMO_SET_ALL_CONTEXT}
	var u *uow
	if !now {
		pmo.Options |= mqi.MQPMO_SYNCPOINT
		u = &b.u
	}
	return b.qm.put(hd, &md, &pmo, data, b.qm.channelIdentity(), u)
}

func (b *receiveBatch) DeadLetter(xqh *wire.MQXQH, data []byte, reason int32, now bool) int32 {
	deadQ, md, body := b.qm.deadLetterOf(xqh, data, reason)
	if deadQ == "" {
		return mqi.MQRC_UNKNOWN_OBJECT_NAME
	}
	return b.putTo(deadQ, "", md, body, now)
}

// deadLetterOf returns the queue manager's dead-letter queue ("" when it
// has none) and the message to put there for a message bound for the
// destination xqh names: its descriptor with Format MQDEAD, and an MQDLH
// with reason before data.
func (qm *QueueManager) deadLetterOf(xqh *wire.MQXQH, data []byte, reason int32) (string, wire.MQMD, []byte) {
	deadQ := qm.qmgrString("DEADQ")
	md := xqh.MsgDesc
	utc := time.Now().UTC()
	dlh := wire.MQDLH{
		Reason: reason, DestQName: strings.TrimSpace(xqh.RemoteQName), DestQMgrName: strings.TrimSpace(xqh.RemoteQMgrName),
		Encoding: md.Encoding, CodedCharSetID: md.CodedCharSetID, Format: md.Format,
		PutApplType: mqi.MQAT_QMGR, PutApplName: qm.name,
		PutDate: utc.Format("20060102"), PutTime: utc.Format("150405") + "00",
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if md.Encoding&wire.EncIntMask == wire.EncIntNormal {
		order = binary.BigEndian
	}
	md.Format = wire.FmtDeadLetter
	return deadQ, md, append(dlh.Marshal(order), data...)
}

func (b *receiveBatch) Commit(seq uint32, luwid uint64) error {
	unlock := b.qm.syncLocks.lock(b.id)
	defer unlock()
	rec, err := b.qm.readSync(b.id)
	if err != nil {
		b.Backout()
		return err
	}
	lazy := !b.u.hasPersistent()
	rec.Seq, rec.LUWID, rec.Lazy = seq, luwid, lazy
	return b.qm.commitWithSync(&b.u, b.id, rec, lazy)
}

// CloseQueues implements channel.Batch.
func (b *receiveBatch) CloseQueues() { b.closeHandles() }

func (b *receiveBatch) Backout() {
	b.qm.backout(&b.u)
	b.closeHandles()
}

func (b *receiveBatch) closeHandles() {
	for k, hd := range b.handles {
		b.qm.closeHandle(hd, 0)
		delete(b.handles, k)
	}
}

// receiverClaims makes sure one instance of each receiving channel runs:
// a new connection for a channel ends the one before it and waits for it
// to finish (its batch backed out or committed) before it answers.
type receiverClaims struct {
	mu sync.Mutex
	m  map[string]*receiverClaim
}

type receiverClaim struct {
	abort func()
	done  chan struct{}
}

func (s mcaSide) ClaimReceiver(name string, abort func()) (release func()) {
	rc := &s.qm.receivers
	for {
		rc.mu.Lock()
		if rc.m == nil {
			rc.m = map[string]*receiverClaim{}
		}
		old := rc.m[name]
		if old == nil {
			mine := &receiverClaim{abort: abort, done: make(chan struct{})}
			rc.m[name] = mine
			rc.mu.Unlock()
			return func() {
				rc.mu.Lock()
				delete(rc.m, name)
				rc.mu.Unlock()
				close(mine.done)
			}
		}
		rc.mu.Unlock()
		old.abort()
		<-old.done
	}
}

// Errors of the channel operator commands: the executor answers each
// with IBM's message.
var (
	ErrChannelNotFound = objects.ErrChannelNotFound
	ErrChannelType     = objects.ErrChannelType
	ErrChannelInUse    = objects.ErrChannelInUse
	ErrNotInDoubt      = objects.ErrChannelNotInDoubt
)

// ResetChannel is RESET CHANNEL SEQNUM(seq): the channel's next message
// has sequence number seq. A sender passes the number to its partner when
// it next starts; at a receiver the change is local.
func (qm *QueueManager) ResetChannel(name string, seq uint32) error {
	def, ok := mcaSide{qm}.Channel(name)
	if !ok {
		return ErrChannelNotFound
	}
	switch def.Type {
	case "SDR", "SVR":
		return qm.updateSync(syncID("SDR ", name), false, func(rec *syncRecord) {
			rec.ResetPending, rec.ResetSeq = true, seq
		})
	case "RCVR", "RQSTR":
		return qm.updateSync(syncID("RCV ", name), false, func(rec *syncRecord) { rec.Seq, rec.Lazy = seq-1, false })
	}
	return ErrChannelType
}

// ResolveChannel is RESOLVE CHANNEL ACTION(COMMIT|BACKOUT) for a sender
// whose batch is in doubt: commit removes the batch from the
// transmission queue, backout leaves it there to be sent again.
func (qm *QueueManager) ResolveChannel(name string, commit bool) error {
	def, ok := mcaSide{qm}.Channel(name)
	if !ok {
		return ErrChannelNotFound
	}
	if def.Type != "SDR" && def.Type != "SVR" {
		return ErrChannelType
	}
	id := syncID("SDR ", name)
	rec, err := qm.readSyncLocked(id)
	if err != nil {
		return err
	}
	if !rec.InDoubt {
		return ErrNotInDoubt
	}
	qd, ok := qm.lookupQueueDef(def.XmitQ)
	if !ok {
		return fmt.Errorf("qmgr: transmission queue %s of channel %s is not defined", def.XmitQ, name)
	}
	return qm.resolveChannel(id, qm.queues.get(qd.Name), commit)
}

// readSyncLocked reads a channel's record under its sync lock.
func (qm *QueueManager) readSyncLocked(id [24]byte) (syncRecord, error) {
	unlock := qm.syncLocks.lock(id)
	defer unlock()
	return qm.readSync(id)
}

// ChannelSync returns a channel's synchronisation record, for DISPLAY
// CHSTATUS SAVED and tests.
func (qm *QueueManager) ChannelSync(name string) (channel.Sync, error) {
	def, ok := mcaSide{qm}.Channel(name)
	if !ok {
		return channel.Sync{}, ErrChannelNotFound
	}
	role := "RCV "
	if def.Type == "SDR" || def.Type == "SVR" {
		role = "SDR "
	}
	rec, err := qm.readSyncLocked(syncID(role, name))
	return rec.Sync, err
}
