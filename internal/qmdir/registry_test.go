package qmdir

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

func TestRegisterListLookup(t *testing.T) {
	l := newLayout(t)
	if err := l.Register(Entry{Name: "saturn.queue.manager"}, true); err != nil {
		t.Fatal(err)
	}
	if err := l.Register(Entry{Name: "QM2", InstallationName: "Installation2"}, false); err != nil {
		t.Fatal(err)
	}
	all, err := l.List()
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Name: "saturn.queue.manager", Prefix: l.Root, Directory: "saturn!queue!manager", InstallationName: "Installation1"},
		{Name: "QM2", Prefix: l.Root, Directory: "QM2", InstallationName: "Installation2"},
	}
	if fmt.Sprint(all) != fmt.Sprint(want) {
		t.Errorf("List = %v, want %v", all, want)
	}
	if e, ok, err := l.Lookup("QM2"); !ok || err != nil || e != want[1] {
		t.Errorf("Lookup(QM2) = %v, %v, %v", e, ok, err)
	}
	if _, ok, _ := l.Lookup("qm2"); ok {
		t.Error("Lookup is case-insensitive; queue manager names are not")
	}
	if d, _ := l.DefaultQMgr(); d != "saturn.queue.manager" {
		t.Errorf("DefaultQMgr = %q", d)
	}
	ini := readFile(t, l.MQSIni())
	wantStanza := "QueueManager:\n   Name=saturn.queue.manager\n   Prefix=" + l.Root +
		"\n   Directory=saturn!queue!manager\n   InstallationName=Installation1\n"
	if !strings.Contains(ini, wantStanza) || !strings.HasSuffix(ini, "DefaultQueueManager:\n   Name=saturn.queue.manager\n") {
		t.Errorf("mqs.ini:\n%s", ini)
	}
}

func TestRegisterRefusesDuplicates(t *testing.T) {
	l := newLayout(t)
	if err := l.Register(Entry{Name: "QM1"}, false); err != nil {
		t.Fatal(err)
	}
	if err := l.Register(Entry{Name: "QM1"}, false); !errors.Is(err, ErrExists) {
		t.Errorf("same name: %v, want ErrExists", err)
	}
	if err := l.Register(Entry{Name: "QM9", Directory: "QM1"}, false); !errors.Is(err, ErrExists) {
		t.Errorf("same directory: %v, want ErrExists", err)
	}
	if err := l.Register(Entry{Name: "bad name"}, false); !errors.Is(err, ErrInvalidName) {
		t.Errorf("bad name: %v", err)
	}
}

func TestUnregister(t *testing.T) {
	l := newLayout(t)
	header := "# kept comment\n"
	if err := os.WriteFile(l.MQSIni(), append([]byte(header), readFile(t, l.MQSIni())...), 0o664); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"A", "B"} {
		if err := l.Register(Entry{Name: n}, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Unregister("B"); err != nil {
		t.Fatal(err)
	}
	if d, _ := l.DefaultQMgr(); d != "" {
		t.Errorf("default still %q after its queue manager was unregistered", d)
	}
	all, _ := l.List()
	if len(all) != 1 || all[0].Name != "A" {
		t.Errorf("List = %v", all)
	}
	if err := l.Unregister("B"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Unregister: %v, want ErrNotFound", err)
	}
	if !strings.HasPrefix(readFile(t, l.MQSIni()), header) {
		t.Error("comment lost")
	}
}

func TestMissingMQSIniMeansNoQueueManagers(t *testing.T) {
	l := Layout{Root: t.TempDir()}
	if all, err := l.List(); err != nil || len(all) != 0 {
		t.Errorf("List = %v, %v", all, err)
	}
	if d, err := l.DefaultQMgr(); err != nil || d != "" {
		t.Errorf("DefaultQMgr = %q, %v", d, err)
	}
}

func TestConcurrentRegisterLosesNothing(t *testing.T) {
	l := newLayout(t)
	const n = 8
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := l.Register(Entry{Name: fmt.Sprintf("QM%02d", i)}, false); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	all, err := l.List()
	if err != nil || len(all) != n {
		t.Fatalf("%d entries after %d concurrent registrations (%v)", len(all), n, err)
	}
}
