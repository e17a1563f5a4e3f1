package rlog

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// small is a geometry that wraps quickly: 3 files of 2 pages (24 KiB).
func small(dir string) Options {
	return Options{Dir: dir, FilePages: 2, PrimaryFiles: 2, SecondaryFiles: 1}
}

func mustOpen(t testing.TB, o Options) *Log {
	t.Helper()
	l, err := Open(o)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return l
}

func mustAppend(t testing.TB, l *Log, rec []byte) LSN {
	t.Helper()
	lsn, err := l.Append(rec)
	if err != nil {
		t.Fatalf("Append(%d bytes): %v", len(rec), err)
	}
	return lsn
}

func mustClose(t testing.TB, l *Log) {
	t.Helper()
	if err := l.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

// crash drops the log without Close, as a killed process would: nothing
// more reaches the control file.
func crash(t testing.TB, l *Log) {
	t.Helper()
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	close(l.quit)
	l.wg.Wait()
	if err := errors.Join(l.sp.close(), l.ctlF.Close(), l.dir.Close()); err != nil {
		t.Fatalf("crash close: %v", err)
	}
}

func replayAll(t testing.TB, l *Log) []Record {
	t.Helper()
	var got []Record
	if _, err := l.Replay(func(r Record) error {
		got = append(got, r)
		return nil
	}); err != nil {
		t.Fatalf("Replay: %v", err)
	}
	return got
}

// payload makes a self-describing record: tag and size, then bytes
// derived from the tag.
func payload(tag string, size int) []byte {
	p := []byte(fmt.Sprintf("%s|", tag))
	for len(p) < size {
		p = append(p, byte(len(p)*7+len(tag)))
	}
	return p[:max(size, len(tag)+1)]
}

func randPayload(r *rand.Rand, tag string, maxSize int) []byte {
	return payload(tag, r.IntN(maxSize+1))
}

// sameRecords compares replayed records with the expected ones.
func sameRecords(t testing.TB, got, want []Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("replayed %d records, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].LSN != want[i].LSN || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Fatalf("record %d: got LSN %v %q..., want LSN %v %q...", i,
				got[i].LSN, head(got[i].Data), want[i].LSN, head(want[i].Data))
		}
	}
}

func head(b []byte) []byte { return b[:min(len(b), 24)] }

// damageAt overwrites the bytes at lsn in the closed log in dir.
func damageAt(t testing.TB, dir string, g geometry, lsn LSN, b []byte) {
	t.Helper()
	for i := range b {
		pos := int64(uint64(lsn)+uint64(i)) % g.capacity()
		name := filepath.Join(dir, activeDir, fileName(int(pos/g.fileSize())))
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteAt(b[i:i+1], pos%g.fileSize()); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}

// readLogAt reads n bytes at lsn from the closed log in dir.
func readLogAt(t testing.TB, dir string, g geometry, lsn LSN, n int) []byte {
	t.Helper()
	out := make([]byte, n)
	for i := range out {
		pos := int64(uint64(lsn)+uint64(i)) % g.capacity()
		name := filepath.Join(dir, activeDir, fileName(int(pos/g.fileSize())))
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = data[pos%g.fileSize()]
	}
	return out
}
