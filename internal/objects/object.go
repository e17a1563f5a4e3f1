package objects

import (
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"strings"
)

// Object types. Queue types and the channel are the MQSC object keywords.
const (
	TypeQLocal   = "QLOCAL"
	TypeQRemote  = "QREMOTE"
	TypeQAlias   = "QALIAS"
	TypeQModel   = "QMODEL"
	TypeProcess  = "PROCESS"
	TypeNamelist = "NAMELIST"
	TypeQMgr     = "QMGR"
	TypeChannel  = "CHANNEL"
	TypeListener = "LISTENER"
	TypeService  = "SERVICE"
	TypeTopic    = "TOPIC"
	TypeAuthInfo = "AUTHINFO"
	TypeCommInfo = "COMMINFO"
)

// Store name spaces that are not object types.
const (
	SpaceQueue    = "QUEUE"    // local, remote, alias and model queues
	SpaceClntConn = "CLNTCONN" // client-connection channels
)

// Object is one object definition.
type Object struct {
	Type  string            // QLOCAL, CHANNEL, QMGR ... (the Type* constants)
	Name  string            // the object name; the queue manager name for QMGR
	Attrs map[string]string // keyword -> value as DISPLAY shows it (see the package doc)
}

// IsQueue reports whether typ is one of the four queue types.
func IsQueue(typ string) bool {
	switch typ {
	case TypeQLocal, TypeQRemote, TypeQAlias, TypeQModel:
		return true
	}
	return false
}

// Space returns the store name space of the object: QUEUE for queues,
// CLNTCONN for client-connection channels, otherwise the type.
func (o *Object) Space() string {
	switch {
	case IsQueue(o.Type):
		return SpaceQueue
	case o.Type == TypeChannel && o.Attrs["CHLTYPE"] == "CLNTCONN":
		return SpaceClntConn
	}
	return o.Type
}

// String returns the value of an attribute, "" when it is blank or absent.
func (o *Object) String(kw string) string { return o.Attrs[kw] }

// Int returns the value of an integer attribute and whether it is one.
func (o *Object) Int(kw string) (int, bool) {
	n, err := strconv.Atoi(o.Attrs[kw])
	return n, err == nil
}

// Flag reports whether a flag attribute is on: Flag("SHARE") is true for
// SHARE and false for NOSHARE.
func (o *Object) Flag(kw string) bool { return o.Attrs[kw] == kw }

// List returns the items of a list attribute (NAMES ...); nil when empty.
func (o *Object) List(kw string) []string { return splitList(o.Attrs[kw]) }

// Copy returns a deep copy of the object.
func (o *Object) Copy() Object {
	return Object{Type: o.Type, Name: o.Name, Attrs: maps.Clone(o.Attrs)}
}

func splitList(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ",")
}

// record is the JSON form of an object in the store. The store requires
// the member "name" to equal the record's key.
type record struct {
	Name  string            `json:"name"`
	Type  string            `json:"type"`
	Attrs map[string]string `json:"attrs"`
}

// MarshalJSON encodes the object as its store record.
func (o Object) MarshalJSON() ([]byte, error) {
	attrs := o.Attrs
	if attrs == nil {
		attrs = map[string]string{}
	}
	return json.Marshal(record{Name: o.Name, Type: o.Type, Attrs: attrs})
}

// UnmarshalJSON decodes a store record.
func (o *Object) UnmarshalJSON(data []byte) error {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("objects: decode record: %w", err)
	}
	if r.Type == "" || r.Name == "" {
		return fmt.Errorf("objects: decode record: %w", ErrBadRecord)
	}
	if r.Attrs == nil {
		r.Attrs = map[string]string{}
	}
	*o = Object{Type: r.Type, Name: r.Name, Attrs: r.Attrs}
	return nil
}
