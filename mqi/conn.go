package mqi

import (
	"net"
	"os"
	"path/filepath"
	"sync"

	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
)

// MQQueueManager is a connection to a queue manager (an MQHCONN).
type MQQueueManager struct {
	s    *session.Conn
	Name string // the queue manager connected to
	mu   *sync.Mutex
	rc   *reconnector // a reconnectable client connection (reconnect.go); nil otherwise
}

// Conn connects to the queue manager called qmgrName, or to the default
// queue manager when the name is blank (MQCONN).
func Conn(qmgrName string) (MQQueueManager, error) {
	return Connx(qmgrName, NewMQCNO())
}

// Connx connects with connection options (MQCONNX): in bindings mode
// through the queue manager's local socket under the data directory
// (MQ_OVERRIDE_DATA_PATH, else /var/mqm), or as a client over TCP (see
// client.go for when).
func Connx(qmgrName string, cno *MQCNO) (MQQueueManager, error) {
	const verb = "MQCONNX"
	if cno == nil {
		cno = NewMQCNO()
	}
	if wantsClient(cno) {
		return connectClient(qmgrName, cno)
	}
	layout := qmdir.Layout{Root: dataRoot()}
	name := qmgrName
	if name == "" {
		def, err := layout.DefaultQMgr()
		if err != nil || def == "" {
			return MQQueueManager{}, NewReturn(verb, MQCC_FAILED, MQRC_Q_MGR_NAME_ERROR)
		}
		name = def
	}
	entry, ok, err := layout.Lookup(name)
	if err != nil || !ok {
		return MQQueueManager{}, NewReturn(verb, MQCC_FAILED, MQRC_Q_MGR_NAME_ERROR)
	}
	path := session.SocketPath(filepath.Join(layout.QMgrsDir(), entry.Directory))
	nc, err := net.Dial("unix", path)
	if err != nil {
		return MQQueueManager{}, NewReturn(verb, MQCC_FAILED, MQRC_Q_MGR_NOT_AVAILABLE)
	}
	s, _, err := session.Dial(nc, "", name)
	if err != nil {
		nc.Close()
		return MQQueueManager{}, NewReturn(verb, MQCC_FAILED, MQRC_Q_MGR_NOT_AVAILABLE)
	}
	cb := wire.ConnBody{QMgrName: name, ApplName: applName(cno), ApplType: MQAT_UNIX, Options: wire.ConnOptMQCONNX, XOptions: cno.Options}
	h, body, err := s.Call(wire.SegMQCONN, wire.APIHeader{Hobj: -1}, cb.Marshal(binaryOrder))
	if err != nil {
		nc.Close()
		return MQQueueManager{}, NewReturn(verb, MQCC_FAILED, MQRC_CONNECTION_BROKEN)
	}
	if h.CompCode == MQCC_FAILED {
		nc.Close()
		return MQQueueManager{}, NewReturn(verb, h.CompCode, h.Reason)
	}
	var reply wire.ConnBody
	if _, err := reply.Unmarshal(body, binaryOrder); err == nil && reply.QMgrName != "" {
		name = reply.QMgrName
	}
	return MQQueueManager{s: s, Name: name, mu: &sync.Mutex{}}, nil
}

// Disc disconnects (MQDISC); open objects are closed by the queue manager.
func (x *MQQueueManager) Disc() error {
	const verb = "MQDISC"
	if x.rc != nil {
		x.s = nil
		return x.rc.disc()
	}
	if x.s == nil {
		return NewReturn(verb, MQCC_FAILED, MQRC_HCONN_ERROR)
	}
	h, _, err := x.s.Call(wire.SegMQDISC, wire.APIHeader{}, nil)
	x.s.Close()
	x.s = nil
	if err != nil {
		return nil // the connection is gone either way
	}
	return result(verb, h)
}

// call sends one verb on the connection.
func (x *MQQueueManager) call(verb string, t wire.SegmentType, hobj int32, body []byte) (wire.APIHeader, []byte, error) {
	if x != nil && x.rc != nil {
		return x.rc.call(verb, t, hobj, body)
	}
	if x == nil || x.s == nil {
		return wire.APIHeader{}, nil, NewReturn(verb, MQCC_FAILED, MQRC_HCONN_ERROR)
	}
	if !x.s.Fits(len(body)) {
		return wire.APIHeader{}, nil, NewReturn(verb, MQCC_FAILED, MQRC_MSG_TOO_BIG_FOR_CHANNEL)
	}
	h, b, err := x.s.Call(t, wire.APIHeader{Hobj: hobj}, body)
	if err != nil {
		return h, nil, NewReturn(verb, MQCC_FAILED, MQRC_CONNECTION_BROKEN)
	}
	return h, b, nil
}

// result turns a reply header into the error the caller sees.
func result(verb string, h wire.APIHeader) error {
	if h.CompCode == MQCC_OK {
		return nil
	}
	return NewReturn(verb, h.CompCode, h.Reason)
}

func applName(cno *MQCNO) string {
	if cno.ApplName != "" {
		return cno.ApplName
	}
	return filepath.Base(os.Args[0])
}

// dataRoot is where queue managers live: IBM's MQ_OVERRIDE_DATA_PATH, or
// /var/mqm. Applications are configured through the environment, as with
// IBM's MQI.
func dataRoot() string {
	if p := os.Getenv("MQ_OVERRIDE_DATA_PATH"); p != "" {
		return filepath.Clean(p)
	}
	return "/var/mqm"
}

// Cmit commits the unit of work (MQCMIT). If the queue manager could not
// make it durable it is backed out and Cmit returns MQRC_BACKED_OUT.
func (x *MQQueueManager) Cmit() error {
	const verb = "MQCMIT"
	h, _, err := x.call(verb, wire.SegMQCMIT, 0, nil)
	if err != nil {
		return err
	}
	return result(verb, h)
}

// Back backs the unit of work out (MQBACK): its puts are discarded and its
// gets return to their queues with BackoutCount increased.
func (x *MQQueueManager) Back() error {
	const verb = "MQBACK"
	h, _, err := x.call(verb, wire.SegMQBACK, 0, nil)
	if err != nil {
		return err
	}
	return result(verb, h)
}
