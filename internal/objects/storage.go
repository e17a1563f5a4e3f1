package objects

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// ObjectStore keeps object records, one name space per store type (see
// the package doc). Records are the JSON encoding of Object. package store
// implements it; so does any map-backed fake in tests.
type ObjectStore interface {
	// GetObject returns the record of name in space typ; found is false,
	// with a nil error, when there is none.
	GetObject(typ, name string) (data []byte, found bool, err error)
	// PutObject creates or replaces one record.
	PutObject(typ, name string, data []byte) error
	// PutObjects writes several records of one space in one transaction.
	PutObjects(typ string, records map[string][]byte) error
	// DeleteObject removes a record; a missing one is not an error.
	DeleteObject(typ, name string) error
	// ListObjects returns every record of a space keyed by name.
	ListObjects(typ string) (map[string][]byte, error)
}

// Load reads the object name of store space space.
func Load(st ObjectStore, space, name string) (Object, bool, error) {
	data, found, err := st.GetObject(space, name)
	if err != nil || !found {
		return Object{}, false, err
	}
	var o Object
	if err := json.Unmarshal(data, &o); err != nil {
		return Object{}, false, fmt.Errorf("objects: %s %s: %w", space, name, err)
	}
	return o, true, nil
}

// LoadAll reads every object of a store space, sorted by name.
func LoadAll(st ObjectStore, space string) ([]Object, error) {
	recs, err := st.ListObjects(space)
	if err != nil {
		return nil, err
	}
	out := make([]Object, 0, len(recs))
	for name, data := range recs {
		var o Object
		if err := json.Unmarshal(data, &o); err != nil {
			return nil, fmt.Errorf("objects: %s %s: %w", space, name, err)
		}
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b Object) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Save writes the object to its store space.
func Save(st ObjectStore, o Object) error {
	data, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("objects: encode %s %s: %w", o.Type, o.Name, err)
	}
	return st.PutObject(o.Space(), o.Name, data)
}

// SaveAll writes objects grouped by store space, one transaction per
// space.
func SaveAll(st ObjectStore, objs []Object) error {
	bySpace := map[string]map[string][]byte{}
	var order []string
	for _, o := range objs {
		data, err := json.Marshal(o)
		if err != nil {
			return fmt.Errorf("objects: encode %s %s: %w", o.Type, o.Name, err)
		}
		sp := o.Space()
		if bySpace[sp] == nil {
			bySpace[sp] = map[string][]byte{}
			order = append(order, sp)
		}
		bySpace[sp][o.Name] = data
	}
	for _, sp := range order {
		if err := st.PutObjects(sp, bySpace[sp]); err != nil {
			return err
		}
	}
	return nil
}
