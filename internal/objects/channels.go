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
// START/STOP/PING/RESET/RESOLVE CHANNEL and DISPLAY CHSTATUS, for client
// (SVRCONN) and message (SDR, SVR, RCVR, RQSTR) channels alike. A Runtime
// that does not implement it leaves those commands unavailable (AMQ8999E).
type ChannelRuntime interface {
	// StartListener starts the defined listener. It returns a
	// *ListenerError when the port cannot be bound.
	StartListener(name string) error
	// StopListener stops a running listener; ErrNotRunning when it is not.
	StopListener(name string) error
	// Listeners returns the status of every running listener.
	Listeners() []ListenerStatus
	// StartChannel starts a sender or server channel, or lets a stopped
	// receiving or server-connection channel accept its partners again;
	// the definition has been checked to exist.
	StartChannel(def Object) error
	// StopChannel ends the instances of a channel that req selects; it
	// returns ErrNotRunning when none runs. With STATUS(INACTIVE) the
	// channel may start again by itself (triggering, a partner
	// connecting); with STATUS(STOPPED) it stays stopped until START.
	StopChannel(def Object, req StopChannel) error
	// ResetChannel sets the sequence number of the channel's next message.
	ResetChannel(name string, seq uint32) error
	// ResolveChannel commits or backs out a sender's in-doubt batch.
	ResolveChannel(name string, commit bool) error
	// PingChannel exchanges dataLen bytes with a sender's partner.
	PingChannel(name string, dataLen int) error
	// Channels returns the status of every channel instance, or with
	// saved the status saved at each message channel's last committed
	// batch (DISPLAY CHSTATUS SAVED).
	Channels(saved bool) []ChannelStatus
}

// ErrNotRunning is returned by ChannelRuntime when the listener or
// channel to stop is not running (AMQ9533E for a channel).
var ErrNotRunning = errors.New("objects: not running")

// ErrNotSupported is returned by ChannelRuntime for a channel type it
// does not run (AMQ8999E).
var ErrNotSupported = errors.New("objects: not available for this channel type")

// Errors a ChannelRuntime returns for channel commands, each answered
// with IBM's message.
var (
	// ErrChannelNotFound: no channel of the name (AMQ8227E).
	ErrChannelNotFound = errors.New("objects: channel not found")
	// ErrChannelInUse: the channel runs (AMQ9514E).
	ErrChannelInUse = errors.New("objects: channel in use")
	// ErrChannelInactive: the channel does not run (AMQ9533E).
	ErrChannelInactive = ErrNotRunning
	// ErrChannelNotInDoubt: RESOLVE of a channel with nothing in doubt.
	ErrChannelNotInDoubt = errors.New("objects: channel not in doubt")
	// ErrChannelType: the command does not apply to the channel's type.
	ErrChannelType = errors.New("objects: wrong channel type")
	// ErrChannelFailed: the channel could not do what was asked (PING);
	// the error log says why (AMQ9999E).
	ErrChannelFailed = errors.New("objects: channel failed")
)

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
	Status  string // RUNNING, or RETRYING a port it could not bind
	// Reason is the AMQ message of the failure a RETRYING listener
	// retries (AMQ9218E); DISPLAY LSSTATUS shows it above the status.
	Reason string
}

// StopChannel selects the instances STOP CHANNEL ends.
type StopChannel struct {
	Mode     string // QUIESCE, FORCE or TERMINATE
	Status   string // STOPPED (new instances refused) or INACTIVE
	ConnName string // only the instances from this address; "" any
	ClientID string // only the instance with this client id; "" any
}

