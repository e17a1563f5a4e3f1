package objects

import (
	"strings"
	"testing"
)

// TestPasswordsAreNeverShown: KEYRPWD and a channel's PASSWORD are kept
// for the queue manager's use, but DISPLAY shows a set one as asterisks
// (a blank one as blank) and dmpmqcfg leaves them out.
func TestPasswordsAreNeverShown(t *testing.T) {
	q := newTestQMgr(t)
	q.mustRun("ALTER QMGR KEYRPWD('s3cret.key')",
		"DEFINE CHANNEL(TO.PARTNER) CHLTYPE(SDR) CONNAME('h(1414)') XMITQ(XQ) PASSWORD('chl.pw')",
		"DEFINE CHANNEL(NO.PW) CHLTYPE(SDR) CONNAME('h(1414)') XMITQ(XQ)")
	for cmd, want := range map[string]string{
		"DISPLAY QMGR KEYRPWD":                 "KEYRPWD(********)",
		"DISPLAY CHANNEL(TO.PARTNER) PASSWORD": "PASSWORD(********)",
		"DISPLAY CHANNEL(NO.PW) PASSWORD":      "PASSWORD( )",
	} {
		out := strings.Join(q.run(cmd).Lines, "\n")
		if !strings.Contains(out, want) || strings.Contains(out, "s3cret") || strings.Contains(out, "chl.pw") {
			t.Errorf("%s:\n%s\nwant %s and no password", cmd, out, want)
		}
	}
	if o, _, err := Load(q.st, TypeQMgr, "QM1"); err != nil || o.String("KEYRPWD") != "s3cret.key" {
		t.Errorf("stored KEYRPWD %q, want the password itself for the key store", o.String("KEYRPWD"))
	}
	dump := strings.Join(dumpOf(t, q, true), "\n")
	if strings.Contains(dump, "KEYRPWD") || strings.Contains(dump, "PASSWORD") || strings.Contains(dump, "s3cret") {
		t.Errorf("dmpmqcfg writes a password:\n%s", dump)
	}
}
