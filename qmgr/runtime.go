package qmgr

import (
	"strings"
	"sync"
	"time"

	"github.com/gomqm/gomqm/internal/objects"
)

// The queue manager is the executor's objects.Runtime: DISPLAY QSTATUS,
// CLEAR QLOCAL and DELETE QLOCAL see and change the live queues.

// QueueStatus implements objects.Runtime.
func (qm *QueueManager) QueueStatus(name string) (objects.QueueStatus, bool) {
	q, ok := qm.queues.lookup(name)
	if !ok {
		return objects.QueueStatus{}, false
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	st := objects.QueueStatus{
		CurDepth: len(q.msgs), IPProcs: q.inputs, OPProcs: q.outputs, Uncommitted: q.uncommitted,
		LastGet: q.lastGet, LastPut: q.lastPut, MsgAge: -1, QTimeShort: -1, QTimeLong: -1,
	}
	if len(q.msgs) > 0 {
		oldest := q.msgs[0].put
		for _, m := range q.msgs {
			if m.put.Before(oldest) {
				oldest = m.put
			}
		}
		st.MsgAge = int(time.Since(oldest).Seconds())
	}
	return st, true
}

// ClearQueue implements objects.Runtime. The persistent messages it
// removes are deleted from the store before it returns, so they cannot
// come back at the next start.
func (qm *QueueManager) ClearQueue(name string) error {
	gone, err := qm.emptyIdleQueue(name, true)
	if err != nil {
		return err
	}
	return qm.discard(name, gone)
}

// QueueDeleted implements objects.Runtime.
func (qm *QueueManager) QueueDeleted(name string, purge bool) error {
	gone, err := qm.emptyIdleQueue(name, purge)
	if err != nil {
		return err
	}
	qm.queues.remove(name)
	if err := qm.discard(name, gone); err != nil {
		return err
	}
	return qm.store.DeleteQueueMessages(name)
}

// emptyIdleQueue takes every message off a queue that no handle has open
// and no unit of work uses (ErrInUse otherwise). Without purge a queue
// that holds messages is left alone (ErrNotEmpty).
func (qm *QueueManager) emptyIdleQueue(name string, purge bool) ([]*message, error) {
	q, ok := qm.queues.lookup(name)
	if !ok {
		return nil, nil
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case q.inputs > 0 || q.outputs > 0 || q.uncommitted > 0:
		return nil, objects.ErrInUse
	case len(q.msgs) > 0 && !purge:
		return nil, objects.ErrNotEmpty
	}
	gone := q.msgs
	q.msgs = nil
	return gone, nil
}

// discard deletes removed persistent messages from the store at once.
func (qm *QueueManager) discard(name string, msgs []*message) error {
	persistent := false
	for _, m := range msgs {
		if m.persistent {
			qm.persist.forget(msgKey{name, m.seq})
			persistent = true
		}
	}
	if !persistent {
		return nil
	}
	return qm.persist.checkpoint()
}

// lookupQueueDef reads a queue's definition from the store, or from the
// cache of those read since the store's last object write (every
// channel batch and MQINQ looks one up).
func (qm *QueueManager) lookupQueueDef(name string) (queueDef, bool) {
	gen := qm.store.ObjectGeneration()
	if d, ok := qm.defs.get(name, gen); ok {
		return d, true
	}
	o, ok, err := objects.Load(qm.store, objects.SpaceQueue, name)
	if err != nil || !ok {
		return queueDef{}, false
	}
	d := queueDefOf(&o)
	qm.defs.put(name, gen, d)
	return d, true
}

// queueDefCache holds queue definitions read at one generation of the
// store's objects; a later generation empties it.
type queueDefCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[string]queueDef
}

func (c *queueDefCache) get(name string, gen uint64) (queueDef, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		c.gen, c.m = gen, nil
		return queueDef{}, false
	}
	d, ok := c.m[name]
	return d, ok
}

// put keeps d, read at generation gen (taken before the read), unless
// the cache has moved on to a later generation.
func (c *queueDefCache) put(name string, gen uint64, d queueDef) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if c.m == nil {
		c.m = map[string]queueDef{}
	}
	c.m[name] = d
}

// queueDefOf extracts what messaging needs from a queue object.
func queueDefOf(o *objects.Object) queueDef {
	intOr := func(kw string, def int) int {
		if v, ok := o.Int(kw); ok {
			return v
		}
		return def
	}
	d := queueDef{
		Type:     o.Type,
		Name:     o.Name,
		Target:   o.String("TARGET"),
		DefType:  o.String("DEFTYPE"),
		MaxDepth: intOr("MAXDEPTH", 5000),
		MaxMsgL:  intOr("MAXMSGL", 4194304),
		PutOK:    o.String("PUT") != "DISABLED",
		GetOK:    o.String("GET") != "DISABLED",
		DefPsist: o.String("DEFPSIST") == "YES",
		DefPrty:  int32(intOr("DEFPRTY", 0)),
		ByPrio:   o.String("MSGDLVSQ") != "FIFO",
		Share:    !o.Flag("NOSHARE") && o.String("DEFSOPT") != "EXCL",
		HardenBO: o.Flag("HARDENBO"),
		XmitQ:    o.String("USAGE") == "XMITQ",
		Triggers: channelTrigger(o),
		Depth: depthLimits{
			highPct: intOr("QDEPTHHI", 80), lowPct: intOr("QDEPTHLO", 20),
			flags: depthFlags{
				high: o.String("QDPHIEV") == "ENABLED",
				low:  o.String("QDPLOEV") == "ENABLED",
				full: o.String("QDPMAXEV") != "DISABLED",
			},
		},
	}
	if d.Type == objects.TypeQAlias && d.Target == "" {
		d.Target = strings.TrimSpace(o.String("TARGQ"))
	}
	return d
}

var _ objects.Runtime = (*QueueManager)(nil)
