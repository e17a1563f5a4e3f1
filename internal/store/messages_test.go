package store_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/gomqm/gomqm/internal/store"
	"github.com/gomqm/gomqm/internal/store/storetest"
)

func TestMessagesCheckpointAndLoad(t *testing.T) {
	st := storetest.New(t)
	if _, found, err := st.CheckpointLSN(); err != nil || found {
		t.Fatalf("new store has a checkpoint: %v %v", found, err)
	}
	err := st.ApplyMessages([]store.MessageChange{
		{Queue: "Q1", Seq: 1, Data: []byte("one")},
		{Queue: "Q1", Seq: 2, Data: []byte("two")},
		{Queue: "Q2", Seq: 3, Data: []byte("three")},
	}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ApplyMessages([]store.MessageChange{{Queue: "Q1", Seq: 1}, {Queue: "Q9", Seq: 7}}, 150); err != nil {
		t.Fatal(err)
	}
	lsn, found, err := st.CheckpointLSN()
	if err != nil || !found || lsn != 150 {
		t.Fatalf("checkpoint = %d %v %v, want 150", lsn, found, err)
	}
	msgs, damaged, err := st.LoadMessages()
	if err != nil || len(damaged) != 0 {
		t.Fatal(err, damaged)
	}
	var got []string
	for _, m := range msgs {
		got = append(got, m.Queue+":"+string(m.Data))
	}
	if want := "Q1:two Q2:three"; joinStrings(got) != want {
		t.Fatalf("loaded %v, want %s", got, want)
	}
	if err := st.DeleteQueueMessages("Q2"); err != nil {
		t.Fatal(err)
	}
	if msgs, _, _ := st.LoadMessages(); len(msgs) != 1 {
		t.Fatalf("after DeleteQueueMessages: %d messages", len(msgs))
	}
}

func TestDamagedMessageIsReportedAndQuarantined(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/q.db"
	st, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	marker := []byte("UNIQUE-MARKER-0123456789")
	if err := st.ApplyMessages([]store.MessageChange{{Queue: "Q", Seq: 5, Data: marker}, {Queue: "Q", Seq: 6, Data: []byte("fine")}}, 1); err != nil {
		t.Fatal(err)
	}
	st.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, marker)
	if i < 0 {
		t.Fatal("marker not found in the file")
	}
	b[i+3] ^= 0xFF
	if err := os.WriteFile(path, b, 0o660); err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	msgs, damaged, err := st.LoadMessages()
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || string(msgs[0].Data) != "fine" || len(damaged) != 1 || damaged[0].Seq != 5 {
		t.Fatalf("loaded %d messages, damaged %v", len(msgs), damaged)
	}
	if err := st.QuarantineMessage("Q", 5); err != nil {
		t.Fatal(err)
	}
	if _, damaged, _ := st.LoadMessages(); len(damaged) != 0 {
		t.Fatalf("quarantined message still loaded as damaged: %v", damaged)
	}
	if err := st.Check(); err != nil {
		t.Fatalf("Check after quarantine: %v", err)
	}
}

func TestTruncatedFileIsAnErrorNotAPanic(t *testing.T) {
	path := t.TempDir() + "/q.db"
	st, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var changes []store.MessageChange
	for i := range 200 {
		changes = append(changes, store.MessageChange{Queue: "Q", Seq: uint64(i), Data: bytes.Repeat([]byte{'x'}, 1000)})
	}
	if err := st.ApplyMessages(changes, 1); err != nil {
		t.Fatal(err)
	}
	st.Close()
	fi, _ := os.Stat(path)
	if err := os.Truncate(path, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
	if st, err := store.Open(path, nil); err == nil {
		st.Close()
		t.Skip("bbolt opened the truncated file; nothing to check")
	}
}

func joinStrings(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}
