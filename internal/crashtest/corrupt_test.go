package crashtest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// corruptQueue holds the messages of the damage tests.
const corruptQueue = "DEFINE QLOCAL(DAMAGE.Q)\n"

// bodySize is big enough that a flipped byte lands inside the message.
const bodySize = 3000

// newDamageEnv creates and starts QM1 with DAMAGE.Q, puts n persistent
// messages (ids A-00000 ...) and ends it with endmqm -i, so that they are
// in the store and the log holds nothing to replay.
func newDamageEnv(t *testing.T, n int) (*qmEnv, []string) {
	t.Helper()
	e := newQMEnv(t)
	t.Setenv("MQ_OVERRIDE_DATA_PATH", e.root)
	e.mustRun("", "crtmqm", "-lf", "64", "-lp", "2", "-ls", "1", "QM1")
	e.mustStartQM()
	e.mustRun(corruptQueue, "runmqsc", "QM1")
	ids := e.putSome(t, "A", n)
	e.endQM()
	return e, ids
}

// putSome connects, puts n persistent messages outside syncpoint with ids
// prefix-00000 ... and disconnects.
func (e *qmEnv) putSome(t *testing.T, prefix string, n int) []string {
	t.Helper()
	a := connectApp(t, "DAMAGE.Q")
	defer a.disc()
	var ids []string
	for i := range n {
		id := fmt.Sprintf("%s-%05d", prefix, i)
		if err := a.put(Body(id, bodySize)); err != nil {
			t.Fatalf("MQPUT %s: %v", id, err)
		}
		ids = append(ids, id)
	}
	return ids
}

var amqErrorRE = regexp.MustCompile(`AMQ\d{4}E`)

// startAfterDamage tries to start QM1 on damaged data. A refusal must be a
// non-zero exit with an AMQnnnnE entry in the error log, never a panic;
// it returns whether the queue manager started.
func (e *qmEnv) startAfterDamage(t *testing.T) bool {
	t.Helper()
	before := len(e.errorLog())
	err := e.startQM(60 * time.Second)
	if err == nil {
		for _, l := range strings.Split(e.qm.output(), "\n") {
			if strings.Contains(l, "log records accessed") {
				t.Logf("started: %s", l)
			}
		}
		return true
	}
	out := err.Error()
	for _, bad := range []string{"panic:", "goroutine ", "fatal error:"} {
		if strings.Contains(out, bad) {
			t.Fatalf("strmqm crashed on damaged data:\n%s", out)
		}
	}
	if !strings.Contains(out, "exit status") {
		t.Fatalf("strmqm neither started nor exited with a status: %v", err)
	}
	added := e.errorLog()[before:]
	t.Logf("strmqm refused to start: %s", tail(out, 1))
	if !amqErrorRE.MatchString(added) {
		t.Errorf("strmqm refused to start without an AMQnnnnE entry in the error log; new entries:\n%s", added)
	} else {
		t.Logf("error log: %s", strings.Join(amqErrorRE.FindAllString(added, -1), ", "))
	}
	return false
}

// expectMessages drains DAMAGE.Q and compares it with want. Messages
// missing must have been reported in the error log with AMQ7472W;
// otherwise acknowledged data was dropped silently.
func (e *qmEnv) expectMessages(t *testing.T, want []string) []string {
	t.Helper()
	a := connectApp(t, "DAMAGE.Q")
	got := a.drain()
	a.disc()
	slices.Sort(got)
	want = slices.Sorted(slices.Values(want))
	for i := 1; i < len(got); i++ {
		if got[i] == got[i-1] {
			t.Errorf("message %s delivered twice", got[i])
		}
	}
	lost := missing(want, got)
	if extra := missing(got, want); len(extra) > 0 {
		t.Errorf("messages that were never put: %v", extra)
	}
	if len(lost) > 0 && !strings.Contains(e.errorLog(), "AMQ7472W") {
		t.Errorf("acknowledged messages dropped silently (no AMQ7472W): %v", lost)
	}
	return lost
}

// flipAll flips one byte at offset off after every occurrence of marker
// in the file and returns how many it changed.
func flipAll(t *testing.T, path string, marker []byte, off int) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := 0; ; {
		j := bytes.Index(data[i:], marker)
		if j < 0 {
			break
		}
		data[i+j+off] ^= 0x55
		i += j + len(marker)
		n++
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return n
}

