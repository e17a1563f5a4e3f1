package session

import (
	"errors"
	"io"
	"syscall"

	"golang.org/x/sys/unix"
)

// pollWait bounds how long a reply read waits in poll(2) on the calling
// thread before it leaves the wait to the network poller, so that Close
// and deadlines still take effect soon during a long MQGET wait.
const pollWait = 50 // milliseconds

// pollReader reads a local socket for Call, whose caller writes a request
// and then waits for the reply on its own goroutine. When the reply is
// not there yet it waits in poll(2) on the calling thread instead of
// parking the goroutine in the network poller: on return the thread
// carries on at once, where parking costs a wake-up of another thread
// and scheduler round trips per verb.
type pollReader struct {
	raw    syscall.RawConn
	buf    []byte
	n      int
	err    error
	polled bool
	fn     func(uintptr) bool // r.try, bound once
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
	r.buf, r.n, r.err, r.polled = p, 0, nil, false
	err := r.raw.Read(r.fn)
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
		n, err := syscall.Read(int(fd), r.buf)
		switch {
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EAGAIN):
			if r.polled {
				r.polled = false
				return false
			}
			r.polled = true
			fds := [1]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
			if _, err := unix.Poll(fds[:], pollWait); err != nil && !errors.Is(err, unix.EINTR) {
				return false
			}
			continue
		case err != nil:
			r.err = err
			return true
		case n == 0:
			r.err = io.EOF
			return true
		}
		r.n = n
		return true
	}
}
