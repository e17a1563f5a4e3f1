package objects

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/ssl"
)

// keyStoreRuntime is a Runtime with a real key store, as the queue manager
// has once channels use TLS.
type keyStoreRuntime struct {
	*fakeRuntime
	ks *ssl.KeyStore
}

func (k keyStoreRuntime) RefreshSSL(stem string) error { return k.ks.Refresh(stem, "") }

func TestRefreshSecuritySSL(t *testing.T) {
	q := newTestQMgr(t)
	runSteps(t, q, []step{
		{"REFRESH SECURITY TYPE(SSL)", []string{"AMQ8999E: The command is not available in this release of the queue manager."}, mqi.MQRCCF_COMMAND_FAILED},
	})
	dir := t.TempDir()
	stem := filepath.Join(dir, "key")
	ks := ssl.NewKeyStore(stem, "")
	q.ex.rt = keyStoreRuntime{q.rt, ks}
	q.mustRun("ALTER QMGR SSLKEYR('" + stem + "')")
	r := q.run("REFRESH SECURITY TYPE(SSL)")
	if !r.Failed || len(r.Lines) != 1 || !strings.HasPrefix(r.Lines[0], "AMQ9660E: ") || !strings.Contains(r.Lines[0], "key.sth") {
		t.Fatalf("no stash: %q", r.Lines)
	}
	p12, sth := ssl.RepositoryFiles(stem)
	if err := (&ssl.Repository{Path: p12}).Save("pw"); err != nil {
		t.Fatal(err)
	}
	if err := ssl.WriteStash(sth, "pw"); err != nil {
		t.Fatal(err)
	}
	runSteps(t, q, []step{
		{"REFRESH SECURITY TYPE(SSL)", []string{"AMQ8560I: IBM MQ security cache refreshed."}, 0},
		{"REFRESH SECURITY TYPE(AUTHSERV)", []string{"AMQ8999E: The command is not available in this release of the queue manager."}, mqi.MQRCCF_COMMAND_FAILED},
	})
	if _, err := ks.Repository(); err != nil || ks.Stem() != stem {
		t.Errorf("key store %s: %v", ks.Stem(), err)
	}
	// ALTER QMGR SSLKEYR takes effect at the next refresh.
	other := filepath.Join(dir, "new")
	q.mustRun("ALTER QMGR SSLKEYR('" + other + "')")
	if ks.Stem() != stem {
		t.Error("SSLKEYR applied before REFRESH SECURITY")
	}
	r = q.run("REFRESH SECURITY TYPE(SSL)")
	if !r.Failed || !strings.HasPrefix(r.Lines[0], "AMQ9660E: ") || ks.Stem() != other {
		t.Errorf("refresh of the new SSLKEYR: %q (stem %s)", r.Lines, ks.Stem())
	}
}
