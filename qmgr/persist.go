package qmgr

import (
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gomqm/gomqm/internal/rlog"
	"github.com/gomqm/gomqm/internal/store"
)

// persister makes persistent messages durable. Every change is first
// appended to the recovery log (group commit: it is on disk when the
// append returns); the store holds the queues' persistent messages as of
// the last checkpoint; at start the log is replayed from that checkpoint.
//
// Locking: an operation holds cp shared from its log append until its
// change is recorded in dirty and applied to the in-memory queue; a
// checkpoint holds cp exclusively only to take the dirty set and the log
// position, so a checkpoint never misses an appended change. mu guards
// dirty. cpMu serialises checkpoints.
type persister struct {
	log   *rlog.Log
	store *store.Store
	// onDiskFull is called when a checkpoint finds the disk full; it
	// returns true if it freed space (the reserve) so that a retry may
	// work.
	onDiskFull func(error) bool
	// diskFull is set while the reserve is released: puts fail with
	// 2056 so that the released space serves gets only. It clears when
	// the reserve can be made again (onSpace).
	diskFull atomic.Bool
	onSpace  func() bool

	cp    sync.RWMutex
	mu    sync.Mutex
	dirty map[msgKey]change
	cpMu  sync.Mutex

	pending int // changes since the last checkpoint, guarded by mu
	kick    chan struct{}
}

// msgKey names a persistent message.
type msgKey struct {
	queue string
	seq   uint64
}

// change is a message's state to checkpoint: its encoding, or deleted.
type change struct {
	data    []byte
	deleted bool
}

// errStoreBehindLog is returned at start when the store is older than the
// log says it must be (its newest transaction was lost to damage).
var errStoreBehindLog = errors.New("qmgr: the message store is older than the recovery log's checkpoint")

// logReserve is the part of the log (in hundredths) kept for records that
// free space: when the log is that full, puts fail with MQRC 2056 while
// gets, commits and backouts can still be logged, so applications can
// drain queues even when the disk is full and no checkpoint fits.
const logReserve = 15

// checkpointCheck is how many changes pass between looks at the log's
// use: a checkpoint starts when half the primary log space is in use (or
// when the timer fires), so messages that stay on their queue are not
// copied to the store over and over during a burst.
const checkpointCheck = 256

func newPersister(l *rlog.Log, st *store.Store) *persister {
	return &persister{log: l, store: st, dirty: map[msgKey]change{}, kick: make(chan struct{}, 1)}
}

// write appends recs durably, records the changes for the next checkpoint
// and runs apply (which makes them visible in memory), all before a
// checkpoint can start. A full log is checkpointed and the write tried
// once more.
func (p *persister) write(recs []logRecord, changes map[msgKey]change, apply func()) error {
	if addsData(recs) && p.diskFull.Load() {
		return fmt.Errorf("%w: the file system is full", syscall.ENOSPC)
	}
	if addsData(recs) && p.nearlyFull() {
		if err := p.checkpoint(); err != nil || p.nearlyFull() {
			return fmt.Errorf("%w: the space left is kept for gets (checkpoint: %v)", rlog.ErrLogFull, err)
		}
	}
	err := p.tryWrite(recs, changes, apply)
	if errors.Is(err, rlog.ErrLogFull) {
		if cerr := p.checkpoint(); cerr != nil {
			return fmt.Errorf("qmgr: log full and checkpoint failed: %w", cerr)
		}
		err = p.tryWrite(recs, changes, apply)
	}
	return err
}

func (p *persister) tryWrite(recs []logRecord, changes map[msgKey]change, apply func()) error {
	bufs := make([][]byte, len(recs))
	for i := range recs {
		bufs[i] = recs[i].encode()
	}
	p.cp.RLock()
	defer p.cp.RUnlock()
	var err error
	if len(bufs) == 1 {
		_, err = p.log.Append(bufs[0])
	} else {
		_, err = p.log.AppendBatch(bufs)
	}
	if err != nil {
		return err
	}
	full := p.recordAll(changes)
	if apply != nil {
		apply()
	}
	if full {
		p.kickCheckpoint()
	}
	return nil
}

// checkpoint writes the changes since the last checkpoint to the store
// and releases the log space before them.
func (p *persister) checkpoint() error {
	p.cpMu.Lock()
	defer p.cpMu.Unlock()
	// Records written lazily (writeLater) hold cp shared until they are
	// durable: have them written now rather than stall everyone behind
	// the wait for cp.
	p.log.Hurry()
	p.cp.Lock()
	end := p.log.End()
	p.mu.Lock() // dirty is always guarded by mu (forget writes it without cp)
	dirty := p.dirty
	p.dirty = map[msgKey]change{}
	p.pending = 0
	p.mu.Unlock()
	p.cp.Unlock()
	changes := sortedChanges(dirty)
	err := p.store.ApplyMessages(changes, uint64(end))
	if err != nil && isDiskFull(err) && p.onDiskFull != nil && p.onDiskFull(err) {
		p.diskFull.Store(true)
		err = p.store.ApplyMessages(changes, uint64(end))
	}
	if err != nil {
		p.restore(dirty)
		return err
	}
	if err := p.log.Checkpoint(end); err != nil {
		return fmt.Errorf("qmgr: checkpoint the log: %w", err)
	}
	return nil
}

// restore puts back changes a failed checkpoint could not store, unless
// newer ones replaced them.
func (p *persister) restore(dirty map[msgKey]change) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for k, c := range dirty {
		if _, newer := p.dirty[k]; !newer {
			p.dirty[k] = c
		}
	}
}

