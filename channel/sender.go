package channel

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// SenderOptions are the settings of RunSender. The zero value is ready to
// use.
type SenderOptions struct {
	// Dial connects to one CONNAME address ("host:port"); nil means a
	// net.Dialer with a 20-second timeout.
	Dial func(ctx context.Context, address string) (net.Conn, error)
	// Status, when set, is kept up to date for DISPLAY CHSTATUS.
	Status *Status
	// ConfirmTimeout bounds the wait for the confirmation of a batch and
	// the answer to a heartbeat; zero means twice the heartbeat interval
	// plus a minute.
	ConfirmTimeout time.Duration
	// Force, when closed, ends the channel at once as STOP CHANNEL
	// MODE(FORCE) does: the confirmation of a batch in flight is not
	// waited for, so the batch stays in doubt until the next start
	// resolves it. Closing it should come with ending ctx.
	Force <-chan struct{}
}

// RunSender runs sender channel name of qm: it connects to the partner,
// negotiates, resolves an in-doubt batch, then moves messages from the
// transmission queue in batches until ctx ends (a normal stop: nil) or the
// channel fails (an *Error with the AMQ message already logged).
func RunSender(ctx context.Context, qm QueueManager, name string, opts *SenderOptions) error {
	if opts == nil {
		opts = &SenderOptions{}
	}
	st := opts.Status
	if st == nil {
		st = &Status{}
	}
	err := runSender(ctx, qm, name, opts, st)
	if err != nil {
		st.set(func(v *StatusValues) { v.State, v.RemoteQMgr = StateRetrying, "" })
	}
	return err
}

func runSender(ctx context.Context, qm QueueManager, name string, opts *SenderOptions, st *Status) error {
	st.set(func(s *StatusValues) { s.State = StateStarting })
	def, ok := qm.Channel(name)
	if !ok {
		return fail(qm, nil, amqmsg.AMQ9519E, name)
	}
	if def.Type == "RQSTR" {
		return runRequester(ctx, qm, def.withDefaults(), opts, st)
	}
	if def.Type != "SDR" && def.Type != "SVR" {
		return fail(qm, fmt.Errorf("channel type %s does not send", def.Type), amqmsg.AMQ9547E)
	}
	def = def.withDefaults()
	tx, err := qm.OpenTransmission(def)
	if errors.Is(err, ErrInUse) {
		return fail(qm, err, amqmsg.AMQ9514E, name)
	}
	if err != nil {
		return fail(qm, err, amqmsg.AMQ9509E)
	}
	defer tx.Close()
	st.set(func(s *StatusValues) { s.State = StateBinding })
	qm.LogEntry(amqmsg.AMQ9002I, name)

	l, err := connect(ctx, qm, def.ConnName, opts.Dial)
	if err != nil {
		return err
	}
	defer l.close()
	// A stop lets a batch in flight get its confirmation first.
	stop := context.AfterFunc(ctx, func() { l.stopIn(stopGrace) })
	defer stop()
	if opts.Force != nil {
		forced := make(chan struct{})
		defer close(forced)
		go func() {
			select {
			case <-opts.Force:
				l.stop()
			case <-forced:
			}
		}()
	}

	s := &sender{qm: qm, def: def, tx: tx, l: l, st: st, confirmTimeout: opts.ConfirmTimeout}
	err = s.run(ctx)
	if errors.Is(err, errDisconnect) {
		// Idle for DISCINT: end normally.
		_ = l.sendStatus(wire.StatusUserClosed, 0, false, wire.Flag1CloseChannel)
		qm.LogEntry(amqmsg.AMQ9545E)
		qm.LogEntry(amqmsg.AMQ9001I, name, def.ConnName)
		st.set(func(s *StatusValues) { s.State = StateInactive })
		return nil
	}
	if ctx.Err() != nil && (err == nil || isComms(err)) {
		// Stopped: tell the partner, then end normally.
		_ = l.sendStatus(wire.StatusUserClosed, 0, false, wire.Flag1CloseChannel)
		qm.LogEntry(amqmsg.AMQ9001I, name, def.ConnName)
		st.set(func(s *StatusValues) { s.State = StateStopped })
		return nil
	}
	return s.failed(err)
}

