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
	md := m.md
	md.Version = 2
	b := md.Marshal(le)
	b = le.AppendUint64(b, uint64(m.put.UnixNano()))
	return append(b, m.data...)
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
}

func (r logRecord) encode() []byte {
	b := make([]byte, 0, 18+len(r.queue)+len(r.msg))
	b = append(b, byte(r.kind))
	b = le.AppendUint64(b, r.uow)
	b = le.AppendUint64(b, r.seq)
	b = append(b, byte(len(r.queue)))
	b = append(b, r.queue...)
	return append(b, r.msg...)
}

func decodeRecord(b []byte) (logRecord, error) {
	if len(b) < 18 {
		return logRecord{}, fmt.Errorf("%w: %d bytes", errBadRecord, len(b))
	}
	r := logRecord{kind: recKind(b[0]), uow: le.Uint64(b[1:]), seq: le.Uint64(b[9:])}
	ql := int(b[17])
	if len(b) < 18+ql {
		return logRecord{}, fmt.Errorf("%w: queue name cut short", errBadRecord)
	}
	r.queue = string(b[18 : 18+ql])
	r.msg = b[18+ql:]
	if r.kind < recPut || r.kind > recCommit {
		return logRecord{}, fmt.Errorf("%w: kind %d", errBadRecord, r.kind)
	}
	return r, nil
}
