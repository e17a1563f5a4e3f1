package rlog_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gomqm/gomqm/internal/rlog"
)

// A queue manager's start: open (creating on first use), replay what
// was logged since the last checkpoint, log new work, and checkpoint
// once the queue files hold it.
func Example() {
	data, _ := os.MkdirTemp("", "rlog-example-")
	defer os.RemoveAll(data)
	opts := rlog.Options{Dir: filepath.Join(data, "log", "QM1"), FilePages: 16, PrimaryFiles: 2, SecondaryFiles: 1}

	l, err := rlog.Open(opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	put, _ := l.Append([]byte("PUT Q1 msg-1"))
	commit, _ := l.AppendBatch([][]byte{[]byte("PUT Q1 msg-2"), []byte("GET Q2 msg-9"), []byte("COMMIT")})
	fmt.Println("logged at", put, "and", commit)
	l.Close()

	// Restart: everything is replayed.
	l, _ = rlog.Open(opts)
	n, err := l.Replay(func(r rlog.Record) error {
		fmt.Printf("replay %v %s\n", r.LSN, r.Data)
		return nil
	})
	fmt.Println(n, "records", err)

	// The store now holds msg-1: release it.
	l.Checkpoint(commit)
	n, _ = l.Replay(func(rlog.Record) error { return nil })
	fmt.Println(n, "records after the checkpoint")
	l.Close()
	// Output:
	// logged at <0:0:0:0> and <0:0:0:4096>
	// replay <0:0:0:0> PUT Q1 msg-1
	// replay <0:0:0:4096> PUT Q1 msg-2
	// replay <0:0:0:4132> GET Q2 msg-9
	// replay <0:0:0:4168> COMMIT
	// 4 records <nil>
	// 3 records after the checkpoint
}
