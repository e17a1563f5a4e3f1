package rlog

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// crashOptions is the log the crash helper writes: 512 KiB, so the
// rounds wrap it many times.
func crashOptions(dir string) Options {
	return Options{Dir: dir, FilePages: 32, PrimaryFiles: 3, SecondaryFiles: 1}
}

// TestHelperProcess is the appending process of TestSIGKILL, not a real
// test. Four goroutines append records (every fourth call a batch of
// three; two use Append/AppendBatch, two AppendAsync) and print "ack <lsn> <size> <tag>" per record once the call has
// returned; a fifth releases the older half of the records whenever half
// the log is in use, so some records are always live.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("GOMQM_RLOG_HELPER") != "1" {
		return
	}
	args := flagArgs()
	if err := crashHelper(args[0], args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	os.Exit(0)
}

func flagArgs() []string {
	for i, a := range os.Args {
		if a == "--" {
			return os.Args[i+1:]
		}
	}
	return nil
}

func crashHelper(dir, round string) error {
	l, err := Open(crashOptions(dir))
	if err != nil {
		return err
	}
	if _, err := l.Replay(func(Record) error { return nil }); err != nil {
		return err
	}
	var out sync.Mutex
	say := func(s string) {
		out.Lock()
		defer out.Unlock()
		os.Stdout.WriteString(s)
	}
	say("ready\n")
	errs := make(chan error, 5)
	for w := range 4 {
		go func() { errs <- helperWriter(l, fmt.Sprintf("r%sw%d", round, w), say, w%2 == 1) }()
	}
	go func() {
		for {
			time.Sleep(200 * time.Microsecond)
			if st := l.Stats(); st.Used > st.Capacity/2 {
				if err := l.Checkpoint(st.Checkpoint + (st.End-st.Checkpoint)/2); err != nil {
					errs <- err
					return
				}
			}
		}
	}()
	return <-errs
}

// helperWriter appends in a closed loop; with async it uses AppendAsync
// and prints the acknowledgement from the completion.
func helperWriter(l *Log, prefix string, say func(string), async bool) error {
	r := rand.New(rand.NewPCG(uint64(len(prefix)), uint64(time.Now().UnixNano())))
	for seq := 0; ; seq++ {
		n := 1
		if seq%4 == 3 {
			n = 3
		}
		var recs [][]byte
		var tags []string
		for i := range n {
			tags = append(tags, fmt.Sprintf("%s-s%d-%d.%d", prefix, seq, i, n))
			recs = append(recs, payload(tags[i], 200+r.IntN(3000)))
		}
		ack := func(first LSN) {
			var b strings.Builder
			for i, rec := range recs {
				fmt.Fprintf(&b, "ack %d %d %s\n", first, len(rec), tags[i])
				first += LSN(headerSize + len(rec))
			}
			say(b.String())
		}
		for {
			err := appendOnce(l, recs, ack, async)
			if errors.Is(err, ErrLogFull) {
				time.Sleep(100 * time.Microsecond) // until the checkpointer runs
				continue
			}
			if err != nil {
				return err
			}
			break
		}
	}
}

func appendOnce(l *Log, recs [][]byte, ack func(LSN), async bool) error {
	if !async {
		first, err := l.AppendBatch(recs)
		if err == nil {
			ack(first)
		}
		return err
	}
	errc := make(chan error, 1)
	l.AppendAsync(recs, func(first LSN, err error) {
		if err == nil {
			ack(first)
		}
		errc <- err
	})
	return <-errc
}

type ackedRec struct {
	size int
	tag  string
}

// TestSIGKILL kills the helper at random moments, then reopens the log
// and checks that every acknowledged record not released by a
// checkpoint is there exactly once, in order and intact, and that the
// records of one batch are all there or all missing.
func TestSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts helper processes")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 1))
	dir := t.TempDir()
	acked := map[LSN]ackedRec{}
	deadline := time.Now().Add(20 * time.Second)
	for round := 0; round < 20 && time.Now().Before(deadline); round++ {
		n := runHelper(t, dir, round, time.Duration(20+r.IntN(250))*time.Millisecond, acked)
		got, ckpt := replayAfterCrash(t, dir)
		checkCrashReplay(t, round, got, ckpt, acked)
		t.Logf("round %d: %d acknowledged, %d replayed after checkpoint %v", round, n, len(got), ckpt)
	}
}

