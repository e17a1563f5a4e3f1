package qmgr

import (
	"bytes"
	"sync"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
)

// message is one message on a queue.
type message struct {
	md         wire.MQMD
	data       []byte
	seq        uint64    // unique in the queue manager; order of arrival; the store key
	put        time.Time // when it arrived, for expiry, MSGAGE and QTIME
	persistent bool
	lockedBy   *uow    // got under syncpoint and not yet committed: hidden
	lockedFor  *handle // browsed with MQGMO_LOCK: hidden from other handles
}

// expired reports whether the message's expiry (tenths of a second from
// its arrival) has passed.
func (m *message) expired(now time.Time) bool {
	return m.md.Expiry > 0 && now.Sub(m.put) >= time.Duration(m.md.Expiry)*100*time.Millisecond
}

// remainingExpiry is the Expiry an application sees: what is left.
func (m *message) remainingExpiry(now time.Time) int32 {
	if m.md.Expiry <= 0 {
		return m.md.Expiry
	}
	left := m.md.Expiry - int32(now.Sub(m.put)/(100*time.Millisecond))
	return max(left, 1)
}

// queue holds the messages of one local queue and the state DISPLAY
// QSTATUS shows. mu guards every field below it.
type queue struct {
	name string

	mu          sync.Mutex
	msgs        []*message    // in delivery order
	byPrio      bool          // MSGDLVSQ(PRIORITY): higher priority first
	arrived     chan struct{} // closed and replaced when a message becomes available and watched is set
	watched     bool          // someone waits on arrived (see arrivalLocked)
	inputs      int           // open for input (IPPROCS)
	outputs     int           // open for output (OPPROCS)
	exclusive   bool          // an input handle holds it exclusively
	lastGet     time.Time
	lastPut     time.Time
	uncommitted int        // puts and gets in units of work (UNCOM)
	temporary   bool       // a temporary dynamic queue: deleted when its creator closes it
	open        openState  // open handles and MQSET (handles.go)
	depthEv     depthState // queue depth events and their statistics (events.go)
}

func newQueue(name string) *queue {
	q := &queue{name: name, byPrio: true, arrived: make(chan struct{})}
	q.depthEv.stats.since = time.Now()
	return q
}

// putLocked adds m in delivery order and wakes waiting getters.
// The caller holds q.mu.
func (q *queue) putLocked(m *message, now time.Time) {
	i := len(q.msgs)
	if q.byPrio {
		for i > 0 && q.msgs[i-1].md.Priority < m.md.Priority {
			i--
		}
	}
	for i > 0 && q.msgs[i-1].seq > m.seq && (!q.byPrio || q.msgs[i-1].md.Priority == m.md.Priority) {
		i-- // a message recovered or backed out keeps its place
	}
	q.msgs = append(q.msgs, nil)
	copy(q.msgs[i+1:], q.msgs[i:])
	q.msgs[i] = m
	q.lastPut = now
	q.signalLocked()
}

// signalLocked wakes every waiting getter. The caller holds q.mu.
func (q *queue) signalLocked() {
	if !q.watched {
		return // nobody waits: keep the channel
	}
	close(q.arrived)
	q.arrived = make(chan struct{})
	q.watched = false
}

// arrivalLocked returns the channel closed when the next message becomes
// available, for a getter about to wait. The caller holds q.mu.
func (q *queue) arrivalLocked() <-chan struct{} {
	q.watched = true
	return q.arrived
}

// match selects messages for MQGET.
type match struct {
	msgID, correlID, groupID *[24]byte
	seq                      *int32 // MsgSeqNumber
	offset                   *int32 // Offset (MQMO_MATCH_OFFSET)
	groupStart               bool   // only a message outside a group or the first of one (logical order)
	wholeGroup               bool   // a message in a group only once the whole group is there (groups.go)
}

