package channel

import (
	"sync"
	"time"
)

// Channel states, as DISPLAY CHSTATUS shows them in STATUS.
const (
	StateInactive = "INACTIVE"
	// StateInitializing is a channel that START CHANNEL, a trigger or a
	// partner's request has asked for and whose agent has not begun;
	// StateStarting one whose agent has begun and has not yet connected.
	StateInitializing = "INITIALIZING"
	StateStarting     = "STARTING"
	StateBinding      = "BINDING"
	StateRunning      = "RUNNING"
	StateStopping     = "STOPPING"
	StateRetrying     = "RETRYING"
	StateStopped      = "STOPPED"
	StatePaused       = "PAUSED"
	// StateRequesting is a requester that has asked its partner's server
	// to start and waits for the answer.
	StateRequesting = "REQUESTING"
)

// StatusValues is a snapshot of a running channel for DISPLAY CHSTATUS.
type StatusValues struct {
	State      string
	RemoteQMgr string // RQMNAME
	InDoubt    bool   // INDOUBT
	CurSeq     uint32 // CURSEQNO: the last message sent or received
	LastSeq    uint32 // LSTSEQNO: the last message of the last committed batch
	LUWID      uint64 // LSTLUWID
	Msgs       int64  // MSGS
	Batches    int64  // BATCHES
	BatchSize  int    // the negotiated batch size
	Heartbeat  time.Duration
	Starts     int64 // times the channel negotiated with its partner
}

// Status is the live status of one channel instance, shared between the
// channel's goroutine, which writes it, and DISPLAY CHSTATUS, which reads
// it. The zero value is an inactive channel.
type Status struct {
	mu sync.Mutex
	v  StatusValues
}

// InitializingStatus is the status of a channel about to be run: it shows
// INITIALIZING until the channel's agent starts.
func InitializingStatus() *Status {
	return &Status{v: StatusValues{State: StateInitializing}}
}

// Values returns a snapshot.
func (s *Status) Values() StatusValues {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.v
	if v.State == "" {
		v.State = StateInactive
	}
	return v
}

func (s *Status) set(f func(*StatusValues)) {
	s.mu.Lock()
	f(&s.v)
	s.mu.Unlock()
}
