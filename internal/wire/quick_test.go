package wire

import (
	"math/rand"
	"reflect"
	"testing"
	"testing/quick"
)

// Generators for testing/quick: each wraps a structure and fills it with
// random values in the canonical form a round trip preserves.
type (
	quickMD  struct{ v MQMD }
	quickOD  struct{ v MQOD }
	quickPMO struct{ v MQPMO }
	quickGMO struct{ v MQGMO }
	quickID  struct{ v InitialData }
)

func (quickMD) Generate(r *rand.Rand, _ int) reflect.Value {
	return reflect.ValueOf(quickMD{randMD(r)})
}
func (quickOD) Generate(r *rand.Rand, _ int) reflect.Value {
	return reflect.ValueOf(quickOD{randOD(r)})
}
func (quickPMO) Generate(r *rand.Rand, _ int) reflect.Value {
	return reflect.ValueOf(quickPMO{randPMO(r)})
}
func (quickGMO) Generate(r *rand.Rand, _ int) reflect.Value {
	return reflect.ValueOf(quickGMO{randGMO(r)})
}
func (quickID) Generate(r *rand.Rand, _ int) reflect.Value {
	return reflect.ValueOf(quickID{randID(r)})
}

// propRoundTrip reports whether in survives encode/decode in both orders.
func propRoundTrip[T any, P interface {
	*T
	codec
}](t *testing.T, in P) bool {
	for _, bo := range orders {
		b := in.Marshal(bo.o)
		var out P = new(T)
		n, err := out.Unmarshal(b, bo.o)
		if err != nil || n != len(b) || !reflect.DeepEqual(out, in) {
			t.Logf("%s: n=%d/%d err=%v\n got %+v\nwant %+v", bo.name, n, len(b), err, *out, *in)
			return false
		}
	}
	return true
}

func TestQuickRoundTrip(t *testing.T) {
	cfg := &quick.Config{MaxCount: 500}
	props := map[string]any{
		"MD":  func(q quickMD) bool { return propRoundTrip(t, &q.v) },
		"OD":  func(q quickOD) bool { return propRoundTrip(t, &q.v) },
		"PMO": func(q quickPMO) bool { return propRoundTrip(t, &q.v) },
		"GMO": func(q quickGMO) bool { return propRoundTrip(t, &q.v) },
		"ID":  func(q quickID) bool { return propRoundTrip(t, &q.v) },
		"Put": func(md quickMD, pmo quickPMO, data []byte) bool {
			if len(data) == 0 {
				data = nil
			}
			return propRoundTrip(t, &PutBody{MD: md.v, PMO: pmo.v, Data: data})
		},
		"XQH": func(md quickMD, od quickOD) bool {
			x := MQXQH{RemoteQName: od.v.ObjectName, RemoteQMgrName: od.v.ObjectQMgrName, MsgDesc: md.v}
			return propRoundTrip(t, &x)
		},
	}
	for name, f := range props {
		t.Run(name, func(t *testing.T) {
			if err := quick.Check(f, cfg); err != nil {
				t.Error(err)
			}
		})
	}
}
