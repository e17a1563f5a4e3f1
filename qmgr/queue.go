package qmgr

import (
	"bytes"
	"sync"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
)

// message is one message on a queue.
type message struct {
	md   wire.MQMD
	data []byte
	seq  uint64    // arrival order, for FIFO within a priority
	put  time.Time // when it arrived, for MSGAGE and QTIME
}

// queue holds the messages of one local queue and the state DISPLAY
// QSTATUS shows. mu guards every field below it.
type queue struct {
	name string

	mu        sync.Mutex
	msgs      []*message    // in delivery order
	byPrio    bool          // MSGDLVSQ(PRIORITY): higher priority first
	arrived   chan struct{} // closed and replaced whenever a message arrives
	inputs    int           // open for input (IPPROCS)
	outputs   int           // open for output (OPPROCS)
	exclusive bool          // an input handle holds it exclusively
	lastGet   time.Time
	lastPut   time.Time
	temporary bool     // a temporary dynamic queue: deleted when its creator closes it
	def       queueDef // the definition of a temporary dynamic queue
	nextSeq   uint64
}

func newQueue(name string) *queue {
	return &queue{name: name, byPrio: true, arrived: make(chan struct{})}
}

// putLocked adds m in delivery order and wakes waiting getters.
// The caller holds q.mu.
func (q *queue) putLocked(m *message, now time.Time) {
	q.nextSeq++
	m.seq = q.nextSeq
	m.put = now
	i := len(q.msgs)
	if q.byPrio {
		for i > 0 && q.msgs[i-1].md.Priority < m.md.Priority {
			i--
		}
	}
	q.msgs = append(q.msgs, nil)
	copy(q.msgs[i+1:], q.msgs[i:])
	q.msgs[i] = m
	q.lastPut = now
	close(q.arrived)
	q.arrived = make(chan struct{})
}

// match selects messages for MQGET.
type match struct {
	msgID, correlID *[24]byte
}

func (mt match) ok(m *message) bool {
	if mt.msgID != nil && !bytes.Equal(mt.msgID[:], m.md.MsgID[:]) {
		return false
	}
	if mt.correlID != nil && !bytes.Equal(mt.correlID[:], m.md.CorrelID[:]) {
		return false
	}
	return true
}

// findLocked returns the index of the first message that matches, or -1.
// The caller holds q.mu.
func (q *queue) findLocked(mt match) int {
	for i, m := range q.msgs {
		if mt.ok(m) {
			return i
		}
	}
	return -1
}

// removeLocked takes message i off the queue. The caller holds q.mu.
func (q *queue) removeLocked(i int, now time.Time) *message {
	m := q.msgs[i]
	q.msgs = append(q.msgs[:i], q.msgs[i+1:]...)
	q.lastGet = now
	return m
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
