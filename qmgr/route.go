package qmgr

import (
	"encoding/binary"
	"strings"

	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// Routing
//
// A queue name and a queue manager name (MQOD ObjectName and
// ObjectQMgrName, or an MQXQH arriving on a channel) resolve as IBM MQ
// resolves them:
//
//   - No queue manager name, or this queue manager's: the name is looked
//     up locally. A QREMOTE with RNAME is a remote queue: RNAME at RQMNAME
//     through XMITQ. A QREMOTE with blank RNAME cannot be opened as a
//     queue (2085): it is a queue manager alias.
//   - Another queue manager's name X: a QREMOTE called X with blank RNAME
//     (a queue manager alias) replaces X by its RQMNAME (blank: this queue
//     manager) and may name the XMITQ; otherwise a local queue called X
//     is the transmission queue (it must have USAGE(XMITQ)); otherwise the
//     queue manager's DEFXMITQ; otherwise 2087.
//   - A remote destination whose queue manager turns out to be this one
//     resolves to the local queue.
//
// A message put to a remote destination goes to the transmission queue
// behind an MQXQH that names the remote queue and queue manager; the
// message descriptor on the transmission queue is the original's with
// Format MQXMIT.

// destination is where a name resolves: a local queue name, or a remote
// queue reached through a transmission queue.
type destination struct {
	local      string   // the local queue (QLOCAL, QALIAS or QMODEL) when not remote
	def        queueDef // local's definition, when loaded is set
	loaded     bool
	xmitq      queueDef // the transmission queue of a remote destination
	remoteQ    string   // the queue at the remote queue manager
	remoteQMgr string
}

func (d destination) remote() bool { return d.remoteQMgr != "" }

// maxRouteHops bounds alias chains (queue manager aliases naming one
// another), so that a loop of definitions fails instead of spinning.
const maxRouteHops = 8

// route resolves queue name q at queue manager qmgr.
func (qm *QueueManager) route(q, qmgr string) (dest destination, rc int32) {
	// DEFPSIST and DEFPRTY come from the first definition in the
	// resolution path (a remote queue or queue manager alias), not from
	// the transmission queue, as IBM MQ resolves them.
	var first *queueDef
	remember := func(o *objects.Object) {
		if first == nil {
			d := queueDefOf(o)
			first = &d
		}
	}
	defer func() {
		if rc == mqi.MQRC_NONE && dest.remote() && first != nil {
			dest.xmitq.DefPsist, dest.xmitq.DefPrty = first.DefPsist, first.DefPrty
		}
	}()
	xmitq := ""
	for range maxRouteHops {
		if qmgr == "" || qmgr == qm.name {
			o, ok := qm.loadQueue(q)
			if !ok {
				return destination{local: q}, mqi.MQRC_NONE
			}
			if o.Type != objects.TypeQRemote {
				return destination{local: q, def: queueDefOf(&o), loaded: true}, mqi.MQRC_NONE
			}
			remember(&o)
			rname := strings.TrimSpace(o.String("RNAME"))
			if rname == "" {
				return destination{}, mqi.MQRC_UNKNOWN_OBJECT_NAME
			}
			q, qmgr = rname, strings.TrimSpace(o.String("RQMNAME"))
			if x := strings.TrimSpace(o.String("XMITQ")); x != "" {
				xmitq = x
			}
			if qmgr == "" {
				return destination{}, mqi.MQRC_REMOTE_Q_NAME_ERROR
			}
			if qmgr == qm.name {
				return destination{local: q}, mqi.MQRC_NONE // a remote queue that points back here
			}
			continue
		}
		if xmitq != "" {
			return qm.viaXmitQ(xmitq, q, qmgr, false)
		}
		// A queue manager alias.
		if o, ok := qm.loadQueue(qmgr); ok && o.Type == objects.TypeQRemote && strings.TrimSpace(o.String("RNAME")) == "" {
			remember(&o)
			next := strings.TrimSpace(o.String("RQMNAME"))
			if x := strings.TrimSpace(o.String("XMITQ")); x != "" {
				xmitq = x
			}
			if next == "" {
				next = qm.name
			}
			if next == qmgr {
				// An alias naming itself: its XMITQ leads there.
				if xmitq == "" {
					return destination{}, mqi.MQRC_UNKNOWN_REMOTE_Q_MGR
				}
				return qm.viaXmitQ(xmitq, q, qmgr, false)
			}
			qmgr = next
			continue
		} else if ok {
			// A local queue named after the queue manager.
			return qm.viaXmitQ(qmgr, q, qmgr, false)
		}
		if def := qm.qmgrString("DEFXMITQ"); def != "" {
			return qm.viaXmitQ(def, q, qmgr, true)
		}
		return destination{}, mqi.MQRC_UNKNOWN_REMOTE_Q_MGR
	}
	return destination{}, mqi.MQRC_UNKNOWN_REMOTE_Q_MGR
}

// viaXmitQ checks that name is a transmission queue and returns the
// remote destination through it. dflt says it came from DEFXMITQ, whose
// failures have reason codes of their own.
func (qm *QueueManager) viaXmitQ(name, q, qmgr string, dflt bool) (destination, int32) {
	def, ok := qm.lookupQueueDef(name)
	switch {
	case !ok && dflt:
		return destination{}, mqi.MQRC_UNKNOWN_DEF_XMIT_Q
	case !ok:
		return destination{}, mqi.MQRC_UNKNOWN_XMIT_Q
	case def.Type != objects.TypeQLocal && dflt:
		return destination{}, mqi.MQRC_DEF_XMIT_Q_TYPE_ERROR
	case def.Type != objects.TypeQLocal:
		return destination{}, mqi.MQRC_XMIT_Q_TYPE_ERROR
	case !def.XmitQ && dflt:
		return destination{}, mqi.MQRC_DEF_XMIT_Q_USAGE_ERROR
	case !def.XmitQ:
		return destination{}, mqi.MQRC_XMIT_Q_USAGE_ERROR
	}
	return destination{xmitq: def, remoteQ: q, remoteQMgr: qmgr}, mqi.MQRC_NONE
}

// loadQueue reads a queue definition of any type.
func (qm *QueueManager) loadQueue(name string) (objects.Object, bool) {
	o, ok, err := objects.Load(qm.store, objects.SpaceQueue, name)
	return o, err == nil && ok
}

// remoteTarget is what a handle of a remote destination adds to the
// handle of its transmission queue.
type remoteTarget struct {
	queue string
	qmgr  string
}

// openRemote opens the transmission queue of a remote destination for
// output; input and browse are not possible on a remote queue.
func (qm *QueueManager) openRemote(dest destination, options int32) (*handle, int32) {
	if options&(mqi.MQOO_INPUT_AS_Q_DEF|mqi.MQOO_INPUT_SHARED|mqi.MQOO_INPUT_EXCLUSIVE|mqi.MQOO_BROWSE|mqi.MQOO_SET) != 0 {
		return nil, mqi.MQRC_OPTION_NOT_VALID_FOR_TYPE
	}
	q := qm.queues.get(dest.xmitq.Name)
	hd := &handle{q: q, def: dest.xmitq, options: options, output: options&mqi.MQOO_OUTPUT != 0,
		remote: &remoteTarget{queue: dest.remoteQ, qmgr: dest.remoteQMgr}}
	q.mu.Lock()
	defer q.mu.Unlock()
	if hd.output {
		q.outputs++
	}
	qm.addHandleLocked(q, hd, dest.xmitq.Name)
	return hd, mqi.MQRC_NONE
}

// resolvedNames are the ResolvedQName and ResolvedQMgrName an MQOPEN or
// MQPUT returns for the handle.
func (qm *QueueManager) resolvedNames(hd *handle) (string, string) {
	if hd.remote != nil {
		return hd.remote.queue, hd.remote.qmgr
	}
	return hd.q.name, qm.name
}

// wrapForTransmission returns the descriptor and body of the message to
// put on a transmission queue for md and data bound for t: an MQXQH with
// the original descriptor, then the data.
func wrapForTransmission(t *remoteTarget, md *wire.MQMD, data []byte) (*wire.MQMD, []byte) {
	xqh := wire.MQXQH{RemoteQName: t.queue, RemoteQMgrName: t.qmgr, MsgDesc: *md}
	xqh.MsgDesc.Version = 2
	order := binary.ByteOrder(binary.LittleEndian)
	outer := *md
	outer.Version = 2
	outer.Format = wire.FmtXmitQ
	outer.Encoding = wire.EncNative
	outer.CodedCharSetID = qmgrCCSID
	body := append(xqh.Marshal(order), data...)
	return &outer, body
}

// resolveReplyTo applies a reply-to queue alias: a ReplyToQ naming a
// QREMOTE definition is replaced by its RNAME and RQMNAME, so that
// replies travel back through the route the definition gives.
func (qm *QueueManager) resolveReplyTo(md *wire.MQMD) {
	if md.ReplyToQ == "" || (md.ReplyToQMgr != "" && md.ReplyToQMgr != qm.name) {
		return
	}
	o, ok := qm.loadQueue(md.ReplyToQ)
	if !ok || o.Type != objects.TypeQRemote {
		return
	}
	rname := strings.TrimSpace(o.String("RNAME"))
	if rname == "" {
		return
	}
	md.ReplyToQ = rname
	if rqm := strings.TrimSpace(o.String("RQMNAME")); rqm != "" {
		md.ReplyToQMgr = rqm
	}
}

// putRouted puts a message the queue manager makes itself (a report, a
// dead letter, a message that arrived on a channel for somewhere else) to
// queue q at queue manager qmgr, wherever routing takes it.
func (qm *QueueManager) putRouted(q, qmgr string, md *wire.MQMD, data []byte) int32 {
	hd, rc := qm.openQueue(&wire.MQOD{ObjectType: mqi.MQOT_Q, ObjectName: q, ObjectQMgrName: qmgr}, mqi.MQOO_OUTPUT)
	if rc != mqi.MQRC_NONE {
		return rc
	}
	defer qm.closeHandle(hd, 0)
	pmo := wire.MQPMO{Version: 1}
	return qm.put(hd, md, &pmo, data, putIdentity{user: "mqm", applName: qm.name, applType: mqi.MQAT_QMGR}, nil)
}
