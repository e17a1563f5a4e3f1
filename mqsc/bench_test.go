package mqsc

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseDump reads and parses corpus file 49, a 1.7 MB dmpmqcfg
// dump of about 6,100 commands.
func BenchmarkParseDump(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "49-*.mqsc"))
	if len(files) == 0 {
		b.Skip("corpus file 49 not found")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r := NewReader(bytes.NewReader(data))
		for {
			src, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if src.Text == "" {
				continue
			}
			if _, err := Parse(src.Text); err != nil {
				b.Fatal(err)
			}
		}
	}
}