// stopGrace is how long a stopping sender still waits for the
// confirmation of the batch it sent, so that STOP CHANNEL does not leave
// a batch in doubt when the partner answers.
const stopGrace = 5 * time.Second

// sender is one run of a sender channel.
type sender struct {
	qm             QueueManager
	def            Definition
	tx             Transmission
	l              *link
	st             *Status
	confirmTimeout time.Duration

	batchSize int
	maxMsgLen int
	wrap      uint32
	heartbeat time.Duration
	fast      bool
	seq       uint32 // last sequence number sent and committed
	luwid     uint64 // the last committed batch
	// deadLettered is set when the batch holds messages put on the
	// dead-letter queue instead of being sent.
	deadLettered bool
}

func (s *sender) run(ctx context.Context) error {
	if err := s.negotiate(); err != nil {
		return err
	}
	s.st.set(func(v *StatusValues) { v.Starts++ })
	return s.afterNegotiation(ctx)
}

// afterNegotiation resolves an in-doubt batch, then sends batches until
// ctx ends or the channel fails.
func (s *sender) afterNegotiation(ctx context.Context) error {
	if err := s.resynchronise(); err != nil {
		return err
	}
	s.st.set(func(v *StatusValues) {
		v.State, v.BatchSize, v.Heartbeat, v.CurSeq, v.LastSeq = StateRunning, s.batchSize, s.heartbeat, s.seq, s.seq
	})
	for ctx.Err() == nil {
		if err := s.batch(ctx); err != nil {
			return err
		}
	}
	return nil // stopped between batches
}

// negotiate sends the initial data and adopts the partner's answer.
func (s *sender) negotiate() error {
	peer, err := proposeID(s.l, s.qm.Name(), s.def, 0)
	if err != nil {
		return err
	}
	s.batchSize = max(1, min(s.def.BatchSize, int(peer.MaxMsgsPerBatch)))
	s.maxMsgLen = min(s.def.MaxMsgLength, int(peer.MaxMsgSize))
	s.wrap = min(s.def.SeqWrap, peer.SeqWrap)
	s.heartbeat = time.Duration(peer.HeartbeatInterval) * time.Second
	s.fast = s.def.FastNonPersistent && peer.CapFlags2&wire.ICF2FastMessagesRequired != 0
	s.st.set(func(v *StatusValues) { v.RemoteQMgr = trim(peer.QMgrName) })
	return nil
}

// proposeID sends this end's initial data for channel def (with the
// extra capability flags1) and returns the partner's answer, or the error
// its refusal means.
func proposeID(l *link, qmName string, def Definition, flags1 uint8) (*wire.InitialData, error) {
	flags2 := uint8(0)
	if def.FastNonPersistent {
		flags2 |= wire.ICF2FastMessagesRequired
	}
	id := wire.InitialData{
		FapLevel: fapLevel, CapFlags1: wire.ICF1MsgSeq | wire.ICF1ConversionCapable | wire.ICF1SplitMessage | flags1,
		CapFlags2: flags2, MaxMsgsPerBatch: uint16(min(def.BatchSize, 9999)),
		MaxTransmissionSize: uint32(def.MaxMsgLength + segmentOverhead), MaxMsgSize: uint32(def.MaxMsgLength),
		SeqWrap: def.SeqWrap, ChannelName: def.Name, CCSID: wire.CCSIDUTF8, QMgrName: qmName,
		HeartbeatInterval: uint32(def.Heartbeat / time.Second), ProductID: productID,
	}
	if err := l.send(wire.SegInitialData, wire.Flag1ConfirmRequest, [8]byte{}, id.Marshal(order)); err != nil {
		return nil, err
	}
	seg, err := l.receive(time.Minute)
	if err != nil {
		return nil, err
	}
	if seg.Type == wire.SegStatusData {
		st, err := statusOf(seg)
		if err != nil {
			return nil, err
		}
		return nil, refusal(st.Code)
	}
	if seg.Type != wire.SegInitialData {
		return nil, fmt.Errorf("channel: %w: %s in answer to the initial data", errProtocol, seg.Type)
	}
	var peer wire.InitialData
	if _, err := peer.Unmarshal(seg.Body, seg.Order()); err != nil {
		return nil, fmt.Errorf("channel: %w: %w", errProtocol, err)
	}
	return &peer, nil
}

