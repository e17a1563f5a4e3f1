package qmgr

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/internal/rlog"
	"github.com/gomqm/gomqm/mqi"
)

// checkpointInterval is how often changed persistent messages are written
// to the store, releasing log space.
const checkpointInterval = 5 * time.Second

// openLog opens (creating on first use) the recovery log qm.ini describes.
func openLog(ini qmdir.QMIni) (*rlog.Log, error) {
	if err := os.MkdirAll(ini.Log.LogPath, 0o770); err != nil {
		return nil, err
	}
	return rlog.Open(rlog.Options{
		Dir:            ini.Log.LogPath,
		FilePages:      ini.Log.LogFilePages,
		PrimaryFiles:   ini.Log.LogPrimaryFiles,
		SecondaryFiles: ini.Log.LogSecondaryFiles,
	})
}

// recoverMessages loads the persistent messages and replays the log, puts
// them on their queues, quarantines damaged ones, and checkpoints. It
// returns the number of log records replayed.
func (qm *QueueManager) recoverMessages() (int, error) {
	if err := qm.removeTemporaryQueues(); err != nil {
		return 0, err
	}
	rec, err := qm.persist.recover()
	if err != nil {
		return 0, err
	}
	for _, d := range rec.damaged {
		if err := qm.store.QuarantineMessage(d.Queue, d.Seq); err != nil {
			return 0, err
		}
		qm.logEntry(amqmsg.AMQ7472W, d.Queue, strconv.FormatUint(d.Seq, 10))
	}
	qm.nextSeq.Store(rec.maxSeq)
	byQueue := map[string][]*message{}
	for k, m := range rec.messages {
		byQueue[k.queue] = append(byQueue[k.queue], m)
	}
	for name, msgs := range byQueue {
		def, ok := qm.lookupQueueDef(name)
		if !ok || def.Type != objects.TypeQLocal {
			// The queue was deleted after the message arrived: drop it.
			for _, m := range msgs {
				delete(rec.messages, msgKey{name, m.seq})
				rec.touched[msgKey{name, m.seq}] = true
			}
			continue
		}
		sort.Slice(msgs, func(i, j int) bool { return msgs[i].seq < msgs[j].seq })
		q := qm.queues.get(name)
		q.mu.Lock()
		q.byPrio = def.ByPrio
		for _, m := range msgs {
			q.putLocked(m, m.put)
		}
		q.mu.Unlock()
	}
	if err := qm.persist.settle(rec); err != nil {
		return 0, err
	}
	return rec.records, nil
}

// maxUMsgs is the queue manager's MAXUMSGS.
func (qm *QueueManager) maxUMsgs() int { return qm.qmgrInt("MAXUMSGS", 10000) }

// maxHandles is the queue manager's MAXHANDS.
func (qm *QueueManager) maxHandles() int { return qm.qmgrInt("MAXHANDS", 256) }

// qmgrInt reads an integer attribute of the queue manager object. The
// put and get paths ask often, so the object is read from the store again
// only after an object write (ALTER QMGR takes effect at once).
func (qm *QueueManager) qmgrInt(kw string, def int) int {
	o := qm.qmgrObject()
	if v, ok := o.Int(kw); ok {
		return v
	}
	return def
}

// qmgrString reads a string attribute of the queue manager object, from
// the same cache as qmgrInt.
func (qm *QueueManager) qmgrString(kw string) string {
	o := qm.qmgrObject()
	return strings.TrimSpace(o.String(kw))
}

// qmgrCache is the QMGR object as read at one object generation.
type qmgrCache struct {
	gen uint64
	obj objects.Object
}

// qmgrObject returns the QMGR object, read from the store again only
// after an object write. The usual case is one atomic load; the object
// returned is shared and must not be changed.
func (qm *QueueManager) qmgrObject() objects.Object {
	gen := qm.store.ObjectGeneration()
	if c := qm.qmgrObj.Load(); c != nil && c.gen == gen {
		return c.obj
	}
	qm.qmgrObjMu.Lock()
	defer qm.qmgrObjMu.Unlock()
	if c := qm.qmgrObj.Load(); c != nil && c.gen == gen {
		return c.obj
	}
	o, ok, err := objects.Load(qm.store, objects.TypeQMgr, qm.name)
	if err != nil || !ok {
		if c := qm.qmgrObj.Load(); c != nil {
			return c.obj // keep the last one read
		}
		return objects.Object{}
	}
	qm.qmgrObj.Store(&qmgrCache{gen: gen, obj: o})
	return o
}

// storageReason maps a failure to make a message durable to the reason
// the application sees: the log or disk is full, or another resource
// problem.
func (qm *QueueManager) storageReason(err error) int32 {
	if errors.Is(err, rlog.ErrLogFull) || errors.Is(err, syscall.ENOSPC) {
		return mqi.MQRC_Q_SPACE_NOT_AVAILABLE
	}
	return mqi.MQRC_RESOURCE_PROBLEM
}

// logFailure records a failed operation in the error log.
func (qm *QueueManager) logFailure(op string, err error) {
	if errors.Is(err, rlog.ErrLogFull) {
		qm.logEntry(amqmsg.AMQ7463W, qm.name)
	}
	qm.logEntry(amqmsg.AMQ7475W, fmt.Sprintf("%s: %v", op, err))
}

// forget deletes a message from the store at the next checkpoint without
// a log record (expired messages: if the queue manager stops first, the
// message is found expired again).
func (p *persister) forget(k msgKey) {
	p.mu.Lock()
	p.dirty[k] = change{deleted: true}
	p.pending++
	p.mu.Unlock()
}
