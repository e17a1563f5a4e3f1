package objects

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// ChannelRuntime is the part of the live queue manager that runs
// listeners and channel instances: START/STOP LISTENER, DISPLAY LSSTATUS,
// START/STOP CHANNEL and DISPLAY CHSTATUS. A Runtime that does not
// implement it leaves those commands unavailable (AMQ8999E).
type ChannelRuntime interface {
	// StartListener starts the defined listener. It returns a
	// *ListenerError when the port cannot be bound.
	StartListener(name string) error
	// StopListener stops a running listener; ErrNotRunning when it is not.
	StopListener(name string) error
	// Listeners returns the status of every running listener.
	Listeners() []ListenerStatus
	// StartChannel enables or starts a channel (a stopped SVRCONN accepts
	// clients again); the definition has been checked to exist.
	StartChannel(def Object) error
	// StopChannel ends the instances of a channel that req selects; it
	// returns ErrNotRunning when none runs.
	StopChannel(def Object, req StopChannel) error
	// Channels returns the status of every running channel instance.
	Channels() []ChannelStatus
}

// ErrNotRunning is returned by ChannelRuntime when the listener or
// channel to stop is not running.
var ErrNotRunning = errors.New("objects: not running")

// ErrNotSupported is returned by ChannelRuntime for a channel type it
// does not run (AMQ8999E).
var ErrNotSupported = errors.New("objects: not available for this channel type")

// ListenerError is a listener that could not start: the reply and the
// error log carry its AMQ message.
type ListenerError struct {
	ID      amqmsg.ID
	Inserts []string
	Err     error
}

func (e *ListenerError) Error() string {
	return amqmsg.Format(e.ID, e.Inserts...) + ": " + e.Err.Error()
}

func (e *ListenerError) Unwrap() error { return e.Err }

// ListenerStatus is one running listener (DISPLAY LSSTATUS).
type ListenerStatus struct {
	Name    string
	Descr   string
	TrpType string // TCP
	Control string // QMGR, STARTONLY or MANUAL
	IPAddr  string // "" for every address (shown as *)
	Port    int
	Backlog int
	PID     int
	Started time.Time
	Status  string // RUNNING
}

// StopChannel selects the instances STOP CHANNEL ends.
type StopChannel struct {
	Mode     string // QUIESCE, FORCE or TERMINATE
	Status   string // STOPPED (new instances refused) or INACTIVE
	ConnName string // only the instances from this address; "" any
	ClientID string // only the instance with this client id; "" any
}

// ChannelStatus is one running channel instance (DISPLAY CHSTATUS).
type ChannelStatus struct {
	Channel  string
	ChlType  string // SVRCONN, RCVR ...
	ConnName string
	Status   string // RUNNING, STOPPING ...
	SubState string // RECEIVE, MQGET ...
	Started  time.Time
	LastMsg  time.Time // zero: no message yet
	Msgs     int
	BytsSent int64
	BytsRcvd int64
	BufsSent int64
	BufsRcvd int64
	HBInt    int
	MaxMsgL  int
	MaxShCnv int
	CurShCnv int
	MCAUser  string
	RAppltag string // the client's application name
	RProduct string // e.g. MQMM
	RVersion string // e.g. 09040000
	XmitQ    string
	RQMName  string
	// TLS of the instance (blank, SECPROT NONE, on a plain channel).
	SecProt, SSLCertI, SSLCiph, SSLKeyDA, SSLKeyTI, SSLPeer string
	SSLRKeys                                                int
}

// Message ids of the listener and channel commands.
const (
	msgStartChannel    amqmsg.ID = 8018
	msgStopChannel     amqmsg.ID = 8019
	msgStartListener   amqmsg.ID = 8021
	msgChannelNotFound amqmsg.ID = 8227
	msgDisplayChStatus amqmsg.ID = 8417
	msgChStatusNone    amqmsg.ID = 8420
	msgDisplayLsStatus amqmsg.ID = 8631
	msgStopListener    amqmsg.ID = 8706
	msgNotActive       amqmsg.ID = 9533
)

func init() {
	fallbackMessages[msgStopListener] = "I Request to stop IBM MQ Listener accepted." // [M]
}

// channelRuntime returns the runtime's listener and channel side, nil
// when there is none.
func (e *Executor) channelRuntime() ChannelRuntime {
	cr, _ := e.rt.(ChannelRuntime)
	return cr
}