// refusal turns the partner's refusal of the initial data into the
// error its status code means.
func refusal(code wire.StatusCode) error {
	switch code {
	case wire.StatusNoChannel:
		return &Error{ID: amqmsg.AMQ9520E}
	case wire.StatusChannelWrongType:
		return &Error{ID: amqmsg.AMQ9547E}
	case wire.StatusChannelUnavailable:
		return &Error{ID: amqmsg.AMQ9558E}
	case wire.StatusQMUnavailable, wire.StatusQMTerminating:
		return &Error{ID: amqmsg.AMQ9524E}
	case wire.StatusCallBack:
		return errCallBack
	}
	return &Error{ID: amqmsg.AMQ9503E, Err: fmt.Errorf("the partner answered %s", code)}
}

// resynchronise tells the partner whether a batch is in doubt, settles it
// from the partner's answer, takes the partner's sequence number when the
// two ends differ only by lazily recorded batches (Sync.Lazy), and passes
// on a reset sequence number.
func (s *sender) resynchronise() error {
	sync, err := s.tx.Sync()
	if err != nil {
		return fmt.Errorf("channel: read the synchronisation record: %w", err)
	}
	req := resync{Seq: sync.Seq, LUWID: sync.LUWID}
	if sync.Lazy {
		req.Flags = resyncLazy
	}
	if sync.InDoubt {
		req = resync{Flags: resyncInDoubt, Seq: sync.InDoubtSeq, LUWID: sync.InDoubtLUWID}
	}
	if err := s.l.send(wire.SegResyncData, wire.Flag1ConfirmRequest, [8]byte{}, req.marshal(order)); err != nil {
		return err
	}
	seg, err := s.l.receive(time.Minute)
	if err != nil {
		return err
	}
	var peer resync
	switch {
	case seg.Type == wire.SegStatusData:
		st, err := statusOf(seg)
		if err != nil {
			return err
		}
		return refusal(st.Code)
	case seg.Type != wire.SegResyncData:
		return fmt.Errorf("channel: %w: %s in answer to RESYNC_DATA", errProtocol, seg.Type)
	}
	if err := peer.unmarshal(seg.Body, seg.Order()); err != nil {
		return fmt.Errorf("channel: %w: %w", errProtocol, err)
	}
	if sync.InDoubt {
		commit := peer.LUWID == sync.InDoubtLUWID && peer.Seq == sync.InDoubtSeq
		if err := s.tx.Resolve(commit); err != nil {
			return fmt.Errorf("channel: resolve the in-doubt batch: %w", err)
		}
		if sync, err = s.tx.Sync(); err != nil {
			return fmt.Errorf("channel: read the synchronisation record: %w", err)
		}
	}
	lazy := sync.Lazy || peer.Flags&resyncLazy != 0
	if !sync.ResetPending && lazy && (peer.Seq != sync.Seq || peer.LUWID != sync.LUWID) {
		// The ends disagree only by batches without persistent
		// messages, whose records a crash may lose: go on from the
		// receiver's, as a RESET CHANNEL to its number would.
		if err := s.tx.Adopt(peer.Seq, peer.LUWID); err != nil {
			return fmt.Errorf("channel: take the partner's sequence number: %w", err)
		}
		sync.Seq, sync.LUWID = peer.Seq, peer.LUWID
	}
	s.seq, s.luwid = sync.Seq, sync.LUWID
	if sync.ResetPending {
		rd := wire.ResetData{SeqNumber: sync.ResetSeq}
		if err := s.l.send(wire.SegResetData, wire.Flag1ConfirmRequest, [8]byte{}, rd.Marshal(order)); err != nil {
			return err
		}
		seg, err := s.l.receive(time.Minute)
		if err != nil {
			return err
		}
		if seg.Type != wire.SegResetData {
			return fmt.Errorf("channel: %w: %s in answer to RESET_DATA", errProtocol, seg.Type)
		}
		if err := s.tx.ResetDone(); err != nil {
			return fmt.Errorf("channel: record the reset: %w", err)
		}
		s.seq = sync.ResetSeq - 1
	}
	return nil
}