// runHelper starts the helper, kills it after delay from its "ready"
// and adds the acknowledged records it printed to acked.
func runHelper(t *testing.T, dir string, round int, delay time.Duration, acked map[LSN]ackedRec) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "--", dir, strconv.Itoa(round))
	cmd.Env = append(os.Environ(), "GOMQM_RLOG_HELPER=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(stdout)
	if line, err := br.ReadString('\n'); line != "ready\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("round %d: helper did not start: %q %v %s", round, line, err, stderr.String())
	}
	lines := make(chan []string, 1)
	go func() { lines <- readAcks(br) }()
	time.Sleep(delay)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	acks := <-lines
	werr := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("round %d: helper ended by itself: %v %s", round, werr, stderr.String())
	}
	for _, line := range acks {
		var lsn LSN
		var a ackedRec
		if _, err := fmt.Sscanf(line, "ack %d %d %s", &lsn, &a.size, &a.tag); err != nil {
			t.Fatalf("bad helper line %q: %v", line, err)
		}
		acked[lsn] = a
	}
	return len(acks)
}

// readAcks returns the complete lines; a line cut by the kill is dropped.
func readAcks(br *bufio.Reader) []string {
	var out []string
	for {
		line, err := br.ReadString('\n')
		if err == io.EOF || err != nil {
			return out
		}
		out = append(out, strings.TrimSuffix(line, "\n"))
	}
}

func replayAfterCrash(t *testing.T, dir string) ([]Record, LSN) {
	t.Helper()
	l := mustOpen(t, crashOptions(dir))
	defer mustCrashClose(t, l)
	return replayAll(t, l), l.Stats().Checkpoint
}

// mustCrashClose closes without recording the end, so the next round
// starts from the state the killed process left.
func mustCrashClose(t *testing.T, l *Log) { crash(t, l) }

func checkCrashReplay(t *testing.T, round int, got []Record, ckpt LSN, acked map[LSN]ackedRec) {
	t.Helper()
	seen := map[string]bool{}
	present := map[LSN]bool{}
	groups := map[string]int{}   // batch tag -> records seen
	firstIdx := map[string]int{} // batch tag -> index of its first record seen
	firstPos := map[string]int{} // batch tag -> position in got of that record
	lastSeq := map[string]int{}
	for pos, r := range got {
		tag, _, _ := bytes.Cut(r.Data, []byte("|"))
		s := string(tag)
		if seen[s] {
			t.Fatalf("round %d: record %s replayed twice", round, s)
		}
		seen[s] = true
		present[r.LSN] = true
		if !bytes.Equal(r.Data, payload(s, len(r.Data))) {
			t.Fatalf("round %d: record %s at %v damaged", round, s, r.LSN)
		}
		writer, rest, _ := strings.Cut(s, "-s")
		seqStr, batch, _ := strings.Cut(rest, "-")
		seq, _ := strconv.Atoi(seqStr)
		if p, ok := lastSeq[writer]; ok && seq < p {
			t.Fatalf("round %d: %s replayed after sequence %d", round, s, p)
		}
		lastSeq[writer] = seq
		idx, size, _ := strings.Cut(batch, ".")
		g := writer + "-s" + seqStr + "/" + size
		if groups[g] == 0 {
			firstIdx[g], _ = strconv.Atoi(idx)
			firstPos[g] = pos
		}
		groups[g]++
	}
	// A batch is replayed whole, except that a checkpoint inside the
	// first batch replayed releases the records before it.
	for g, n := range groups {
		want, _ := strconv.Atoi(g[strings.Index(g, "/")+1:])
		if n != want && (firstPos[g] != 0 || firstIdx[g]+n != want) {
			t.Fatalf("round %d: batch %s replayed %d of %d records from #%d at replay position %d",
				round, g, n, want, firstIdx[g], firstPos[g])
		}
	}
	for lsn, a := range acked {
		if lsn >= ckpt && !present[lsn] {
			t.Fatalf("round %d: acknowledged record %s at %v (checkpoint %v) lost", round, a.tag, lsn, ckpt)
		}
		if lsn >= ckpt && !seen[a.tag] {
			t.Fatalf("round %d: LSN %v holds another record than acknowledged %s", round, lsn, a.tag)
		}
	}
}
