// Package channel holds the message channel agents (MCAs): the sender
// that moves messages from a transmission queue to a partner queue
// manager in batches, and the receiver that puts them to their
// destination queues there, so that a persistent message crosses exactly
// once whatever fails.
//
// # API
//
// RunSender(ctx, qm, name, opts) runs one sender channel until ctx ends
// or the channel fails; ServeReceiver(ctx, conn, qm, opts) serves one
// connection a partner's sender opened (from any listener). Both reach
// their queue manager only through the small QueueManager interface,
// which package qmgr implements (qmgr.QueueManager.Channels), so this
// package never imports qmgr. Failures are *Error values carrying the AMQ
// message that was written to the error log (AMQ9520E, AMQ9526E ...).
//
// # Protocol
//
// The segments are IBM MQ's (package internal/wire); how a batch ends and
// is confirmed is not documented by IBM, so the exchange below is this
// package's own design, expressed in that vocabulary. Every segment is a
// plain TSH with FIRST and LAST set (a message is never split).
//
//  1. Initial data. The sender connects and sends INITIAL_DATA (FAP 13,
//     capability flags MSG_SEQ|CONVERSION|SPLIT, FAST_MESSAGES_REQUIRED
//     for NPMSPEED(FAST)) with its channel and queue manager names, BATCHSZ,
//     MAXMSGL, SEQWRAP and HBINT. The receiver looks the channel up: none
//     defined answers STATUS_DATA NO_CHANNEL (AMQ9519E at the receiver,
//     AMQ9520E at the sender), a type other than RCVR/RQSTR or a partner
//     without message sequence numbers answers CHANNEL_WRONG_TYPE
//     (AMQ9547E at both). Otherwise it answers INITIAL_DATA with the values
//     both use: the lower batch size, message size and sequence wrap, the
//     higher heartbeat interval, FAST only when both ends ask for it; an
//     init-error flag marks each value it lowered or raised.
//  2. Resynchronisation. The sender sends RESYNC_DATA (length 20, flags,
//     sequence number, LUWID): with flag 1 when it has a batch in doubt,
//     naming that batch's last sequence number and LUWID; otherwise its
//     last committed ones. The receiver answers with its last committed
//     sequence number and LUWID. An in-doubt batch whose LUWID and number
//     the receiver names was committed there: the sender commits it
//     (removes it from the transmission queue); otherwise it backs it out
//     and sends it again. A RESET CHANNEL at the sender follows as
//     RESET_DATA with the next sequence number, echoed by the receiver.
//  3. Batches. Each message is MESSAGE_DATA: MSH (sequence number,
//     lengths), then the transmission queue's message as it is (MQXQH
//     with the remote queue and queue manager names and the original
//     MQMD, then the data). Sequence numbers run from 1 and wrap at
//     SEQWRAP; the receiver answers a number other than the next with
//     STATUS_DATA MSG_SEQUENCE_ERROR carrying the expected number (AMQ9526E
//     at both ends). The sender looks one message ahead: the last message
//     of a batch (BATCHSZ reached, or the transmission queue stayed empty
//     for BATCHINT) carries CONFIRM_REQUEST and the batch's LUWID in the
//     TSH. Before sending it the sender durably records the batch as in
//     doubt. The receiver then commits, in one unit of work, the puts of
//     the batch and its record of the sequence number and LUWID, and
//     answers STATUS_DATA with code 0 and the batch's last sequence number
//     (DLQ_USED when a message went to the dead-letter queue). The sender
//     then commits, in one unit of work, the removal of the batch from the
//     transmission queue and its record of the sequence number.
//  4. Heartbeats. A sender whose transmission queue stays empty for the
//     heartbeat interval sends HEARTBEAT with CONFIRM_REQUEST; the receiver
//     answers HEARTBEAT. A receiver that hears nothing for IBM's receive
//     timeout (twice the negotiated interval below a minute, else the
//     interval plus a minute; AMQ9259E), or a sender that gets no answer,
//     takes its partner to be gone. With BATCHHB, a sender that has heard
//     nothing for that long sends the same HEARTBEAT before the message
//     that ends a batch, so that a dead partner costs a backed-out batch
//     rather than one in doubt.
//  5. Ending. A stopping sender, or one whose transmission queue stayed
//     empty for DISCINT (AMQ9545E), sends STATUS_DATA USER_CLOSED with
//     CLOSE_CHANNEL; a receiver whose queue manager ends sends
//     QM_TERMINATING. Either end closes the connection. STOP CHANNEL
//     MODE(QUIESCE) lets a batch in flight get its confirmation (up to 5
//     s); MODE(FORCE) and MODE(TERMINATE) stop reading at once, leaving
//     that batch in doubt for the next start to resolve.
//  6. Ping. PING CHANNEL negotiates as step 1, sends PING_DATA, which the
//     receiver echoes unchanged, and ends as step 5 (Ping).
//
// # Exactly once
//
// The receiver's puts and its sequence number commit together, so after
// any failure the receiver either has the whole batch and its LUWID or
// neither. The sender removes a batch only after the confirmation, or at
// resynchronisation when the receiver names the batch's LUWID; a batch
// whose end was never recorded as sent cannot have been committed. A
// batch resent after a backout starts again from the last committed
// sequence number, and a batch sent twice in error meets a sequence
// number error instead of being put twice. Only one instance of each
// receiving channel runs: a new connection for it ends the old one and
// waits for it (QueueManager.ClaimReceiver).
//
// Non-persistent messages of an NPMSPEED(FAST) channel leave the
// transmission queue when they are sent and are put at once on arrival,
// outside the batch's unit of work: they may be lost when the channel
// fails, but never duplicated.
//
// # Undeliverable messages
//
// A message the receiver cannot put (unknown queue, queue full, put
// inhibited, too big) is retried MRRTY times MRTMR apart when the failure
// may clear, then put on the dead-letter queue behind an MQDLH with the
// reason, in the batch (AMQ9544E). Without a dead-letter queue the batch
// is backed out, the receiver answers CAN_NOT_STORE and logs AMQ9565E,
// and the channel ends (AMQ9506E at the sender). A message longer than
// the negotiated MAXMSGL never leaves the sender: it goes to the sending
// queue manager's dead-letter queue with reason 2218
// (MQRC_MSG_TOO_BIG_FOR_CHANNEL), in the batch, and takes no sequence
// number.
package channel