// batch sends one batch: it waits for a first message (sending heartbeats
// while the transmission queue stays empty), sends up to the batch size,
// records the batch in doubt before its last message goes out, and
// commits when the partner confirms.
func (s *sender) batch(ctx context.Context) error {
	m, err := s.first(ctx)
	if err != nil || m == nil {
		return err
	}
	luwid := newLUWID()
	lb := luwidBytes(luwid)
	seq := s.seq
	count := 0
	for m != nil {
		count++
		seq = nextSeq(seq, s.wrap)
		var next *Message
		if count < s.batchSize {
			if next, err = s.next(ctx, s.def.BatchInterval); err != nil {
				return err
			}
		}
		flags := uint8(0)
		if next == nil {
			if err := s.batchHeartbeat(); err != nil {
				return err
			}
			if err := s.tx.InDoubt(seq, luwid); err != nil {
				return fmt.Errorf("channel: record the batch in doubt: %w", err)
			}
			s.st.set(func(v *StatusValues) { v.InDoubt, v.CurSeq = true, seq })
			flags = wire.Flag1ConfirmRequest
		}
		if err := s.sendMessage(m, seq, flags, lb); err != nil {
			return s.whySendFailed(err)
		}
		m = next
	}
	if err := s.confirm(seq, luwid); err != nil {
		return err
	}
	if err := s.tx.Commit(seq, luwid); err != nil {
		return fmt.Errorf("channel: commit the batch: %w", err)
	}
	s.seq, s.luwid, s.deadLettered = seq, luwid, false
	s.st.set(func(v *StatusValues) {
		v.InDoubt, v.LastSeq, v.CurSeq, v.LUWID = false, seq, seq, luwid
		v.Msgs += int64(count)
		v.Batches++
	})
	return nil
}

// first waits for the first message of a batch, sending a heartbeat each
// heartbeat interval that passes without one. It returns nil, nil when
// ctx ends.
func (s *sender) first(ctx context.Context) (*Message, error) {
	idleSince := time.Now()
	for ctx.Err() == nil {
		wait := s.heartbeat
		if wait <= 0 {
			wait = time.Hour
		}
		if d := s.def.DisconnectInterval; d > 0 {
			left := d - time.Since(idleSince)
			if left <= 0 {
				return nil, errDisconnect
			}
			wait = min(wait, left)
		}
		m, err := s.next(ctx, wait)
		if err != nil {
			return nil, err
		}
		if m != nil {
			return m, nil
		}
		if s.deadLettered {
			// Only dead letters so far: make them final now.
			if err := s.tx.Commit(s.seq, s.luwid); err != nil {
				return nil, fmt.Errorf("channel: commit the dead letters: %w", err)
			}
			s.deadLettered = false
			idleSince = time.Now()
			continue
		}
		if ctx.Err() != nil || s.heartbeat <= 0 || (s.def.DisconnectInterval > 0 && time.Since(idleSince) >= s.def.DisconnectInterval) {
			continue
		}
		if err := s.l.send(wire.SegHeartbeat, wire.Flag1ConfirmRequest, [8]byte{}, nil); err != nil {
			return nil, err
		}
		seg, err := s.l.receive(s.timeout())
		if err != nil {
			return nil, err
		}
		if seg.Type != wire.SegHeartbeat {
			return nil, s.unexpected(seg, "HEARTBEAT")
		}
	}
	return nil, nil
}

