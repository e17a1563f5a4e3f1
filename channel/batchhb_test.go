package channel_test

import (
	"context"
	"testing"
	"time"

	"github.com/gomqm/gomqm/channel"
	"github.com/gomqm/gomqm/mqi"
)

// TestBatchHeartbeatKeepsADeadPartnersBatchOutOfDoubt: the partner goes
// silent between two batches. With BATCHHB the sender checks on it before
// the next batch would be put in doubt, finds no answer, and backs the
// batch out: the message stays on the transmission queue and nothing is
// in doubt. Without BATCHHB the same batch ends in doubt.
func TestBatchHeartbeatKeepsADeadPartnersBatchOutOfDoubt(t *testing.T) {
	for _, tt := range []struct {
		batchHB     string
		wantInDoubt bool
	}{
		{"BATCHHB(200)", false},
		{"BATCHHB(0)", true},
	} {
		t.Run(tt.batchHB, func(t *testing.T) {
			p := newPair(t, "HBINT(300) "+tt.batchHB, nil, nil)
			conns, dial := muteDialer()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			ended := make(chan error, 1)
			go func() {
				ended <- channel.RunSender(ctx, p.qm1.MCA(), "QM1.TO.QM2", &channel.SenderOptions{Dial: dial, ConfirmTimeout: time.Second})
			}()
			sent := putMessages(t, 3, mqi.MQPER_PERSISTENT, 100)
			checkExactlyOnce(t, sent, getAll(t, "QM2", "IN.Q", 3, 20*time.Second))
			time.Sleep(400 * time.Millisecond) // longer than BATCHHB without a word from QM2
			(<-conns).muted.Store(true)
			putMessages(t, 1, mqi.MQPER_PERSISTENT, 100)
			// The sender fails on its own: no answer to the batch heartbeat,
			// or no confirmation of the batch.
			if err := <-ended; err == nil {
				t.Fatal("the sender ended normally with a silent partner")
			}
			if s, _ := p.syncs(t); s.InDoubt != tt.wantInDoubt {
				t.Fatalf("in doubt %v, want %v", s.InDoubt, tt.wantInDoubt)
			}
			if !tt.wantInDoubt {
				if d := depth(t, "QM1", "QM2"); d != "1" {
					t.Errorf("transmission queue depth %s, want 1 (the backed-out batch)", d)
				}
			}
		})
	}
}