// dispatchChannels runs the listener and channel commands; ok is false
// for any other command.
func (e *Executor) dispatchChannels(cmd *mqsc.Command) (lines []string, cerr *cmdError, ok bool) {
	run := func(f func(ChannelRuntime, *mqsc.Command) ([]string, *cmdError)) ([]string, *cmdError, bool) {
		cr := e.channelRuntime()
		if cr == nil {
			return nil, failure(mqi.MQRCCF_COMMAND_FAILED, msgNotAvailableHere), true
		}
		l, err := f(cr, cmd)
		return l, err, true
	}
	switch {
	case cmd.Verb == "START" && cmd.Object == TypeListener:
		return run(e.startListener)
	case cmd.Verb == "STOP" && cmd.Object == TypeListener:
		return run(e.stopListener)
	case cmd.Verb == "DISPLAY" && cmd.Object == "LSSTATUS":
		return run(e.displayLsStatus)
	case cmd.Verb == "START" && cmd.Object == TypeChannel:
		return run(e.startChannel)
	case cmd.Verb == "STOP" && cmd.Object == TypeChannel:
		return run(e.stopChannel)
	case cmd.Verb == "DISPLAY" && cmd.Object == "CHSTATUS":
		return run(e.displayChStatus)
	}
	return nil, nil, false
}

func (e *Executor) startListener(cr ChannelRuntime, cmd *mqsc.Command) ([]string, *cmdError) {
	if _, found, err := Load(e.store, TypeListener, cmd.Name); err != nil {
		return nil, internalError(err)
	} else if !found {
		return nil, notFound(cmd.Name)
	}
	err := cr.StartListener(cmd.Name)
	var le *ListenerError
	switch {
	case err == nil:
		return []string{message(msgStartListener)}, nil
	case errors.As(err, &le):
		return nil, failure(mqi.MQRCCF_LISTENER_NOT_STARTED, le.ID, le.Inserts...)
	default:
		return nil, failure(mqi.MQRCCF_LISTENER_NOT_STARTED, msgInUse)
	}
}

func (e *Executor) stopListener(cr ChannelRuntime, cmd *mqsc.Command) ([]string, *cmdError) {
	if _, found, err := Load(e.store, TypeListener, cmd.Name); err != nil {
		return nil, internalError(err)
	} else if !found {
		return nil, notFound(cmd.Name)
	}
	if err := cr.StopListener(cmd.Name); err != nil {
		return nil, failure(mqi.MQRCCF_LISTENER_STOPPED, msgNotFound, cmd.Name)
	}
	return []string{message(msgStopListener)}, nil
}

// Fields of DISPLAY LSSTATUS and DISPLAY CHSTATUS.
var (
	lsStatusFields = []string{"BACKLOG", "CONTROL", "DESCR", "IPADDR", "PID", "PORT",
		"STARTDA", "STARTTI", "STATUS", "TRPTYPE"}
	chStatusFields = []string{"BUFSRCVD", "BUFSSENT", "BYTSRCVD", "BYTSSENT", "CHSTADA", "CHSTATI",
		"CONNAME", "CURSHCNV", "HBINT", "LSTMSGDA", "LSTMSGTI", "MAXMSGL", "MAXSHCNV", "MCASTAT",
		"MCAUSER", "MSGS", "RAPPLTAG", "RPRODUCT", "RQMNAME", "RVERSION", "SECPROT", "SSLCERTI", "SSLCIPH",
		"SSLKEYDA", "SSLKEYTI", "SSLPEER", "SSLRKEYS", "STATUS", "SUBSTATE", "XMITQ"}
)

func (e *Executor) displayLsStatus(cr ChannelRuntime, cmd *mqsc.Command) ([]string, *cmdError) {
	sel, cerr := fieldSelectionOf(cmd, lsStatusFields, []string{"CURRENT"})
	if cerr != nil {
		return nil, cerr
	}
	var lines []string
	found := false
	for _, ls := range cr.Listeners() {
		if !genericMatch(cmd.Name, ls.Name) {
			continue
		}
		b := listenerFields(ls)
		ok, cerr := sel.match(b)
		if cerr != nil {
			return lines, cerr
		}
		if !ok {
			continue
		}
		found = true
		lines = append(lines, message(msgDisplayLsStatus))
		lines = append(lines, sel.layout("LISTENER", ls.Name, nil, b, []string{"STATUS", "PID"})...)
	}
	if !found && (sel.where == nil || !hasWildcard(cmd.Name)) {
		return nil, notFound(cmd.Name)
	}
	return lines, nil
}

