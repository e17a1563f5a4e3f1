package session

import (
	"errors"
	"io"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// pollWait bounds how long a reply read waits in poll(2) on the calling
// thread before it leaves the wait to the network poller, so that Close
// and deadlines still take effect soon during a long MQGET wait.
const pollWait = 50 // milliseconds

// pollLimit is the longest usual wait for a reply that is spent in poll(2)
// on the calling thread. A thread blocked in a system call for longer
// loses its P to the runtime's sysmon, and getting it back costs more
// wake-ups than parking in the network poller; with many processes on few
// CPUs that dominates (mqbench put/persistent/32: 7,159 -> 9,392 msgs/s,
// application CPU per put 138 -> 102 µs, with the poller for slow replies).
const pollLimit = 50 * time.Microsecond

// pollReader reads a local socket for Call, whose caller writes a request
// and then waits for the reply on its own goroutine. When replies come
// quickly (a non-persistent verb) it waits for one in poll(2) on the
// calling thread instead of parking the goroutine in the network poller:
// on return the thread carries on at once, where parking costs a wake-up
// of another thread and scheduler round trips per verb. When they come
// slowly (a persistent put waits for the disk, or the CPUs are busy) it
// parks, as a plain read does.
type pollReader struct {
	raw    syscall.RawConn
	buf    []byte
	n      int
	err    error
	polled bool
	fn     func(uintptr) bool // r.try, bound once
	// waitFrom is when the current Read found nothing to read (zero when
	// it has not waited yet); typical is a moving average of the waits.
	waitFrom time.Time
	typical  time.Duration
}

func newPollReader(raw syscall.RawConn) *pollReader {
	r := &pollReader{raw: raw}
	r.fn = r.try
	return r
}

// Read reads what the socket has, waiting for something if it has nothing.
func (r *pollReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r.buf, r.n, r.err, r.polled, r.waitFrom = p, 0, nil, false, time.Time{}
	err := r.raw.Read(r.fn)
	if !r.waitFrom.IsZero() {
		// A long MQGET wait counts as a slow reply, not as a very slow
		// one: a few quick replies after it bring polling back.
		r.typical += (min(time.Since(r.waitFrom), time.Millisecond) - r.typical) / 8
	}
	n := r.n
	if err == nil {
		err = r.err
	}
	r.buf, r.err = nil, nil
	return n, err
}

// try is the syscall.RawConn callback: read, or wait in poll once and
// read again; false leaves the wait to the network poller.
func (r *pollReader) try(fd uintptr) bool {
	for {
		n, e := readRaw(fd, r.buf)
		switch {
		case e == syscall.EINTR:
			continue
		case e == syscall.EAGAIN:
			if r.waitFrom.IsZero() {
				r.waitFrom = time.Now()
			}
			if r.polled || r.typical > pollLimit {
				r.polled = false
				return false
			}
			r.polled = true
			fds := [1]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
			if _, err := unix.Poll(fds[:], pollWait); err != nil && !errors.Is(err, unix.EINTR) {
				return false
			}
			continue
		case e != 0:
			r.err = e
			return true
		case n == 0:
			r.err = io.EOF
			return true
		}
		r.n = n
		return true
	}
}
