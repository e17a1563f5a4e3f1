package errlog

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gomqm/gomqm/internal/amqmsg"
)

func TestReadEntriesRejectsGarbage(t *testing.T) {
	for _, src := range []string{
		"not a log\n",
		"06/28/2022 06:23:34 PM - Process(1.1) User(u) Program(p)\n                    Time(yesterday)\n",
		"06/28/2022 06:23:34 PM - Process(1.1) User(u) Program(p)\nno message id here\n",
	} {
		if _, err := readEntries(strings.NewReader(src), "x"); err == nil {
			t.Errorf("no error for %q", src)
		}
	}
}

func FuzzReadEntries(f *testing.F) {
	f.Add(render(Entry{ID: amqmsg.AMQ9636E, Inserts: []string{"CH"}, ArithInserts: []int64{1}, RemoteHost: "h"}, fixedHeader()))
	f.Add([]byte("06/28/2022 06:23:34 PM - Process(1.1) User(u) Program(p)\nAMQ1234:\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := readEntries(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		for _, e := range entries {
			if e.ID < 0 || e.ID > 9999 {
				t.Fatalf("id %d out of range", e.ID)
			}
		}
	})
}
