// Package admin is the client side of the command server: it sends MQSC
// text and queue-manager commands as PCF messages to
// SYSTEM.ADMIN.COMMAND.QUEUE and reads the replies from a temporary
// dynamic queue, as IBM's runmqsc does. runmqsc and endmqm use it.
package admin

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/gomqm/gomqm/internal/pcf"
	"github.com/gomqm/gomqm/mqi"
)

// CommandQueue is where requests go; ReplyModel is the model queue the
// reply queue is made from.
const (
	CommandQueue = "SYSTEM.ADMIN.COMMAND.QUEUE"
	ReplyModel   = "SYSTEM.MQSC.REPLY.QUEUE"
)

// DefaultWait is how long a reply may take, in milliseconds.
const DefaultWait = 60_000

// Client is an administration session with one queue manager.
type Client struct {
	qm    mqi.MQQueueManager
	reply mqi.MQObject
	wait  int32 // ms
}

// SetWait sets how long to wait for each reply (runmqsc -w).
func (c *Client) SetWait(seconds int) { c.wait = int32(seconds) * 1000 }

// Dial connects to the queue manager (bindings mode, or as a client when
// cno asks for it) and opens a reply queue.
func Dial(qmgr string, cno *mqi.MQCNO) (*Client, error) {
	if cno == nil {
		cno = mqi.NewMQCNO()
	}
	qm, err := mqi.Connx(qmgr, cno)
	if err != nil {
		return nil, err
	}
	od := mqi.NewMQOD()
	od.ObjectName = ReplyModel
	od.DynamicQName = "MQSC.REPLY.*"
	reply, err := qm.Open(od, mqi.MQOO_INPUT_EXCLUSIVE)
	if err != nil {
		qm.Disc()
		return nil, err
	}
	return &Client{qm: qm, reply: reply, wait: DefaultWait}, nil
}

// Close closes the reply queue and disconnects.
func (c *Client) Close() error {
	c.reply.Close(0)
	return c.qm.Disc()
}

// MQSC runs one MQSC command on the queue manager and returns the reply
// lines and whether the command failed.
func (c *Client) MQSC(text string) ([]string, bool, error) {
	resp, err := c.call(pcf.NewEscape(text))
	if err != nil {
		return nil, false, err
	}
	var lines []string
	failed := false
	for _, r := range resp {
		if t, ok := pcf.EscapeText(r); ok && t != "" {
			lines = append(lines, strings.Split(t, "\n")...)
		}
		if r.Header.CompCode != 0 || r.Header.Reason != 0 {
			failed = true
		}
	}
	return lines, failed, nil
}

// StopQMgr asks the queue manager to end: mode is MQMODE_QUIESCE,
// MQMODE_FORCE or MQMODE_TERMINATE.
func (c *Client) StopQMgr(mode int32) error {
	resp, err := c.call(pcf.Message{
		Header: pcf.CFH{Type: pcf.CFTCommand, Command: mqi.MQCMD_STOP_Q_MGR, MsgSeqNumber: 1, Control: pcf.CFCLast},
		Params: []pcf.Param{pcf.CFIN{Parameter: mqi.MQIACF_MODE, Value: mode}},
	})
	if err != nil {
		return err
	}
	for _, r := range resp {
		if r.Header.Reason != 0 {
			return fmt.Errorf("admin: queue manager refused to stop: reason %d", r.Header.Reason)
		}
	}
	return nil
}

// call puts a request and collects its responses, up to the one marked
// last.
func (c *Client) call(req pcf.Message) ([]pcf.Message, error) {
	md := mqi.NewMQMD()
	md.Format = mqi.MQFMT_ADMIN
	md.MsgType = mqi.MQMT_REQUEST
	md.ReplyToQ = c.reply.Name
	md.Persistence = mqi.MQPER_NOT_PERSISTENT
	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT | mqi.MQPMO_NEW_MSG_ID
	od := mqi.NewMQOD()
	od.ObjectName = CommandQueue
	if err := c.qm.Put1(od, md, pmo, req.Encode(binary.LittleEndian)); err != nil {
		return nil, err
	}
	var out []pcf.Message
	buf := make([]byte, 1<<20)
	for {
		rmd := mqi.NewMQMD()
		rmd.CorrelId = md.MsgId
		gmo := mqi.NewMQGMO()
		gmo.Options = mqi.MQGMO_WAIT | mqi.MQGMO_NO_SYNCPOINT | mqi.MQGMO_ACCEPT_TRUNCATED_MSG
		gmo.MatchOptions = mqi.MQMO_MATCH_CORREL_ID
		gmo.WaitInterval = c.wait
		data, _, err := c.reply.GetSlice(rmd, gmo, buf)
		if err != nil {
			var mqr *mqi.MQReturn
			if errors.As(err, &mqr) && mqr.MQRC == mqi.MQRC_NO_MSG_AVAILABLE {
				return nil, fmt.Errorf("admin: no reply from the command server within %d seconds: %w", c.wait/1000, err)
			}
			return nil, err
		}
		order := binary.ByteOrder(binary.LittleEndian)
		if rmd.Encoding&0xF == 1 {
			order = binary.BigEndian
		}
		m, err := pcf.Decode(data, order)
		if err != nil {
			return nil, fmt.Errorf("admin: decode reply: %w", err)
		}
		out = append(out, m)
		if m.Header.Control == pcf.CFCLast {
			return out, nil
		}
	}
}

// DumpConfig returns the queue manager's definitions as an MQSC script
// (dmpmqcfg); all asks for every attribute, not only non-defaults.
func (c *Client) DumpConfig(all bool) ([]string, error) {
	flag := int32(0)
	if all {
		flag = 1
	}
	resp, err := c.call(pcf.Message{
		Header: pcf.CFH{Type: pcf.CFTCommand, Command: cmdDumpConfig, MsgSeqNumber: 1, Control: pcf.CFCLast},
		Params: []pcf.Param{pcf.CFIN{Parameter: mqi.MQIACF_ALL, Value: flag}},
	})
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, r := range resp {
		text, _ := r.Str(pcf.CACFEscapeText)
		if r.Header.Reason != 0 {
			return nil, fmt.Errorf("admin: dump refused: %s (reason %d)", text, r.Header.Reason)
		}
		if text != "" {
			lines = append(lines, strings.Split(text, "\n")...)
		}
	}
	return lines, nil
}

// cmdDumpConfig is the queue manager's dump command (qmgr.CmdDumpConfig).
const cmdDumpConfig int32 = 0x7F00
