package store_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/store"
	"github.com/gomqm/gomqm/internal/store/storetest"
)

func record(t *testing.T, name string, attrs map[string]string) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"name": name, "attrs": attrs})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPutGetDeleteList(t *testing.T) {
	s := storetest.New(t)
	q1 := record(t, "Q1", map[string]string{"MAXDEPTH": "5000"})
	q2 := record(t, "Q2", nil)
	if err := s.PutObject("QUEUE", "Q1", q1); err != nil {
		t.Fatal(err)
	}
	if err := s.PutObjects("QUEUE", map[string][]byte{"Q2": q2}); err != nil {
		t.Fatal(err)
	}
	got, found, err := s.GetObject("QUEUE", "Q1")
	if err != nil || !found || string(got) != string(q1) {
		t.Fatalf("GetObject(Q1) = %q, %v, %v; want %q", got, found, err, q1)
	}
	// Same name under another type is a different object.
	if _, found, _ := s.GetObject("CHANNEL", "Q1"); found {
		t.Fatal("GetObject(CHANNEL, Q1) found a queue record")
	}
	list, err := s.ListObjects("QUEUE")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{"Q1": q1, "Q2": q2}
	if !reflect.DeepEqual(list, want) {
		t.Fatalf("ListObjects = %q, want %q", list, want)
	}
	if err := s.DeleteObject("QUEUE", "Q1"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := s.GetObject("QUEUE", "Q1"); found {
		t.Fatal("Q1 still there after DeleteObject")
	}
	if err := s.DeleteObject("QUEUE", "Q1"); err != nil {
		t.Fatalf("deleting a missing object: %v", err)
	}
	if err := s.DeleteObject("NOSUCHTYPE", "X"); err != nil {
		t.Fatalf("deleting from a missing type: %v", err)
	}
	empty, err := s.ListObjects("PROCESS")
	if err != nil || empty == nil || len(empty) != 0 {
		t.Fatalf("ListObjects(PROCESS) = %v, %v; want empty map", empty, err)
	}
	types, err := s.ObjectTypes()
	if err != nil || !reflect.DeepEqual(types, []string{"QUEUE"}) {
		t.Fatalf("ObjectTypes = %v, %v", types, err)
	}
}

func TestReturnedDataIsACopy(t *testing.T) {
	s := storetest.New(t)
	data := record(t, "Q1", nil)
	if err := s.PutObject("QUEUE", "Q1", data); err != nil {
		t.Fatal(err)
	}
	data[0] = 'X' // the caller's slice is not the stored one
	got, _, _ := s.GetObject("QUEUE", "Q1")
	if got[0] != '{' {
		t.Fatalf("stored record changed with the caller's slice: %q", got)
	}
}

func TestBadKeys(t *testing.T) {
	s := storetest.New(t)
	long := string(make([]byte, store.MaxKeyLen+1))
	for _, tc := range []struct{ typ, name string }{
		{"", "Q1"}, {"QUEUE", ""}, {long, "Q1"}, {"QUEUE", long},
	} {
		if err := s.PutObject(tc.typ, tc.name, []byte(`{}`)); !errors.Is(err, store.ErrBadKey) {
			t.Errorf("PutObject(%.8q, %.8q) = %v, want ErrBadKey", tc.typ, tc.name, err)
		}
		if _, _, err := s.GetObject(tc.typ, tc.name); !errors.Is(err, store.ErrBadKey) {
			t.Errorf("GetObject(%.8q, %.8q) = %v, want ErrBadKey", tc.typ, tc.name, err)
		}
	}
	// A batch with one bad name writes nothing.
	err := s.PutObjects("QUEUE", map[string][]byte{"OK": record(t, "OK", nil), "": []byte(`{}`)})
	if !errors.Is(err, store.ErrBadKey) {
		t.Fatalf("PutObjects with an empty name = %v", err)
	}
	if _, found, _ := s.GetObject("QUEUE", "OK"); found {
		t.Fatal("PutObjects wrote part of a rejected batch")
	}
}

func TestSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "qm.db")
	s, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := record(t, "SYSTEM.DEF.SENDER", map[string]string{"CHLTYPE": "SDR"})
	if err := s.PutObject("CHANNEL", "SYSTEM.DEF.SENDER", want); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, found, err := s.GetObject("CHANNEL", "SYSTEM.DEF.SENDER")
	if err != nil || !found || string(got) != string(want) {
		t.Fatalf("after reopen: %q, %v, %v", got, found, err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenLockedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "qm.db")
	s, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	_, err = store.Open(path, &store.Options{Timeout: 50 * time.Millisecond})
	if !errors.Is(err, store.ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("second Open took %v", d)
	}
}

func TestOpenFileHook(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := store.Open(filepath.Join(t.TempDir(), "qm.db"), &store.Options{
		OpenFile: func(string, int, os.FileMode) (*os.File, error) { return nil, boom },
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Open = %v, want the hook's error", err)
	}
}

func TestCheckFindsBadRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "qm.db")
	s, err := store.Open(path, &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.PutObject("QUEUE", "GOOD", record(t, "GOOD", nil)); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("Check on a good store: %v", err)
	}
	bad := map[string][]byte{
		"WRONG.NAME": record(t, "OTHER", nil),
		"NOT.JSON":   []byte("DEFINE QLOCAL"),
		"NO.NAME":    []byte(`{"attrs":{}}`),
	}
	if err := s.PutObjects("QUEUE", bad); err != nil {
		t.Fatal(err)
	}
	err = s.Check()
	if !errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("Check = %v, want ErrCorrupt", err)
	}
	for name := range bad {
		if !strings.Contains(err.Error(), "objects/QUEUE/"+name) {
			t.Errorf("Check error does not name %s: %v", name, err)
		}
	}
	if strings.Contains(err.Error(), "GOOD") {
		t.Errorf("Check complains about a good record: %v", err)
	}
}
