package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

// reconnectFor is how long a worker keeps trying to reach the queue
// manager before it gives up.
const reconnectFor = 90 * time.Second

// session is a connection and one open queue that can be re-established.
type session struct {
	qmgr, queue string
	options     int32

	qm     mqi.MQQueueManager
	obj    mqi.MQObject
	live   bool
	errors map[int32]int // failures seen, by reason code
}

func newSession(qmgr, queue string, options int32) *session {
	return &session{qmgr: qmgr, queue: queue, options: options, errors: map[int32]int{}}
}

// ensure connects and opens the queue unless that is done, retrying until
// it works or reconnectFor has passed.
func (s *session) ensure() error {
	if s.live {
		return nil
	}
	deadline := time.Now().Add(reconnectFor)
	var last error
	for time.Now().Before(deadline) {
		if last = s.connect(); last == nil {
			s.live = true
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("no connection to %s for %v: %w", s.qmgr, reconnectFor, last)
}

func (s *session) connect() error {
	qm, err := mqi.Conn(s.qmgr)
	if err != nil {
		return err
	}
	od := mqi.NewMQOD()
	od.ObjectName = s.queue
	obj, err := qm.Open(od, s.options)
	if err != nil {
		qm.Disc()
		return err
	}
	s.qm, s.obj = qm, obj
	return nil
}

// drop abandons the connection; the queue manager backs out its unit of
// work, if it is still there to do so.
func (s *session) drop() {
	if s.live {
		s.qm.Disc()
	}
	s.live = false
}

// failed records err and drops the connection when the error means it is
// gone; other errors leave it for the caller to back out.
func (s *session) failed(err error) {
	rc := reason(err)
	s.errors[rc]++
	if connectionGone(rc) {
		s.drop()
	}
}

// reason returns the MQRC of err, or -1 for an error that is not an MQI
// one.
func reason(err error) int32 {
	var mqr *mqi.MQReturn
	if errors.As(err, &mqr) {
		return mqr.MQRC
	}
	return -1
}

// connectionGone reports whether a reason code means the connection can
// no longer be used.
func connectionGone(rc int32) bool {
	switch rc {
	case mqi.MQRC_CONNECTION_BROKEN, mqi.MQRC_Q_MGR_NOT_AVAILABLE, mqi.MQRC_Q_MGR_QUIESCING,
		mqi.MQRC_Q_MGR_STOPPING, mqi.MQRC_CONNECTION_QUIESCING, mqi.MQRC_CONNECTION_STOPPING,
		mqi.MQRC_HCONN_ERROR:
		return true
	}
	return false
}

// errorSummary formats the failures seen as rc=count pairs.
func (s *session) errorSummary() string {
	out := ""
	for rc, n := range s.errors {
		out += fmt.Sprintf(" mqrc%d=%d", rc, n)
	}
	return out
}

// stopSignal returns a flag that becomes true once standard input
// reaches end of file: the harness closes it to stop the worker.
func stopSignal() *atomic.Bool {
	var stop atomic.Bool
	go func() {
		io.Copy(io.Discard, os.Stdin)
		stop.Store(true)
	}()
	return &stop
}
