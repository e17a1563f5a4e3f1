package main

import (
	"flag"
	"fmt"
	"math/rand/v2"

	"github.com/gomqm/gomqm/internal/crashtest"
	"github.com/gomqm/gomqm/mqi"
)

type consumeFlags struct {
	qmgr, queue, journal string
	batch                int
	seed                 uint64
	drain                bool
}

func consume(args []string) error {
	var f consumeFlags
	fs := flag.NewFlagSet("consume", flag.ContinueOnError)
	fs.StringVar(&f.qmgr, "m", "QM1", "queue manager")
	fs.StringVar(&f.queue, "q", "CRASH.Q", "queue")
	fs.StringVar(&f.journal, "journal", "", "journal file")
	fs.IntVar(&f.batch, "batch", 5, "most gets per unit of work (chosen at random from 1)")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed")
	fs.BoolVar(&f.drain, "drain", false, "stop at the first empty queue")
	if err := fs.Parse(args); err != nil {
		return err
	}
	j, err := crashtest.CreateJournal(f.journal)
	if err != nil {
		return err
	}
	defer j.Close()
	c := &consumer{f: f, j: j, rng: rand.New(rand.NewPCG(f.seed, 2)),
		s: newSession(f.qmgr, f.queue, mqi.MQOO_INPUT_SHARED), count: map[crashtest.Kind]int{}}
	err = c.loop()
	c.s.drop()
	fmt.Printf("consumed delivered=%d committed=%d indoubt=%d rolledback=%d redelivered=%d%s\n",
		c.count[crashtest.Delivered], c.count[crashtest.GetCommitted], c.count[crashtest.GetInDoubt],
		c.count[crashtest.GetRolledBack], c.redelivered, c.s.errorSummary())
	return err
}

type consumer struct {
	f           consumeFlags
	j           *crashtest.Journal
	rng         *rand.Rand
	s           *session
	count       map[crashtest.Kind]int
	redelivered int
}

// got is one message received in the unit of work.
type got struct {
	id      string
	backout int32
}

func (c *consumer) loop() error {
	stop := stopSignal()
	buf := make([]byte, 256*1024)
	for {
		if err := c.s.ensure(); err != nil {
			return err
		}
		msgs, err := c.gets(buf, c.rng.IntN(c.f.batch)+1)
		if len(msgs) > 0 {
			if err := c.j.Sync(); err != nil {
				return err
			}
		}
		if err != nil {
			// MQCMIT was never sent: every get comes back.
			c.s.failed(err)
			if c.s.live && c.s.qm.Back() != nil {
				c.s.drop()
			}
			if err := c.outcome(msgs, crashtest.GetRolledBack); err != nil {
				return err
			}
			continue
		}
		if len(msgs) == 0 {
			if c.f.drain || stop.Load() {
				return nil
			}
			continue
		}
		if err := c.commit(msgs); err != nil {
			return err
		}
	}
}

// gets receives up to n messages under syncpoint, journaling each. It
// stops early when the queue stays empty.
func (c *consumer) gets(buf []byte, n int) ([]got, error) {
	var msgs []got
	for len(msgs) < n {
		md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
		gmo.Options = mqi.MQGMO_SYNCPOINT | mqi.MQGMO_WAIT | mqi.MQGMO_FAIL_IF_QUIESCING
		gmo.WaitInterval = 1000
		if len(msgs) > 0 {
			gmo.WaitInterval = 100
		}
		data, _, err := c.s.obj.GetSlice(md, gmo, buf)
		if reason(err) == mqi.MQRC_NO_MSG_AVAILABLE {
			return msgs, nil
		}
		if err != nil {
			return msgs, err
		}
		id, ok := crashtest.ParseBody(data)
		if id == "" {
			id = fmt.Sprintf("unparsable:%x", md.MsgId)
		}
		if !ok {
			c.j.Add(crashtest.Damaged, id, md.BackoutCount)
		}
		c.j.Add(crashtest.Delivered, id, md.BackoutCount)
		c.count[crashtest.Delivered]++
		if md.BackoutCount > 0 {
			c.redelivered++
		}
		msgs = append(msgs, got{id, md.BackoutCount})
	}
	return msgs, nil
}

// commit issues MQCMIT and journals its outcome.
func (c *consumer) commit(msgs []got) error {
	err := c.s.qm.Cmit()
	kind := crashtest.GetCommitted
	switch {
	case err == nil:
	case reason(err) == mqi.MQRC_BACKED_OUT:
		c.s.failed(err)
		kind = crashtest.GetRolledBack
	default:
		c.s.failed(err)
		c.s.drop()
		kind = crashtest.GetInDoubt
	}
	return c.outcome(msgs, kind)
}

func (c *consumer) outcome(msgs []got, kind crashtest.Kind) error {
	if len(msgs) == 0 {
		return nil
	}
	for _, m := range msgs {
		c.j.Add(kind, m.id, m.backout)
	}
	c.count[kind] += len(msgs)
	return c.j.Sync()
}
