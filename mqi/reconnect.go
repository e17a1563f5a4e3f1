package mqi

import (
	"sync"
	"time"

	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
)

// Reconnectable client connections (MQCNO_RECONNECT, MQCNO_RECONNECT_Q_MGR,
// or the channel's DEFRECON when the application asks for neither). When
// the connection breaks, the next verb reconnects through the same
// channels, reopens every open object and is sent again; the application
// keeps its handles. A unit of work in progress is lost with the old
// connection, so the next MQCMIT returns MQRC_BACKED_OUT.

// Reconnection timing: the first retry follows at once, then the delay
// doubles up to reconnectMaxDelay; after reconnectTimeout the verb fails
// with MQRC_RECONNECT_FAILED (IBM's default MQReconnectTimeout is 1800 s).
const (
	reconnectFirstDelay = 50 * time.Millisecond
	reconnectMaxDelay   = 2 * time.Second
	reconnectTimeout    = 30 * time.Minute
)

// reconnector is the shared state of one reconnectable connection. mu
// serialises verbs, so a reconnection happens once for all callers.
type reconnector struct {
	mu       sync.Mutex
	s        *session.Conn
	qmgrName string // as the application asked, "*QM" forms included
	name     string // the queue manager first connected to
	sameQM   bool   // MQCNO_RECONNECT_Q_MGR: only to that queue manager
	cno      *MQCNO
	objects  map[int32]*reopen // by the handle the application holds
	nextHobj int32
	inUOW    bool // a syncpoint put or get since the last MQCMIT/MQBACK
	uowLost  bool // the connection broke with a unit of work in progress
}

// reopen is how to open an object again after a reconnection.
type reopen struct {
	od      wire.MQOD
	options int32
	server  int32 // the handle on the current connection
}

// wantsReconnect applies the MQCNO options and the channel's DEFRECON.
func wantsReconnect(cno *MQCNO, ch clientChannel) (on, sameQM bool) {
	switch {
	case cno.Options&MQCNO_RECONNECT_DISABLED != 0:
		return false, false
	case cno.Options&MQCNO_RECONNECT_Q_MGR != 0:
		return true, true
	case cno.Options&MQCNO_RECONNECT != 0:
		return true, false
	}
	switch ch.reconnect {
	case MQRCN_YES:
		return true, false
	case MQRCN_Q_MGR:
		return true, true
	}
	return false, false
}

// call sends one verb, reconnecting first when the connection is gone
// and once more when it breaks during the verb.
func (r *reconnector) call(verb string, t wire.SegmentType, hobj int32, body []byte) (wire.APIHeader, []byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if t == wire.SegMQCMIT || t == wire.SegMQBACK {
		lost := r.uowLost
		r.uowLost, r.inUOW = false, false
		if lost {
			// Whatever the verbs since the break did is backed out too,
			// so that the unit of work ends as one.
			if r.s != nil {
				_, _, _ = r.s.Call(wire.SegMQBACK, wire.APIHeader{}, nil)
			}
			rc := int32(MQRC_BACKED_OUT)
			cc := int32(MQCC_FAILED)
			if t == wire.SegMQBACK {
				rc, cc = MQRC_NONE, MQCC_OK
			}
			return wire.APIHeader{CompCode: cc, Reason: rc}, nil, nil
		}
	}
	rec, known := r.objects[hobj]
	if hobj != 0 && !known && t != wire.SegMQOPEN {
		return wire.APIHeader{CompCode: MQCC_FAILED, Reason: MQRC_HOBJ_ERROR}, nil, nil
	}
	for attempt := 0; ; attempt++ {
		if r.s == nil {
			if rc := r.reconnect(); rc != MQRC_NONE {
				return wire.APIHeader{}, nil, NewReturn(verb, MQCC_FAILED, rc)
			}
		}
		if !r.s.Fits(len(body)) {
			return wire.APIHeader{}, nil, NewReturn(verb, MQCC_FAILED, MQRC_MSG_TOO_BIG_FOR_CHANNEL)
		}
		server := int32(0)
		if rec != nil {
			server = rec.server
		}
		h, b, err := r.s.Call(t, wire.APIHeader{Hobj: server}, body)
		if err == nil {
			return r.completed(t, h, b, hobj, body), b, nil
		}
		r.broken()
		if attempt == 1 {
			return h, nil, NewReturn(verb, MQCC_FAILED, MQRC_CONNECTION_BROKEN)
		}
	}
}