func (mt match) ok(m *message) bool {
	if mt.seq != nil && m.md.MsgSeqNumber != *mt.seq {
		return false
	}
	if mt.offset != nil && m.md.Offset != *mt.offset {
		return false
	}
	if mt.groupStart && inGroup(&m.md) && m.md.MsgSeqNumber != 1 {
		return false
	}
	if mt.msgID != nil && !bytes.Equal(mt.msgID[:], m.md.MsgID[:]) {
		return false
	}
	if mt.correlID != nil && !bytes.Equal(mt.correlID[:], m.md.CorrelID[:]) {
		return false
	}
	if mt.groupID != nil && !bytes.Equal(mt.groupID[:], m.md.GroupID[:]) {
		return false
	}
	return true
}

// findLocked returns the index of the first available message after
// position from that matches, or -1. Expired messages are dropped on the
// way (reported through expired). The caller holds q.mu.
func (q *queue) findLocked(mt match, from int, now time.Time, expired func(*message)) int {
	return q.findForLocked(nil, mt, from, now, expired)
}

// findForLocked is findLocked for handle hd, which also sees the message
// it has locked by browsing with MQGMO_LOCK. The caller holds q.mu.
func (q *queue) findForLocked(hd *handle, mt match, from int, now time.Time, expired func(*message)) int {
	for i := from; i < len(q.msgs); i++ {
		m := q.msgs[i]
		if m.lockedBy != nil || (m.lockedFor != nil && m.lockedFor != hd) {
			continue
		}
		if m.expired(now) {
			q.msgs = append(q.msgs[:i], q.msgs[i+1:]...)
			if expired != nil {
				expired(m)
			}
			i--
			continue
		}
		if mt.ok(m) && (!mt.wholeGroup || !inGroup(&m.md) || q.groupCompleteLocked(m.md.GroupID, hd)) {
			return i
		}
	}
	return -1
}

// removeLocked takes message i off the queue. The caller holds q.mu.
func (q *queue) removeLocked(i int, now time.Time) *message {
	m := q.msgs[i]
	if i == 0 {
		q.msgs[0] = nil
		q.msgs = q.msgs[1:] // the usual case, and O(1)
	} else {
		q.msgs = append(q.msgs[:i], q.msgs[i+1:]...)
	}
	q.lastGet = now
	return m
}

// removeMsgLocked takes m off the queue wherever it is. The caller holds
// q.mu.
func (q *queue) removeMsgLocked(m *message) {
	for i, x := range q.msgs {
		if x == m {
			q.msgs = append(q.msgs[:i], q.msgs[i+1:]...)
			return
		}
	}
}

// indexLocked returns the position of m, or -1. The caller holds q.mu.
func (q *queue) indexLocked(m *message) int {
	for i, x := range q.msgs {
		if x == m {
			return i
		}
	}
	return -1
}

// depth returns the number of messages on the queue.
func (q *queue) depth() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.msgs)
}

// queueTable is the set of local queues that hold state. mu guards m.
type queueTable struct {
	mu sync.Mutex
	m  map[string]*queue
}

func newQueueTable() *queueTable { return &queueTable{m: map[string]*queue{}} }

// get returns the queue called name, creating its state on first use.
func (t *queueTable) get(name string) *queue {
	t.mu.Lock()
	defer t.mu.Unlock()
	q, ok := t.m[name]
	if !ok {
		q = newQueue(name)
		t.m[name] = q
	}
	return q
}

// lookup returns the queue's state if it has any.
func (t *queueTable) lookup(name string) (*queue, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	q, ok := t.m[name]
	return q, ok
}

// remove forgets the queue's state (DELETE QLOCAL, temporary queues).
func (t *queueTable) remove(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.m, name)
}

// indexOfID returns the position of the message with the id, or -1.
func (q *queue) indexOfID(id [24]byte) int {
	for i, m := range q.msgs {
		if m.md.MsgID == id {
			return i
		}
	}
	return -1
}
