package qmgr

import (
	"errors"
	"fmt"
	"sync"

	"github.com/gomqm/gomqm/channel"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// Channel synchronisation records
//
// As on IBM MQ, each message channel's synchronisation record is a
// persistent message on SYSTEM.CHANNEL.SYNCQ: its MsgId is "SDR " or
// "RCV " and the channel name, its data the sequence number and unit of
// work of the last committed batch and, at a sender, the batch in doubt
// with the queue sequence numbers of its messages. A record is replaced by
// putting the new one and getting the old one in the same unit of work as
// the batch itself: at a receiver with the puts of the batch's messages,
// at a sender with the gets that remove the batch from the transmission
// queue. The recovery log's commit record makes the batch and its record
// final together, so a crash leaves both or neither.
//
// A batch that carries no persistent message has nothing a crash must
// keep (its non-persistent messages do not survive one), so its record
// is committed without waiting for the disk (QueueManager.commitAs) and
// marked Lazy: after a crash the two ends' records may then disagree by
// such batches, and the sender takes the receiver's numbers (channel
// package, resynchronise) instead of failing with AMQ9526E. This is what IBM means by NPMSPEED(FAST) minimising the
// SYSTEM.CHANNEL.SYNCQ updates.

// syncQName is the queue that holds the records.
const syncQName = "SYSTEM.CHANNEL.SYNCQ"

// syncRecord is a channel's record: the channel package's view plus the
// messages of an in-doubt batch.
type syncRecord struct {
	channel.Sync
	keys []uint64 // queue sequence numbers of the in-doubt batch's messages
}

const syncVersion = 1

var errBadSync = errors.New("qmgr: malformed channel synchronisation record")

func (r *syncRecord) encode() []byte {
	b := make([]byte, 0, 48+8*len(r.keys))
	b = append(b, syncVersion)
	var flags byte
	if r.InDoubt {
		flags |= 1
	}
	if r.ResetPending {
		flags |= 2
	}
	if r.Lazy {
		flags |= 4
	}
	b = append(b, flags)
	b = le.AppendUint32(b, r.Seq)
	b = le.AppendUint64(b, r.LUWID)
	b = le.AppendUint32(b, r.InDoubtSeq)
	b = le.AppendUint64(b, r.InDoubtLUWID)
	b = le.AppendUint32(b, r.ResetSeq)
	b = le.AppendUint32(b, uint32(len(r.keys)))
	for _, k := range r.keys {
		b = le.AppendUint64(b, k)
	}
	return b
}

func decodeSync(b []byte) (syncRecord, error) {
	const fixed = 2 + 4 + 8 + 4 + 8 + 4 + 4
	if len(b) < fixed || b[0] != syncVersion {
		return syncRecord{}, fmt.Errorf("%w: %d bytes", errBadSync, len(b))
	}
	var r syncRecord
	r.InDoubt, r.ResetPending, r.Lazy = b[1]&1 != 0, b[1]&2 != 0, b[1]&4 != 0
	r.Seq = le.Uint32(b[2:])
	r.LUWID = le.Uint64(b[6:])
	r.InDoubtSeq = le.Uint32(b[14:])
	r.InDoubtLUWID = le.Uint64(b[18:])
	r.ResetSeq = le.Uint32(b[26:])
	n := le.Uint32(b[30:])
	if uint64(len(b)-fixed) != uint64(n)*8 {
		return syncRecord{}, fmt.Errorf("%w: %d keys in %d bytes", errBadSync, n, len(b))
	}
	for i := range int(n) {
		r.keys = append(r.keys, le.Uint64(b[fixed+8*i:]))
	}
	return r, nil
}

// syncID is the MsgId of a channel's record; role is "SDR " or "RCV ".
func syncID(role, name string) [24]byte {
	var id [24]byte
	copy(id[:], role)
	n := copy(id[4:], name)
	for i := 4 + n; i < 24; i++ {
		id[i] = ' '
	}
	return id
}

// syncLocks serialises the replacement of each channel's record (a
// running channel and RESET or RESOLVE CHANNEL).
type syncLocks struct {
	mu sync.Mutex
	m  map[[24]byte]*sync.Mutex
}

func (l *syncLocks) lock(id [24]byte) func() {
	l.mu.Lock()
	if l.m == nil {
		l.m = map[[24]byte]*sync.Mutex{}
	}
	m, ok := l.m[id]
	if !ok {
		m = &sync.Mutex{}
		l.m[id] = m
	}
	l.mu.Unlock()
	m.Lock()
	return m.Unlock
}

// readSync returns a channel's record; a channel that never ran has a
// zero one. The caller holds the channel's sync lock, or is the channel's
// own goroutine (the only writer while it runs).
func (qm *QueueManager) readSync(id [24]byte) (syncRecord, error) {
	q := qm.queues.get(syncQName)
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, m := range q.msgs {
		if m.md.MsgID == id && m.lockedBy == nil {
			return decodeSync(m.data)
		}
	}
	return syncRecord{}, nil
}

// replaceSync adds the replacement of a channel's record to u: the get
// of the current record and the put of rec. The caller holds the
// channel's sync lock until u commits or backs out.
func (qm *QueueManager) replaceSync(u *uow, id [24]byte, rec syncRecord) error {
	def, ok := qm.lookupQueueDef(syncQName)
	if !ok {
		return fmt.Errorf("qmgr: %s is not defined", syncQName)
	}
	q := qm.queues.get(syncQName)
	q.mu.Lock()
	for _, m := range q.msgs {
		if m.md.MsgID == id && m.lockedBy == nil {
			m.lockedBy = u
			q.uncommitted++
			u.gets = append(u.gets, pending{q: q, m: m})
			break
		}
	}
	q.mu.Unlock()
	hd := &handle{q: q, def: def, options: mqi.MQOO_OUTPUT | mqi.MQOO_SET_ALL_CONTEXT, output: true}
	md := wire.MQMD{Version: 2, MsgType: mqi.MQMT_DATAGRAM, Expiry: mqi.MQEI_UNLIMITED, MsgID: id,
		Persistence: mqi.MQPER_PERSISTENT, Encoding: wire.EncNative, CodedCharSetID: qmgrCCSID,
		PutApplType: mqi.MQAT_QMGR, PutApplName: qm.name}
	pmo := wire.MQPMO{Version: 1, Options: mqi.MQPMO_SYNCPOINT | mqi.MQPMO_SET_ALL_CONTEXT}
	if rc := qm.put(hd, &md, &pmo, rec.encode(), putIdentity{user: "mqm", applName: qm.name, applType: mqi.MQAT_QMGR}, u); rc != mqi.MQRC_NONE {
		return fmt.Errorf("qmgr: put the synchronisation record: reason %d", rc)
	}
	return nil
}

// updateSync changes a channel's record with change, in a unit of work of
// its own; with later (for a batch without persistent messages) it does
// not wait for the disk.
func (qm *QueueManager) updateSync(id [24]byte, later bool, change func(*syncRecord)) error {
	unlock := qm.syncLocks.lock(id)
	defer unlock()
	rec, err := qm.readSync(id)
	if err != nil {
		return err
	}
	change(&rec)
	return qm.commitWithSync(&uow{}, id, rec, later)
}

// writeSync replaces a channel's record in a unit of work of its own.
func (qm *QueueManager) writeSync(id [24]byte, rec syncRecord) error {
	unlock := qm.syncLocks.lock(id)
	defer unlock()
	return qm.commitWithSync(&uow{}, id, rec, false)
}

// commitWithSync commits u together with the replacement of a channel's
// record; with later without waiting for the disk. The caller holds the
// channel's sync lock.
func (qm *QueueManager) commitWithSync(u *uow, id [24]byte, rec syncRecord, later bool) error {
	if err := qm.replaceSync(u, id, rec); err != nil {
		qm.backout(u)
		return err
	}
	if rc := qm.commitAs(u, later); rc != mqi.MQRC_NONE {
		return fmt.Errorf("qmgr: commit the batch: reason %d", rc)
	}
	return nil
}
