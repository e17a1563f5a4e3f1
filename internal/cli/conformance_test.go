package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// corpusDir holds real MQSC scripts written by others (../shared, beside
// the project; see its README for the known exceptions).
const corpusDir = "../../../shared/conformance/mqsc"

// expectedSyntaxErrors are the corpus commands real IBM MQ rejects too:
// file 36 has a typo (FAILEDDLAY), file 50 is z/OS dialect with CICS
// definitions at its top.
var expectedSyntaxErrors = map[string]bool{"36": true, "50": true}

// TestRunmqscVerifiesCorpus runs `runmqsc -v` on every corpus file, as an
// operator would, and requires no syntax error outside the known ones.
func TestRunmqscVerifiesCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.mqsc"))
	if len(files) == 0 {
		t.Skip("conformance corpus not present (../shared/conformance/mqsc)")
	}
	readRe := regexp.MustCompile(`(?m)^(One|\d+) MQSC commands? read\.$`)
	errRe := regexp.MustCompile(`(?m)^(No|One|\d+) commands? ha(?:s|ve) a syntax error\.$`)
	total, bad := 0, 0
	for _, f := range files {
		num := strings.SplitN(filepath.Base(f), "-", 2)[0]
		in, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		env := &Env{Stdin: in, Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
		code := Runmqsc([]string{"-v", "-e"}, env)
		in.Close()
		read := count(readRe.FindStringSubmatch(out.String()))
		errs := count(errRe.FindStringSubmatch(out.String()))
		total += read
		bad += errs
		t.Logf("%s: %d commands, %d syntax errors", filepath.Base(f), read, errs)
		if expectedSyntaxErrors[num] {
			if errs == 0 || code != exitMQSCFailed {
				t.Errorf("%s: expected its known syntax errors, got %d (exit %d)", f, errs, code)
			}
			continue
		}
		if errs != 0 || code != exitOK {
			t.Errorf("%s: %d syntax errors, exit %d; output:\n%s", f, errs, code, firstErrors(out.String()))
		}
	}
	t.Logf("corpus: %d commands parsed, %d with syntax errors (all in files 36 and 50)", total-bad, bad)
}

func count(m []string) int {
	if m == nil {
		return -1
	}
	switch m[1] {
	case "No":
		return 0
	case "One":
		return 1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// firstErrors returns the first syntax error reports of a runmqsc output.
func firstErrors(out string) string {
	i := strings.Index(out, "AMQ8405I")
	if i < 0 {
		return out
	}
	return out[i:min(len(out), i+600)]
}
