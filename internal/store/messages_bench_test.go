package store_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gomqm/gomqm/internal/store"
)

// BenchmarkCheckpointAppend measures a checkpoint of new messages on one
// queue, as a queue that is being filled sees them: batches of 1,000
// messages of 1.2 KiB in increasing sequence order. One op is one
// message; file-bytes/msg is how much the store file grows per message.
func BenchmarkCheckpointAppend(b *testing.B) {
	path := filepath.Join(b.TempDir(), "store.db")
	st, err := store.Open(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	const batch = 1000
	data := make([]byte, 1200)
	changes := make([]store.MessageChange, 0, batch)
	seq := uint64(0)
	b.ReportAllocs()
	b.ResetTimer()
	for done := 0; done < b.N; done += batch {
		changes = changes[:0]
		for i := 0; i < batch; i++ {
			seq++
			changes = append(changes, store.MessageChange{Queue: "BENCH.Q", Seq: seq, Data: data})
		}
		if err := st.ApplyMessages(changes, seq); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/float64(seq), "file-bytes/msg")
	}
}
