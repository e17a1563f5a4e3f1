package rlog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

// The control file amqhlctl.lfh holds two copies ("slots") of the
// control record, one per page. A write goes to the slot not holding
// the newest copy, so a torn write can only damage the copy being
// replaced; Open uses the intact copy with the higher sequence number.
const (
	controlName  = "amqhlctl.lfh"
	controlSlots = 2
	controlMagic = "GMQLCTL1"
	controlLen   = 72 // bytes used in a slot, CRC last
)

// control is the control record.
type control struct {
	geometry
	seq        uint64 // incremented by every write
	checkpoint LSN    // records before it are released (Checkpoint)
	scan       LSN    // batch start at or before checkpoint: replay starts here
	end        LSN    // the log was durable at least up to here when written
}

func (c *control) encode() []byte {
	b := make([]byte, PageSize)
	copy(b, controlMagic)
	le := binary.LittleEndian
	le.PutUint32(b[8:], formatVersion)
	le.PutUint32(b[12:], PageSize)
	le.PutUint32(b[16:], uint32(c.filePages))
	le.PutUint32(b[20:], uint32(c.primary))
	le.PutUint32(b[24:], uint32(c.secondary))
	le.PutUint64(b[32:], c.seq)
	le.PutUint64(b[40:], uint64(c.checkpoint))
	le.PutUint64(b[48:], uint64(c.scan))
	le.PutUint64(b[56:], uint64(c.end))
	le.PutUint32(b[controlLen-4:], crc32.Checksum(b[:controlLen-4], castagnoli))
	return b
}

// decodeControl decodes and checks one slot.
func decodeControl(b []byte) (control, error) {
	var c control
	if len(b) < controlLen {
		return c, errors.New("short control record")
	}
	le := binary.LittleEndian
	if string(b[:8]) != controlMagic {
		return c, errors.New("bad control magic")
	}
	if crc32.Checksum(b[:controlLen-4], castagnoli) != le.Uint32(b[controlLen-4:]) {
		return c, errors.New("control checksum mismatch")
	}
	if v, ps := le.Uint32(b[8:]), le.Uint32(b[12:]); v != formatVersion || ps != PageSize {
		return c, fmt.Errorf("unknown control version %d page size %d", v, ps)
	}
	c.geometry = geometry{int(le.Uint32(b[16:])), int(le.Uint32(b[20:])), int(le.Uint32(b[24:]))}
	c.seq = le.Uint64(b[32:])
	c.checkpoint = LSN(le.Uint64(b[40:]))
	c.scan = LSN(le.Uint64(b[48:]))
	c.end = LSN(le.Uint64(b[56:]))
	if err := c.geometry.validate(); err != nil {
		return c, err
	}
	if c.scan > c.checkpoint || c.checkpoint > c.end || int64(c.end-c.scan) > c.capacity() {
		return c, fmt.Errorf("inconsistent control positions scan %v checkpoint %v end %v",
			c.scan, c.checkpoint, c.end)
	}
	return c, nil
}

// readControl reads both slots and returns the newest intact one.
func readControl(f File) (control, error) {
	var best control
	var errs []error
	found := false
	for slot := range controlSlots {
		b := make([]byte, PageSize)
		if _, err := f.ReadAt(b, int64(slot)*PageSize); err != nil {
			errs = append(errs, fmt.Errorf("slot %d: %w", slot, err))
			continue
		}
		c, err := decodeControl(b)
		if err != nil {
			errs = append(errs, fmt.Errorf("slot %d: %w", slot, err))
			continue
		}
		if !found || c.seq > best.seq {
			best, found = c, true
		}
	}
	if !found {
		return best, fmt.Errorf("%w: %s: %w", ErrControl, controlName, errors.Join(errs...))
	}
	return best, nil
}

// writeControl writes c to the slot its sequence number selects and
// syncs. Successive sequence numbers alternate slots; a failed write is
// retried with the same number, so it reuses the slot it may have torn.
func writeControl(f File, c control) error {
	off := int64(c.seq%controlSlots) * PageSize
	if _, err := f.WriteAt(c.encode(), off); err != nil {
		return fmt.Errorf("rlog: write %s: %w", controlName, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("rlog: sync %s: %w", controlName, err)
	}
	return nil
}
