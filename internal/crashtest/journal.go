package crashtest

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Kind is what a journal line records about a message id: one byte.
type Kind byte

// Producer outcomes: one line per id.
const (
	// PutAcked: MQCMIT of the put's unit of work returned MQCC_OK. The
	// message must be delivered exactly once.
	PutAcked Kind = 'A'
	// PutInDoubt: MQCMIT was sent and failed (connection broken, queue
	// manager ending): the message may arrive, at most once.
	PutInDoubt Kind = 'D'
	// PutNotCommitted: the unit of work ended before MQCMIT was sent (a
	// put failed). The message must never arrive.
	PutNotCommitted Kind = 'N'
	// PutBackedOut: MQCMIT returned MQRC_BACKED_OUT. The message must
	// never arrive.
	PutBackedOut Kind = 'B'
)

// Consumer records: a delivery line for every message received, written
// before MQCMIT, then one outcome line for it.
const (
	// Delivered: MQGET under syncpoint returned the message.
	Delivered Kind = 'G'
	// GetCommitted: MQCMIT returned MQCC_OK: the message is consumed.
	GetCommitted Kind = 'K'
	// GetInDoubt: MQCMIT was sent and failed: the message may come back.
	GetInDoubt Kind = 'X'
	// GetRolledBack: the unit of work was backed out or abandoned before
	// MQCMIT: the message must come back.
	GetRolledBack Kind = 'R'
	// Damaged: a message arrived whose body does not match its id.
	Damaged Kind = 'C'
)

// Entry is one journal line: a kind, a message id and, for consumer
// lines, the BackoutCount of the delivery.
type Entry struct {
	Kind    Kind
	ID      string
	Backout int32
}

// String is the entry's journal line, without the newline.
func (e Entry) String() string {
	return string([]byte{byte(e.Kind)}) + " " + e.ID + " " + strconv.FormatInt(int64(e.Backout), 10)
}

// Journal appends entries to a file. Add buffers; Sync writes the buffer
// and syncs the file, after which the entries survive a crash of the
// writing process.
type Journal struct {
	f *os.File
	w *bufio.Writer
}

// CreateJournal creates (or truncates) the journal file at path.
func CreateJournal(path string) (*Journal, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("crashtest: create journal: %w", err)
	}
	return &Journal{f: f, w: bufio.NewWriter(f)}, nil
}

// Add buffers one entry.
func (j *Journal) Add(kind Kind, id string, backout int32) {
	j.w.WriteString(Entry{kind, id, backout}.String() + "\n")
}

// Sync writes the buffered entries and syncs the file.
func (j *Journal) Sync() error {
	if err := j.w.Flush(); err != nil {
		return fmt.Errorf("crashtest: write journal: %w", err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("crashtest: sync journal: %w", err)
	}
	return nil
}

// Close syncs and closes the journal.
func (j *Journal) Close() error {
	return errors.Join(j.Sync(), j.f.Close())
}

// ReadJournal reads every entry of a journal file in order.
func ReadJournal(path string) ([]Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("crashtest: read journal: %w", err)
	}
	defer f.Close()
	var out []Entry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		e, err := parseEntry(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("crashtest: %s:%d: %w", path, n, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("crashtest: read journal: %w", err)
	}
	return out, nil
}

func parseEntry(line string) (Entry, error) {
	f := strings.Fields(line)
	if len(f) != 3 || len(f[0]) != 1 {
		return Entry{}, fmt.Errorf("malformed journal line %q", line)
	}
	n, err := strconv.ParseInt(f[2], 10, 32)
	if err != nil {
		return Entry{}, fmt.Errorf("malformed backout count in %q", line)
	}
	return Entry{Kind: Kind(f[0][0]), ID: f[1], Backout: int32(n)}, nil
}