// ChannelStatus is one channel instance (DISPLAY CHSTATUS). Fields that
// do not apply to the channel's type are left zero and not shown.
type ChannelStatus struct {
	Channel  string
	ChlType  string // SVRCONN, SDR, RCVR ...
	ConnName string
	Status   string // RUNNING, STOPPING, RETRYING, STOPPED ...
	SubState string // RECEIVE, MQGET ...
	Saved    bool   // from the synchronisation record (DISPLAY CHSTATUS SAVED)
	Started  time.Time
	LastMsg  time.Time // zero: no message yet
	Msgs     int64
	BytsSent int64
	BytsRcvd int64
	BufsSent int64
	BufsRcvd int64
	HBInt    int
	MaxMsgL  int
	MCAUser  string
	XmitQ    string
	RQMName  string

	// Client channels.
	MaxShCnv int
	CurShCnv int
	RAppltag string // the client's application name
	RProduct string // e.g. MQMM
	RVersion string // e.g. 09040000

	// Message channels.
	InDoubt             bool
	CurSeq, LastSeq     uint32
	CurLUWID, LastLUWID string
	Batches, XQMsgsA    int64
	BatchSize           int
	NPMSpeed            string

	// TLS of the instance (blank, SECPROT NONE, on a plain channel).
	SecProt, SSLCertI, SSLCiph, SSLKeyDA, SSLKeyTI, SSLPeer string
	SSLRKeys                                                int
}

// Message ids of the listener and channel commands.
const (
	msgStartChannel    amqmsg.ID = 8018
	msgStopChannel     amqmsg.ID = 8019
	msgPingComplete    amqmsg.ID = 8020
	msgStartListener   amqmsg.ID = 8021
	msgChannelReset    amqmsg.ID = 8023
	msgChannelResolved amqmsg.ID = 8026
	msgChannelNotFound amqmsg.ID = 8227
	msgDisplayChStatus amqmsg.ID = 8417
	msgChStatusNone    amqmsg.ID = 8420
	msgDisplayLsStatus amqmsg.ID = 8631
	msgStopListener    amqmsg.ID = 8706
	msgChannelInUse    amqmsg.ID = 9514
	msgNotActive       amqmsg.ID = 9533
	msgChannelFailed   amqmsg.ID = 9999
)

func init() {
	fallbackMessages[msgStopListener] = "I Request to stop IBM MQ Listener accepted." // [M]
	fallbackMessages[msgChannelResolved] = "I IBM MQ channel resolved."               // [M]
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
	case cmd.Object == TypeChannel && (cmd.Verb == "RESET" || cmd.Verb == "RESOLVE" || cmd.Verb == "PING"):
		return run(e.channelAction)
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
	chStatusFields = []string{"BATCHES", "BATCHSZ", "BUFSRCVD", "BUFSSENT", "BYTSRCVD", "BYTSSENT",
		"CHSTADA", "CHSTATI", "CONNAME", "CURLUWID", "CURSEQNO", "CURSHCNV", "HBINT", "INDOUBT",
		"LSTLUWID", "LSTMSGDA", "LSTMSGTI", "LSTSEQNO", "MAXMSGL", "MAXSHCNV", "MCASTAT", "MCAUSER",
		"MSGS", "NPMSPEED", "RAPPLTAG", "RPRODUCT", "RQMNAME", "RVERSION", "SECPROT", "SSLCERTI",
		"SSLCIPH", "SSLKEYDA", "SSLKEYTI", "SSLPEER", "SSLRKEYS", "STATUS", "STOPREQ", "SUBSTATE",
		"XMITQ", "XQMSGSA"}
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
		if ls.Reason != "" {
			lines = append(lines, ls.Reason)
		}
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
	if err := cr.StartChannel(def); err != nil {
		return nil, channelFailure(cmd.Name, err)
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
	if err := cr.StopChannel(def, req); err != nil {
		return nil, channelFailure(cmd.Name, err)
	}
	return []string{message(msgStopChannel)}, nil
}

// channelAction runs RESET, RESOLVE and PING CHANNEL.
func (e *Executor) channelAction(cr ChannelRuntime, cmd *mqsc.Command) ([]string, *cmdError) {
	if !cmd.HasName || cmd.Name == "" {
		return nil, syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text)
	}
	if _, cerr := e.channelDef(cmd.Name); cerr != nil {
		return nil, cerr
	}
	var err error
	var reply amqmsg.ID
	switch cmd.Verb {
	case "RESET":
		seq := 1
		if p, ok := cmd.Param("SEQNUM"); ok {
			n, perr := strconv.Atoi(p.Value.Text)
			if perr != nil || n < 1 || n > 999999999 {
				return nil, syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(cmd.Text, "SEQNUM"))
			}
			seq = n
		}
		err, reply = cr.ResetChannel(cmd.Name, uint32(seq)), msgChannelReset
	case "PING":
		n := 64
		if p, ok := cmd.Param("DATALEN"); ok {
			v, perr := strconv.Atoi(p.Value.Text)
			if perr != nil || v < 16 || v > 32768 {
				return nil, syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(cmd.Text, "DATALEN"))
			}
			n = v
		}
		err, reply = cr.PingChannel(cmd.Name, n), msgPingComplete
	case "RESOLVE":
		p, ok := cmd.Param("ACTION")
		if !ok {
			return nil, syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text)
		}
		err, reply = cr.ResolveChannel(cmd.Name, p.Value.Text == "COMMIT"), msgChannelResolved
		if errors.Is(err, ErrChannelNotInDoubt) {
			err = nil // nothing to resolve: done
		}
	}
	if err != nil {
		return nil, channelFailure(cmd.Name, err)
	}
	return []string{message(reply)}, nil
}