func sortedChanges(dirty map[msgKey]change) []store.MessageChange {
	out := make([]store.MessageChange, 0, len(dirty))
	for k, c := range dirty {
		mc := store.MessageChange{Queue: k.queue, Seq: k.seq}
		if !c.deleted {
			mc.Data = c.data
		}
		out = append(out, mc)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Queue != out[j].Queue {
			return out[i].Queue < out[j].Queue
		}
		return out[i].Seq < out[j].Seq
	})
	return out
}

// run checkpoints every interval, or sooner when many changes pile up,
// until quit closes.
func (p *persister) run(quit <-chan struct{}, interval time.Duration, onErr func(error)) {
	// The ticker is short so that a full disk is noticed to have space
	// again within a second; checkpoints themselves follow interval.
	t := time.NewTicker(time.Second)
	defer t.Stop()
	last := time.Now()
	for {
		kicked := false
		select {
		case <-quit:
			return
		case <-t.C:
		case <-p.kick:
			kicked = true
		}
		p.mu.Lock()
		idle := len(p.dirty) == 0
		p.mu.Unlock()
		due := kicked || time.Since(last) >= interval || p.diskFull.Load()
		if !idle && due {
			if err := p.checkpoint(); err != nil {
				onErr(err)
				continue
			}
			last = time.Now()
		}
		if p.diskFull.Load() && p.onSpace != nil && p.onSpace() {
			p.diskFull.Store(false)
		}
	}
}

// recovered is the persistent state found at start.
type recovered struct {
	messages map[msgKey]*message
	records  int // log records replayed
	damaged  []store.DamagedMessage
	maxSeq   uint64
	touched  map[msgKey]bool // changed by the replay: to checkpoint
}

// recover loads the last checkpoint and replays the log after it. Units
// of work without a commit record are dropped: they never completed.
func (p *persister) recover() (*recovered, error) {
	stored, damaged, err := p.store.LoadMessages()
	if err != nil {
		return nil, err
	}
	rec := &recovered{messages: map[msgKey]*message{}, damaged: damaged, touched: map[msgKey]bool{}}
	for _, sm := range stored {
		m, err := decodeMessage(sm.Data)
		if err != nil {
			rec.damaged = append(rec.damaged, store.DamagedMessage{Queue: sm.Queue, Seq: sm.Seq})
			continue
		}
		m.seq = sm.Seq
		rec.messages[msgKey{sm.Queue, sm.Seq}] = m
		rec.maxSeq = max(rec.maxSeq, sm.Seq)
	}
	// The store says up to where it holds the log's changes. Records
	// before that position are already in it (a crash can come between
	// the store's commit and the log's checkpoint): skip them. A store
	// older than the log's checkpoint lost changes the log no longer has.
	storeLSN, found, err := p.store.CheckpointLSN()
	if err != nil {
		return nil, err
	}
	if logCP := p.log.Stats().Checkpoint; found && uint64(logCP) > storeLSN {
		return nil, fmt.Errorf("%w: the store holds changes up to log position %d but the log was released up to %d", errStoreBehindLog, storeLSN, logCP)
	}
	open := map[uint64][]logRecord{}
	_, err = p.log.Replay(func(r rlog.Record) error {
		if uint64(r.LSN) < storeLSN {
			return nil
		}
		lr, err := decodeRecord(r.Data)
		if err != nil {
			return fmt.Errorf("qmgr: log record at %v: %w", r.LSN, err)
		}
		rec.records++
		switch {
		case lr.kind == recCommit:
			for _, x := range open[lr.uow] {
				rec.apply(x)
			}
			delete(open, lr.uow)
		case lr.uow != 0:
			lr.msg = append([]byte(nil), lr.msg...)
			open[lr.uow] = append(open[lr.uow], lr)
		default:
			rec.apply(lr)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// apply replays one committed record.
func (rec *recovered) apply(r logRecord) {
	k := msgKey{r.queue, r.seq}
	rec.maxSeq = max(rec.maxSeq, r.seq)
	rec.touched[k] = true
	switch r.kind {
	case recPut:
		m, err := decodeMessage(r.msg)
		if err != nil {
			rec.damaged = append(rec.damaged, store.DamagedMessage{Queue: r.queue, Seq: r.seq})
			return
		}
		m.seq = r.seq
		rec.messages[k] = m
	case recGet:
		delete(rec.messages, k)
	case recBackout:
		if m, ok := rec.messages[k]; ok {
			m.md.BackoutCount++
		}
	}
}

// settle checkpoints what the replay changed, so the log starts empty.
func (p *persister) settle(rec *recovered) error {
	p.mu.Lock()
	for k := range rec.touched {
		if m, ok := rec.messages[k]; ok {
			p.dirty[k] = change{data: encodeMessage(m)}
		} else {
			p.dirty[k] = change{deleted: true}
		}
	}
	p.mu.Unlock()
	return p.checkpoint()
}

// addsData reports whether recs put new messages (and so may use only the
// unreserved part of the log).
func addsData(recs []logRecord) bool {
	for _, r := range recs {
		if r.kind == recPut {
			return true
		}
	}
	return false
}

// nearlyFull reports whether the log has reached its reserve.
func (p *persister) nearlyFull() bool {
	st := p.log.Stats()
	return st.Used*100 >= st.Capacity*(100-logReserve)
}