func (e *qmEnv) storePath() string { return filepath.Join(e.qmgrDir(), "qmgr.db") }

// TestCorruptedStore damages qmgr.db while the queue manager is ended.
func TestCorruptedStore(t *testing.T) {
	if testing.Short() {
		t.Skip("damage tests skipped in -short mode")
	}
	t.Run("message value flipped", testFlippedMessage)
	t.Run("newest meta page damaged", testNewestMetaDamaged)
	t.Run("both meta pages damaged", testBothMetasDamaged)
	t.Run("file truncated", testStoreTruncated)
}

// testFlippedMessage flips a byte inside one stored message: the queue
// manager starts, moves the message aside with AMQ7472W and delivers the
// others intact.
func testFlippedMessage(t *testing.T) {
	e, ids := newDamageEnv(t, 10)
	victim := ids[3]
	if n := flipAll(t, e.storePath(), []byte(victim+" "), 500); n == 0 {
		t.Fatalf("message %s not found in qmgr.db", victim)
	}
	if !e.startAfterDamage(t) {
		t.Fatal("a damaged message stopped the queue manager from starting")
	}
	lost := e.expectMessages(t, ids)
	if !slices.Equal(lost, []string{victim}) {
		t.Errorf("after flipping a byte of %s the messages missing are %v", victim, lost)
	}
	if c := strings.Count(e.errorLog(), "AMQ7472W"); c != 1 {
		t.Errorf("%d AMQ7472W entries in the error log, want 1", c)
	}
	e.endQM()
	e.mustStartQM()
	e.expectMessages(t, nil)
	if c := strings.Count(e.errorLog(), "AMQ7472W"); c != 1 {
		t.Errorf("after a second restart: %d AMQ7472W entries, want still 1 (the message was moved aside)", c)
	}
	e.endQM()
}

// bbolt's meta pages: page 0 and page 1, each a 16-byte page header then
// magic, version, page size, flags, root bucket (16), freelist, high
// water mark, txid and checksum.
const (
	metaMagicOff    = 16
	metaPageSizeOff = 24
	metaTxidOff     = 64
	metaChecksumOff = 72
	boltMagic       = 0xED0CDAED
)

// metaPages returns the offsets of the two meta pages, newest first.
func metaPages(t *testing.T, data []byte) (newest, older int) {
	t.Helper()
	le := binary.LittleEndian
	if len(data) < 4096 || le.Uint32(data[metaMagicOff:]) != boltMagic {
		t.Fatal("qmgr.db does not start with a bbolt meta page")
	}
	ps := int(le.Uint32(data[metaPageSizeOff:]))
	if le.Uint32(data[ps+metaMagicOff:]) != boltMagic {
		t.Fatal("qmgr.db has no second bbolt meta page")
	}
	if le.Uint64(data[metaTxidOff:]) > le.Uint64(data[ps+metaTxidOff:]) {
		return 0, ps
	}
	return ps, 0
}

// testNewestMetaDamaged puts more messages in a second run, so that the
// newest store transaction holds them, and damages that transaction's
// meta page: bbolt would fall back to the older one.
func testNewestMetaDamaged(t *testing.T) {
	e, ids := newDamageEnv(t, 5)
	e.mustStartQM()
	ids = append(ids, e.putSome(t, "B", 5)...)
	e.endQM()
	data, err := os.ReadFile(e.storePath())
	if err != nil {
		t.Fatal(err)
	}
	newest, _ := metaPages(t, data)
	data[newest+metaChecksumOff] ^= 0xFF
	if err := os.WriteFile(e.storePath(), data, 0o600); err != nil {
		t.Fatal(err)
	}
	if e.startAfterDamage(t) {
		if lost := e.expectMessages(t, ids); len(lost) > 0 {
			t.Logf("started and lost %v", lost)
		} else {
			t.Log("started with every message")
		}
		e.endQM()
	}
}

// testBothMetasDamaged damages both meta pages: nothing can be trusted,
// strmqm must refuse.
func testBothMetasDamaged(t *testing.T) {
	e, ids := newDamageEnv(t, 5)
	data, err := os.ReadFile(e.storePath())
	if err != nil {
		t.Fatal(err)
	}
	a, b := metaPages(t, data)
	data[a+metaChecksumOff] ^= 0xFF
	data[b+metaChecksumOff] ^= 0xFF
	if err := os.WriteFile(e.storePath(), data, 0o600); err != nil {
		t.Fatal(err)
	}
	if e.startAfterDamage(t) {
		e.expectMessages(t, ids)
		e.endQM()
	}
}

