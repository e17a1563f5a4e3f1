package mqsc

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir holds real MQSC scripts from public repositories (see its
// README.md): every command must parse, except the known exceptions.
const corpusDir = "../../shared/conformance/mqsc"

// corpusException reports whether a command of the corpus is one that
// IBM MQ rejects too (README "Known exceptions"): the FAILEDDLAY typo of
// file 36, and the CICS definitions on lines 1-11 of file 50.
func corpusException(file string, src *Source) bool {
	switch {
	case strings.HasPrefix(file, "36-"):
		return strings.Contains(strings.ToUpper(src.Text), "FAILEDDLAY")
	case strings.HasPrefix(file, "50-"):
		return firstLine(src) <= 11
	}
	return false
}

func firstLine(src *Source) int {
	for _, l := range src.Lines {
		if l.Kind == LineCommand {
			return l.Number
		}
	}
	return 0
}

type corpusScore struct{ parsed, total int }

func (s *corpusScore) add(o corpusScore) { s.parsed += o.parsed; s.total += o.total }

func TestConformanceCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.mqsc"))
	if len(files) == 0 {
		t.Skip("conformance corpus not found at " + corpusDir)
	}
	var all, noZOS, noDumps corpusScore
	for _, path := range files {
		name := filepath.Base(path)
		zos := strings.HasPrefix(name, "50-") // the z/OS dialect, scored separately
		score, zosScore := scoreFile(t, path, name, zos)
		t.Logf("%-70s commands parsed %d / total %d", name, score.parsed, score.total)
		if zos {
			t.Logf("%-70s with z/OS keywords accepted: %d / %d", name, zosScore.parsed, zosScore.total)
		}
		all.add(score)
		if !zos {
			noZOS.add(score)
		}
		if !zos && !strings.HasPrefix(name, "49-") {
			noDumps.add(score)
		}
	}
	t.Logf("all files: commands parsed %d / total %d", all.parsed, all.total)
	t.Logf("all files but the z/OS file 50: commands parsed %d / total %d", noZOS.parsed, noZOS.total)
	t.Logf("without files 49-50: commands parsed %d / total %d", noDumps.parsed, noDumps.total)
}

// scoreFile parses every command of one file. It fails the test for any
// command that does not parse and is not a known exception; for the
// z/OS file it only counts, with and without z/OS keywords.
func scoreFile(t *testing.T, path, name string, zos bool) (score, zosScore corpusScore) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewReader(f)
	for {
		src, err := r.Next()
		if errors.Is(err, io.EOF) {
			return score, zosScore
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if src.Text == "" {
			continue
		}
		score.total++
		zosScore.total++
		_, perr := Parse(src.Text)
		if perr == nil {
			score.parsed++
		}
		if _, zerr := ParseOptions(src.Text, Options{ZOS: true}); zerr == nil {
			zosScore.parsed++
		}
		exception := corpusException(name, src)
		if perr != nil && !zos && !exception {
			t.Errorf("%s:%d: %v", name, firstLine(src), perr)
		}
		if perr == nil && exception {
			t.Errorf("%s:%d: a command IBM MQ rejects was accepted: %q", name, firstLine(src), src.Text)
		}
		if zos && !exception {
			if _, zerr := ParseOptions(src.Text, Options{ZOS: true}); zerr != nil {
				t.Errorf("%s:%d (z/OS keywords accepted): %v", name, firstLine(src), zerr)
			}
		}
	}
}
