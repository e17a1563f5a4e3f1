package channel

import (
	"context"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/wire"
)

// Definition is what a message channel agent uses of a channel
// definition (DEFINE CHANNEL). Zero values mean IBM's defaults where
// Defaults says so.
type Definition struct {
	Name          string
	Type          string // SDR, RCVR, SVR or RQSTR
	ConnName      string // host(port), comma list tried in turn (senders)
	XmitQ         string // senders
	BatchSize     int    // BATCHSZ
	BatchInterval time.Duration
	// BatchHeartbeat (BATCHHB): before committing a batch, a sender that
	// has heard nothing from its partner for this long checks with a
	// heartbeat that the partner is there, so that a dead partner costs a
	// backed-out batch instead of one in doubt. Zero never checks.
	BatchHeartbeat time.Duration
	MaxMsgLength   int    // MAXMSGL
	SeqWrap        uint32 // SEQWRAP
	Heartbeat      time.Duration
	// DisconnectInterval ends a sender whose transmission queue stayed
	// empty that long (DISCINT); zero never does.
	DisconnectInterval time.Duration
	FastNonPersistent  bool          // NPMSPEED(FAST)
	MsgRetryCount      int           // MRRTY (receivers)
	MsgRetryInterval   time.Duration // MRTMR (receivers)
	// Stopped is set for a receiving channel that STOP CHANNEL left
	// STOPPED: a partner that starts it is refused.
	Stopped bool
}

// withDefaults fills IBM's defaults into the zero fields.
func (d Definition) withDefaults() Definition {
	if d.BatchSize <= 0 {
		d.BatchSize = 50
	}
	if d.MaxMsgLength <= 0 {
		d.MaxMsgLength = 4194304
	}
	if d.SeqWrap == 0 {
		d.SeqWrap = 999999999
	}
	return d
}

// Sync is a channel's synchronisation record, kept by the queue manager
// in its store so that it survives a restart.
type Sync struct {
	// Seq is the sequence number of the last message of the last
	// committed batch (0 before the first).
	Seq uint32
	// LUWID identifies the last committed batch.
	LUWID uint64
	// InDoubt is set at a sender between recording that a batch's end
	// was sent and its confirmation: whether the partner committed it is
	// not known.
	InDoubt bool
	// InDoubtSeq and InDoubtLUWID are the in-doubt batch's last sequence
	// number and unit of work.
	InDoubtSeq   uint32
	InDoubtLUWID uint64
	// ResetSeq, when ResetPending, is the sequence number RESET CHANNEL
	// gave a sender for its next message, passed to the partner at the
	// next start.
	ResetPending bool
	ResetSeq     uint32
	// Lazy marks a record written without waiting for the disk, for a
	// batch that carried no persistent message: after a crash the
	// partner's record may be ahead of or behind it by such batches.
	Lazy bool
}

// Message is one message taken from a transmission queue: its data is
// what the transmission queue holds (MQXQH, MQMD, application data).
type Message struct {
	Data       []byte
	Persistent bool
	// Batched is false for a message the queue manager already removed
	// from the transmission queue (a non-persistent message of an
	// NPMSPEED(FAST) channel): it is not part of the batch's unit of work.
	Batched bool
}

// Transmission is a sender's hold on its transmission queue: the batch in
// progress is a unit of work that Commit makes final and Backout undoes.
// Only the sender's goroutine uses it.
type Transmission interface {
	// Next waits up to wait (0: not at all) for the next message that is
	// not yet in the batch, and adds it to the batch. It returns nil when
	// none came in time. With fast, a non-persistent message is removed
	// from the queue at once instead (NPMSPEED(FAST)).
	Next(ctx context.Context, wait time.Duration, fast bool) (*Message, error)
	// DeadLetter puts m on this queue manager's dead-letter queue behind
	// an MQDLH with reason, in the batch's unit of work (so it leaves the
	// transmission queue when the batch commits). It returns the reason
	// code when that fails (no dead-letter queue).
	DeadLetter(m *Message, reason int32) int32
	// Sync returns the channel's synchronisation record.
	Sync() (Sync, error)
	// InDoubt durably records that the end of the batch is being sent:
	// its last sequence number and unit of work.
	InDoubt(seq uint32, luwid uint64) error
	// Commit removes the batch's messages from the transmission queue and
	// records seq and luwid as committed, in one unit of work.
	Commit(seq uint32, luwid uint64) error
	// Backout returns the batch's messages to the transmission queue;
	// the durable record is left as it is.
	Backout()
	// Resolve settles an in-doubt batch recorded earlier: commit removes
	// its messages and records its sequence number; backout leaves them
	// to be sent again. Either way the record is no longer in doubt.
	Resolve(commit bool) error
	// ResetDone records that the partner took the reset sequence number.
	ResetDone() error
	// Adopt records the partner's last committed batch as this end's:
	// after a crash lost a lazy record at one end, the two ends agree
	// again (see Sync.Lazy).
	Adopt(seq uint32, luwid uint64) error
	// Close ends the hold; a batch in progress is backed out.
	Close()
}

// Batch is a receiver's batch in progress: a unit of work of the
// receiving queue manager. Only the receiver's goroutine uses it.
type Batch interface {
	// Put puts a message that arrived, xqh naming its destination and
	// data following its MQMD, in the batch; immediately (outside the
	// unit of work) when now is set. It returns the MQRC reason when the
	// message cannot be put.
	Put(xqh *wire.MQXQH, data []byte, now bool) int32
	// DeadLetter puts the message on the dead-letter queue behind an
	// MQDLH with reason, in the batch. It returns the reason code when
	// that fails too (no dead-letter queue).
	DeadLetter(xqh *wire.MQXQH, data []byte, reason int32, now bool) int32
	// Commit makes the batch's puts final and records seq and luwid as
	// the channel's last committed batch, in one unit of work.
	Commit(seq uint32, luwid uint64) error
	// Backout discards the batch's puts and closes its queues.
	Backout()
	// CloseQueues closes the destination queues, which stay open from one
	// batch to the next; the receiver calls it when a heartbeat shows the
	// channel idle, as IBM's receiving agent does.
	CloseQueues()
}

// QueueManager is what the message channel agents need of their queue
// manager. Package qmgr implements it; its methods are safe for
// concurrent use.
type QueueManager interface {
	// Name is the queue manager's name.
	Name() string
	// Channel returns the channel's definition; ok is false when it is not
	// defined.
	Channel(name string) (def Definition, ok bool)
	// OpenTransmission opens the sender's transmission queue.
	OpenTransmission(def Definition) (Transmission, error)
	// ReceiverSync returns a receiving channel's synchronisation record.
	ReceiverSync(channel string) (Sync, error)
	// SetReceiverSync replaces it (RESET CHANNEL from the partner).
	SetReceiverSync(channel string, s Sync) error
	// ClaimReceiver makes the caller the one running instance of the
	// receiving channel: an instance still running is ended with its
	// abort function and waited for first. release gives the claim up.
	ClaimReceiver(channel string, abort func()) (release func())
	// NewBatch starts a receiving channel's batch.
	NewBatch(channel string) Batch
	// LogEntry writes an entry to the queue manager's error log.
	LogEntry(id amqmsg.ID, inserts ...string)
	// StartSender starts a sending channel in the background, as START
	// CHANNEL does: a sender called back by its requester.
	StartSender(channel string) error
}
