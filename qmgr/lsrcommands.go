package qmgr

import (
	"errors"
	"strings"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/pcf"
	"github.com/gomqm/gomqm/mqi"
)

// Command-server requests of runmqlsr and endmqlsr: a listener without a
// definition (MQCMD_START_CHANNEL_LISTENER with a port and no name) and
// the end of every listener (MQCMD_STOP_CHANNEL_LISTENER with no name).

// startListenerCommand runs MQCMD_START_CHANNEL_LISTENER. The reply's
// escape text names the listener, or carries the AMQ message of the
// failure.
func (qm *QueueManager) startListenerCommand(req pcf.Message) pcf.Message {
	if name, ok := req.Str(mqi.MQCACH_LISTENER_NAME); ok && strings.TrimSpace(name) != "" {
		if err := qm.StartListener(strings.TrimSpace(name)); err != nil {
			return listenerFailure(mqi.MQCMD_START_CHANNEL_LISTENER, err)
		}
		return listenerReply(mqi.MQCMD_START_CHANNEL_LISTENER, strings.TrimSpace(name))
	}
	port, _ := req.Int(mqi.MQIACH_PORT_NUMBER)
	backlog, _ := req.Int(mqi.MQIACH_BACKLOG)
	ip, _ := req.Str(mqi.MQCACH_IP_ADDRESS)
	owner, _ := req.Int(mqi.MQIACF_PROCESS_ID)
	name, err := qm.StartAdhocListener(strings.TrimSpace(ip), int(port), int(backlog), int(owner))
	if err != nil {
		return listenerFailure(mqi.MQCMD_START_CHANNEL_LISTENER, err)
	}
	return listenerReply(mqi.MQCMD_START_CHANNEL_LISTENER, name)
}

// stopListenerCommand runs MQCMD_STOP_CHANNEL_LISTENER: one listener by
// name, or every listener.
func (qm *QueueManager) stopListenerCommand(req pcf.Message) pcf.Message {
	if name, ok := req.Str(mqi.MQCACH_LISTENER_NAME); ok && strings.TrimSpace(name) != "" {
		if err := qm.StopListener(strings.TrimSpace(name)); err != nil {
			return response(mqi.MQCMD_STOP_CHANNEL_LISTENER, mqi.MQRCCF_LISTENER_STOPPED, "")
		}
		return listenerReply(mqi.MQCMD_STOP_CHANNEL_LISTENER, strings.TrimSpace(name))
	}
	if qm.StopAllListeners() == 0 {
		return response(mqi.MQCMD_STOP_CHANNEL_LISTENER, mqi.MQRCCF_LISTENER_STOPPED, "")
	}
	return response(mqi.MQCMD_STOP_CHANNEL_LISTENER, 0, "")
}

func listenerReply(cmd int32, name string) pcf.Message {
	resp := response(cmd, 0, "")
	resp.Params = []pcf.Param{pcf.CFST{Parameter: mqi.MQCACH_LISTENER_NAME, String: name}}
	return resp
}

func listenerFailure(cmd int32, err error) pcf.Message {
	reason, text := int32(mqi.MQRCCF_LISTENER_STARTED), "AMQ8148E: IBM MQ object in use."
	var le *objects.ListenerError
	if errors.As(err, &le) {
		reason, text = mqi.MQRCCF_LISTENER_NOT_STARTED, amqmsg.Format(le.ID, le.Inserts...)
	}
	resp := response(cmd, reason, "")
	resp.Params = []pcf.Param{pcf.CFST{Parameter: pcf.CACFEscapeText, String: text}}
	return resp
}
