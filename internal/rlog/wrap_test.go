package rlog

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// model is what Replay must return: the acknowledged records at or after
// the checkpoint.
type model struct {
	recs []Record
}

func (m *model) add(first LSN, recs ...[]byte) {
	for _, r := range recs {
		m.recs = append(m.recs, Record{first, r})
		first += LSN(headerSize + len(r))
	}
}

func (m *model) release(lsn LSN) {
	i := 0
	for i < len(m.recs) && m.recs[i].LSN < lsn {
		i++
	}
	m.recs = m.recs[i:]
}

func TestWrapAroundWithCheckpoints(t *testing.T) {
	o := small(t.TempDir())
	l := mustOpen(t, o)
	capacity := l.Stats().Capacity
	r := rand.New(rand.NewPCG(7, 11))
	var m model
	checkpoint := func(lsn LSN) {
		t.Helper()
		if err := l.Checkpoint(lsn); err != nil {
			t.Fatalf("Checkpoint(%v): %v", lsn, err)
		}
		m.release(lsn)
	}
	reopens := 0
	for step := 0; l.End() < LSN(8*capacity); step++ {
		tag := fmt.Sprintf("s%d", step)
		switch op := r.IntN(20); {
		case op < 12:
			rec := randPayload(r, tag, 5000)
			lsn, err := l.Append(rec)
			if errors.Is(err, ErrLogFull) {
				checkpoint(l.End())
				lsn = mustAppend(t, l, rec)
			} else if err != nil {
				t.Fatal(err)
			}
			m.add(lsn, rec)
		case op < 15:
			recs := [][]byte{randPayload(r, tag+"a", 1500), randPayload(r, tag+"b", 1500)}
			first, err := l.AppendBatch(recs)
			if errors.Is(err, ErrLogFull) {
				checkpoint(l.End())
				first, err = l.AppendBatch(recs)
			}
			if err != nil {
				t.Fatal(err)
			}
			m.add(first, recs...)
		case op < 17 && len(m.recs) > 0:
			checkpoint(m.recs[r.IntN(len(m.recs))].LSN)
		case op < 18:
			mustClose(t, l)
			l = mustOpen(t, o)
			reopens++
		case op < 19:
			crash(t, l)
			l = mustOpen(t, o)
			reopens++
		default:
			sameRecords(t, replayAll(t, l), m.recs)
		}
	}
	sameRecords(t, replayAll(t, l), m.recs)
	mustClose(t, l)
	l = mustOpen(t, o)
	sameRecords(t, replayAll(t, l), m.recs)
	mustClose(t, l)
	if reopens < 5 {
		t.Errorf("only %d reopens: the test did not exercise recovery", reopens)
	}
}

func TestStaleLapIsNotReplayed(t *testing.T) {
	o := small(t.TempDir()) // 6 pages
	l := mustOpen(t, o)
	g := l.geo
	// Lap 1: fill all 6 pages with one-page batches.
	var old []LSN
	for i := range 6 {
		old = append(old, mustAppend(t, l, payload(fmt.Sprintf("old%d", i), 1000)))
	}
	if !l.Full() {
		t.Fatal("log of 6 one-page batches is not full")
	}
	if _, err := l.Append([]byte("x")); !errors.Is(err, ErrLogFull) {
		t.Fatalf("Append to full log = %v", err)
	}
	if err := l.Checkpoint(l.End()); err != nil {
		t.Fatal(err)
	}
	// Lap 2 overwrites the first two pages only.
	want := []Record{}
	for i := range 2 {
		rec := payload(fmt.Sprintf("new%d", i), 900)
		want = append(want, Record{mustAppend(t, l, rec), rec})
	}
	crash(t, l)
	// The third page still holds lap 1's record: a valid record whose
	// LSN is one lap behind its position.
	stale := readLogAt(t, o.Dir, g, old[2], headerSize+4)
	if _, why := parseHeader(stale, old[2], g.capacity()); why != "" || !bytes.HasPrefix(stale[headerSize:], []byte("old2")) {
		t.Fatalf("page 3 does not hold the stale record (%q)", why)
	}
	l = mustOpen(t, o)
	sameRecords(t, replayAll(t, l), want)
	if end := l.End(); end != want[1].LSN+PageSize {
		t.Errorf("end %v, want %v", end, want[1].LSN+PageSize)
	}
	mustClose(t, l)
}

func TestLogFullNeverOverwrites(t *testing.T) {
	o := small(t.TempDir())
	l := mustOpen(t, o)
	var m model
	if err := l.Checkpoint(0); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		rec := payload(fmt.Sprintf("r%d", i), 3000)
		lsn, err := l.Append(rec)
		if errors.Is(err, ErrLogFull) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		m.add(lsn, rec)
		if i > 100 {
			t.Fatal("log never filled")
		}
	}
	if _, err := l.Append(nil); !errors.Is(err, ErrLogFull) {
		t.Errorf("empty record on full log = %v", err)
	}
	if _, err := l.Append(make([]byte, 7*PageSize)); !errors.Is(err, ErrRecordTooLarge) {
		t.Errorf("record larger than the log = %v, want ErrRecordTooLarge", err)
	}
	sameRecords(t, replayAll(t, l), m.recs)
	// Releasing the first record frees its page for exactly one more.
	if err := l.Checkpoint(m.recs[1].LSN); err != nil {
		t.Fatal(err)
	}
	m.release(m.recs[1].LSN)
	rec := payload("after", 3000)
	m.add(mustAppend(t, l, rec), rec)
	if _, err := l.Append(rec); !errors.Is(err, ErrLogFull) {
		t.Errorf("Append after one page was reused = %v, want ErrLogFull", err)
	}
	crash(t, l)
	l = mustOpen(t, o)
	sameRecords(t, replayAll(t, l), m.recs)
	mustClose(t, l)
}

func TestCheckpointRange(t *testing.T) {
	l := mustOpen(t, small(t.TempDir()))
	defer mustClose(t, l)
	a := mustAppend(t, l, []byte("a"))
	b := mustAppend(t, l, []byte("b"))
	if err := l.Checkpoint(l.End() + 1); !errors.Is(err, ErrBadLSN) {
		t.Errorf("checkpoint past the end = %v", err)
	}
	if err := l.Checkpoint(b); err != nil {
		t.Fatal(err)
	}
	if err := l.Checkpoint(a); !errors.Is(err, ErrBadLSN) {
		t.Errorf("checkpoint moving back = %v", err)
	}
	got := replayAll(t, l)
	if len(got) != 1 || got[0].LSN != b {
		t.Fatalf("after checkpoint replayed %v", got)
	}
}

func TestCheckpointInsideBatch(t *testing.T) {
	o := small(t.TempDir())
	l := mustOpen(t, o)
	first, err := l.AppendBatch([][]byte{[]byte("one"), []byte("two"), []byte("three")})
	if err != nil {
		t.Fatal(err)
	}
	second := first + headerSize + 3
	if err := l.Checkpoint(second); err != nil {
		t.Fatal(err)
	}
	crash(t, l)
	l = mustOpen(t, o)
	defer mustClose(t, l)
	got := replayAll(t, l)
	if len(got) != 2 || string(got[0].Data) != "two" || string(got[1].Data) != "three" {
		t.Fatalf("replay after checkpoint inside a batch: %q", got)
	}
}
