package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/gomqm/gomqm/internal/crashtest"
	"github.com/gomqm/gomqm/mqi"
)

type produceFlags struct {
	qmgr, queue, journal, prefix, batches string
	size, max                             int
	seed                                  uint64
}

func produce(args []string) error {
	var f produceFlags
	fs := flag.NewFlagSet("produce", flag.ContinueOnError)
	fs.StringVar(&f.qmgr, "m", "QM1", "queue manager")
	fs.StringVar(&f.queue, "q", "CRASH.Q", "queue")
	fs.StringVar(&f.journal, "journal", "", "journal file")
	fs.StringVar(&f.prefix, "prefix", "P", "message id prefix")
	fs.StringVar(&f.batches, "batches", "1,10", "puts per unit of work, chosen at random for each; 0 is one put outside syncpoint")
	fs.IntVar(&f.size, "size", 1024, "message size in bytes")
	fs.IntVar(&f.max, "max", 100000, "most messages to put")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sizes, err := parseInts(f.batches)
	if err != nil {
		return err
	}
	j, err := crashtest.CreateJournal(f.journal)
	if err != nil {
		return err
	}
	defer j.Close()
	p := &producer{f: f, sizes: sizes, j: j, rng: rand.New(rand.NewPCG(f.seed, 1)),
		s: newSession(f.qmgr, f.queue, mqi.MQOO_OUTPUT)}
	err = p.loop()
	p.s.drop()
	fmt.Printf("produced acked=%d indoubt=%d notcommitted=%d backedout=%d%s\n",
		p.count[crashtest.PutAcked], p.count[crashtest.PutInDoubt], p.count[crashtest.PutNotCommitted],
		p.count[crashtest.PutBackedOut], p.s.errorSummary())
	return err
}

type producer struct {
	f     produceFlags
	sizes []int
	j     *crashtest.Journal
	rng   *rand.Rand
	s     *session
	next  int
	count map[crashtest.Kind]int
}

func (p *producer) loop() error {
	p.count = map[crashtest.Kind]int{}
	stop := stopSignal()
	for !stop.Load() && p.next < p.f.max {
		if err := p.s.ensure(); err != nil {
			return err
		}
		ids, outcome := p.unitOfWork(p.sizes[p.rng.IntN(len(p.sizes))])
		for _, id := range ids {
			p.j.Add(outcome, id, 0)
		}
		p.count[outcome] += len(ids)
		if err := p.j.Sync(); err != nil {
			return err
		}
	}
	return nil
}

// unitOfWork puts n persistent messages under syncpoint and commits them
// (n = 0: one message outside syncpoint). It returns their ids and what
// became of them.
func (p *producer) unitOfWork(n int) ([]string, crashtest.Kind) {
	if n == 0 {
		return p.putOutsideSyncpoint()
	}
	var ids []string
	for range n {
		if p.next >= p.f.max {
			break
		}
		id := p.nextID()
		ids = append(ids, id)
		if err := p.put(id, mqi.MQPMO_SYNCPOINT); err != nil {
			// MQCMIT was never sent: the unit of work cannot commit.
			p.s.failed(err)
			if p.s.live && p.s.qm.Back() != nil {
				p.s.drop()
			}
			return ids, crashtest.PutNotCommitted
		}
	}
	err := p.s.qm.Cmit()
	switch {
	case err == nil:
		return ids, crashtest.PutAcked
	case reason(err) == mqi.MQRC_BACKED_OUT:
		p.s.failed(err)
		return ids, crashtest.PutBackedOut
	default:
		p.s.failed(err)
		p.s.drop()
		return ids, crashtest.PutInDoubt
	}
}

// putOutsideSyncpoint puts one message outside syncpoint: it is
// acknowledged when MQPUT returns OK, in doubt when the connection broke
// during the call.
func (p *producer) putOutsideSyncpoint() ([]string, crashtest.Kind) {
	id := p.nextID()
	err := p.put(id, mqi.MQPMO_NO_SYNCPOINT)
	if err == nil {
		return []string{id}, crashtest.PutAcked
	}
	p.s.failed(err)
	if !p.s.live {
		return []string{id}, crashtest.PutInDoubt
	}
	return []string{id}, crashtest.PutNotCommitted
}

func (p *producer) nextID() string {
	id := fmt.Sprintf("%s-%07d", p.f.prefix, p.next)
	p.next++
	return id
}

// put puts the persistent message for id with the syncpoint option given.
func (p *producer) put(id string, syncpoint int32) error {
	md := mqi.NewMQMD()
	md.Persistence = mqi.MQPER_PERSISTENT
	md.Format = mqi.MQFMT_STRING
	pmo := mqi.NewMQPMO()
	pmo.Options = syncpoint | mqi.MQPMO_NEW_MSG_ID | mqi.MQPMO_FAIL_IF_QUIESCING
	return p.s.obj.Put(md, pmo, crashtest.Body(id, p.f.size))
}

func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("bad batch size %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}
