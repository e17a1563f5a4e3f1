package rlog

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

func TestCreateLaysOutPreallocatedFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "log", "QM1")
	l := mustOpen(t, Options{Dir: dir, FilePages: 3, PrimaryFiles: 2, SecondaryFiles: 2})
	mustClose(t, l)
	for i := range 4 {
		fi, err := os.Stat(filepath.Join(dir, "active", fileName(i)))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() != 3*PageSize {
			t.Errorf("%s: size %d, want %d", fileName(i), fi.Size(), 3*PageSize)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "active", fileName(4))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("unexpected fifth file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "amqhlctl.lfh")); err != nil {
		t.Errorf("control file: %v", err)
	}
}

func TestDefaultsAreIBMs(t *testing.T) {
	g, err := (&Options{}).creationGeometry()
	if err != nil || g != (geometry{4096, 3, 2}) {
		t.Fatalf("defaults %v %v, want 4096/3/2", g, err)
	}
	if g, _ := (&Options{PrimaryFiles: 2}).creationGeometry(); g.secondary != 0 {
		t.Errorf("explicit PrimaryFiles with zero SecondaryFiles gave %d secondaries", g.secondary)
	}
	for _, o := range []Options{{FilePages: -1}, {PrimaryFiles: 400, SecondaryFiles: 112}, {FilePages: 65536}} {
		if _, err := o.creationGeometry(); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

func TestAppendReplayRoundTrip(t *testing.T) {
	dir := t.TempDir()
	o := Options{Dir: dir, FilePages: 16, PrimaryFiles: 3, SecondaryFiles: 2}
	l := mustOpen(t, o)
	r := rand.New(rand.NewPCG(1, 2))
	var want []Record
	for i := range 40 {
		if i%5 == 4 {
			recs := [][]byte{randPayload(r, "b1", 300), randPayload(r, "b2", 5000), {}}
			first, err := l.AppendBatch(recs)
			if err != nil {
				t.Fatal(err)
			}
			lsn := first
			for _, rec := range recs {
				want = append(want, Record{lsn, rec})
				lsn += LSN(headerSize + len(rec))
			}
			continue
		}
		rec := randPayload(r, "r", 2000)
		want = append(want, Record{mustAppend(t, l, rec), rec})
	}
	if want[0].LSN != 0 {
		t.Errorf("first LSN %v, want 0", want[0].LSN)
	}
	sameRecords(t, replayAll(t, l), want)
	mustClose(t, l)

	l = mustOpen(t, o)
	sameRecords(t, replayAll(t, l), want)
	more := payload("after reopen", 100)
	lsn := mustAppend(t, l, more)
	if lsn%PageSize != 0 || lsn <= want[len(want)-1].LSN {
		t.Errorf("append after reopen at %v, want a page boundary after %v", lsn, want[len(want)-1].LSN)
	}
	want = append(want, Record{lsn, more})
	sameRecords(t, replayAll(t, l), want)
	mustClose(t, l)
}

func TestEmptyLogReplaysNothing(t *testing.T) {
	l := mustOpen(t, small(t.TempDir()))
	defer mustClose(t, l)
	if got := replayAll(t, l); len(got) != 0 {
		t.Fatalf("new log replayed %d records", len(got))
	}
	if _, err := l.AppendBatch(nil); !errors.Is(err, ErrEmptyBatch) {
		t.Errorf("AppendBatch(nil) = %v, want ErrEmptyBatch", err)
	}
}

func TestLSNString(t *testing.T) {
	if s := LSN(12<<16 | 3456).String(); s != "<0:0:12:3456>" {
		t.Errorf("got %s", s)
	}
}

func TestClosedLogRefusesWork(t *testing.T) {
	l := mustOpen(t, small(t.TempDir()))
	mustClose(t, l)
	if err := l.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := l.Append([]byte("x")); !errors.Is(err, ErrClosed) {
		t.Errorf("Append after Close = %v", err)
	}
	if _, err := l.Replay(func(Record) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Errorf("Replay after Close = %v", err)
	}
	if err := l.Checkpoint(0); !errors.Is(err, ErrClosed) {
		t.Errorf("Checkpoint after Close = %v", err)
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	o := small(t.TempDir())
	l := mustOpen(t, o)
	if _, err := Open(o); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	mustClose(t, l)
	mustClose(t, mustOpen(t, o))
}

func TestGeometryMismatch(t *testing.T) {
	o := small(t.TempDir())
	mustClose(t, mustOpen(t, o))
	bad := o
	bad.SecondaryFiles = 3
	if _, err := Open(bad); !errors.Is(err, ErrGeometry) {
		t.Fatalf("Open with other secondaries = %v, want ErrGeometry", err)
	}
	l := mustOpen(t, Options{Dir: o.Dir}) // zero geometry: as created
	if s := l.Stats(); s.Capacity != 6*PageSize || s.Primary != 4*PageSize {
		t.Errorf("capacity %d primary %d", s.Capacity, s.Primary)
	}
	mustClose(t, l)
}

func TestReplayCallbackErrorStops(t *testing.T) {
	l := mustOpen(t, small(t.TempDir()))
	defer mustClose(t, l)
	mustAppend(t, l, []byte("a"))
	mustAppend(t, l, []byte("b"))
	stop := errors.New("stop here")
	n, err := l.Replay(func(Record) error { return stop })
	if n != 0 || !errors.Is(err, stop) {
		t.Fatalf("Replay = %d, %v", n, err)
	}
}