// channelFailure is the reply for a failed channel command.
func channelFailure(name string, err error) *cmdError {
	switch {
	case errors.Is(err, ErrNotSupported):
		return failure(mqi.MQRCCF_COMMAND_FAILED, msgNotAvailableHere)
	case errors.Is(err, ErrChannelNotFound):
		return failure(mqi.MQRCCF_CHANNEL_NOT_FOUND, msgChannelNotFound, name)
	case errors.Is(err, ErrChannelInUse):
		return failure(mqi.MQRCCF_CHANNEL_IN_USE, msgChannelInUse, name)
	case errors.Is(err, ErrNotRunning):
		return failure(mqi.MQRCCF_CHANNEL_NOT_ACTIVE, msgNotActive, name)
	case errors.Is(err, ErrChannelType):
		return wrongType()
	case errors.Is(err, ErrChannelFailed):
		return failure(mqi.MQRCCF_COMMAND_FAILED, msgChannelFailed, name)
	}
	return internalError(err)
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
	if !cmd.HasName || cmd.Name == "" {
		return nil, syntaxError(mqi.MQRCCF_PARM_MISSING, cmd.Text)
	}
	sel, cerr := fieldSelectionOf(cmd, chStatusFields, []string{"CURRENT", "CHLTYPE", "SAVED", "MONITOR"})
	if cerr != nil {
		return nil, cerr
	}
	conname, saved := "", false
	for _, p := range cmd.Params {
		switch {
		case p.Keyword == "CONNAME" && p.HasValue:
			conname = p.Value.Text
		case p.Keyword == "SAVED":
			saved = true
		}
	}
	var lines []string
	for _, cs := range cr.Channels(saved) {
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
		var def []string
		switch {
		case cs.ChlType == "SVRCONN":
			def = []string{"CONNAME", "CURRENT", "STATUS", "SUBSTATE"}
		case cs.Saved:
			def = []string{"CONNAME", "SAVED", "CURLUWID", "CURSEQNO", "INDOUBT", "LSTLUWID", "LSTSEQNO", "RQMNAME", "XMITQ"}
		default:
			def = []string{"CONNAME", "CURRENT", "RQMNAME", "STATUS", "SUBSTATE", "XMITQ"}
		}
		lines = append(lines, sel.layout("CHANNEL", cs.Channel, head, b, def)...)
	}
	if len(lines) == 0 {
		return nil, failure(mqi.MQRCCF_CHL_STATUS_NOT_FOUND, msgChStatusNone)
	}
	return lines, nil
}

