package rlog

import (
	"fmt"
)

// windowSize is how much the reader fetches per read.
const windowSize = 256 << 10

// window caches a stretch of the circular space for sequential reads.
type window struct {
	sp    *space
	start LSN
	data  []byte
}

func newWindow(sp *space) *window { return &window{sp: sp} }

// get returns n bytes at lsn. The slice is valid until the next call.
func (w *window) get(lsn LSN, n int) ([]byte, error) {
	if lsn >= w.start && uint64(lsn-w.start)+uint64(n) <= uint64(len(w.data)) {
		return w.data[lsn-w.start:][:n], nil
	}
	if n > windowSize {
		p := make([]byte, n)
		return p, w.sp.readAt(p, lsn)
	}
	if w.data == nil {
		w.data = make([]byte, windowSize)
	}
	w.data = w.data[:windowSize]
	if err := w.sp.readAt(w.data, lsn); err != nil {
		w.data = w.data[:0]
		return nil, err
	}
	w.start = lsn
	return w.data[:n], nil
}

// damage describes the first bad record of a batch.
type damage struct {
	lsn LSN
	why string
}

// readBatch reads and checks the batch starting at the page boundary at,
// which must end before limit. With keep it returns copies of the
// records. Either every record of the batch is intact (dmg nil, next is
// the page after the batch) or dmg names the first bad one; err is an
// I/O error.
func readBatch(w *window, at, limit LSN, keep bool) (recs []Record, next LSN, dmg *damage, err error) {
	maxLen := w.sp.capacity
	for pos, first := at, true; ; first = false {
		if pos+headerSize > limit {
			return nil, 0, &damage{pos, "batch runs past the end of the log"}, nil
		}
		hb, err := w.get(pos, headerSize)
		if err != nil {
			return nil, 0, nil, err
		}
		var hdr [headerSize]byte
		copy(hdr[:], hb)
		h, why := parseHeader(hdr[:], pos, maxLen)
		switch {
		case why != "":
			return nil, 0, &damage{pos, why}, nil
		case first && h.flags&flagBegin == 0:
			return nil, 0, &damage{pos, "batch does not begin with a first record"}, nil
		case !first && h.flags&flagBegin != 0:
			return nil, 0, &damage{pos, "first-record flag inside a batch"}, nil
		case pos+headerSize+LSN(h.length) > limit:
			return nil, 0, &damage{pos, "record runs past the end of the log"}, nil
		}
		payload, err := w.get(pos+headerSize, int(h.length))
		if err != nil {
			return nil, 0, nil, err
		}
		if !checkCRC(hdr[:], h, payload) {
			return nil, 0, &damage{pos, "checksum mismatch"}, nil
		}
		if keep {
			recs = append(recs, Record{LSN: pos, Data: append([]byte(nil), payload...)})
		}
		pos += headerSize + LSN(h.length)
		if h.flags&flagEnd != 0 {
			return recs, LSN(roundUp(int64(pos))), nil, nil
		}
	}
}

// findEnd scans intact batches from the control record's replay start.
// Where they stop it decides between a torn tail (the normal end of the
// log after a crash or a clean close) and damage: damage if an intact
// batch of this lap starts later in the space (it was written after the
// bad one was durable), or if the control file knows the log reached
// further.
func (l *Log) findEnd(ctl control) (LSN, lsnQueue, *CorruptError, error) {
	var starts lsnQueue
	w := newWindow(l.sp)
	limit := ctl.scan + LSN(l.sp.capacity)
	pos := ctl.scan
	for pos < limit {
		_, next, dmg, err := readBatch(w, pos, limit, false)
		if err != nil {
			return 0, starts, nil, err
		}
		if dmg == nil {
			starts.push(pos)
			pos = next
			continue
		}
		resume, found, err := laterBatch(w, pos+PageSize, limit)
		switch {
		case err != nil:
			return 0, starts, nil, err
		case found:
			return pos, starts, &CorruptError{LSN: dmg.lsn, Reason: dmg.why, Resume: resume}, nil
		case pos < ctl.end:
			why := fmt.Sprintf("%s (the log was durable up to %v)", dmg.why, ctl.end)
			return pos, starts, &CorruptError{LSN: dmg.lsn, Reason: why}, nil
		}
		break
	}
	return pos, starts, nil, nil
}

// laterBatch looks at each page boundary in [from, limit) for the intact
// first record of a batch of this lap.
func laterBatch(w *window, from, limit LSN) (LSN, bool, error) {
	for q := from; q < limit; q += PageSize {
		hb, err := w.get(q, headerSize)
		if err != nil {
			return 0, false, err
		}
		var hdr [headerSize]byte
		copy(hdr[:], hb)
		h, why := parseHeader(hdr[:], q, w.sp.capacity)
		if why != "" || h.flags&flagBegin == 0 || q+headerSize+LSN(h.length) > limit {
			continue
		}
		payload, err := w.get(q+headerSize, int(h.length))
		if err != nil {
			return 0, false, err
		}
		if checkCRC(hdr[:], h, payload) {
			return q, true, nil
		}
	}
	return 0, false, nil
}

// Replay calls fn for every record from the checkpoint to the durable
// end, in LSN order, and returns how many it delivered. A batch is
// delivered only when all its records are intact. It stops at the first
// error from fn (returned wrapped) and at damage (*CorruptError), which
// also comes back, after the records before it, when Open found damage.
// fn must not call Replay, Checkpoint or Close.
func (l *Log) Replay(fn func(r Record) error) (int, error) {
	l.ckptMu.Lock()
	defer l.ckptMu.Unlock()
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return 0, ErrClosed
	}
	from, ckpt, end, cerr := l.scan, l.checkpoint, l.durable, l.corrupt
	l.mu.Unlock()

	w := newWindow(l.sp)
	n := 0
	for pos := from; pos < end; {
		recs, next, dmg, err := readBatch(w, pos, end, true)
		if err != nil {
			return n, err
		}
		if dmg != nil {
			return n, &CorruptError{LSN: dmg.lsn, Reason: dmg.why}
		}
		for _, r := range recs {
			if r.LSN < ckpt {
				continue
			}
			if err := fn(r); err != nil {
				return n, fmt.Errorf("rlog: replay stopped at LSN %v: %w", r.LSN, err)
			}
			n++
		}
		pos = next
	}
	if cerr != nil {
		return n, cerr
	}
	return n, nil
}
