package qmgr

import (
	"encoding/binary"
	"time"

	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/pcf"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// Queue depth events, as IBM MQ makes them. With the queue manager's
// PERFMEV(ENABLED):
//   - a put that brings a local queue's depth to QDEPTHHI percent of
//     MAXDEPTH or above makes a Queue Depth High event (QDPHIEV);
//   - a get that brings it to QDEPTHLO percent or below makes a Queue
//     Depth Low event (QDPLOEV);
//   - a put refused with 2053 (MQRC_Q_FULL) makes a Queue Full event
//     (QDPMAXEV).
//
// Each is a PCF message (MQCFT_EVENT, MQCMD_PERFM_EVENT, reason 2224,
// 2225 or 2053) put on SYSTEM.ADMIN.PERFM.EVENT. An event turns itself
// off and others on in the queue's definition, as IBM documents: high
// enables low and full, low enables high and full, full enables low. It
// also resets the statistics it reports.
//
// The depth counted is the committed depth (CURDEPTH as MQINQ shows it):
// a put or get under syncpoint is counted when it is committed.

// perfEventQueue receives performance events.
const perfEventQueue = "SYSTEM.ADMIN.PERFM.EVENT"

// depthFlags are a queue's QDPHIEV, QDPLOEV and QDPMAXEV.
type depthFlags struct{ high, low, full bool }

// depthLimits is what a queue definition says about depth events.
type depthLimits struct {
	highPct, lowPct int // QDEPTHHI, QDEPTHLO: percent of MAXDEPTH
	flags           depthFlags
}

// perfStats are the statistics a performance event reports, counted
// since the last event on the queue (or its first use since start).
type perfStats struct {
	since    time.Time
	high     int // highest depth
	enq, deq int // messages put and got
}

// depthState is a queue's part in depth events; queue.mu guards it.
// While an event's flag changes are on their way to the definition
// (pending > 0), flags is ahead of the definition and is not reread.
type depthState struct {
	gen      uint64 // object generation limits were read at; 0 for never
	pending  int
	limits   depthLimits
	maxDepth int
	stats    perfStats
}

// depthChange says what changed a queue's depth.
type depthChange int

const (
	depthPut  depthChange = iota // a message arrived
	depthGet                     // a message was taken off
	depthFull                    // a put was refused: the queue is full
)

// depthEvent is one event on its way to the event queue.
type depthEvent struct {
	q      *queue
	reason int32
	stats  perfStats
	flags  depthFlags // the queue's flags after the event
	at     time.Time
}

// depthEventBacklog is how many events may wait for the emitter. An
// event that finds the backlog full is not made, and changes no flag,
// so the next put or get that meets the condition makes it.
const depthEventBacklog = 64

// noteDepthLocked counts a change of q's depth and, when it meets an
// enabled depth event's condition, hands the event to the emitter. The
// caller holds q.mu.
func (qm *QueueManager) noteDepthLocked(q *queue, change depthChange) {
	st := &q.depthEv
	depth := len(q.msgs)
	switch change {
	case depthPut:
		st.stats.enq++
		st.stats.high = max(st.stats.high, depth)
	case depthGet:
		st.stats.deq++
	}
	if !qm.qmgrEventsOn("PERFMEV", false) { // qmevents.go
		return
	}
	if gen := qm.store.ObjectGeneration(); st.pending == 0 && st.gen != gen {
		def, ok := qm.lookupQueueDef(q.name)
		if !ok || def.Type != objects.TypeQLocal {
			return
		}
		st.gen, st.limits, st.maxDepth = gen, def.Depth, def.MaxDepth
	}
	f := st.limits.flags
	var reason int32
	switch {
	case change == depthPut && f.high && depth*100 >= st.limits.highPct*st.maxDepth:
		reason, f = mqi.MQRC_Q_DEPTH_HIGH, depthFlags{high: false, low: true, full: true}
	case change == depthGet && f.low && depth*100 <= st.limits.lowPct*st.maxDepth:
		reason, f = mqi.MQRC_Q_DEPTH_LOW, depthFlags{high: true, low: false, full: true}
	case change == depthFull && f.full:
		reason, f = mqi.MQRC_Q_FULL, depthFlags{high: f.high, low: true, full: false}
	default:
		return
	}
	now := time.Now()
	select {
	case qm.depthEvents <- depthEvent{q: q, reason: reason, stats: st.stats, flags: f, at: now}:
		st.limits.flags = f
		st.pending++
		st.stats = perfStats{since: now, high: depth} // the depth now is the highest since the reset
	default:
	}
}

// runDepthEvents writes the events noteDepthLocked hands over until quit
// closes. It is the one goroutine that writes them, started with the
// queue manager.
func (qm *QueueManager) runDepthEvents() {
	for {
		select {
		case <-qm.quit:
			return
		case e := <-qm.depthEvents:
			qm.writeDepthEvent(e)
		}
	}
}

// writeDepthEvent records the event's flags in the queue's definition and
// puts the event message. An event queue that does not exist (or is full)
// loses the message, as on IBM MQ; the flags change all the same.
func (qm *QueueManager) writeDepthEvent(e depthEvent) {
	if o, ok, err := objects.Load(qm.store, objects.SpaceQueue, e.q.name); err == nil && ok && o.Type == objects.TypeQLocal {
		o.Attrs["QDPHIEV"] = enabledWord(e.flags.high)
		o.Attrs["QDPLOEV"] = enabledWord(e.flags.low)
		o.Attrs["QDPMAXEV"] = enabledWord(e.flags.full)
		if err := objects.Save(qm.store, o); err != nil {
			qm.logFailure("queue depth event", err)
		}
	}
	e.q.mu.Lock()
	e.q.depthEv.pending--
	e.q.mu.Unlock()

	seconds := int32(e.at.Sub(e.stats.since) / time.Second)
	qm.putEvent(perfEventQueue, mqi.MQCMD_PERFM_EVENT, e.reason,
		eventString(mqi.MQCA_BASE_Q_NAME, e.q.name, mqi.MQ_Q_NAME_LENGTH),
		pcf.CFIN{Parameter: mqi.MQIA_TIME_SINCE_RESET, Value: seconds},
		pcf.CFIN{Parameter: mqi.MQIA_HIGH_Q_DEPTH, Value: int32(e.stats.high)},
		pcf.CFIN{Parameter: mqi.MQIA_MSG_ENQ_COUNT, Value: int32(e.stats.enq)},
		pcf.CFIN{Parameter: mqi.MQIA_MSG_DEQ_COUNT, Value: int32(e.stats.deq)})
}

// putEvent puts an event message on queue: an MQMD as IBM's event
// messages have (MQFMT_EVENT, a datagram, persistence and priority as the
// queue defines), then a PCF MQCFT_EVENT header with command and reason,
// the queue manager's name, and params. An event queue that does not
// exist or is full loses the event, as on IBM MQ.
func (qm *QueueManager) putEvent(queue string, command, reason int32, params ...pcf.Param) {
	md := wire.MQMD{
		Version: 2, MsgType: mqi.MQMT_DATAGRAM, Expiry: mqi.MQEI_UNLIMITED,
		Encoding: mqi.MQENC_NATIVE, CodedCharSetID: mqi.MQCCSI_Q_MGR, Format: mqi.MQFMT_EVENT,
		Priority: mqi.MQPRI_PRIORITY_AS_Q_DEF, Persistence: mqi.MQPER_PERSISTENCE_AS_Q_DEF,
		MsgSeqNumber: 1, OriginalLength: mqi.MQOL_UNDEFINED,
	}
	msg := pcf.Message{
		Header: pcf.CFH{
			Type: pcf.CFTEvent, Version: pcf.CFHVersion1, Command: command,
			MsgSeqNumber: 1, Control: mqi.MQCFC_LAST, CompCode: mqi.MQCC_WARNING, Reason: reason,
		},
		Params: append([]pcf.Param{eventString(mqi.MQCA_Q_MGR_NAME, qm.name, mqi.MQ_Q_MGR_NAME_LENGTH)}, params...),
	}
	qm.putInternal(queue, &md, msg.Encode(binary.LittleEndian)) // MQENC_NATIVE on this platform
}

// eventString is a string parameter of an event, blank-padded to its
// field's length as IBM's are.
func eventString(id int32, s string, length int32) pcf.CFST {
	return pcf.CFST{Parameter: id, CCSID: qmgrCCSID, String: string(padded(s, int(length)))} // inquire.go
}

func enabledWord(on bool) string {
	if on {
		return "ENABLED"
	}
	return "DISABLED"
}