func listenerFields(ls ListenerStatus) []statusField {
	ip := ls.IPAddr
	if ip == "" {
		ip = "*"
	}
	s := func(kw, v string) statusField { return statusField{kw: kw, value: v} }
	n := func(kw string, v int) statusField { return statusField{kw: kw, value: strconv.Itoa(v), numeric: true} }
	return []statusField{
		s("STATUS", ls.Status), n("PID", ls.PID), s("STARTDA", ls.Started.Format(dateLayout)),
		s("STARTTI", ls.Started.Format(timeLayout)), s("DESCR", ls.Descr), s("TRPTYPE", ls.TrpType),
		s("CONTROL", ls.Control), s("IPADDR", ip), n("PORT", ls.Port), n("BACKLOG", ls.Backlog),
	}
}

func (e *Executor) startChannel(cr ChannelRuntime, cmd *mqsc.Command) ([]string, *cmdError) {
	def, cerr := e.channelDef(cmd.Name)
	if cerr != nil {
		return nil, cerr
	}
	if err := cr.StartChannel(def); errors.Is(err, ErrNotSupported) {
		return nil, failure(mqi.MQRCCF_COMMAND_FAILED, msgNotAvailableHere)
	} else if err != nil {
		return nil, failure(mqi.MQRCCF_CHANNEL_IN_USE, msgInUse)
	}
	return []string{message(msgStartChannel)}, nil
}

func (e *Executor) stopChannel(cr ChannelRuntime, cmd *mqsc.Command) ([]string, *cmdError) {
	def, cerr := e.channelDef(cmd.Name)
	if cerr != nil {
		return nil, cerr
	}
	req := StopChannel{Mode: "QUIESCE", Status: "STOPPED"}
	for _, p := range cmd.Params {
		switch p.Keyword {
		case "MODE":
			req.Mode = p.Value.Text
		case "STATUS":
			req.Status = p.Value.Text
		case "CONNAME":
			req.ConnName, req.Status = p.Value.Text, "INACTIVE"
		case "CLIENTID":
			req.ClientID, req.Status = p.Value.Text, "INACTIVE"
		}
	}
	if err := cr.StopChannel(def, req); errors.Is(err, ErrNotSupported) {
		return nil, failure(mqi.MQRCCF_COMMAND_FAILED, msgNotAvailableHere)
	} else if err != nil {
		return nil, failure(mqi.MQRCCF_CHANNEL_NOT_ACTIVE, msgNotActive, cmd.Name)
	}
	return []string{message(msgStopChannel)}, nil
}

// channelDef loads a channel that START or STOP names (AMQ8227E when
// there is none).
func (e *Executor) channelDef(name string) (Object, *cmdError) {
	def, found, err := Load(e.store, TypeChannel, name)
	if err != nil {
		return Object{}, internalError(err)
	}
	if !found {
		return Object{}, failure(mqi.MQRCCF_CHANNEL_NOT_FOUND, msgChannelNotFound, name)
	}
	return def, nil
}

func (e *Executor) displayChStatus(cr ChannelRuntime, cmd *mqsc.Command) ([]string, *cmdError) {
	sel, cerr := fieldSelectionOf(cmd, chStatusFields, []string{"CURRENT", "CHLTYPE", "SAVED", "MONITOR"})
	if cerr != nil {
		return nil, cerr
	}
	conname := ""
	for _, p := range cmd.Params {
		if p.Keyword == "CONNAME" && p.HasValue {
			conname = p.Value.Text
		}
	}
	var lines []string
	for _, cs := range cr.Channels() {
		if !genericMatch(cmd.Name, cs.Channel) || (conname != "" && !genericMatch(conname, cs.ConnName)) {
			continue
		}
		b := channelFields(cs)
		ok, cerr := sel.match(b)
		if cerr != nil {
			return lines, cerr
		}
		if !ok {
			continue
		}
		lines = append(lines, message(msgDisplayChStatus))
		head := []mqsc.Item{{Keyword: "CHLTYPE", Value: cs.ChlType}}
		def := []string{"CONNAME", "CURRENT", "STATUS", "SUBSTATE"}
		if cs.ChlType != "SVRCONN" {
			def = []string{"CONNAME", "CURRENT", "RQMNAME", "STATUS", "SUBSTATE", "XMITQ"}
		}
		lines = append(lines, sel.layout("CHANNEL", cs.Channel, head, b, def)...)
	}
	if len(lines) == 0 {
		return nil, failure(mqi.MQRCCF_CHL_STATUS_NOT_FOUND, msgChStatusNone)
	}
	return lines, nil
}