// next is Transmission.Next, except that a message too long for the
// negotiated MAXMSGL goes to the dead-letter queue (reason 2218) in the
// batch instead of being sent, and the next one is taken.
func (s *sender) next(ctx context.Context, wait time.Duration) (*Message, error) {
	for {
		m, err := s.tx.Next(ctx, wait, s.fast)
		if err != nil || m == nil || messageLength(m.Data) <= s.maxMsgLen {
			return m, err
		}
		if rc := s.tx.DeadLetter(m, mqi.MQRC_MSG_TOO_BIG_FOR_CHANNEL); rc != mqi.MQRC_NONE {
			return nil, &Error{ID: amqmsg.AMQ9565E, Inserts: []string{s.qm.Name()},
				Err: fmt.Errorf("a message of %d bytes is longer than the channel's %d", messageLength(m.Data), s.maxMsgLen)}
		}
		s.deadLettered = true
		s.qm.LogEntry(amqmsg.AMQ9544E, s.def.Name)
		wait = 0
	}
}

// messageLength is the length of the application message in a
// transmission queue message: what follows the MQXQH and its MQMD.
func messageLength(data []byte) int {
	var x wire.MQXQH
	n, err := x.Unmarshal(data, order)
	if err != nil {
		return len(data)
	}
	return len(data) - n
}

func (s *sender) timeout() time.Duration {
	if s.confirmTimeout > 0 {
		return s.confirmTimeout
	}
	return 2*s.heartbeat + time.Minute
}

// sendMessage sends one MESSAGE_DATA segment.
func (s *sender) sendMessage(m *Message, seq uint32, flags uint8, luwid [8]byte) error {
	msh := wire.MSH{SeqNumber: seq, BufferLength: int32(len(m.Data)), MessageLength: int32(len(m.Data))}
	body := make([]byte, 0, wire.MSHLength+len(m.Data))
	body = append(body, msh.Marshal(order)...)
	body = append(body, m.Data...)
	return s.l.send(wire.SegMessageData, flags, luwid, body)
}

// batchHeartbeat checks, before the batch's last message puts it in
// doubt, that a partner not heard from for BATCHHB is still there: it
// sends a heartbeat and waits for the answer. An error leaves the batch
// to be backed out.
func (s *sender) batchHeartbeat() error {
	if s.def.BatchHeartbeat <= 0 || time.Since(s.l.heard) < s.def.BatchHeartbeat {
		return nil
	}
	if err := s.l.send(wire.SegHeartbeat, wire.Flag1ConfirmRequest, [8]byte{}, nil); err != nil {
		return s.whySendFailed(err)
	}
	seg, err := s.l.receive(s.timeout())
	if err != nil {
		return err
	}
	if seg.Type != wire.SegHeartbeat {
		return s.unexpected(seg, "HEARTBEAT")
	}
	return nil
}

// confirm waits for the partner's confirmation of the batch ending at seq.
func (s *sender) confirm(seq uint32, luwid uint64) error {
	seg, err := s.l.receive(s.timeout())
	if err != nil {
		return err
	}
	st, err := statusOf(seg)
	if err != nil {
		return err
	}
	if st.Code != 0 {
		return s.partnerFailed(st)
	}
	if !st.HasValue || st.Value != seq {
		return fmt.Errorf("channel: %w: batch ending at %d confirmed as %d", errProtocol, seq, st.Value)
	}
	return nil
}

// partnerFailed is the error for a status the partner sent instead of a
// confirmation.
func (s *sender) partnerFailed(st wire.Status) error {
	if st.Code == wire.StatusMsgSequenceError {
		return &Error{ID: amqmsg.AMQ9526E, Inserts: []string{s.def.Name, strconv.Itoa(int(nextSeq(s.seq, s.wrap))), strconv.Itoa(int(st.Value))}}
	}
	return &Error{ID: amqmsg.AMQ9506E, Err: fmt.Errorf("the partner answered %s", st.Code)}
}

