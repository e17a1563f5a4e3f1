package ssl

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	gopkcs12 "software.sslmate.com/src/go-pkcs12"
)

// writeTestRepository saves a repository with one personal certificate
// (label ibmwebspheremqqm1) and two trusted certificates.
func writeTestRepository(t *testing.T, dir, password string) (*Repository, string) {
	t.Helper()
	ca := newTestCA(t, "CN=Test CA,O=gomqm,C=GB")
	other := newTestCA(t, "CN=Partner CA,O=partner,C=FR")
	stem := filepath.Join(dir, "key")
	p12, _ := RepositoryFiles(stem)
	r := &Repository{Path: p12}
	for _, e := range []Entry{
		ca.issue("ibmwebspheremqqm1", "CN=QM1,OU=MQ,O=gomqm,C=GB", "", timeZero, 30),
		{Label: "test ca", Cert: ca.entry.Cert},
		{Label: "partnerca", Cert: other.entry.Cert},
	} {
		if err := r.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Save(password); err != nil {
		t.Fatal(err)
	}
	return r, stem
}

func TestRepositoryRoundTrip(t *testing.T) {
	dir := t.TempDir()
	want, stem := writeTestRepository(t, dir, "passw0rd")
	p12, _ := RepositoryFiles(stem)
	fi, err := os.Stat(p12)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	got, err := ReadRepository(p12, "passw0rd")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Entries) != len(want.Entries) {
		t.Fatalf("%d entries, want %d", len(got.Entries), len(want.Entries))
	}
	for i, e := range got.Entries {
		w := want.Entries[i]
		if e.Label != w.Label || !e.Cert.Equal(w.Cert) || e.Personal() != w.Personal() {
			t.Errorf("entry %d: %q personal=%v, want %q personal=%v", i, e.Label, e.Personal(), w.Label, w.Personal())
		}
	}
	if _, err := ReadRepository(p12, "wrong"); IDOf(err) != msgRepoPassword {
		t.Errorf("wrong password: %v, want AMQ9660E", err)
	}
	if _, err := ReadRepository(filepath.Join(dir, "none.p12"), "x"); IDOf(err) != msgRepoNotOpened {
		t.Errorf("missing file: %v, want AMQ9657E", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.p12"), []byte("not pkcs12"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRepository(filepath.Join(dir, "bad.p12"), "x"); IDOf(err) != msgBadRepository {
		t.Errorf("damaged file: %v, want AMQ9661E", err)
	}
}

// TestGoPKCS12ReadsOurFiles decodes our file with go-pkcs12, an
// independent reader: the key belongs to the first certificate.
func TestGoPKCS12ReadsOurFiles(t *testing.T) {
	r, _ := writeTestRepository(t, t.TempDir(), "passw0rd")
	data, err := os.ReadFile(r.Path)
	if err != nil {
		t.Fatal(err)
	}
	key, leaf, cas, err := gopkcs12.DecodeChain(data, "passw0rd")
	if err != nil {
		t.Fatal(err)
	}
	if !leaf.Equal(r.Entries[0].Cert) || len(cas) != 2 {
		t.Errorf("leaf %s with %d CAs", leaf.Subject, len(cas))
	}
	if key == nil {
		t.Error("no key")
	}
}

// TestReadsGoPKCS12TrustStore reads a trust store written by go-pkcs12.
func TestReadsGoPKCS12TrustStore(t *testing.T) {
	ca := newTestCA(t, "CN=Store CA,C=GB")
	data, err := gopkcs12.Modern.EncodeTrustStoreEntries([]gopkcs12.TrustStoreEntry{{Cert: ca.entry.Cert, FriendlyName: "storeca"}}, "pw")
	if err != nil {
		t.Fatal(err)
	}
	r, err := parseRepository(data, "pw")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Entries) != 1 || r.Entries[0].Label != "storeca" || r.Entries[0].Personal() {
		t.Errorf("entries %+v", r.Entries)
	}
}

func TestOpenSSLShowsLabels(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	r, _ := writeTestRepository(t, t.TempDir(), "passw0rd")
	out, err := exec.Command(openssl, "pkcs12", "-info", "-in", r.Path, "-passin", "pass:passw0rd", "-nokeys").CombinedOutput()
	if err != nil {
		t.Fatalf("openssl: %v\n%s", err, out)
	}
	for _, want := range []string{"MAC: sha256", "friendlyName: ibmwebspheremqqm1", "friendlyName: test ca", "friendlyName: partnerca", "PBES2, PBKDF2, AES-256-CBC"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("openssl output lacks %q:\n%s", want, out)
		}
	}
	out, err = exec.Command(openssl, "pkcs12", "-info", "-in", r.Path, "-passin", "pass:wrong", "-nokeys").CombinedOutput()
	if err == nil || !bytes.Contains(out, []byte("verify error")) {
		t.Errorf("openssl accepted a wrong password: %s", out)
	}
}

