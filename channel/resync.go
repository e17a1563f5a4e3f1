package channel

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"sync/atomic"
)

// resyncLength is the size of a RESYNC_DATA body.
const resyncLength = 20

// Resync flags.
const (
	resyncInDoubt uint32 = 0x1 // the sender has an in-doubt batch
	// resyncLazy: the record the numbers come from was written without
	// waiting for the disk (its batch had no persistent message), so
	// after a crash it may be a batch or more away from the partner's.
	resyncLazy uint32 = 0x2
)

// resync is the body of a RESYNC_DATA segment, exchanged once after the
// initial data: the sender says what it holds, the receiver answers with
// its last committed batch.
type resync struct {
	Flags uint32
	Seq   uint32 // sender: in-doubt (or last committed) sequence number; receiver: last committed
	LUWID uint64 // sender: in-doubt unit of work; receiver: last committed
}

// errBadResync is returned for a RESYNC_DATA body that does not decode.
var errBadResync = errors.New("channel: malformed RESYNC_DATA")

func (r *resync) marshal(order binary.ByteOrder) []byte {
	b := make([]byte, resyncLength)
	order.PutUint32(b[0:], resyncLength)
	order.PutUint32(b[4:], r.Flags)
	order.PutUint32(b[8:], r.Seq)
	order.PutUint64(b[12:], r.LUWID)
	return b
}

func (r *resync) unmarshal(b []byte, order binary.ByteOrder) error {
	if len(b) < resyncLength {
		return fmt.Errorf("%w: %d bytes", errBadResync, len(b))
	}
	if n := order.Uint32(b); n != resyncLength {
		return fmt.Errorf("%w: length word %d", errBadResync, n)
	}
	*r = resync{Flags: order.Uint32(b[4:]), Seq: order.Uint32(b[8:]), LUWID: order.Uint64(b[12:])}
	return nil
}

// nextSeq is the sequence number after seq: it wraps from wrap to 1.
func nextSeq(seq, wrap uint32) uint32 {
	if seq >= wrap {
		return 1
	}
	return seq + 1
}

var luwidCounter atomic.Uint64

func init() {
	var b [8]byte
	_, _ = rand.Read(b[:])
	luwidCounter.Store(binary.BigEndian.Uint64(b[:]) >> 8)
}

// newLUWID returns a logical unit of work id unique in this process and,
// from its random start, across restarts.
func newLUWID() uint64 { return luwidCounter.Add(1) }

func luwidBytes(id uint64) [8]byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], id)
	return b
}

func luwidOf(b [8]byte) uint64 { return binary.BigEndian.Uint64(b[:]) }