// whySendFailed looks for the status a partner sends before it closes the
// connection (a sequence number error, say) when a send fails, so that
// the error log names the cause rather than the broken connection.
func (s *sender) whySendFailed(err error) error {
	seg, rerr := s.l.receive(time.Second)
	if rerr != nil || seg.Type != wire.SegStatusData {
		return err
	}
	if st, serr := statusOf(seg); serr == nil && st.Code != 0 {
		return s.partnerFailed(st)
	}
	return err
}

func (s *sender) unexpected(seg *wire.Segment, want string) error {
	if seg.Type == wire.SegStatusData {
		if st, err := statusOf(seg); err == nil && st.Code != 0 {
			return s.partnerFailed(st)
		}
	}
	return fmt.Errorf("channel: %w: %s where %s was expected", errProtocol, seg.Type, want)
}

// failed logs a failure of the running channel and returns it as an
// *Error.
func (s *sender) failed(err error) error {
	var ce *Error
	var comms *commsError
	if logged, ok := alreadyLogged(err); ok {
		return logged
	}
	switch {
	case errors.As(err, &ce):
		s.qm.LogEntry(ce.ID, ce.Inserts...)
	case errors.As(err, &comms) && comms.send:
		ce = fail(s.qm, err, amqmsg.AMQ9206E, s.def.ConnName)
	case errors.As(err, &comms):
		ce = fail(s.qm, err, amqmsg.AMQ9208E, s.def.ConnName)
	case errors.Is(err, errProtocol):
		ce = fail(s.qm, err, amqmsg.AMQ9504E, s.def.Name, err.Error())
	default:
		ce = fail(s.qm, err, amqmsg.AMQ9999E, s.def.Name, s.def.ConnName)
	}
	return ce
}

func isComms(err error) bool {
	var comms *commsError
	return errors.As(err, &comms)
}

// connect dials connName for a channel that starts at this end; a failure
// is logged (AMQ9202E, or what the dialer already logged) and returned
// as the *Error.
func connect(ctx context.Context, qm QueueManager, connName string, dialer func(context.Context, string) (net.Conn, error)) (*link, error) {
	l, err := dial(ctx, connName, dialer)
	if ce, ok := alreadyLogged(err); ok {
		return nil, ce
	}
	if err != nil {
		return nil, fail(qm, err, amqmsg.AMQ9202E, connName)
	}
	return l, nil
}

// dial connects to the first address of the CONNAME list that answers.
func dial(ctx context.Context, connName string, dialer func(context.Context, string) (net.Conn, error)) (*link, error) {
	if dialer == nil {
		d := &net.Dialer{Timeout: 20 * time.Second}
		dialer = func(ctx context.Context, addr string) (net.Conn, error) { return d.DialContext(ctx, "tcp", addr) }
	}
	addrs, err := ParseConnName(connName)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, a := range addrs {
		nc, err := dialer(ctx, a)
		if err == nil {
			return newLink(nc, 100<<20), nil
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}

// ParseConnName splits a CONNAME ("host(port)", comma-separated, port
// 1414 when left out) into host:port addresses.
func ParseConnName(connName string) ([]string, error) {
	var out []string
	for _, part := range strings.Split(connName, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		host, port := part, "1414"
		if i := strings.IndexByte(part, '('); i >= 0 {
			if !strings.HasSuffix(part, ")") {
				return nil, fmt.Errorf("channel: CONNAME %q: %q lacks its closing parenthesis", connName, part)
			}
			host, port = strings.TrimSpace(part[:i]), strings.TrimSpace(part[i+1:len(part)-1])
			if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
				return nil, fmt.Errorf("channel: CONNAME %q: bad port %q", connName, port)
			}
		}
		if host == "" {
			return nil, fmt.Errorf("channel: CONNAME %q: no host in %q", connName, part)
		}
		out = append(out, net.JoinHostPort(host, port))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("channel: CONNAME is blank")
	}
	return out, nil
}