// testStoreTruncated cuts qmgr.db in half.
func testStoreTruncated(t *testing.T) {
	e, ids := newDamageEnv(t, 20)
	st, err := os.Stat(e.storePath())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(e.storePath(), st.Size()/2); err != nil {
		t.Fatal(err)
	}
	if e.startAfterDamage(t) {
		e.expectMessages(t, ids)
		e.endQM()
	}
}

// TestCorruptedLog damages the recovery log of a queue manager killed
// with messages not yet checkpointed, so that they live only in the log.
func TestCorruptedLog(t *testing.T) {
	if testing.Short() {
		t.Skip("damage tests skipped in -short mode")
	}
	t.Run("active file truncated mid-record", func(t *testing.T) {
		e, ids, file, at := newLogDamageEnv(t, "B-00005 ")
		if err := os.Truncate(file, int64(at+40)); err != nil {
			t.Fatal(err)
		}
		if e.startAfterDamage(t) {
			e.expectMessages(t, ids)
			e.endQM()
		}
	})
	t.Run("newest control slot damaged", testNewestControlSlotDamaged)
	t.Run("record zeroed mid-log", func(t *testing.T) {
		e, ids, file, at := newLogDamageEnv(t, "B-00003 ")
		f, err := os.OpenFile(file, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.WriteAt(make([]byte, 64), int64(at))
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if e.startAfterDamage(t) {
			e.expectMessages(t, ids)
			e.endQM()
		}
	})
}

// testNewestControlSlotDamaged damages the newest copy of the log's
// control record, so that the log opens at the checkpoint before:
// replaying records the store already holds must neither duplicate
// messages nor bring back one that was got.
func testNewestControlSlotDamaged(t *testing.T) {
	e, ids := newDamageEnv(t, 5)
	e.mustStartQM()
	a := connectApp(t, "DAMAGE.Q")
	if data, err := a.get(); err != nil || data == nil {
		t.Fatalf("MQGET: %q %v", data, err)
	}
	a.disc()
	ids = append(ids[1:], e.putSome(t, "B", 10)...)
	e.waitStored(t, "B-00009 ")
	ids = append(ids, e.putSome(t, "C", 5)...)
	e.killQM()
	ctl := filepath.Join(e.root, "log", "QM1", "amqhlctl.lfh")
	data, err := os.ReadFile(ctl)
	if err != nil {
		t.Fatal(err)
	}
	const slot, seqOff, crcOff = 4096, 32, 68
	newest := 0
	if binary.LittleEndian.Uint64(data[slot+seqOff:]) > binary.LittleEndian.Uint64(data[seqOff:]) {
		newest = slot
	}
	data[newest+crcOff] ^= 0xFF
	if err := os.WriteFile(ctl, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if e.startAfterDamage(t) {
		if lost := e.expectMessages(t, ids); len(lost) > 0 {
			t.Logf("started and lost %v", lost)
		} else {
			t.Log("started with every message, none twice")
		}
		e.endQM()
	}
}

// waitStored waits until a checkpoint has written marker to qmgr.db.
func (e *qmEnv) waitStored(t *testing.T, marker string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if data, _ := os.ReadFile(e.storePath()); bytes.Contains(data, []byte(marker)) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no checkpoint stored %q within 10s", marker)
}

// newLogDamageEnv makes a queue manager with messages A-* in the store
// and B-00000 to B-00009 only in the recovery log (it is killed right
// after the puts, before a checkpoint), and returns the log file and
// offset where marker is.
func newLogDamageEnv(t *testing.T, marker string) (*qmEnv, []string, string, int) {
	t.Helper()
	e, ids := newDamageEnv(t, 5)
	e.mustStartQM()
	ids = append(ids, e.putSome(t, "B", 10)...)
	e.killQM()
	if data, _ := os.ReadFile(e.storePath()); bytes.Contains(data, []byte("B-00009 ")) {
		t.Fatal("precondition: a checkpoint stored the B messages before the kill")
	}
	files, _ := filepath.Glob(filepath.Join(e.root, "log", "QM1", "active", "*.LOG"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if i := bytes.Index(data, []byte(marker)); i >= 0 {
			return e, ids, f, i
		}
	}
	t.Fatalf("precondition: %q not found in the log files %v", marker, files)
	return nil, nil, "", 0
}