func channelFields(cs ChannelStatus) []statusField {
	s := func(kw, v string) statusField { return statusField{kw: kw, value: v} }
	n := func(kw string, v int64) statusField {
		return statusField{kw: kw, value: strconv.FormatInt(v, 10), numeric: true}
	}
	last := stampOf(cs.LastMsg, true)
	return []statusField{
		s("CONNAME", cs.ConnName), {kw: "CURRENT"}, s("RQMNAME", cs.RQMName), s("STATUS", cs.Status),
		s("SUBSTATE", cs.SubState), s("XMITQ", cs.XmitQ),
		n("BUFSRCVD", cs.BufsRcvd), n("BUFSSENT", cs.BufsSent), n("BYTSRCVD", cs.BytsRcvd),
		n("BYTSSENT", cs.BytsSent), s("CHSTADA", cs.Started.Format(dateLayout)),
		s("CHSTATI", cs.Started.Format(timeLayout)), n("CURSHCNV", int64(cs.CurShCnv)),
		n("HBINT", int64(cs.HBInt)), s("LSTMSGDA", last[0]), s("LSTMSGTI", last[1]),
		n("MAXMSGL", int64(cs.MaxMsgL)), n("MAXSHCNV", int64(cs.MaxShCnv)), s("MCASTAT", "RUNNING"),
		s("MCAUSER", cs.MCAUser), n("MSGS", int64(cs.Msgs)), s("RAPPLTAG", cs.RAppltag),
		s("RPRODUCT", cs.RProduct), s("RVERSION", cs.RVersion),
		s("SECPROT", cmp.Or(cs.SecProt, "NONE")), s("SSLCERTI", cs.SSLCertI), s("SSLCIPH", cs.SSLCiph),
		s("SSLKEYDA", cs.SSLKeyDA), s("SSLKEYTI", cs.SSLKeyTI), s("SSLPEER", cs.SSLPeer),
		n("SSLRKEYS", int64(cs.SSLRKeys)),
	}
}

// fieldSelection is what a DISPLAY of live status asks for: ALL, named
// fields, a WHERE filter.
type fieldSelection struct {
	all    bool
	fields []string
	where  *filter
}

// fieldSelectionOf reads the parameters of a status DISPLAY; known are
// the fields, ignored keywords the command takes that select nothing.
func fieldSelectionOf(cmd *mqsc.Command, known, ignored []string) (fieldSelection, *cmdError) {
	sel := fieldSelection{where: whereOf(cmd)}
	for _, p := range cmd.Params {
		switch {
		case p.Keyword == "ALL":
			sel.all = true
		case p.Keyword == "WHERE" || slices.Contains(ignored, p.Keyword):
		case p.Keyword == "CONNAME" && p.HasValue:
			// a selector (DISPLAY CHSTATUS CONNAME(addr)), not a field
		case slices.Contains(known, p.Keyword):
			sel.fields = append(sel.fields, p.Keyword)
		default:
			return sel, syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(cmd.Text, p.Keyword))
		}
	}
	return sel, nil
}

func (sel fieldSelection) match(b []statusField) (bool, *cmdError) {
	return statusSelection{where: sel.where}.match(b)
}

// layout returns one status block: the name, the head items, the fields
// shown by default, then those asked for (every one with ALL).
func (sel fieldSelection) layout(nameKw, name string, head []mqsc.Item, b []statusField, defaults []string) []string {
	items := []displayItem{{item: mqsc.Item{Keyword: nameKw, Value: name}}}
	for _, h := range head {
		items = append(items, displayItem{item: h})
	}
	for _, f := range b {
		show := sel.all || slices.Contains(defaults, f.kw) || slices.Contains(sel.fields, f.kw) ||
			(sel.where != nil && sel.where.kw == f.kw)
		switch {
		case !show:
		case f.kw == "CURRENT":
			items = append(items, displayItem{item: mqsc.Item{Keyword: "CURRENT", Bare: true}})
		default:
			items = append(items, displayItem{item: mqsc.Item{Keyword: f.kw, Value: f.value}})
		}
	}
	return layoutItems(items)
}

func hasWildcard(name string) bool {
	return len(name) > 0 && name[len(name)-1] == '*'
}
