package crashtest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// seedEnv repeats a run of the randomised tests.
const seedEnv = "GOMQM_CRASH_SEED"

func testSeed(t *testing.T) uint64 {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(seedEnv); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: %v", seedEnv, s, err)
		}
		seed = n
	}
	t.Logf("seed %d (repeat with %s=%d)", seed, seedEnv, seed)
	return seed
}

// crashQueue is the queue of the crash test: HARDENBO, so that a get whose
// unit of work never completes comes back with BackoutCount above zero
// even after a crash.
const crashQueue = "DEFINE QLOCAL(CRASH.Q) HARDENBO DEFPSIST(YES) MAXDEPTH(500000)\n"

// TestCrashRecovery kills the queue manager with SIGKILL over and over
// while two producers put persistent messages (under syncpoint, committing
// every 1 or 10, and outside syncpoint) and two consumers get them under
// syncpoint, restarts it each time, then drains
// the queue and checks the journals: no acknowledged message lost, none
// duplicated, none invented, redeliveries only with BackoutCount > 0.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 0))
	e := newQMEnv(t)
	// A small log (768 KiB or 2 MiB) so that it wraps and fills during
	// the run, forcing checkpoints between the timed ones.
	geometry := [][]string{{"-lf", "64", "-lp", "2", "-ls", "1"}, {"-lf", "128", "-lp", "3", "-ls", "1"}}[rng.IntN(2)]
	t.Logf("crtmqm %s QM1", strings.Join(geometry, " "))
	e.mustRun("", "crtmqm", append(geometry, "QM1")...)
	e.mustStartQM()
	e.mustRun(crashQueue, "runmqsc", "QM1")

	var producers, consumers []*workerProc
	for i := range 2 {
		producers = append(producers, e.startWorker(fmt.Sprintf("producer%d", i+1), "produce",
			"-prefix", fmt.Sprintf("P%d", i+1), "-batches", "0,1,10", "-max", "15000",
			"-seed", strconv.FormatUint(rng.Uint64(), 10)))
		consumers = append(consumers, e.startWorker(fmt.Sprintf("consumer%d", i+1), "consume",
			"-batch", "5", "-seed", strconv.FormatUint(rng.Uint64(), 10)))
	}

	kills := 15 + rng.IntN(6)
	began := time.Now()
	for i := range kills {
		e.crashOnce(t, rng, i)
	}
	t.Logf("%d kills in %v; %s", kills, time.Since(began).Round(time.Millisecond), e.startupSummary())

	for _, w := range producers {
		w.stop()
	}
	for _, w := range producers {
		t.Logf("%s: %s", w.name, w.wait(t, 60*time.Second))
	}
	for _, w := range consumers {
		w.stop()
	}
	for _, w := range consumers {
		t.Logf("%s: %s", w.name, w.wait(t, 90*time.Second))
	}

	// What is left is drained by a fresh consumer after a clean restart;
	// after one more restart nothing may be left at all.
	e.endQM()
	e.mustStartQM()
	drain := e.startWorker("drain", "consume", "-drain", "-batch", "10")
	t.Logf("drain: %s", drain.wait(t, 90*time.Second))
	e.endQM()
	e.mustStartQM()
	final := e.startWorker("final", "consume", "-drain")
	t.Logf("final: %s", final.wait(t, 30*time.Second))
	if left := readJournals(t, final); len(left) > 0 {
		t.Errorf("messages came back after the queue was drained and the queue manager restarted: %v", left[:min(len(left), 10)])
	}
	e.endQM()
	e.checkQMLog()

	r := Check(readJournals(t, producers...), readJournals(t, append(consumers, drain, final)...))
	t.Logf("puts: %d acknowledged, %d in doubt (%d of them arrived), %d not committed, %d backed out",
		r.Acked, r.InDoubt, r.InDoubtArrived, r.NotCommitted, r.BackedOut)
	t.Logf("gets: %d deliveries of %d ids, %d ids redelivered, %d commits in doubt",
		r.Deliveries, r.Consumed, r.Redelivered, r.GetsInDoubt)
	if r.Acked < 1000 {
		t.Errorf("only %d puts acknowledged: the run did not exercise the queue manager", r.Acked)
	}
	for i, v := range r.Violations {
		if i == 50 {
			t.Errorf("... and %d more", len(r.Violations)-50)
			break
		}
		t.Error(v)
	}
}

// crashOnce lets the queue manager run for 50-500 ms (or, every fifth
// time, kills it again 0-150 ms into its start-up, during recovery or
// just after), kills it with
// SIGKILL, checks that dspmq reports it ended unexpectedly, and starts it
// again: a start that succeeds has passed the store's consistency check.
func (e *qmEnv) crashOnce(t *testing.T, rng *rand.Rand, i int) {
	t.Helper()
	if i%5 == 4 {
		e.killQM()
		if _, err := e.spawnQM(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
	} else {
		time.Sleep(time.Duration(50+rng.IntN(451)) * time.Millisecond)
	}
	e.killQM()
	if st := e.status(); st != "Ended unexpectedly" {
		t.Errorf("kill %d: dspmq shows STATUS(%s), want Ended unexpectedly", i+1, st)
	}
	e.mustStartQM()
}
