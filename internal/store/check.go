package store

import (
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// invariant checks one part of the layout inside a read transaction and
// returns every problem it finds.
type invariant func(tx *bolt.Tx) []error

// invariants lists the checks Check runs after bbolt's own page checks.
// Packages adding buckets add theirs here.
var invariants = []invariant{checkMeta, checkObjects, checkMessages}

// Check verifies the file: bbolt's page-level consistency check, then the
// layout invariants (format version present, every object record a JSON
// object whose "name" equals its key, no stray nested buckets). It returns
// nil or an error wrapping ErrCorrupt that joins every problem found.
func (s *Store) Check() error {
	var problems []error
	err := s.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			problems = append(problems, err)
		}
		for _, inv := range invariants {
			problems = append(problems, inv(tx)...)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %w", ErrCorrupt, errors.Join(problems...))
	}
	return nil
}

func checkMeta(tx *bolt.Tx) []error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return []error{errors.New("bucket meta missing")}
	}
	if v := meta.Get(keyFormat); string(v) != formatVersion {
		return []error{fmt.Errorf("meta/format is %q, want %q", v, formatVersion)}
	}
	return nil
}

// objectHeader is the part of a record the store relies on.
type objectHeader struct {
	Name *string `json:"name"`
}

func checkObjects(tx *bolt.Tx) []error {
	objs := tx.Bucket(bucketObjects)
	if objs == nil {
		return []error{errors.New("bucket objects missing")}
	}
	var problems []error
	_ = objs.ForEach(func(typ, v []byte) error {
		if v != nil {
			problems = append(problems, fmt.Errorf("objects/%s: a value where a type bucket belongs", typ))
			return nil
		}
		problems = append(problems, checkTypeBucket(string(typ), objs.Bucket(typ))...)
		return nil
	})
	return problems
}

func checkTypeBucket(typ string, b *bolt.Bucket) []error {
	var problems []error
	_ = b.ForEach(func(k, v []byte) error {
		where := fmt.Sprintf("objects/%s/%s", typ, k)
		if v == nil {
			problems = append(problems, fmt.Errorf("%s: unexpected nested bucket", where))
			return nil
		}
		var h objectHeader
		if err := json.Unmarshal(v, &h); err != nil {
			problems = append(problems, fmt.Errorf("%s: record does not decode: %w", where, err))
			return nil
		}
		if h.Name == nil || *h.Name != string(k) {
			problems = append(problems, fmt.Errorf("%s: record name does not match its key", where))
		}
		return nil
	})
	return problems
}
