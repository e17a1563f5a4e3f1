package objects

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestObjectJSONRoundTrip(t *testing.T) {
	o := Object{Type: TypeNamelist, Name: "NL1", Attrs: map[string]string{"NAMES": "A,B", "DESCR": "x"}}
	data, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	// The store relies on the record's "name" member.
	var header struct{ Name string }
	if err := json.Unmarshal(data, &header); err != nil || header.Name != "NL1" {
		t.Fatalf("record %s has no name member", data)
	}
	var back Object
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, o) {
		t.Fatalf("round trip: %+v != %+v", back, o)
	}
	for _, bad := range []string{`{"name":"X"}`, `{"type":"QLOCAL"}`, `[1]`} {
		var x Object
		if err := json.Unmarshal([]byte(bad), &x); err == nil {
			t.Errorf("%s decoded", bad)
		} else if bad != `[1]` && !errors.Is(err, ErrBadRecord) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestObjectAccessors(t *testing.T) {
	o := Object{Type: TypeQLocal, Name: "Q1", Attrs: map[string]string{
		"MAXDEPTH": "5000", "SHARE": "NOSHARE", "TRIGGER": "TRIGGER", "DESCR": "d",
	}}
	if n, ok := o.Int("MAXDEPTH"); !ok || n != 5000 {
		t.Errorf("Int = %d, %v", n, ok)
	}
	if _, ok := o.Int("DESCR"); ok {
		t.Error("Int of a string attribute")
	}
	if o.Flag("SHARE") || !o.Flag("TRIGGER") {
		t.Error("Flag")
	}
	if o.String("DESCR") != "d" || o.String("NOSUCH") != "" {
		t.Error("String")
	}
	c := o.Copy()
	c.Attrs["DESCR"] = "changed"
	if o.Attrs["DESCR"] != "d" {
		t.Error("Copy shares its attributes")
	}
	if o.Space() != SpaceQueue {
		t.Errorf("Space = %s", o.Space())
	}
	cl := Object{Type: TypeChannel, Name: "C", Attrs: map[string]string{"CHLTYPE": "CLNTCONN"}}
	if cl.Space() != SpaceClntConn {
		t.Errorf("client channel space %s", cl.Space())
	}
	nl := Object{Type: TypeNamelist, Attrs: map[string]string{"NAMES": "A,B"}}
	if !reflect.DeepEqual(nl.List("NAMES"), []string{"A", "B"}) || nl.List("NONE") != nil {
		t.Error("List")
	}
}