// channelFields are the status fields of one instance: those of every
// channel, then those of its kind (client or message channel), in the
// order runmqsc shows them. A saved status has only the synchronisation
// fields.
func channelFields(cs ChannelStatus) []statusField {
	s := func(kw, v string) statusField { return statusField{kw: kw, value: v} }
	n := func(kw string, v int64) statusField {
		return statusField{kw: kw, value: strconv.FormatInt(v, 10), numeric: true}
	}
	indoubt := "NO"
	if cs.InDoubt {
		indoubt = "YES"
	}
	if cs.Saved {
		return []statusField{
			s("CONNAME", cs.ConnName), {kw: "SAVED"}, s("CURLUWID", cs.CurLUWID),
			n("CURSEQNO", int64(cs.CurSeq)), s("INDOUBT", indoubt), s("LSTLUWID", cs.LastLUWID),
			n("LSTSEQNO", int64(cs.LastSeq)), s("RQMNAME", cs.RQMName), s("XMITQ", cs.XmitQ),
		}
	}
	mcastat := "RUNNING"
	if cs.Status != "RUNNING" && cs.Status != "STOPPING" {
		mcastat = "NOT RUNNING"
	}
	last := stampOf(cs.LastMsg, true)
	f := []statusField{
		s("CONNAME", cs.ConnName), {kw: "CURRENT"},
	}
	if cs.ChlType != "SVRCONN" {
		f = append(f, s("RQMNAME", cs.RQMName))
	}
	f = append(f, s("STATUS", cs.Status), s("SUBSTATE", cs.SubState))
	if cs.ChlType != "SVRCONN" {
		f = append(f, s("XMITQ", cs.XmitQ), n("BATCHES", cs.Batches), n("BATCHSZ", int64(cs.BatchSize)))
	}
	f = append(f,
		n("BUFSRCVD", cs.BufsRcvd), n("BUFSSENT", cs.BufsSent), n("BYTSRCVD", cs.BytsRcvd),
		n("BYTSSENT", cs.BytsSent), s("CHSTADA", stampOf(cs.Started, true)[0]),
		s("CHSTATI", stampOf(cs.Started, true)[1]))
	if cs.ChlType != "SVRCONN" {
		f = append(f, s("CURLUWID", cs.CurLUWID), n("CURSEQNO", int64(cs.CurSeq)))
	} else {
		f = append(f, n("CURSHCNV", int64(cs.CurShCnv)))
	}
	f = append(f, n("HBINT", int64(cs.HBInt)))
	if cs.ChlType != "SVRCONN" {
		f = append(f, s("INDOUBT", indoubt), s("LSTLUWID", cs.LastLUWID))
	}
	f = append(f, s("LSTMSGDA", last[0]), s("LSTMSGTI", last[1]))
	if cs.ChlType != "SVRCONN" {
		f = append(f, n("LSTSEQNO", int64(cs.LastSeq)))
	}
	f = append(f, n("MAXMSGL", int64(cs.MaxMsgL)))
	if cs.ChlType == "SVRCONN" {
		f = append(f, n("MAXSHCNV", int64(cs.MaxShCnv)))
	}
	f = append(f, s("MCASTAT", mcastat), s("MCAUSER", cs.MCAUser), n("MSGS", cs.Msgs))
	if cs.ChlType == "SVRCONN" {
		f = append(f, s("RAPPLTAG", cs.RAppltag), s("RPRODUCT", cs.RProduct), s("RVERSION", cs.RVersion))
	} else {
		f = append(f, s("NPMSPEED", cs.NPMSpeed))
	}
	f = append(f,
		s("SECPROT", cmp.Or(cs.SecProt, "NONE")), s("SSLCERTI", cs.SSLCertI), s("SSLCIPH", cs.SSLCiph),
		s("SSLKEYDA", cs.SSLKeyDA), s("SSLKEYTI", cs.SSLKeyTI), s("SSLPEER", cs.SSLPeer),
		n("SSLRKEYS", int64(cs.SSLRKeys)), s("STOPREQ", "NO"))
	if cs.ChlType != "SVRCONN" {
		f = append(f, n("XQMSGSA", cs.XQMsgsA))
	}
	return f
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
		case f.kw == "CURRENT" || f.kw == "SAVED":
			items = append(items, displayItem{item: mqsc.Item{Keyword: f.kw, Bare: true}})
		default:
			items = append(items, displayItem{item: mqsc.Item{Keyword: f.kw, Value: f.value}})
		}
	}
	return layoutItems(items)
}

func hasWildcard(name string) bool {
	return len(name) > 0 && name[len(name)-1] == '*'
}