// completed records what a successful verb changes: handles opened and
// closed, a unit of work begun or ended. It returns the header with the
// application's handle.
func (r *reconnector) completed(t wire.SegmentType, h wire.APIHeader, reply []byte, hobj int32, body []byte) wire.APIHeader {
	if h.CompCode == MQCC_FAILED {
		return h
	}
	switch t {
	case wire.SegMQOPEN:
		var ob wire.OpenBody
		if _, err := ob.Unmarshal(body, binaryOrder); err == nil {
			r.nextHobj++
			r.objects[r.nextHobj] = &reopen{od: ob.OD, options: ob.Options, server: h.Hobj}
			h.Hobj = r.nextHobj
		}
	case wire.SegMQCLOSE:
		delete(r.objects, hobj)
	case wire.SegMQPUT:
		var pb wire.PutBody
		if _, err := pb.Unmarshal(body, binaryOrder); err == nil && pb.PMO.Options&MQPMO_SYNCPOINT != 0 {
			r.inUOW = true
		}
	case wire.SegMQPUT1:
		var pb wire.Put1Body
		if _, err := pb.Unmarshal(body, binaryOrder); err == nil && pb.PMO.Options&MQPMO_SYNCPOINT != 0 {
			r.inUOW = true
		}
	case wire.SegMQGET:
		var gb wire.GetBody
		if _, err := gb.Unmarshal(body, binaryOrder); err == nil &&
			gb.GMO.Options&(MQGMO_SYNCPOINT|MQGMO_SYNCPOINT_IF_PERSISTENT) != 0 {
			r.inUOW = true
		}
	}
	return h
}

// broken forgets a connection that failed; a unit of work on it is lost.
func (r *reconnector) broken() {
	if r.s != nil {
		r.s.Close()
		r.s = nil
	}
	if r.inUOW {
		r.uowLost, r.inUOW = true, false
	}
}

// reconnect connects again through the same channels and reopens every
// object, retrying until reconnectTimeout.
func (r *reconnector) reconnect() int32 {
	deadline := time.Now().Add(reconnectTimeout)
	delay := reconnectFirstDelay
	for {
		x, err := connectClient(r.qmgrName, r.cno)
		if err == nil && (!r.sameQM || x.Name == r.name) {
			r.s = x.s
			if r.reopenAll() {
				return MQRC_NONE
			}
			r.broken()
		} else if err == nil {
			x.s.Close()
		}
		if time.Now().After(deadline) {
			return MQRC_RECONNECT_FAILED
		}
		time.Sleep(delay)
		delay = min(delay*2, reconnectMaxDelay)
	}
}

// reopenAll opens every recorded object on the new connection; false
// when the connection failed meanwhile.
func (r *reconnector) reopenAll() bool {
	for _, rec := range r.objects {
		ob := wire.OpenBody{OD: rec.od, Options: rec.options}
		h, _, err := r.s.Call(wire.SegMQOPEN, wire.APIHeader{}, ob.Marshal(binaryOrder))
		if err != nil {
			return false
		}
		if h.CompCode == MQCC_FAILED {
			rec.server = -1 // the object is gone; its verbs fail with HOBJ_ERROR
			continue
		}
		rec.server = h.Hobj
	}
	return true
}

// disc ends the connection (MQDISC) without reconnecting.
func (r *reconnector) disc() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.s == nil {
		return nil
	}
	h, _, err := r.s.Call(wire.SegMQDISC, wire.APIHeader{}, nil)
	r.s.Close()
	r.s = nil
	r.objects = nil
	if err != nil {
		return nil
	}
	return result("MQDISC", h)
}
