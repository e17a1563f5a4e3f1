package mqini

import (
	"bytes"
	"reflect"
	"testing"
)

type flat struct {
	Name string
	KVs  [][2]string
}

func flatten(f *File) []flat {
	var out []flat
	for _, s := range f.All() {
		fs := flat{Name: s.Name()}
		for _, e := range s.body {
			if e.key != "" {
				fs.KVs = append(fs.KVs, [2]string{e.key, e.value})
			}
		}
		out = append(out, fs)
	}
	return out
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(mqsIni))
	f.Add([]byte("S:\n   a=b=c\n# c\n\nT:\n; x\n   k = v \n"))
	f.Add([]byte("S:\r\n k=v\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		want := flatten(file)
		again, err := Parse(bytes.NewReader(file.Bytes()))
		if err != nil {
			t.Fatalf("re-parse of Bytes failed: %v\n%q", err, file.Bytes())
		}
		if got := flatten(again); !reflect.DeepEqual(got, want) {
			t.Fatalf("stanzas changed across Bytes:\n%v\n%v", want, got)
		}
		// Rewriting every value forces the normalised layout.
		for _, s := range again.All() {
			for _, k := range s.Keys() {
				v, _ := s.Get(k)
				s.Set(k, v+"x")
				s.Set(k, v)
			}
		}
		third, err := Parse(bytes.NewReader(again.Bytes()))
		if err != nil {
			t.Fatalf("re-parse of normalised Bytes failed: %v\n%q", err, again.Bytes())
		}
		if got := flatten(third); !reflect.DeepEqual(got, want) {
			t.Fatalf("stanzas changed after Set:\n%v\n%v", want, got)
		}
	})
}