func TestKeytoolShowsLabels(t *testing.T) {
	keytool, err := exec.LookPath("keytool")
	if err != nil {
		t.Skip("keytool not installed")
	}
	r, _ := writeTestRepository(t, t.TempDir(), "passw0rd")
	out, err := exec.Command(keytool, "-list", "-storetype", "PKCS12", "-keystore", r.Path, "-storepass", "passw0rd").CombinedOutput()
	if err != nil {
		t.Fatalf("keytool: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{"Your keystore contains 3 entries", "ibmwebspheremqqm1,", "PrivateKeyEntry", "test ca,", "partnerca,", "trustedCertEntry"} {
		if !strings.Contains(text, want) {
			t.Errorf("keytool output lacks %q:\n%s", want, text)
		}
	}
}

// TestReadsKeytoolAndOpenSSLFiles reads repositories the usual tools
// write: keytool's with a key pair and an imported CA, openssl's export
// with a name.
func TestReadsKeytoolAndOpenSSLFiles(t *testing.T) {
	keytool, err1 := exec.LookPath("keytool")
	openssl, err2 := exec.LookPath("openssl")
	if err1 != nil || err2 != nil {
		t.Skip("keytool or openssl not installed")
	}
	dir := t.TempDir()
	ks := filepath.Join(dir, "kt.p12")
	run := func(name string, args ...string) {
		t.Helper()
		if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	run(keytool, "-genkeypair", "-storetype", "PKCS12", "-keystore", ks, "-storepass", "secret1", "-alias", "ibmwebspheremqqm2",
		"-dname", "CN=QM2,O=gomqm,C=GB", "-keyalg", "RSA", "-keysize", "2048", "-validity", "10")
	ca := newTestCA(t, "CN=KT CA,C=GB")
	caPEM := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caPEM, EncodePEM(ca.entry.Cert), 0o600); err != nil {
		t.Fatal(err)
	}
	run(keytool, "-importcert", "-noprompt", "-storetype", "PKCS12", "-keystore", ks, "-storepass", "secret1", "-alias", "ktca", "-file", caPEM)
	r, err := ReadRepository(ks, "secret1")
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]bool{}
	for _, e := range r.Entries {
		labels[e.Label] = e.Personal()
	}
	if personal, ok := labels["ibmwebspheremqqm2"]; !ok || !personal {
		t.Errorf("keytool file: labels %v", labels)
	}
	if personal, ok := labels["ktca"]; !ok || personal {
		t.Errorf("keytool file: labels %v", labels)
	}

	// openssl: a key and certificate exported with -name.
	leaf := ca.issue("x", "CN=QM3,C=GB", "", timeZero, 10)
	keyPEM := filepath.Join(dir, "key.pem")
	certPEM := filepath.Join(dir, "cert.pem")
	if err := os.WriteFile(keyPEM, encodeKeyPEM(t, leaf), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certPEM, EncodePEM(leaf.Cert), 0o600); err != nil {
		t.Fatal(err)
	}
	legacy := filepath.Join(dir, "legacy.p12")
	run(openssl, "pkcs12", "-export", "-in", certPEM, "-inkey", keyPEM, "-name", "old3des", "-out", legacy, "-passout", "pass:secret3",
		"-certpbe", "PBE-SHA1-3DES", "-keypbe", "PBE-SHA1-3DES", "-macalg", "sha1")
	if r, err := ReadRepository(legacy, "secret3"); err != nil || len(r.Entries) != 1 || r.Entries[0].Label != "old3des" || !r.Entries[0].Personal() {
		t.Errorf("3DES file: %v", err)
	}
	if _, err := ReadRepository(legacy, "wrong"); IDOf(err) != msgRepoPassword {
		t.Errorf("3DES file, wrong password: %v", err)
	}
	osFile := filepath.Join(dir, "os.p12")
	run(openssl, "pkcs12", "-export", "-in", certPEM, "-inkey", keyPEM, "-name", "ibmwebspheremqqm3", "-out", osFile, "-passout", "pass:secret2")
	r, err = ReadRepository(osFile, "secret2")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Entries) != 1 || r.Entries[0].Label != "ibmwebspheremqqm3" || !r.Entries[0].Personal() {
		t.Errorf("openssl file: %+v", r.Entries)
	}
}
