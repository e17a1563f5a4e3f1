package objects

import (
	"errors"
	"slices"
	"strconv"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// Message channel commands: START, STOP, RESET and RESOLVE CHANNEL and
// DISPLAY CHSTATUS for sender, server, receiver and requester channels.
// They work when the executor's runtime also implements ChannelRuntime.

// ChannelRuntime is the part of a runtime that runs message channels.
type ChannelRuntime interface {
	// StartChannel starts a sender or server channel, or allows a stopped
	// receiver to run again.
	StartChannel(name string) error
	// StopChannel stops a channel; with inactive it may start again by
	// itself (triggering, a partner connecting), otherwise it stays
	// STOPPED until START CHANNEL.
	StopChannel(name string, inactive bool) error
	// ResetChannel sets the sequence number of the channel's next message.
	ResetChannel(name string, seq uint32) error
	// ResolveChannel commits or backs out a sender's in-doubt batch.
	ResolveChannel(name string, commit bool) error
	// PingChannel exchanges dataLen bytes with a sender's partner.
	PingChannel(name string, dataLen int) error
	// ChannelStatuses returns the status of every channel instance, or
	// with saved the status saved at each channel's last committed batch
	// (DISPLAY CHSTATUS SAVED).
	ChannelStatuses(saved bool) []ChannelStatus
}

// ChannelStatus is one channel instance for DISPLAY CHSTATUS.
type ChannelStatus struct {
	Channel, ChlType, ConnName, RQMName, XmitQ string
	Status, SubState                           string
	InDoubt                                    bool
	CurSeq, LastSeq                            uint32
	CurLUWID, LastLUWID                        string
	Msgs, Batches, XQMsgsA                     int64
	BatchSize, HBInt                           int
	NPMSpeed                                   string
	Saved                                      bool // from the synchronisation record (DISPLAY CHSTATUS SAVED)
}

// Errors a ChannelRuntime returns, each answered with IBM's message.
var (
	// ErrChannelNotFound: no channel of the name (AMQ8227E).
	ErrChannelNotFound = errors.New("objects: channel not found")
	// ErrChannelInUse: the channel runs (AMQ9514E).
	ErrChannelInUse = errors.New("objects: channel in use")
	// ErrChannelInactive: the channel does not run (AMQ9533E).
	ErrChannelInactive = errors.New("objects: channel not active")
	// ErrChannelNotInDoubt: RESOLVE of a channel with nothing in doubt.
	ErrChannelNotInDoubt = errors.New("objects: channel not in doubt")
	// ErrChannelType: the command does not apply to the channel's type.
	ErrChannelType = errors.New("objects: wrong channel type")
	// ErrChannelFailed: the channel could not do what was asked (PING);
	// the error log says why (AMQ9999E).
	ErrChannelFailed = errors.New("objects: channel failed")
)

// Replies of the channel commands.
const (
	msgStartAccepted   amqmsg.ID = 8018
	msgStopAccepted    amqmsg.ID = 8019
	msgPingComplete    amqmsg.ID = 8020
	msgChannelReset    amqmsg.ID = 8023
	msgChannelResolved amqmsg.ID = 8026
	msgChannelNotFound amqmsg.ID = 8227
	msgDisplayChStatus amqmsg.ID = 8417
	msgChStatusMissing amqmsg.ID = 8420
	msgChannelInUse    amqmsg.ID = 9514
	msgChannelInactive amqmsg.ID = 9533
	msgChannelFailed   amqmsg.ID = 9999
)

func init() {
	fallbackMessages[msgChannelResolved] = "I IBM MQ channel resolved." // [M]
}

// channelCommand runs a channel command; handled is false for commands
// it does not know (left to the rest of dispatch).
func (e *Executor) channelCommand(cmd *mqsc.Command) (lines []string, cerr *cmdError, handled bool) {
	isChannel := cmd.Object == TypeChannel
	switch {
	case isChannel && (cmd.Verb == "START" || cmd.Verb == "STOP" || cmd.Verb == "RESET" || cmd.Verb == "RESOLVE" || cmd.Verb == "PING"):
	case cmd.Verb == "DISPLAY" && cmd.Object == "CHSTATUS":
	default:
		return nil, nil, false
	}
	rt, ok := e.rt.(ChannelRuntime)
	if !ok {
		return nil, failure(mqi.MQRCCF_COMMAND_FAILED, msgNotAvailableHere), true
	}
	if cmd.Object == "CHSTATUS" {
		lines, cerr = e.displayChStatus(rt, cmd)
		return lines, cerr, true
	}
	if !cmd.HasName || cmd.Name == "" {
		return nil, syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text), true
	}
	var err error
	reply := msgStartAccepted
	switch cmd.Verb {
	case "START":
		err = rt.StartChannel(cmd.Name)
	case "STOP":
		inactive := false
		if p, ok := cmd.Param("STATUS"); ok {
			inactive = p.Value.Text == "INACTIVE"
		}
		err, reply = rt.StopChannel(cmd.Name, inactive), msgStopAccepted
	case "RESET":
		seq := 1
		if p, ok := cmd.Param("SEQNUM"); ok {
			n, perr := strconv.Atoi(p.Value.Text)
			if perr != nil || n < 1 || n > 999999999 {
				return nil, syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(cmd.Text, "SEQNUM")), true
			}
			seq = n
		}
		err, reply = rt.ResetChannel(cmd.Name, uint32(seq)), msgChannelReset
	case "PING":
		n := 64
		if p, ok := cmd.Param("DATALEN"); ok {
			v, perr := strconv.Atoi(p.Value.Text)
			if perr != nil || v < 16 || v > 32768 {
				return nil, syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(cmd.Text, "DATALEN")), true
			}
			n = v
		}
		err, reply = rt.PingChannel(cmd.Name, n), msgPingComplete
	case "RESOLVE":
		p, ok := cmd.Param("ACTION")
		if !ok {
			return nil, syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text), true
		}
		err, reply = rt.ResolveChannel(cmd.Name, p.Value.Text == "COMMIT"), msgChannelResolved
		if errors.Is(err, ErrChannelNotInDoubt) {
			err = nil // nothing to resolve: done
		}
	}
	if err != nil {
		return nil, channelFailure(cmd.Name, err), true
	}
	return []string{message(reply)}, nil, true
}

