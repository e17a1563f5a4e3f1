package store

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"

	bolt "go.etcd.io/bbolt"
)

// Messages are checkpointed here by the queue manager: bucket "messages"
// holds one nested bucket per queue, keyed by the message's 8-byte
// big-endian sequence number; each value is the encoded message with a
// CRC-32C trailer, so damage is found when the message is loaded.

var bucketMessages = []byte("messages")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// MessageKey is a message's sequence number as a store key.
func MessageKey(seq uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	return k[:]
}

// MessageChange is one checkpointed change: a message stored (Data set)
// or removed (Data nil).
type MessageChange struct {
	Queue string
	Seq   uint64
	Data  []byte
}

// keyCheckpoint (in bucket meta) is the recovery-log position up to which
// the messages bucket holds every change: replay starts there.
var keyCheckpoint = []byte("checkpoint")

// appendFillPercent is how full bbolt fills a queue's message pages
// when it splits them; messages arrive in sequence order, so the split
// pages are rarely written again.
const appendFillPercent = 0.95

// ApplyMessages writes a checkpoint's changes in one transaction, with the
// log position lsn they cover.
func (s *Store) ApplyMessages(changes []MessageChange, lsn uint64) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketMeta).Put(keyCheckpoint, MessageKey(lsn)); err != nil {
			return err
		}
		if len(changes) == 0 {
			return nil
		}
		root, err := tx.CreateBucketIfNotExists(bucketMessages)
		if err != nil {
			return err
		}
		// Every stored value is cut from one buffer: bbolt keeps the
		// values it is given until the commit.
		size := 0
		for _, c := range changes {
			if c.Data != nil {
				size += len(c.Data) + 4
			}
		}
		slab := make([]byte, 0, size)
		for _, c := range changes {
			if c.Queue == "" {
				return fmt.Errorf("%w: message without a queue", ErrBadKey)
			}
			if c.Data == nil {
				if b := root.Bucket([]byte(c.Queue)); b != nil {
					if err := b.Delete(MessageKey(c.Seq)); err != nil {
						return err
					}
				}
				continue
			}
			b, err := root.CreateBucketIfNotExists([]byte(c.Queue))
			if err != nil {
				return err
			}
			// Sequences only grow, so new messages are appended at the
			// end of a queue's bucket: full pages, not half-full ones,
			// mean fewer pages to split and write at each checkpoint.
			b.FillPercent = appendFillPercent
			start := len(slab)
			slab = append(slab, c.Data...)
			slab = binary.BigEndian.AppendUint32(slab, crc32.Checksum(c.Data, castagnoli))
			val := slab[start:len(slab):len(slab)]
			if err := b.Put(MessageKey(c.Seq), val); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: checkpoint messages: %w", err)
	}
	return nil
}

// StoredMessage is a message read back by LoadMessages.
type StoredMessage struct {
	Queue string
	Seq   uint64
	Data  []byte
}

// DamagedMessage is a stored message whose checksum does not match.
type DamagedMessage struct {
	Queue string
	Seq   uint64
}

// LoadMessages returns every stored message in queue and sequence order,
// and separately those whose checksum fails: the caller reports and
// quarantines them instead of delivering damaged data.
func (s *Store) LoadMessages() ([]StoredMessage, []DamagedMessage, error) {
	var msgs []StoredMessage
	var damaged []DamagedMessage
	err := s.db.View(func(tx *bolt.Tx) error {
		root := tx.Bucket(bucketMessages)
		if root == nil {
			return nil
		}
		return root.ForEach(func(q, v []byte) error {
			if v != nil {
				return fmt.Errorf("%w: value at the top of the messages bucket", ErrCorrupt)
			}
			b := root.Bucket(q)
			return b.ForEach(func(k, v []byte) error {
				if len(k) != 8 || len(v) < 4 {
					damaged = append(damaged, DamagedMessage{Queue: string(q), Seq: seqOf(k)})
					return nil
				}
				data := v[:len(v)-4]
				if crc32.Checksum(data, castagnoli) != binary.BigEndian.Uint32(v[len(v)-4:]) {
					damaged = append(damaged, DamagedMessage{Queue: string(q), Seq: seqOf(k)})
					return nil
				}
				msgs = append(msgs, StoredMessage{Queue: string(q), Seq: seqOf(k), Data: append([]byte(nil), data...)})
				return nil
			})
		})
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: load messages: %w", err)
	}
	return msgs, damaged, nil
}

// QuarantineMessage moves a damaged message out of its queue into the
// "quarantine" bucket, keeping its bytes for inspection.
func (s *Store) QuarantineMessage(queue string, seq uint64) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		root := tx.Bucket(bucketMessages)
		if root == nil {
			return nil
		}
		b := root.Bucket([]byte(queue))
		if b == nil {
			return nil
		}
		v := b.Get(MessageKey(seq))
		q, err := tx.CreateBucketIfNotExists([]byte("quarantine"))
		if err != nil {
			return err
		}
		if v != nil {
			if err := q.Put(append([]byte(queue+"/"), MessageKey(seq)...), append([]byte(nil), v...)); err != nil {
				return err
			}
		}
		return b.Delete(MessageKey(seq))
	})
}

// DeleteQueueMessages removes every stored message of a queue (DELETE
// QLOCAL PURGE, CLEAR QLOCAL).
func (s *Store) DeleteQueueMessages(queue string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		root := tx.Bucket(bucketMessages)
		if root == nil || root.Bucket([]byte(queue)) == nil {
			return nil
		}
		return root.DeleteBucket([]byte(queue))
	})
}

func seqOf(k []byte) uint64 {
	if len(k) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(k)
}

// checkMessages verifies the shape of the messages bucket: one nested
// bucket per queue, 8-byte keys, values long enough for their checksum.
// Checksums themselves are verified when messages are loaded, so that one
// damaged message is quarantined instead of stopping the queue manager.
func checkMessages(tx *bolt.Tx) []error {
	root := tx.Bucket(bucketMessages)
	if root == nil {
		return nil
	}
	var problems []error
	_ = root.ForEach(func(q, v []byte) error {
		if v != nil {
			problems = append(problems, fmt.Errorf("messages/%s is a value, not a queue bucket", q))
			return nil
		}
		_ = root.Bucket(q).ForEach(func(k, v []byte) error {
			if len(k) != 8 || v == nil || len(v) < 4 {
				problems = append(problems, fmt.Errorf("messages/%s: malformed record %x", q, k))
			}
			return nil
		})
		return nil
	})
	return problems
}

// CheckpointLSN returns the log position of the last checkpoint written
// by ApplyMessages, and false when there has been none.
func (s *Store) CheckpointLSN() (uint64, bool, error) {
	var lsn uint64
	var found bool
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyCheckpoint); len(v) == 8 {
			lsn, found = binary.BigEndian.Uint64(v), true
		}
		return nil
	})
	return lsn, found, err
}
