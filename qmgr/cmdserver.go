package qmgr

import (
	"context"
	"encoding/binary"
	"errors"
	"os"
	"os/user"
	"strconv"
	"strings"
	"time"

	"github.com/gomqm/gomqm/internal/authz"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/pcf"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// CommandQueue is the queue the command server reads.
const CommandQueue = "SYSTEM.ADMIN.COMMAND.QUEUE"

// CmdDumpConfig is gomqm's PCF command for dmpmqcfg: the reply carries
// the queue manager's definitions as an MQSC script in one
// MQCACF_ESCAPE_TEXT parameter. MQIACF_ALL = 1 asks for every attribute
// (dmpmqcfg -a). IBM's dmpmqcfg builds the script from many PCF inquiries;
// one request keeps the client small. The code lies outside IBM's MQCMD
// range.
const CmdDumpConfig int32 = 0x7F00

func dumpCommand(qmgr string, all bool) string {
	if all {
		return "dmpmqcfg -m " + qmgr + " -a"
	}
	return "dmpmqcfg -m " + qmgr
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return "localhost"
	}
	return h
}

// startCommandServer starts the goroutine that serves PCF requests put on
// SYSTEM.ADMIN.COMMAND.QUEUE: MQSC text in escape messages (runmqsc) and
// MQCMD_STOP_Q_MGR (endmqm). It ends when the queue manager ends.
func (qm *QueueManager) startCommandServer() {
	q := qm.queues.get(CommandQueue)
	q.mu.Lock()
	q.inputs++ // the command server has the queue open for input (IPPROCS 1)
	q.mu.Unlock()
	qm.wg.Add(1)
	go func() {
		defer qm.wg.Done()
		defer func() {
			q.mu.Lock()
			q.inputs--
			q.mu.Unlock()
		}()
		for {
			q.mu.Lock()
			var m *message
			if i := q.findLocked(match{}, 0, time.Now(), qm.dropExpired(q)); i >= 0 {
				m = q.removeLocked(i, time.Now())
				qm.noteDepthLocked(q, depthGet)
			}
			var arrived <-chan struct{}
			if m == nil {
				arrived = q.arrivalLocked()
			}
			q.mu.Unlock()
			if m == nil {
				select {
				case <-arrived:
					continue
				case <-qm.quit:
					return
				}
			}
			qm.serveCommand(m)
		}
	}()
}

// serveCommand answers one request message.
func (qm *QueueManager) serveCommand(m *message) {
	order := orderOfEncoding(m.md.Encoding)
	req, err := pcf.Decode(m.data, order)
	if err != nil {
		qm.replyCommand(m, response(mqi.MQCMD_ESCAPE, mqi.MQRCCF_STRUCTURE_TYPE_ERROR, ""), order)
		return
	}
	if !qm.isAdminUser(m.md.UserIdentifier) {
		qm.replyCommand(m, response(req.Header.Command, mqi.MQRC_NOT_AUTHORIZED, "AMQ8135E: Not authorized."), order)
		return
	}
	switch req.Header.Command {
	case mqi.MQCMD_ESCAPE:
		text, _ := pcf.EscapeText(req)
		lines, failed := qm.runMQSC(text)
		rc := int32(0)
		if failed {
			rc = mqi.MQRCCF_COMMAND_FAILED
		}
		qm.replyCommand(m, response(mqi.MQCMD_ESCAPE, rc, strings.Join(lines, "\n")), order)
	case mqi.MQCMD_STOP_Q_MGR:
		mode := EndControlled
		if v, ok := req.Int(mqi.MQIACF_MODE); ok {
			switch v {
			case mqi.MQMODE_FORCE:
				mode = EndImmediate
			case mqi.MQMODE_TERMINATE:
				mode = EndPreemptive
			}
		}
		replyID := qm.replyCommand(m, response(mqi.MQCMD_STOP_Q_MGR, 0, ""), order)
		// End once endmqm has its reply, so that an immediate end does not
		// break the connection the reply travels on.
		go func() {
			qm.awaitTaken(m.md.ReplyToQ, replyID, 2*time.Second)
			qm.Shutdown(context.Background(), mode)
		}()
	case mqi.MQCMD_START_CHANNEL_LISTENER:
		qm.replyCommand(m, qm.startListenerCommand(req), order)
	case mqi.MQCMD_STOP_CHANNEL_LISTENER:
		qm.replyCommand(m, qm.stopListenerCommand(req), order)
	case CmdDumpConfig:
		all, _ := req.Int(mqi.MQIACF_ALL)
		lines, err := objects.DumpConfig(qm.store, qm.name, objects.DumpOptions{
			All: all != 0, User: strings.TrimSpace(m.md.UserIdentifier), Host: hostname(),
			Command: dumpCommand(qm.name, all != 0),
		})
		if err != nil {
			qm.replyCommand(m, response(CmdDumpConfig, mqi.MQRCCF_COMMAND_FAILED, err.Error()), order)
			return
		}
		resp := response(CmdDumpConfig, 0, "")
		resp.Params = []pcf.Param{pcf.CFST{Parameter: pcf.CACFEscapeText, String: strings.Join(lines, "\n")}}
		qm.replyCommand(m, resp, order)
	default:
		qm.replyCommand(m, response(req.Header.Command, mqi.MQRCCF_COMMAND_FAILED, "command not supported"), order)
	}
}

