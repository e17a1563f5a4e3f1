package admin

import (
	"fmt"

	"github.com/gomqm/gomqm/internal/pcf"
	"github.com/gomqm/gomqm/mqi"
)

// ListenerError is a listener the queue manager could not start; Text is
// its AMQ message (AMQ9218E for a port in use).
type ListenerError struct {
	Reason int32
	Text   string
}

func (e *ListenerError) Error() string {
	return fmt.Sprintf("admin: listener not started: %s (reason %d)", e.Text, e.Reason)
}

// StartListener asks the queue manager to run a TCP listener with no
// definition (runmqlsr) on ip (blank: every address) and port for as
// long as process owner runs (0: until it is stopped), and returns the
// name it runs under.
func (c *Client) StartListener(ip string, port, backlog, owner int) (string, error) {
	params := []pcf.Param{
		pcf.CFIN{Parameter: mqi.MQIACH_XMIT_PROTOCOL_TYPE, Value: mqi.MQXPT_TCP},
		pcf.CFIN{Parameter: mqi.MQIACH_PORT_NUMBER, Value: int32(port)},
		pcf.CFIN{Parameter: mqi.MQIACH_BACKLOG, Value: int32(backlog)},
	}
	if owner > 0 {
		params = append(params, pcf.CFIN{Parameter: mqi.MQIACF_PROCESS_ID, Value: int32(owner)})
	}
	if ip != "" {
		params = append(params, pcf.CFST{Parameter: mqi.MQCACH_IP_ADDRESS, String: ip})
	}
	resp, err := c.call(pcf.Message{
		Header: pcf.CFH{Type: pcf.CFTCommand, Command: mqi.MQCMD_START_CHANNEL_LISTENER, MsgSeqNumber: 1, Control: pcf.CFCLast},
		Params: params,
	})
	if err != nil {
		return "", err
	}
	for _, r := range resp {
		if r.Header.Reason != 0 {
			text, _ := r.Str(pcf.CACFEscapeText)
			return "", &ListenerError{Reason: r.Header.Reason, Text: text}
		}
		if name, ok := r.Str(mqi.MQCACH_LISTENER_NAME); ok {
			return name, nil
		}
	}
	return "", fmt.Errorf("admin: the queue manager did not name the listener")
}

// StopListener stops the named listener, or every listener of the queue
// manager when name is blank (endmqlsr). It returns false when none was
// running.
func (c *Client) StopListener(name string) (bool, error) {
	req := pcf.Message{Header: pcf.CFH{Type: pcf.CFTCommand, Command: mqi.MQCMD_STOP_CHANNEL_LISTENER, MsgSeqNumber: 1, Control: pcf.CFCLast}}
	if name != "" {
		req.Params = []pcf.Param{pcf.CFST{Parameter: mqi.MQCACH_LISTENER_NAME, String: name}}
	}
	resp, err := c.call(req)
	if err != nil {
		return false, err
	}
	for _, r := range resp {
		if r.Header.Reason == mqi.MQRCCF_LISTENER_STOPPED {
			return false, nil
		}
		if r.Header.Reason != 0 {
			return false, fmt.Errorf("admin: stop listener refused: reason %d", r.Header.Reason)
		}
	}
	return true, nil
}

// ListenerRunning reports whether the named listener still runs.
func (c *Client) ListenerRunning(name string) (bool, error) {
	_, failed, err := c.MQSC("DISPLAY LSSTATUS(" + name + ")")
	if err != nil {
		return false, err
	}
	return !failed, nil
}
