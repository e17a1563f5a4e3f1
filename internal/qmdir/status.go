package qmdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/gomqm/gomqm/internal/mqini"
)

// Queue manager states, as dspmq prints them.
const (
	StateStarting           = "Starting"
	StateRunning            = "Running"
	StateQuiescing          = "Quiescing"
	StateEndingImmediately  = "Ending immediately"
	StateEndingPreemptively = "Ending pre-emptively"
	StateEndedNormally      = "Ended normally"
	StateEndedImmediately   = "Ended immediately"
	StateEndedPreemptively  = "Ended pre-emptively"
	StateEndedUnexpectedly  = "Ended unexpectedly"
	StateNotAvailable       = "Status not available"
)

// Live reports whether state is one a queue manager process is in while it
// runs (Starting, Running, Quiescing, Ending ...).
func Live(state string) bool {
	switch state {
	case StateStarting, StateRunning, StateQuiescing, StateEndingImmediately, StateEndingPreemptively:
		return true
	}
	return false
}

// Status is the content of qmstatus.ini.
type Status struct {
	State   string    // one of the State constants
	PID     int       // process id of the queue manager, 0 when ended
	Started time.Time // when the queue manager last started; zero if never
	Changed time.Time // when State was written
}

const (
	statusStanza = "QueueManagerStatus"
	timeLayout   = time.RFC3339Nano
)

// statusFile renders s as a stanza file.
func statusFile(s Status) *mqini.File {
	f := &mqini.File{}
	st := f.Add(statusStanza)
	st.Set("CurrentStatus", s.State)
	st.Set("PID", strconv.Itoa(s.PID))
	if !s.Started.IsZero() {
		st.Set("Started", s.Started.UTC().Format(timeLayout))
	}
	st.Set("Changed", s.Changed.UTC().Format(timeLayout))
	return f
}

// WriteStatus atomically replaces qmstatus.ini in the data directory qmDir.
// A zero Changed is set to the current time.
func WriteStatus(qmDir string, s Status) error {
	if s.Changed.IsZero() {
		s.Changed = time.Now()
	}
	if err := mqini.WriteAtomic(filepath.Join(qmDir, StatusFile), statusFile(s).Bytes(), modeFile); err != nil {
		return fmt.Errorf("qmdir: write status: %w", err)
	}
	return nil
}

// ReadStatus reads qmstatus.ini from the data directory qmDir.
func ReadStatus(qmDir string) (Status, error) {
	f, err := mqini.Load(filepath.Join(qmDir, StatusFile))
	if err != nil {
		return Status{}, fmt.Errorf("qmdir: read status: %w", err)
	}
	st := f.First(statusStanza)
	if st == nil {
		return Status{}, fmt.Errorf("qmdir: read status: %s: no %s stanza", filepath.Join(qmDir, StatusFile), statusStanza)
	}
	var s Status
	s.State, _ = st.Get("CurrentStatus")
	if s.PID, err = st.Int("PID", 0); err != nil {
		return Status{}, fmt.Errorf("qmdir: read status: %w", err)
	}
	if s.Started, err = timeField(st, "Started"); err != nil {
		return Status{}, err
	}
	if s.Changed, err = timeField(st, "Changed"); err != nil {
		return Status{}, err
	}
	return s, nil
}

func timeField(st *mqini.Stanza, key string) (time.Time, error) {
	v, ok := st.Get(key)
	if !ok || v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("qmdir: read status: %s: %w", key, err)
	}
	return t, nil
}

// QueryStatus returns the dspmq state of the queue manager e. While some
// process (this one included) holds the instance lock, the state written in
// qmstatus.ini is reported ("Starting" if it still shows an ended state).
// Without a holder, a live state in the file means the process died:
// "Ended unexpectedly"; otherwise the recorded ended state is reported. A
// queue manager whose status was never written reads as "Ended
// immediately", as IBM MQ shows after crtmqm. A missing data directory is
// ErrNotFound. Pass the Entry from Lookup or List, so that a Directory with
// a .000 suffix is honoured.
func (l Layout) QueryStatus(e Entry) (string, error) {
	dir := l.QMgrDir(l.complete(e))
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("qmdir: status of %s: %w", e.Name, ErrNotFound)
	} else if err != nil {
		return "", fmt.Errorf("qmdir: %w", err)
	}
	held, err := lockHeld(dir)
	if err != nil {
		return "", err
	}
	s, err := ReadStatus(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s = Status{State: StateEndedImmediately}
	case err != nil:
		return "", err
	}
	return combine(s.State, held), nil
}

// combine derives the reported state from the recorded one and whether the
// instance lock is held.
func combine(recorded string, held bool) string {
	switch {
	case held && Live(recorded):
		return recorded
	case held:
		return StateStarting
	case Live(recorded):
		return StateEndedUnexpectedly
	case recorded == "":
		return StateNotAvailable
	default:
		return recorded
	}
}