// channelFailure is the reply for a failed channel command.
func channelFailure(name string, err error) *cmdError {
	switch {
	case errors.Is(err, ErrChannelNotFound):
		return failure(mqi.MQRCCF_CHANNEL_NOT_FOUND, msgChannelNotFound, name)
	case errors.Is(err, ErrChannelInUse):
		return failure(mqi.MQRCCF_CHANNEL_IN_USE, msgChannelInUse, name)
	case errors.Is(err, ErrChannelInactive):
		return failure(mqi.MQRCCF_CHANNEL_NOT_ACTIVE, msgChannelInactive, name)
	case errors.Is(err, ErrChannelType):
		return wrongType()
	case errors.Is(err, ErrChannelFailed):
		return failure(mqi.MQRCCF_COMMAND_FAILED, msgChannelFailed, name)
	}
	return internalError(err)
}

// chStatusDefault are the fields DISPLAY CHSTATUS shows without ALL, and
// chStatusSaved those of DISPLAY CHSTATUS SAVED.
var (
	chStatusDefault = []string{"CHANNEL", "CHLTYPE", "CONNAME", "CURRENT", "RQMNAME", "STATUS", "SUBSTATE", "XMITQ"}
	chStatusSaved   = []string{"CHANNEL", "CHLTYPE", "CONNAME", "CURLUWID", "CURSEQNO", "INDOUBT", "LSTLUWID", "LSTSEQNO", "RQMNAME", "XMITQ"}
)

// displayChStatus runs DISPLAY CHSTATUS.
func (e *Executor) displayChStatus(rt ChannelRuntime, cmd *mqsc.Command) ([]string, *cmdError) {
	if !cmd.HasName || cmd.Name == "" {
		return nil, syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text)
	}
	all, saved := false, false
	var asked []string
	for _, p := range cmd.Params {
		switch p.Keyword {
		case "ALL":
			all = true
		case "SAVED":
			saved = true
		case "CURRENT", "WHERE", "MONITOR":
		default:
			asked = append(asked, p.Keyword)
		}
	}
	where := whereOf(cmd)
	var lines []string
	shown := chStatusDefault
	if saved {
		shown = chStatusSaved
	}
	for _, st := range rt.ChannelStatuses(saved) {
		if !genericMatch(cmd.Name, st.Channel) {
			continue
		}
		fields := chStatusFields(st)
		if where != nil {
			i := slices.IndexFunc(fields, func(f statusField) bool { return f.kw == where.kw })
			if i < 0 {
				return lines, errFilter()
			}
			if cerr := where.check(fields[i].numeric); cerr != nil {
				return lines, cerr
			}
			if !where.match(filterValue{text: fields[i].value, numeric: fields[i].numeric}) {
				continue
			}
		}
		var items []displayItem
		for _, f := range fields {
			if all || slices.Contains(shown, f.kw) || f.kw == "SAVED" || slices.Contains(asked, f.kw) || (where != nil && where.kw == f.kw) {
				items = append(items, displayItem{item: mqsc.Item{Keyword: f.kw, Value: f.value, Bare: f.kw == "CURRENT" || f.kw == "SAVED"}})
			}
		}
		lines = append(lines, message(msgDisplayChStatus))
		lines = append(lines, layoutItems(items)...)
	}
	if len(lines) == 0 {
		return nil, failure(mqi.MQRCCF_CHL_STATUS_NOT_FOUND, msgChStatusMissing)
	}
	return lines, nil
}

// currentOrSaved is the bare keyword that says which status a block is.
func currentOrSaved(st ChannelStatus) string {
	if st.Saved {
		return "SAVED"
	}
	return "CURRENT"
}

// chStatusFields are the fields of one instance, CHANNEL first, then in
// alphabetical order as runmqsc shows them.
func chStatusFields(st ChannelStatus) []statusField {
	num := func(kw string, n int64) statusField {
		return statusField{kw: kw, value: strconv.FormatInt(n, 10), numeric: true}
	}
	str := func(kw, v string) statusField { return statusField{kw: kw, value: v} }
	indoubt := "NO"
	if st.InDoubt {
		indoubt = "YES"
	}
	mcastat := "RUNNING"
	if st.Status != "RUNNING" {
		mcastat = "NOT RUNNING"
	}
	return []statusField{
		str("CHANNEL", st.Channel), str("CHLTYPE", st.ChlType),
		num("BATCHES", st.Batches), num("BATCHSZ", int64(st.BatchSize)),
		str("CONNAME", st.ConnName), str("CURLUWID", st.CurLUWID), str(currentOrSaved(st), ""),
		num("CURSEQNO", int64(st.CurSeq)), num("HBINT", int64(st.HBInt)), str("INDOUBT", indoubt),
		str("LSTLUWID", st.LastLUWID), num("LSTSEQNO", int64(st.LastSeq)), str("MCASTAT", mcastat),
		num("MSGS", st.Msgs), str("NPMSPEED", st.NPMSpeed), str("RQMNAME", st.RQMName),
		str("STATUS", st.Status), str("STOPREQ", "NO"), str("SUBSTATE", st.SubState),
		str("XMITQ", st.XmitQ), num("XQMSGSA", st.XQMsgsA),
	}
}
