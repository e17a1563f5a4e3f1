package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// MaxKeyLen is the longest object type or name the store accepts, in
// bytes. MQ names are at most 48 characters; the margin is for callers
// that encode more in a key.
const MaxKeyLen = 1024

func checkKey(typ, name string) error {
	if typ == "" || len(typ) > MaxKeyLen || len(name) > MaxKeyLen {
		return fmt.Errorf("%w: type %q name %q", ErrBadKey, typ, name)
	}
	if name == "" {
		return fmt.Errorf("%w: type %q with an empty name", ErrBadKey, typ)
	}
	return nil
}

// PutObject stores (creates or replaces) the record of object name of
// type typ in one committed transaction.
func (s *Store) PutObject(typ, name string, data []byte) error {
	return s.PutObjects(typ, map[string][]byte{name: data})
}

// PutObjects stores several records of one type in one transaction:
// either all of them are written or none is.
func (s *Store) PutObjects(typ string, records map[string][]byte) error {
	defer s.objectGen.Add(1)
	for name := range records {
		if err := checkKey(typ, name); err != nil {
			return err
		}
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.Bucket(bucketObjects).CreateBucketIfNotExists([]byte(typ))
		if err != nil {
			return err
		}
		for name, data := range records {
			if err := b.Put([]byte(name), bytes.Clone(data)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: put %s objects: %w", typ, err)
	}
	return nil
}

// ObjectGeneration counts the object writes (PutObjects, DeleteObject)
// this Store has made: a cache of definitions read at generation g is
// current while ObjectGeneration still returns g. A write counts once it
// has committed (or failed).
func (s *Store) ObjectGeneration() uint64 { return s.objectGen.Load() }

// GetObject returns the record of object name of type typ. found is
// false, with a nil error, when there is no such object.
func (s *Store) GetObject(typ, name string) (data []byte, found bool, err error) {
	if err := checkKey(typ, name); err != nil {
		return nil, false, err
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketObjects).Bucket([]byte(typ))
		if b == nil {
			return nil
		}
		if v := b.Get([]byte(name)); v != nil {
			data, found = bytes.Clone(v), true
		}
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("store: get %s %s: %w", typ, name, err)
	}
	return data, found, nil
}

// DeleteObject removes the record of object name of type typ. Deleting
// an object that does not exist is not an error.
func (s *Store) DeleteObject(typ, name string) error {
	if err := checkKey(typ, name); err != nil {
		return err
	}
	defer s.objectGen.Add(1)
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketObjects).Bucket([]byte(typ))
		if b == nil {
			return nil
		}
		return b.Delete([]byte(name))
	})
	if err != nil {
		return fmt.Errorf("store: delete %s %s: %w", typ, name, err)
	}
	return nil
}

// ListObjects returns every record of type typ keyed by object name. The
// map is empty, not nil, when there are none. The records are copies the
// caller may keep.
func (s *Store) ListObjects(typ string) (map[string][]byte, error) {
	if typ == "" {
		return nil, fmt.Errorf("%w: empty type", ErrBadKey)
	}
	out := make(map[string][]byte)
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketObjects).Bucket([]byte(typ))
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if v != nil { // nil values are nested buckets, not records
				out[string(k)] = bytes.Clone(v)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: list %s objects: %w", typ, err)
	}
	return out, nil
}

// ObjectTypes returns the object types that have a bucket, in byte order.
func (s *Store) ObjectTypes() ([]string, error) {
	var types []string
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketObjects).ForEachBucket(func(k []byte) error {
			types = append(types, string(k))
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: list object types: %w", err)
	}
	return types, nil
}
