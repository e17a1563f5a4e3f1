package qmgr

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
)

// Persistent messages are written in one encoding to the recovery log and
// to the store's checkpoint: the MQMD (version 2, little-endian), the put
// time in Unix nanoseconds, then the data.

var le = binary.LittleEndian

// errBadRecord is returned for a log record or stored message that does
// not decode.
var errBadRecord = errors.New("qmgr: malformed persistent record")

func encodeMessage(m *message) []byte {
	return appendMessage(make([]byte, 0, messageLen(m)), m)
}

// messageLen is the length of m's encoding.
func messageLen(m *message) int {
	md := m.md
	md.Version = 2
	return md.Len() + 8 + len(m.data)
}

// appendMessage appends m's encoding to b.
func appendMessage(b []byte, m *message) []byte {
	md := m.md
	md.Version = 2
	b = md.AppendTo(b, le)
	b = le.AppendUint64(b, uint64(m.put.UnixNano()))
	return append(b, m.data...)
}

// putRecord is the recPut record of m on queue (in unit of work uow, 0
// for none), encoded once: the
// message's encoding (msg) is the tail of the record's (enc), so the log
// and the checkpoint share one buffer.
func putRecord(uow uint64, queue string, m *message) logRecord {
	head := recordHeadLen + len(queue)
	enc := make([]byte, head, head+messageLen(m))
	r := logRecord{kind: recPut, uow: uow, queue: queue, seq: m.seq}
	r.putHead(enc)
	enc = appendMessage(enc, m)
	r.msg, r.enc = enc[head:], enc
	return r
}

// sharedPutRecord is putRecord outside a unit of work for a message that
// no other goroutine sees yet and whose data the caller may reuse: the
// data is copied only into the record, and m.data then points into the
// record's encoding, so the log, the checkpoint and the queue share one
// copy of it.
func sharedPutRecord(queue string, m *message) logRecord {
	r := putRecord(0, queue, m)
	m.data = r.msg[len(r.msg)-len(m.data):]
	return r
}

func decodeMessage(b []byte) (*message, error) {
	var md wire.MQMD
	n, err := md.Unmarshal(b, le)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadRecord, err)
	}
	if len(b) < n+8 {
		return nil, fmt.Errorf("%w: no put time", errBadRecord)
	}
	put := time.Unix(0, int64(le.Uint64(b[n:])))
	return &message{md: md, put: put, data: append([]byte(nil), b[n+8:]...), persistent: true}, nil
}

// recKind is the kind of a recovery-log record.
type recKind uint8

const (
	recPut     recKind = 1 // a persistent message arrived on a queue
	recGet     recKind = 2 // a persistent message left a queue
	recBackout recKind = 3 // a message got under syncpoint: its backout count, hardened
	recCommit  recKind = 4 // the unit of work's records before it take effect
)

// logRecord is one recovery-log record. Records with a non-zero uow take
// effect only when a recCommit with the same uow follows.
type logRecord struct {
	kind  recKind
	uow   uint64
	queue string
	seq   uint64
	msg   []byte // recPut: the encoded message
	enc   []byte // the record's encoding when putRecord made it; else nil
}

// recordHeadLen is the length of a record's fixed fields: kind, uow,
// seq and the queue name's length.
const recordHeadLen = 18

func (r logRecord) encode() []byte {
	if r.enc != nil {
		return r.enc
	}
	b := make([]byte, recordHeadLen+len(r.queue), recordHeadLen+len(r.queue)+len(r.msg))
	r.putHead(b)
	return append(b, r.msg...)
}

// putHead writes the record's fixed fields and queue name to b, which
// is recordHeadLen+len(r.queue) bytes long.
func (r logRecord) putHead(b []byte) {
	b[0] = byte(r.kind)
	le.PutUint64(b[1:], r.uow)
	le.PutUint64(b[9:], r.seq)
	b[17] = byte(len(r.queue))
	copy(b[recordHeadLen:], r.queue)
}

func decodeRecord(b []byte) (logRecord, error) {
	if len(b) < recordHeadLen {
		return logRecord{}, fmt.Errorf("%w: %d bytes", errBadRecord, len(b))
	}
	r := logRecord{kind: recKind(b[0]), uow: le.Uint64(b[1:]), seq: le.Uint64(b[9:])}
	ql := int(b[17])
	if len(b) < recordHeadLen+ql {
		return logRecord{}, fmt.Errorf("%w: queue name cut short", errBadRecord)
	}
	r.queue = string(b[recordHeadLen : recordHeadLen+ql])
	r.msg = b[recordHeadLen+ql:]
	if r.kind < recPut || r.kind > recCommit {
		return logRecord{}, fmt.Errorf("%w: kind %d", errBadRecord, r.kind)
	}
	return r, nil
}
