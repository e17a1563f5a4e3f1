package rlog

import (
	"fmt"
	"sort"
)

// Checkpoint records that every record before lsn is safely in the
// queue files, so its space may be reused. lsn is typically the LSN of
// the oldest record still needed, or End() when none is; it must lie
// between the current checkpoint and End(). The new position is in the
// control file, synced, before the space is released.
func (l *Log) Checkpoint(lsn LSN) error {
	l.ckptMu.Lock()
	defer l.ckptMu.Unlock()
	l.mu.Lock()
	if err := l.usableLocked(); err != nil {
		l.mu.Unlock()
		return err
	}
	if lsn < l.checkpoint || lsn > l.durable {
		err := fmt.Errorf("%w: checkpoint %v outside %v..%v", ErrBadLSN, lsn, l.checkpoint, l.durable)
		l.mu.Unlock()
		return err
	}
	c := l.ctl
	c.seq++
	c.checkpoint, c.end = lsn, l.durable
	c.scan = lsn
	if lsn < l.durable {
		var ok bool
		if c.scan, ok = l.starts.floor(lsn); !ok {
			l.mu.Unlock()
			return fmt.Errorf("rlog: checkpoint %v: no batch starts at or before it", lsn)
		}
	}
	l.mu.Unlock()

	if err := writeControl(l.ctlF, c); err != nil {
		return fmt.Errorf("rlog: checkpoint: %w", err)
	}
	l.ctl = c
	l.mu.Lock()
	l.scan, l.checkpoint = c.scan, c.checkpoint
	l.starts.dropBefore(c.scan)
	l.mu.Unlock()
	return nil
}

// lsnQueue is an ascending queue of batch start LSNs.
type lsnQueue struct {
	s    []LSN
	head int
}

func (q *lsnQueue) push(n LSN) { q.s = append(q.s, n) }

// floor returns the greatest element <= n, if there is one.
func (q *lsnQueue) floor(n LSN) (LSN, bool) {
	live := q.s[q.head:]
	i := sort.Search(len(live), func(i int) bool { return live[i] > n })
	if i == 0 {
		return 0, false
	}
	return live[i-1], true
}

// dropBefore removes the elements < n.
func (q *lsnQueue) dropBefore(n LSN) {
	live := q.s[q.head:]
	q.head += sort.Search(len(live), func(i int) bool { return live[i] >= n })
	if q.head > len(q.s)/2 {
		q.s = append(q.s[:0], q.s[q.head:]...)
		q.head = 0
	}
}
