package session

import (
	"fmt"
	"syscall"

	"github.com/gomqm/gomqm/internal/wire"
)

// Segments up to frameLimit are encoded into the connection's reusable
// frame buffer and sent with one write; bigger ones go out with the
// header and body in one writev, so a 100 MB message is never copied
// and no such buffer is kept.
const frameLimit = 64 * 1024

// sendAPI encodes one MQI segment and sends it with one write. The
// caller holds wmu.
func (c *Conn) sendAPI(t wire.SegmentType, conv, req uint32, bigEndian bool, hdr wire.APIHeader, body []byte) error {
	if !c.oneFrame(len(body)) {
		return c.writeLocked(wire.NewAPISegment(t, conv, req, bigEndian, hdr, body))
	}
	frame, err := wire.AppendAPISegment(c.frame[:0], t, conv, req, bigEndian, hdr, body)
	if err != nil {
		return fmt.Errorf("session: send %s: %w", t, err)
	}
	c.frame = frame
	if _, err := c.w.Write(frame); err != nil {
		return fmt.Errorf("session: send %s: %w", t, err)
	}
	c.countSent(len(frame))
	return nil
}

// oneFrame reports whether an MQI segment with a body of n bytes goes out
// as one frame from the reusable buffer: small enough for it, and within
// a TCP channel's transmission size (longer verbs are split).
func (c *Conn) oneFrame(n int) bool {
	return n <= frameLimit && (c.sendMax == 0 || wire.TSHMLength+wire.APIHeaderLength+n <= c.sendMax)
}

// countSent adds one segment of n bytes to what DISPLAY CHSTATUS shows.
func (c *Conn) countSent(n int) {
	c.sentBytes.Add(int64(n))
	c.sentSegs.Add(1)
}

// ReplyNoWait sends the reply to req like Reply, but never waits for a
// peer that is not reading: what the socket does not take at once is
// written by a new goroutine. sent is called exactly once, when the
// reply is written or has failed, possibly before ReplyNoWait returns.
// It lets a goroutine that serves many connections (the one that
// syncs the recovery log) answer each of them without being held up by
// one. A reply made while an earlier one is still being written is
// written by a new goroutine too, so replies that must keep their order
// wait for sent before the next one.
func (c *Conn) ReplyNoWait(req *wire.Segment, hdr wire.APIHeader, body []byte, sent func(error)) {
	hdr.ReplyLength = 0
	t := req.Type + 0x10
	if c.raw == nil || !c.oneFrame(len(body)) || !c.wmu.TryLock() {
		go func() {
			c.wmu.Lock()
			defer c.wmu.Unlock()
			sent(c.sendAPI(t, req.ConvID, req.RequestID, req.BigEndian, hdr, body))
		}()
		return
	}
	frame, err := wire.AppendAPISegment(c.frame[:0], t, req.ConvID, req.RequestID, req.BigEndian, hdr, body)
	if err != nil {
		c.wmu.Unlock()
		sent(fmt.Errorf("session: send %s: %w", t, err))
		return
	}
	c.frame = frame
	c.tryBuf, c.tryN, c.tryErr = frame, 0, nil
	if err := c.raw.Write(c.tryFn); err != nil {
		c.tryErr = err
	}
	n, err := c.tryN, c.tryErr
	c.tryBuf = nil
	if err == nil {
		c.countSent(len(frame))
	}
	if err != nil || n == len(frame) {
		c.wmu.Unlock()
		if err != nil {
			err = fmt.Errorf("session: send %s: %w", t, err)
		}
		sent(err)
		return
	}
	rest := frame[n:]
	go func() {
		defer c.wmu.Unlock()
		_, err := c.nc.Write(rest)
		if err != nil {
			err = fmt.Errorf("session: send %s: %w", t, err)
		}
		sent(err)
	}()
}

// tryWrite is the syscall.RawConn callback of ReplyNoWait: one write
// attempt that never waits for the socket to become writable.
func (c *Conn) tryWrite(fd uintptr) bool {
	for c.tryN < len(c.tryBuf) {
		n, e := writeRaw(fd, c.tryBuf[c.tryN:])
		switch {
		case e == syscall.EINTR:
			continue
		case e == syscall.EAGAIN:
			return true
		case e != 0:
			c.tryErr = e
			return true
		}
		c.tryN += n
	}
	return true
}
