package mqi

import (
	"errors"
	"net"
	"slices"
	"strconv"
	"testing"
)

func TestParseMQSERVER(t *testing.T) {
	for _, c := range []struct {
		in    string
		name  string
		addrs []string
	}{
		{"DEV.APP.SVRCONN/TCP/localhost(1414)", "DEV.APP.SVRCONN", []string{"localhost:1414"}},
		{"A/tcp/host", "A", []string{"host:1414"}},
		{"A/TCP/h1(1415), h2(1416)", "A", []string{"h1:1415", "h2:1416"}},
		{"A/TCP/::1(1414)", "A", []string{"[::1]:1414"}},
	} {
		ch, err := parseMQSERVER(c.in)
		if err != nil || ch.name != c.name || !slices.Equal(ch.addrs, c.addrs) {
			t.Errorf("parseMQSERVER(%q) = %q %v, %v", c.in, ch.name, ch.addrs, err)
		}
	}
	for _, bad := range []string{"", "A", "A/TCP", "/TCP/h(1)", "A/LU62/h(1)", "A/TCP/h(", "A/TCP/h(0)",
		"A/TCP/h(70000)", "A/TCP/h(x)", "A/TCP/(1414)", "A/TCP/h(1),", "A/TCP/a b(1)"} {
		if _, err := parseMQSERVER(bad); err == nil {
			t.Errorf("parseMQSERVER(%q) accepted", bad)
		}
	}
}

func TestParseCCDT(t *testing.T) {
	data := []byte(`{"channel":[
	 {"name":"SYSTEM.DEF.SVRCONN","type":"serverConnection"},
	 {"name":"C1","type":"clientConnection",
	  "clientConnection":{"connection":[{"host":"h1","port":1415},{"host":"h2"}],"queueManager":"QM1"},
	  "connectionManagement":{"sharingConversations":0,"heartbeatInterval":60,"defaultReconnect":"queueManager"},
	  "general":{"maxMessageLength":1024}},
	 {"name":"C2","type":"clientConnection","clientConnection":{"connection":[{"host":"h3","port":1}],"queueManager":"QM2"}}]}`)
	chans, err := parseCCDT(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(chans) != 2 {
		t.Fatalf("%d channels, want the 2 client connections", len(chans))
	}
	c := chans[0]
	if c.name != "C1" || !slices.Equal(c.addrs, []string{"h1:1415", "h2:1414"}) || c.qmgr != "QM1" ||
		c.shareCnv != 0 || c.hbInt != 60 || c.maxMsgL != 1024 || c.reconnect != MQRCN_Q_MGR {
		t.Fatalf("C1 = %+v", c)
	}
	if m := matchQMgr(chans, "QM2"); len(m) != 1 || m[0].name != "C2" {
		t.Fatalf("QM2 selects %+v", m)
	}
	if m := matchQMgr(chans, "*QM1"); len(m) != 1 || m[0].name != "C1" {
		t.Fatalf("*QM1 selects %+v", m)
	}
	if m := matchQMgr(chans, ""); len(m) != 2 {
		t.Fatalf("blank selects %d", len(m))
	}
	for _, bad := range []string{`{`, `{"channel":[{"name":"X","type":"clientConnection"}]}`,
		`{"channel":[{"name":"X","type":"clientConnection","clientConnection":{"connection":[{"host":"","port":1}]}}]}`,
		`{"channel":[{"name":"X","type":"clientConnection","clientConnection":{"connection":[{"host":"h","port":99999}]}}]}`} {
		if _, err := parseCCDT([]byte(bad)); !errors.Is(err, errBadCCDT) {
			t.Errorf("parseCCDT(%s): %v, want errBadCCDT", bad, err)
		}
	}
}

func FuzzParseMQSERVER(f *testing.F) {
	for _, s := range []string{"DEV.APP.SVRCONN/TCP/localhost(1414)", "A/TCP/h1(1),h2(2)", "A/TCP/::1", "A//", "A/TCP/h((1))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ch, err := parseMQSERVER(s)
		if err != nil {
			return
		}
		if ch.name == "" || len(ch.addrs) == 0 {
			t.Fatalf("%q accepted as %+v", s, ch)
		}
		for _, a := range ch.addrs {
			if _, _, err := splitHostPortStrict(a); err != nil {
				t.Fatalf("%q gave address %q: %v", s, a, err)
			}
		}
	})
}

func FuzzParseCCDT(f *testing.F) {
	f.Add([]byte(`{"channel":[{"name":"C1","type":"clientConnection","clientConnection":{"connection":[{"host":"h","port":1414}],"queueManager":"QM1"}}]}`))
	f.Add([]byte(`{"channel":[{"name":"C1","type":"clientConnection","connectionManagement":{"defaultReconnect":"yes"}}]}`))
	f.Add([]byte(`{"channel":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		chans, err := parseCCDT(data)
		if err != nil {
			return
		}
		for _, ch := range chans {
			if ch.name == "" || len(ch.name) > 20 || len(ch.addrs) == 0 {
				t.Fatalf("accepted channel %+v", ch)
			}
		}
	})
}

// splitHostPortStrict checks that a dial address has a host and a port
// from 1 to 65535.
func splitHostPortStrict(addr string) (string, int, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, err
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 || host == "" {
		return "", 0, errBadConnName
	}
	return host, n, nil
}
