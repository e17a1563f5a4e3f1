package mqi

import (
	"errors"
	"net"
	"os"
	"os/user"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
)

// Client connections. An application connects over TCP to a queue
// manager's listener and SVRCONN channel, as an IBM MQ client does, when
// its MQCNO says so (MQCNO_CLIENT_BINDING, a ClientConn channel or a
// CCDTUrl), or when the environment names a channel: MQSERVER
// (CHANNEL/TCP/host(port)), a JSON CCDT (MQCCDTURL, MQCHLLIB/MQCHLTAB), or
// MQ_CONNECT_TYPE=CLIENT. MQCNO_LOCAL_BINDING keeps a connection local.

// dialTimeout bounds one TCP connect.
const dialTimeout = 10 * time.Second

// wantsClient reports whether a connection is to be made as a client.
func wantsClient(cno *MQCNO) bool {
	switch {
	case cno.Options&MQCNO_LOCAL_BINDING != 0:
		return false
	case cno.Options&MQCNO_CLIENT_BINDING != 0, cno.ClientConn != nil, cno.CCDTUrl != "":
		return true
	case strings.EqualFold(os.Getenv("MQ_CONNECT_TYPE"), "CLIENT"):
		return true
	}
	return os.Getenv("MQSERVER") != "" || ccdtPath(cno) != ""
}

// clientChannels returns the channels to try, in order: MQCNO.ClientConn,
// else MQSERVER, else the CCDT's channels for the queue manager name.
func clientChannels(qmgrName string, cno *MQCNO) ([]clientChannel, int32) {
	if cno.ClientConn != nil {
		ch, err := fromMQCD(cno.ClientConn)
		if err != nil {
			return nil, MQRC_CHANNEL_CONFIG_ERROR
		}
		return []clientChannel{ch}, MQRC_NONE
	}
	if s := os.Getenv("MQSERVER"); s != "" {
		ch, err := parseMQSERVER(s)
		if err != nil {
			return nil, MQRC_CHANNEL_CONFIG_ERROR
		}
		return []clientChannel{ch}, MQRC_NONE
	}
	path := ccdtPath(cno)
	if path == "" {
		return nil, MQRC_Q_MGR_NAME_ERROR
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, MQRC_CCDT_URL_ERROR
	}
	all, err := parseCCDT(data)
	if err != nil {
		return nil, MQRC_CHANNEL_CONFIG_ERROR
	}
	chans := matchQMgr(all, qmgrName)
	if len(chans) == 0 {
		return nil, MQRC_Q_MGR_NAME_ERROR
	}
	return chans, MQRC_NONE
}

// connectClient is MQCONNX as a client: the first channel and address
// that answers wins; the reason of the last failure is returned.
func connectClient(qmgrName string, cno *MQCNO) (MQQueueManager, error) {
	const verb = "MQCONNX"
	chans, rc := clientChannels(qmgrName, cno)
	if rc != MQRC_NONE {
		return MQQueueManager{}, NewReturn(verb, MQCC_FAILED, rc)
	}
	rc = MQRC_HOST_NOT_AVAILABLE
	for _, ch := range chans {
		for _, addr := range ch.addrs {
			x, reason := dialClient(ch, addr, qmgrName, cno)
			if reason == MQRC_NONE {
				if on, sameQM := wantsReconnect(cno, ch); on {
					opts := *cno
					x.rc = &reconnector{s: x.s, qmgrName: qmgrName, name: x.Name, sameQM: sameQM,
						cno: &opts, objects: map[int32]*reopen{}}
				}
				return x, nil
			}
			rc = reason
			if reason == MQRC_Q_MGR_NAME_ERROR || reason == MQRC_NOT_AUTHORIZED {
				return MQQueueManager{}, NewReturn(verb, MQCC_FAILED, rc)
			}
		}
	}
	return MQQueueManager{}, NewReturn(verb, MQCC_FAILED, rc)
}

// dialClient makes one client connection: TCP, the ID exchange, the user
// id, MQCONN.
func dialClient(ch clientChannel, addr, qmgrName string, cno *MQCNO) (MQQueueManager, int32) {
	nc, err := net.DialTimeout("tcp", addr, dialTimeout)
	if err != nil {
		return MQQueueManager{}, MQRC_HOST_NOT_AVAILABLE
	}
	if tc, ok := nc.(*net.TCPConn); ok {
		_ = tc.SetNoDelay(true)
	}
	nc, tlsSession, reason := startClientTLS(nc, ch, cno) // tls.go
	if reason != MQRC_NONE {
		return MQQueueManager{}, reason
	}
	own := session.Limits{
		MaxMsgSize: uint32(max(ch.maxMsgL, 0)), HeartbeatInterval: uint32(max(ch.hbInt, 0)),
		ConvPerSocket: uint32(max(ch.shareCnv, 0)),
	}
	if own.MaxMsgSize == 0 {
		own.MaxMsgSize = defMaxMsgLength
	}
	wantQM := strings.TrimPrefix(qmgrName, "*")
	s, peer, err := session.DialChannel(nc, ch.name, wantQM, clientUser(cno), own)
	if err != nil {
		nc.Close()
		if tlsSession != nil {
			return MQQueueManager{}, tlsRefusalReason(tlsSession, err)
		}
		return MQQueueManager{}, refusalReason(err)
	}
	name := peer.QMgrName
	if strings.HasPrefix(qmgrName, "*") {
		wantQM = "" // any queue manager behind the channel will do
	}
	cb := wire.ConnBody{QMgrName: wantQM, ApplName: applName(cno), ApplType: MQAT_UNIX, Options: wire.ConnOptMQCONNX, XOptions: cno.Options}
	h, body, err := s.Call(wire.SegMQCONN, wire.APIHeader{Hobj: -1}, cb.Marshal(binaryOrder))
	if err != nil {
		nc.Close()
		return MQQueueManager{}, MQRC_CONNECTION_BROKEN
	}
	if h.CompCode == MQCC_FAILED {
		nc.Close()
		return MQQueueManager{}, h.Reason
	}
	var reply wire.ConnBody
	if _, err := reply.Unmarshal(body, binaryOrder); err == nil && reply.QMgrName != "" {
		name = reply.QMgrName
	}
	return MQQueueManager{s: s, Name: name, mu: &sync.Mutex{}}, MQRC_NONE
}

// refusalReason maps the status a queue manager refused a channel with
// to the reason an IBM MQ client reports.
func refusalReason(err error) int32 {
	var se *session.StatusError
	if !errors.As(err, &se) {
		return MQRC_Q_MGR_NOT_AVAILABLE
	}
	switch wire.StatusCode(se.Code) {
	case wire.StatusNoChannel:
		return MQRC_UNKNOWN_CHANNEL_NAME
	case wire.StatusChannelWrongType, wire.StatusCanNotStore:
		return MQRC_CHANNEL_CONFIG_ERROR
	case wire.StatusChannelUnavailable:
		return MQRC_CHANNEL_NOT_AVAILABLE
	case wire.StatusQMTerminating:
		return MQRC_Q_MGR_QUIESCING
	}
	return MQRC_Q_MGR_NOT_AVAILABLE
}

// clientUser is the user id a client asserts: the user running the
// program, as IBM's client sends it. MQCSP's user id is not asserted: it
// becomes the identity only once connection authentication (a later
// release) has checked its password.
func clientUser(*MQCNO) string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return strconv.Itoa(os.Getuid())
}
