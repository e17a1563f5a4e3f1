package session

import (
	"io"
	"syscall"
	"unsafe"
)

// A local (Unix) socket is read and written with raw system calls on its
// non-blocking descriptor. Such a call never blocks: it moves what the
// socket has or can take and returns, and an empty or full socket is
// waited for in the network poller as usual. Going through the runtime's
// syscall entry instead wakes the process's sysmon thread whenever the
// process was idle, which on a queue manager's clients (idle while each
// waits for its reply) was two futex calls, a thread wake-up and a few
// sleeps per verb.

// readRaw is read(2) on a non-blocking descriptor.
func readRaw(fd uintptr, p []byte) (int, syscall.Errno) {
	if len(p) == 0 {
		return 0, 0
	}
	n, _, e := syscall.RawSyscall(syscall.SYS_READ, fd, uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)))
	if e != 0 {
		return 0, e
	}
	return int(n), 0
}

// writeRaw is write(2) on a non-blocking descriptor.
func writeRaw(fd uintptr, p []byte) (int, syscall.Errno) {
	if len(p) == 0 {
		return 0, 0
	}
	n, _, e := syscall.RawSyscall(syscall.SYS_WRITE, fd, uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)))
	if e != 0 {
		return 0, e
	}
	return int(n), 0
}

// rawReader reads a local socket with readRaw, waiting in the network
// poller when it is empty.
type rawReader struct {
	raw syscall.RawConn
	buf []byte
	n   int
	err error
	fn  func(uintptr) bool // r.try, bound once
}

func newRawReader(raw syscall.RawConn) *rawReader {
	r := &rawReader{raw: raw}
	r.fn = r.try
	return r
}

// Read reads what the socket has, waiting for something if it has nothing.
func (r *rawReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r.buf, r.n, r.err = p, 0, nil
	err := r.raw.Read(r.fn)
	n := r.n
	if err == nil {
		err = r.err
	}
	r.buf, r.err = nil, nil
	return n, err
}

// try is the syscall.RawConn callback: false leaves the wait for data to
// the network poller.
func (r *rawReader) try(fd uintptr) bool {
	for {
		n, e := readRaw(fd, r.buf)
		switch {
		case e == syscall.EINTR:
			continue
		case e == syscall.EAGAIN:
			return false
		case e != 0:
			r.err = e
		case n == 0:
			r.err = io.EOF
		default:
			r.n = n
		}
		return true
	}
}

// rawWriter writes a whole frame to a local socket with writeRaw,
// waiting in the network poller while the socket is full.
type rawWriter struct {
	raw syscall.RawConn
	buf []byte
	n   int
	err error
	fn  func(uintptr) bool // w.try, bound once
}

func newRawWriter(raw syscall.RawConn) *rawWriter {
	w := &rawWriter{raw: raw}
	w.fn = w.try
	return w
}

// Write writes all of p unless the socket fails or is closed.
func (w *rawWriter) Write(p []byte) (int, error) {
	w.buf, w.n, w.err = p, 0, nil
	err := w.raw.Write(w.fn)
	n := w.n
	if err == nil {
		err = w.err
	}
	w.buf, w.err = nil, nil
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	return n, err
}

func (w *rawWriter) try(fd uintptr) bool {
	for w.n < len(w.buf) {
		n, e := writeRaw(fd, w.buf[w.n:])
		switch {
		case e == syscall.EINTR:
			continue
		case e == syscall.EAGAIN:
			return false
		case e != 0:
			w.err = e
			return true
		}
		w.n += n
	}
	return true
}
