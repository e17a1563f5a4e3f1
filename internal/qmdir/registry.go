package qmdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gomqm/gomqm/internal/mqini"
)

// DefaultInstallation is the installation name written when an Entry has
// none.
const DefaultInstallation = "Installation1"

// registryLock is the file in the root that serialises changes to mqs.ini.
const registryLock = ".mqs.ini.lck"

// Entry is one QueueManager stanza of mqs.ini.
type Entry struct {
	Name             string // queue manager name, case-sensitive
	Prefix           string // data root; empty means the Layout root
	Directory        string // directory name below qmgrs/ and log/ (mangled)
	InstallationName string // empty means DefaultInstallation
}

func (e Entry) dir() string {
	if e.Directory != "" {
		return e.Directory
	}
	return Mangle(e.Name)
}

// Register adds a QueueManager stanza for e to mqs.ini and, if makeDefault,
// makes it the DefaultQueueManager. Empty Prefix, Directory and
// InstallationName are filled with the root, Mangle(Name) and
// DefaultInstallation. It fails with ErrExists if the name or the directory
// is already registered.
func (l Layout) Register(e Entry, makeDefault bool) error {
	if err := ValidateQMgrName(e.Name); err != nil {
		return err
	}
	e = l.complete(e)
	return l.updateRegistry(func(f *mqini.File) error {
		for _, old := range entries(f) {
			if old.Name == e.Name || old.Directory == e.Directory {
				return fmt.Errorf("qmdir: register %s: %w", e.Name, ErrExists)
			}
		}
		var last *mqini.Stanza
		if qms := f.Stanzas("QueueManager"); len(qms) > 0 {
			last = qms[len(qms)-1]
		}
		s := f.AddAfter(last, "QueueManager")
		s.Set("Name", e.Name)
		s.Set("Prefix", e.Prefix)
		s.Set("Directory", e.Directory)
		s.Set("InstallationName", e.InstallationName)
		if makeDefault {
			setDefault(f, e.Name)
		}
		return nil
	})
}

// Unregister removes the QueueManager stanza of name, and the
// DefaultQueueManager stanza if it names it. It fails with ErrNotFound if
// name is not registered.
func (l Layout) Unregister(name string) error {
	return l.updateRegistry(func(f *mqini.File) error {
		found := false
		for _, s := range f.Stanzas("QueueManager") {
			if v, _ := s.Get("Name"); v == name {
				f.Remove(s)
				found = true
			}
		}
		if !found {
			return fmt.Errorf("qmdir: unregister %s: %w", name, ErrNotFound)
		}
		for _, s := range f.Stanzas("DefaultQueueManager") {
			if v, _ := s.Get("Name"); v == name {
				f.Remove(s)
			}
		}
		return nil
	})
}

// SetDefault makes name the default queue manager.
func (l Layout) SetDefault(name string) error {
	return l.updateRegistry(func(f *mqini.File) error {
		setDefault(f, name)
		return nil
	})
}

// List returns the registered queue managers in mqs.ini order. A missing
// mqs.ini means none.
func (l Layout) List() ([]Entry, error) {
	f, err := l.loadMQSIni()
	if err != nil {
		return nil, err
	}
	out := entries(f)
	for i := range out {
		out[i] = l.complete(out[i])
	}
	return out, nil
}

// Lookup returns the entry of the queue manager called name (case-sensitive).
func (l Layout) Lookup(name string) (Entry, bool, error) {
	all, err := l.List()
	if err != nil {
		return Entry{}, false, err
	}
	for _, e := range all {
		if e.Name == name {
			return e, true, nil
		}
	}
	return Entry{}, false, nil
}

// DefaultQMgr returns the name in the DefaultQueueManager stanza, or "" if
// there is none.
func (l Layout) DefaultQMgr() (string, error) {
	f, err := l.loadMQSIni()
	if err != nil {
		return "", err
	}
	if s := f.First("DefaultQueueManager"); s != nil {
		v, _ := s.Get("Name")
		return v, nil
	}
	return "", nil
}

// complete fills the optional fields of e.
func (l Layout) complete(e Entry) Entry {
	if e.Prefix == "" {
		e.Prefix = l.Root
	}
	e.Directory = e.dir()
	if e.InstallationName == "" {
		e.InstallationName = DefaultInstallation
	}
	return e
}

func entries(f *mqini.File) []Entry {
	var out []Entry
	for _, s := range f.Stanzas("QueueManager") {
		var e Entry
		e.Name, _ = s.Get("Name")
		e.Prefix, _ = s.Get("Prefix")
		e.Directory, _ = s.Get("Directory")
		e.InstallationName, _ = s.Get("InstallationName")
		out = append(out, e)
	}
	return out
}

func setDefault(f *mqini.File, name string) {
	s := f.First("DefaultQueueManager")
	if s == nil {
		s = f.Add("DefaultQueueManager")
	}
	s.Set("Name", name)
}

// loadMQSIni reads mqs.ini; a missing file reads as an empty one.
func (l Layout) loadMQSIni() (*mqini.File, error) {
	f, err := mqini.Load(l.MQSIni())
	if errors.Is(err, fs.ErrNotExist) {
		return &mqini.File{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("qmdir: %w", err)
	}
	return f, nil
}

// updateRegistry runs change on mqs.ini under the registry lock and writes
// the result back atomically. A missing mqs.ini starts from the default one.
func (l Layout) updateRegistry(change func(*mqini.File) error) error {
	return l.withRegistryLock(func() error {
		f, err := mqini.Load(l.MQSIni())
		if errors.Is(err, fs.ErrNotExist) {
			f, err = l.defaultMQSIni(), nil
		}
		if err != nil {
			return fmt.Errorf("qmdir: %w", err)
		}
		if err := change(f); err != nil {
			return err
		}
		return l.writeMQSIni(f, lookupOwner())
	})
}

func (l Layout) writeMQSIni(f *mqini.File, own owner) error {
	_, statErr := os.Stat(l.MQSIni())
	if err := f.WriteFile(l.MQSIni(), modeMQSIni); err != nil {
		return fmt.Errorf("qmdir: %w", err)
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		return own.chown(l.MQSIni())
	}
	return nil
}

// withRegistryLock runs fn holding an exclusive flock on the registry lock
// file in the root.
func (l Layout) withRegistryLock(fn func() error) error {
	f, err := openLockFile(filepath.Join(l.Root, registryLock))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := flock(f, true); err != nil {
		return fmt.Errorf("qmdir: lock %s: %w", f.Name(), err)
	}
	return fn()
}
