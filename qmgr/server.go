package qmgr

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/user"
	"strconv"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/authz"
	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// listen opens the Unix socket applications connect to. The running
// process holds the single-instance lock, so a socket file left by a
// killed process is stale and removed.
func (qm *QueueManager) listen() error {
	path := SocketPath(qm.dir)
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("qmgr: remove stale socket: %w", err)
	}
	l, err := net.Listen("unix", path)
	if err != nil {
		return fmt.Errorf("qmgr: listen on %s: %w", path, err)
	}
	// Group members of mqm and other local users connect; authority is
	// checked per connection from its peer credentials.
	if err := os.Chmod(path, 0o777); err != nil {
		l.Close()
		return fmt.Errorf("qmgr: chmod socket: %w", err)
	}
	qm.listener = l
	qm.wg.Add(1)
	go func() {
		defer qm.wg.Done()
		qm.acceptLoop(l)
	}()
	return nil
}

// acceptLoop accepts connections until the listener is closed, backing
// off on temporary errors.
func (qm *QueueManager) acceptLoop(l net.Listener) {
	delay := 5 * time.Millisecond
	for {
		nc, err := l.Accept()
		if err != nil {
			select {
			case <-qm.quit:
				return
			default:
			}
			if errors.Is(err, net.ErrClosed) {
				return
			}
			time.Sleep(delay)
			delay = min(delay*2, time.Second)
			continue
		}
		delay = 5 * time.Millisecond
		c := &conn{qm: qm, nc: nc, handles: map[int32]*handle{}}
		if !qm.addConn(c) {
			nc.Close()
			continue
		}
		qm.wg.Add(1)
		go func() {
			defer qm.wg.Done()
			defer qm.removeConn(c)
			c.serve()
		}()
	}
}

func (qm *QueueManager) addConn(c *conn) bool {
	qm.connMu.Lock()
	defer qm.connMu.Unlock()
	select {
	case <-qm.quit:
		return false
	default:
	}
	qm.conns[c] = struct{}{}
	return true
}

func (qm *QueueManager) removeConn(c *conn) {
	qm.connMu.Lock()
	delete(qm.conns, c)
	qm.connMu.Unlock()
	c.release()
}

// applicationCount is the number of connected applications.
func (qm *QueueManager) applicationCount() int {
	qm.connMu.Lock()
	defer qm.connMu.Unlock()
	n := 0
	for c := range qm.conns {
		if c.connected.Load() {
			n++
		}
	}
	return n
}

// closeConns breaks every connection (endmqm -i).
func (qm *QueueManager) closeConns() {
	qm.connMu.Lock()
	defer qm.connMu.Unlock()
	for c := range qm.conns {
		c.nc.Close()
	}
}

// peerIdentity returns the user at the other end of a Unix socket.
func peerIdentity(nc net.Conn) (uid int, name string, err error) {
	uc, ok := nc.(*net.UnixConn)
	if !ok {
		return -1, "", fmt.Errorf("qmgr: not a Unix socket")
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return -1, "", err
	}
	var cred *unix.Ucred
	var cerr error
	if err := raw.Control(func(fd uintptr) {
		cred, cerr = unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED)
	}); err != nil {
		return -1, "", err
	}
	if cerr != nil {
		return -1, "", cerr
	}
	uid = int(cred.Uid)
	name = strconv.Itoa(uid)
	if u, err := user.LookupId(name); err == nil {
		name = u.Username
	}
	return uid, name, nil
}

// serve runs one connection: the initial-data exchange, MQCONN, then MQI
// verbs until MQDISC or the socket closes.
func (c *conn) serve() {
	defer c.nc.Close()
	uid, name, err := peerIdentity(c.nc)
	if err != nil {
		c.qm.logEntry(amqmsg.AMQ9999E, "local connection", err.Error())
		return
	}
	c.uid, c.user = uid, name
	c.pid = peerPID(c.nc)
	c.admin = authz.IsAdmin(uid, c.qm.layout.Root)
	s, _, err := session.Accept(c.nc, c.qm.name, func(*wire.InitialData) uint32 { return 0 })
	if err != nil {
		c.protocolError(err)
		return
	}
	c.s = s
	for {
		req, err := s.ReadRequest()
		sent := c.awaitPut()
		if err != nil {
			c.protocolError(err)
			return
		}
		if !sent || !c.dispatch(req) {
			return
		}
	}
}

// protocolError logs a connection closed because of what its peer sent
// (AMQ9504E); a peer that simply went away or an ending queue manager is
// not an error.
func (c *conn) protocolError(err error) {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNRESET) {
		return
	}
	select {
	case <-c.qm.quit:
		return
	default:
	}
	c.qm.logEntry(amqmsg.AMQ9504E, "", fmt.Sprintf("process %d, user %s: %v", c.pid, c.user, err))
}

// dispatch handles one request; it returns false when the conversation
// is over.
func (c *conn) dispatch(req *wire.Segment) bool {
	hdr, body, err := wire.SplitAPI(req)
	if err != nil {
		c.protocolError(err)
		return false
	}
	if !c.connected.Load() && req.Type != wire.SegMQCONN {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_HCONN_ERROR, nil)
	}
	order := req.Order()
	switch req.Type {
	case wire.SegMQCONN:
		return c.handleConn(req, hdr, body)
	case wire.SegMQDISC:
		c.release()
		c.reply(req, hdr, mqi.MQCC_OK, mqi.MQRC_NONE, nil)
		return false
	case wire.SegMQOPEN:
		return c.handleOpen(req, hdr, body, order)
	case wire.SegMQCLOSE:
		return c.handleClose(req, hdr, body, order)
	case wire.SegMQPUT:
		return c.handlePut(req, hdr, body, order)
	case wire.SegMQPUT1:
		return c.handlePut1(req, hdr, body, order)
	case wire.SegMQGET:
		return c.handleGet(req, hdr, body, order)
	case wire.SegMQCMIT:
		return c.handleCmit(req, hdr)
	case wire.SegMQBACK:
		return c.handleBack(req, hdr)
	case wire.SegMQINQ:
		return c.handleInq(req, hdr, body, order)
	case wire.SegMQSET:
		return c.handleSet(req, hdr, body, order)
	default:
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_FUNCTION_NOT_SUPPORTED, nil)
	}
}

// reply answers req; it returns false if the connection failed.
func (c *conn) reply(req *wire.Segment, hdr wire.APIHeader, cc, rc int32, body []byte) bool {
	hdr.CompCode, hdr.Reason = cc, rc
	return c.s.Reply(req, hdr, body) == nil
}

func (c *conn) handleConn(req *wire.Segment, hdr wire.APIHeader, body []byte) bool {
	var cb wire.ConnBody
	if _, err := cb.Unmarshal(body, req.Order()); err != nil {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_CONNECTION_ERROR, nil)
	}
	cc, rc := int32(mqi.MQCC_OK), int32(mqi.MQRC_NONE)
	switch {
	case cb.QMgrName != "" && cb.QMgrName != c.qm.name:
		cc, rc = mqi.MQCC_FAILED, mqi.MQRC_Q_MGR_NAME_ERROR
	case c.qm.quiescing():
		cc, rc = mqi.MQCC_FAILED, mqi.MQRC_Q_MGR_QUIESCING
	default:
		c.applName = cb.ApplName
		c.connected.Store(true)
	}
	cb.QMgrName = c.qm.name
	return c.reply(req, hdr, cc, rc, cb.Marshal(req.Order()))
}
