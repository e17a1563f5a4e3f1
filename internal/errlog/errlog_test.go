package errlog

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
)

func openTest(t *testing.T, dir string, maxSize int64) *Log {
	t.Helper()
	l, err := Open(dir, Options{MaxSize: maxSize, Program: "test", QMgr: "QM1", VRMF: "9.4.0.0", User: "mqm", Host: "h"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// queueEntry is an AMQ8147E entry whose insert names the writer and a
// sequence number, so readers can check text and inserts belong together.
func queueEntry(writer string, seq int) Entry {
	return Entry{ID: amqmsg.AMQ8147E, Inserts: []string{fmt.Sprintf("%s.%d", writer, seq)}, ArithInserts: []int64{int64(seq)}}
}

func TestWriteThenReadEntries(t *testing.T) {
	dir := t.TempDir()
	l := openTest(t, dir, 0)
	at := time.Date(2024, 1, 2, 3, 4, 5, 6_000_000, time.UTC)
	l.opts.Now = func() time.Time { return at }
	if err := l.Write(Entry{ID: amqmsg.AMQ8003I, Inserts: []string{"QM1", "9.4.0.0"}}); err != nil {
		t.Fatal(err)
	}
	if err := l.Write(queueEntry("w", 7)); err != nil {
		t.Fatal(err)
	}
	got, err := ReadEntries(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d entries, want 2", len(got))
	}
	if got[0].ID != amqmsg.AMQ8003I || got[0].Text != "IBM MQ queue manager 'QM1' started using V9.4.0.0." {
		t.Errorf("first entry %+v", got[0])
	}
	if !got[0].Time.Equal(at) {
		t.Errorf("time %v, want %v", got[0].Time, at)
	}
	if got[1].Text != "IBM MQ object w.7 not found." || len(got[1].Inserts) != 1 || got[1].ArithInserts[0] != 7 {
		t.Errorf("second entry %+v", got[1])
	}
}

func TestSeparatorNamesCallerByDefault(t *testing.T) {
	dir := t.TempDir()
	l := openTest(t, dir, 0)
	if err := l.Write(Entry{ID: amqmsg.AMQ8004I, Inserts: []string{"QM1"}}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, FileName))
	if !strings.Contains(string(data), "----- errlog_test.go : ") {
		t.Errorf("separator does not name this file:\n%s", data)
	}
}

func TestFilesAre0660WhateverTheUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	l := openTest(t, dir, 0)
	if err := l.Write(queueEntry("w", 1)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{FileName, lockName} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o660 {
			t.Errorf("%s mode %v, want 0660", name, fi.Mode().Perm())
		}
	}
}

func TestRotationKeepsThreeFiles(t *testing.T) {
	dir := t.TempDir()
	const maxSize = 2500 // a few entries per file
	l := openTest(t, dir, maxSize)
	const n = 40
	for i := 0; i < n; i++ {
		if err := l.Write(queueEntry("w", i)); err != nil {
			t.Fatal(err)
		}
	}
	names, _ := filepath.Glob(filepath.Join(dir, "AMQERR*.LOG"))
	if len(names) != 3 {
		t.Fatalf("log files %v, want AMQERR01..03", names)
	}
	var seqs []int64
	for k := 3; k >= 1; k-- {
		path := filepath.Join(dir, fileName(k))
		fi, _ := os.Stat(path)
		if fi.Size() > maxSize {
			t.Errorf("%s is %d bytes, over %d", fileName(k), fi.Size(), maxSize)
		}
		entries, err := ReadEntries(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) == 0 {
			t.Fatalf("%s is empty", fileName(k))
		}
		for _, e := range entries {
			seqs = append(seqs, e.ArithInserts[0])
		}
	}
	for i := 1; i < len(seqs); i++ {
		if seqs[i] != seqs[i-1]+1 {
			t.Fatalf("entries out of order or missing across 03,02,01: %v", seqs)
		}
	}
	if last := seqs[len(seqs)-1]; last != n-1 {
		t.Errorf("newest entry in AMQERR01.LOG is %d, want %d", last, n-1)
	}
}

func TestOversizedEntryStillWritten(t *testing.T) {
	dir := t.TempDir()
	l := openTest(t, dir, 100)
	for i := 0; i < 2; i++ {
		if err := l.Write(queueEntry("w", i)); err != nil {
			t.Fatal(err)
		}
	}
	e01, _ := ReadEntries(filepath.Join(dir, FileName))
	e02, _ := ReadEntries(filepath.Join(dir, fileName(2)))
	if len(e01) != 1 || len(e02) != 1 || e01[0].ArithInserts[0] != 1 {
		t.Errorf("01=%v 02=%v, want one entry each with the newest in 01", e01, e02)
	}
}

func TestWriteAfterClose(t *testing.T) {
	l := openTest(t, t.TempDir(), 0)
	l.Close()
	if err := l.Write(queueEntry("w", 0)); err != ErrClosed {
		t.Errorf("Write after Close = %v, want ErrClosed", err)
	}
}

// checkWhole reads every log file in dir and checks each entry's text
// belongs with its own inserts, which fails if two writes interleaved.
// It returns the number of entries per writer name.
func checkWhole(t *testing.T, dir string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	names, _ := filepath.Glob(filepath.Join(dir, "AMQERR*.LOG"))
	for _, path := range names {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		starts := strings.Count(string(data), " - Process(")
		ends := strings.Count(string(data), "\n----- ")
		entries, err := ReadEntries(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if starts != len(entries) || ends != len(entries) {
			t.Fatalf("%s: %d headers, %d separators, %d entries", path, starts, ends, len(entries))
		}
		for _, e := range entries {
			if len(e.Inserts) != 1 || e.Text != "IBM MQ object "+e.Inserts[0]+" not found." {
				t.Fatalf("%s: mixed-up entry %+v", path, e)
			}
			writer, _, _ := strings.Cut(e.Inserts[0], ".")
			counts[writer]++
		}
	}
	return counts
}

func TestConcurrentGoroutines(t *testing.T) {
	dir := t.TempDir()
	l := openTest(t, dir, 0)
	const writers, each = 8, 50
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if err := l.Write(queueEntry("g"+strconv.Itoa(w), i)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	counts := checkWhole(t, dir)
	for w := 0; w < writers; w++ {
		if c := counts["g"+strconv.Itoa(w)]; c != each {
			t.Errorf("writer g%d: %d entries, want %d", w, c, each)
		}
	}
}

const helperEnv = "ERRLOG_TEST_HELPER_DIR"

// TestHelperProcess is not a test: the process tests run the test binary
// again with this test selected to get a second writer process.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		t.Skip("helper process only")
	}
	maxSize, _ := strconv.ParseInt(os.Getenv(helperEnv+"_MAX"), 10, 64)
	name := os.Getenv(helperEnv + "_NAME")
	l, err := Open(dir, Options{MaxSize: maxSize, Program: name, VRMF: "9.4.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		if err := l.Write(queueEntry(name, i)); err != nil {
			t.Fatal(err)
		}
	}
}

func runWriters(t *testing.T, dir string, maxSize int64) {
	t.Helper()
	var cmds []*exec.Cmd
	for _, name := range []string{"p1", "p2"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		cmd.Env = append(os.Environ(), helperEnv+"="+dir, helperEnv+"_MAX="+strconv.FormatInt(maxSize, 10), helperEnv+"_NAME="+name)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	l := openTest(t, dir, maxSize)
	for i := 0; i < 200; i++ {
		if err := l.Write(queueEntry("self", i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("helper: %v", err)
		}
	}
}

func TestConcurrentProcesses(t *testing.T) {
	dir := t.TempDir()
	runWriters(t, dir, 0)
	counts := checkWhole(t, dir)
	for _, w := range []string{"self", "p1", "p2"} {
		if counts[w] != 200 {
			t.Errorf("writer %s: %d entries, want 200", w, counts[w])
		}
	}
}

func TestConcurrentProcessesWithRotation(t *testing.T) {
	dir := t.TempDir()
	const maxSize = 20000
	runWriters(t, dir, maxSize)
	checkWhole(t, dir)
	names, _ := filepath.Glob(filepath.Join(dir, "AMQERR*.LOG"))
	if len(names) != 3 {
		t.Fatalf("log files %v, want three", names)
	}
	for _, path := range names {
		if fi, _ := os.Stat(path); fi.Size() > maxSize {
			t.Errorf("%s is %d bytes, over %d", path, fi.Size(), maxSize)
		}
	}
}