// runMQSC parses and runs one MQSC command and returns runmqsc's reply
// lines and whether the command failed.
func (qm *QueueManager) runMQSC(text string) ([]string, bool) {
	cmd, err := mqsc.Parse(text)
	if err != nil {
		var se *mqsc.SyntaxError
		if errors.As(err, &se) {
			return se.Lines(), true
		}
		return []string{err.Error()}, true
	}
	res := qm.exec.Execute(cmd)
	if !res.Failed && cmd.Verb != "DISPLAY" && (objects.IsQueue(cmd.Object) || cmd.Object == "QUEUE") {
		qm.refreshAllInhibits()
	}
	return res.Lines, res.Failed
}

// replyCommand puts a response on the request's reply-to queue with the
// request's message id as correlation id, as IBM's command server does.
func (qm *QueueManager) replyCommand(req *message, resp pcf.Message, order binary.ByteOrder) (msgID [24]byte) {
	if req.md.ReplyToQ == "" {
		return msgID
	}
	def, rc := qm.resolve(req.md.ReplyToQ, 0)
	if rc != mqi.MQRC_NONE || def.Type != "QLOCAL" {
		return msgID
	}
	md := wire.MQMD{
		Version: 2, MsgType: mqi.MQMT_REPLY, Expiry: -1, Format: wire.FmtAdmin,
		Encoding: req.md.Encoding, CodedCharSetID: 1208, Priority: req.md.Priority,
		Persistence: req.md.Persistence, CorrelID: req.md.MsgID,
	}
	pmo := wire.MQPMO{Version: 1}
	hd := &handle{q: qm.queues.get(def.Name), def: def}
	def.PutOK = true
	hd.def = def
	qm.put(hd, &md, &pmo, resp.Encode(order), putIdentity{user: "mqm", applName: "gomqm command server", applType: mqi.MQAT_QMGR}, nil)
	return md.MsgID
}

// awaitTaken waits until the message is no longer on the queue (its
// requester got it) or the timeout passes.
func (qm *QueueManager) awaitTaken(queue string, msgID [24]byte, timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		q, ok := qm.queues.lookup(queue)
		if !ok {
			return
		}
		q.mu.Lock()
		i := q.indexOfID(msgID)
		q.mu.Unlock()
		if i < 0 {
			// Give the connection a moment to write the reply.
			time.Sleep(20 * time.Millisecond)
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// isAdminUser reports whether the user a message came from (its
// UserIdentifier, set by the queue manager from the connection) may run
// administration commands.
func (qm *QueueManager) isAdminUser(name string) bool {
	name = strings.TrimSpace(name)
	if name == "" {
		return false
	}
	uid, err := strconv.Atoi(name)
	if err != nil {
		u, lerr := user.Lookup(name)
		if lerr != nil {
			return false
		}
		uid, _ = strconv.Atoi(u.Uid)
	}
	return authz.IsAdmin(uid, qm.layout.Root)
}

// response builds the single reply message to a command: failed replies
// carry MQCC_FAILED and the reason.
func response(cmd, reason int32, text string) pcf.Message {
	cc := int32(mqi.MQCC_OK)
	if reason != 0 {
		cc = mqi.MQCC_FAILED
	}
	if cmd == mqi.MQCMD_ESCAPE {
		return pcf.NewEscapeResponse(1, true, cc, reason, text)
	}
	return pcf.Message{Header: pcf.CFH{Type: pcf.CFTResponse, Command: cmd, MsgSeqNumber: 1,
		Control: pcf.CFCLast, CompCode: cc, Reason: reason}}
}

// orderOfEncoding is the byte order an MQENC value names for integers.
func orderOfEncoding(enc int32) binary.ByteOrder {
	if enc&0xF == 1 {
		return binary.BigEndian
	}
	return binary.LittleEndian
}
