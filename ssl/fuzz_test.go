package ssl

import (
	"testing"
)

// FuzzParsePeerName: any SSLPEER text parses or fails with AMQ9640E, and a
// parsed pattern's canonical form parses to the same pattern.
func FuzzParsePeerName(f *testing.F) {
	for _, s := range []string{"CN=QM1", "CN=QMGR.*, OU=IBM, OU=WEBSPHERE", `O="a,b";C=GB`, "SERIALNUMBER=01:02", "cn=x", "CN=*", "=", ",", `CN="`, "CN=a\\,b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeerName(s)
		if err != nil {
			if IDOf(err) != msgBadPeerName {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if _, err := ParseDN(s); err != nil && IDOf(err) != msgBadPeerName {
			t.Fatalf("ParseDN(%q): %v", s, err)
		}
		_ = p.String()
	})
}

// FuzzDecodeStash: any stash file content decodes or is refused, and a
// password that was decoded encodes back to a file that decodes to it.
func FuzzDecodeStash(f *testing.F) {
	good, _ := encodeStash("passw0rd")
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{0xF5})
	f.Fuzz(func(t *testing.T, data []byte) {
		pw, err := decodeStash(data)
		if err != nil {
			return
		}
		if len(pw) > maxPassword {
			return
		}
		again, err := encodeStash(pw)
		if err != nil {
			t.Fatalf("%q decoded but does not encode: %v", pw, err)
		}
		if back, err := decodeStash(again); err != nil || back != pw {
			t.Fatalf("round trip %q -> %q, %v", pw, back, err)
		}
	})
}

// FuzzDecodePKCS12: any key file is read or refused with an error, never
// a panic; the seeds are a file we write and one keytool-like trust store.
func FuzzDecodePKCS12(f *testing.F) {
	data := seedRepository(f)
	f.Add(data, "pw")
	f.Add(data[:len(data)/2], "pw")
	f.Add([]byte{0x30, 0x03, 0x02, 0x01, 0x03}, "")
	maxIterations = 4096 // keep each input cheap
	f.Cleanup(func() { maxIterations = 1_000_000 })
	f.Fuzz(func(t *testing.T, data []byte, password string) {
		if len(data) > 1<<16 {
			return
		}
		r, err := parseRepository(data, password)
		if err != nil {
			return
		}
		for _, e := range r.Entries {
			if e.Cert == nil {
				t.Fatal("entry without certificate")
			}
		}
	})
}

// FuzzDecodeAuthSafe reaches past the MAC: the safe contents and bags of
// a file, as another tool may have written them.
func FuzzDecodeAuthSafe(f *testing.F) {
	data := seedRepository(f)
	var pfx pfxPDU
	if err := unmarshalAll(data, &pfx); err != nil {
		f.Fatal(err)
	}
	var authSafe []byte
	if err := unmarshalAll(pfx.AuthSafe.Content.Bytes, &authSafe); err != nil {
		f.Fatal(err)
	}
	f.Add(authSafe, "pw")
	f.Add(authSafe, "wrong")
	maxIterations = 4096 // keep each input cheap
	f.Cleanup(func() { maxIterations = 1_000_000 })
	f.Fuzz(func(t *testing.T, authSafe []byte, password string) {
		if len(authSafe) > 1<<16 {
			return
		}
		bags, err := decodeAuthSafe(authSafe, password)
		if err != nil {
			return
		}
		for _, b := range bags {
			if b.cert == nil && b.key == nil {
				t.Fatal("bag with neither certificate nor key")
			}
		}
	})
}

// seedRepository is a PKCS#12 file we write, with a personal and a
// trusted entry, password "pw".
func seedRepository(f *testing.F) []byte {
	f.Helper()
	tmpl := CertTemplate{DN: "CN=Fuzz CA", SigAlg: "SHA256WithECDSA"}
	key, err := tmpl.NewKey()
	if err != nil {
		f.Fatal(err)
	}
	cert, err := tmpl.SelfSigned(key)
	if err != nil {
		f.Fatal(err)
	}
	r := &Repository{Entries: []Entry{{Label: "personal", Cert: cert, Key: key}, {Label: "ca", Cert: cert}}}
	data, err := r.Marshal("pw")
	if err != nil {
		f.Fatal(err)
	}
	return data
}
