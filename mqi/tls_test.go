package mqi

import (
	"net"
	"path/filepath"
	"testing"

	"github.com/gomqm/gomqm/ssl"
)

func TestParseCCDTTransmissionSecurity(t *testing.T) {
	data := []byte(`{"channel":[{"name":"TLS.SVRCONN","type":"clientConnection",
	  "clientConnection":{"connection":[{"host":"127.0.0.1","port":1414}],"queueManager":"QM1"},
	  "transmissionSecurity":{"cipherSpecification":"ANY_TLS13","certificateLabel":"mylabel","certificatePeerName":"CN=QM1,O=Example"}},
	 {"name":"PLAIN","type":"clientConnection","clientConnection":{"connection":[{"host":"h"}]}}]}`)
	chans, err := parseCCDT(data)
	if err != nil {
		t.Fatal(err)
	}
	want := ssl.ChannelTLS{CipherSpec: "ANY_TLS13", CertLabel: "mylabel", PeerName: "CN=QM1,O=Example"}
	if chans[0].tls != want {
		t.Fatalf("transmissionSecurity read as %+v", chans[0].tls)
	}
	if chans[1].tls != (ssl.ChannelTLS{}) {
		t.Fatalf("a channel without transmissionSecurity: %+v", chans[1].tls)
	}
	cd := NewMQCD()
	cd.ChannelName, cd.ConnectionName = "C", "h(1)"
	cd.SSLCipherSpec, cd.SSLPeerName, cd.CertificateLabel = "TLS_AES_128_GCM_SHA256", "CN=X", "lab"
	ch, err := fromMQCD(cd)
	if err != nil || ch.tls != (ssl.ChannelTLS{CipherSpec: "TLS_AES_128_GCM_SHA256", PeerName: "CN=X", CertLabel: "lab"}) {
		t.Fatalf("MQCD read as %+v, %v", ch.tls, err)
	}
	// MQSERVER cannot ask for TLS.
	if ch, err := parseMQSERVER("A/TCP/h(1)"); err != nil || ch.tls.CipherSpec != "" {
		t.Fatalf("MQSERVER: %+v %v", ch.tls, err)
	}
}

// TestClientKeys: MQSCO before the environment, for the repository, its
// password and the label; without any repository 2381.
func TestClientKeys(t *testing.T) {
	dir := t.TempDir()
	tmpl := ssl.CertTemplate{DN: "CN=app1", Days: 1}
	key, err := tmpl.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	cert, err := tmpl.SelfSigned(key)
	if err != nil {
		t.Fatal(err)
	}
	stem := filepath.Join(dir, "client")
	repo := &ssl.Repository{Path: stem + ".p12", Entries: []ssl.Entry{{Label: "x", Cert: cert, Key: key}}}
	if err := repo.Save("pw1"); err != nil {
		t.Fatal(err)
	}
	t.Setenv(envKeyRepository, "")
	t.Setenv(envKeyRepoPwd, "")
	t.Setenv(envCertLabel, "")
	if _, err := clientKeys(NewMQCNO()); clientTLSFailed(err, &net.TCPConn{}) != MQRC_KEY_REPOSITORY_ERROR {
		t.Fatalf("no repository: %v, want 2381", err)
	}
	// No stash and no password: AMQ9660E, 2393.
	t.Setenv(envKeyRepository, stem)
	if _, err := clientKeys(NewMQCNO()); ssl.IDOf(err) != 9660 || tlsReason(err) != MQRC_SSL_INITIALIZATION_ERROR {
		t.Fatalf("no stash: %v, want AMQ9660E and 2393", err)
	}
	t.Setenv(envKeyRepoPwd, "pw1")
	t.Setenv(envCertLabel, "fromenv")
	keys, err := clientKeys(NewMQCNO())
	if err != nil || keys.CertLabel != "fromenv" || len(keys.Repository.Entries) != 1 {
		t.Fatalf("from the environment: %+v %v", keys, err)
	}
	cno := NewMQCNO()
	cno.SSLConfig = NewMQSCO()
	cno.SSLConfig.KeyRepository = stem + ".p12" // a file name works too
	cno.SSLConfig.KeyRepoPassword = "pw1"
	cno.SSLConfig.CertificateLabel = "fromsco"
	t.Setenv(envKeyRepository, filepath.Join(dir, "nosuch"))
	t.Setenv(envKeyRepoPwd, "wrong")
	if keys, err := clientKeys(cno); err != nil || keys.CertLabel != "fromsco" {
		t.Fatalf("from MQSCO: %+v %v", keys, err)
	}
	t.Setenv(envCertLabel, "")
	cno.SSLConfig.CertificateLabel = ""
	if keys, _ := clientKeys(cno); keys.CertLabel != ssl.DefaultClientLabel(clientUser(cno)) {
		t.Fatalf("default label %q", keys.CertLabel)
	}
}
