package mqi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gomqm/gomqm/ssl"
)

// clientChannel is one way to reach a queue manager as a client: a
// client-connection channel from MQCNO.ClientConn, MQSERVER or a CCDT.
type clientChannel struct {
	name      string
	addrs     []string // host:port, tried in order
	qmgr      string   // the CCDT's queueManager; "" for any
	maxMsgL   int32
	hbInt     int32
	shareCnv  int32
	reconnect int32          // MQRCN_*
	tls       ssl.ChannelTLS // SSLCIPH, SSLPEER, CERTLABL (tls.go); blank SSLCIPH: plain
}

// Errors of the client configuration, returned when a channel cannot be
// read from MQSERVER, a CCDT or an MQCD.
var (
	errBadMQSERVER = errors.New("mqi: MQSERVER is not CHANNEL/TCP/host(port)")
	errBadConnName = errors.New("mqi: connection name is not host(port)[,host(port)...]")
	errBadCCDT     = errors.New("mqi: not a JSON CCDT")
)

// parseMQSERVER reads IBM's MQSERVER variable: ChannelName/TCP/ConnName,
// where ConnName is host, host(port) or a comma-separated list of them.
func parseMQSERVER(s string) (clientChannel, error) {
	parts := strings.SplitN(s, "/", 3)
	if len(parts) != 3 || strings.TrimSpace(parts[0]) == "" || !strings.EqualFold(strings.TrimSpace(parts[1]), "TCP") {
		return clientChannel{}, errBadMQSERVER
	}
	addrs, err := parseConnName(parts[2])
	if err != nil {
		return clientChannel{}, err
	}
	ch := defaultClientChannel(strings.TrimSpace(parts[0]))
	ch.addrs = addrs
	return ch, nil
}

// parseConnName turns a CONNAME (host(port), host, host:port... comma
// separated) into dial addresses; the port defaults to 1414.
func parseConnName(s string) ([]string, error) {
	var out []string
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			return nil, errBadConnName
		}
		host, port := item, "1414"
		if i := strings.IndexByte(item, '('); i >= 0 {
			if !strings.HasSuffix(item, ")") {
				return nil, errBadConnName
			}
			host, port = strings.TrimSpace(item[:i]), strings.TrimSpace(item[i+1:len(item)-1])
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || !validHost(host) {
			return nil, errBadConnName
		}
		out = append(out, net.JoinHostPort(host, port))
	}
	return out, nil
}

// validHost accepts a host name or an IPv4 or IPv6 address, with no
// brackets: letters, digits and . - _ : %.
func validHost(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for _, c := range h {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(".-_:%", c)
		if !ok {
			return false
		}
	}
	return true
}

func defaultClientChannel(name string) clientChannel {
	return clientChannel{name: name, maxMsgL: defMaxMsgLength, hbInt: 300, shareCnv: defSharingConversations, reconnect: MQRCN_NO}
}

// fromMQCD is the channel an application gives in MQCNO.ClientConn.
func fromMQCD(cd *MQCD) (clientChannel, error) {
	addrs, err := parseConnName(cd.ConnectionName)
	if err != nil {
		return clientChannel{}, err
	}
	ch := clientChannel{
		name: strings.TrimSpace(cd.ChannelName), addrs: addrs, maxMsgL: cd.MaxMsgLength,
		hbInt: cd.HeartbeatInterval, shareCnv: cd.SharingConversations, reconnect: cd.DefReconnect,
		tls: ssl.ChannelTLS{CipherSpec: cd.SSLCipherSpec, PeerName: cd.SSLPeerName, CertLabel: cd.CertificateLabel},
	}
	if ch.name == "" {
		return clientChannel{}, errBadConnName
	}
	return ch, nil
}

// ccdtFile is IBM's JSON CCDT (9.1.2 and later): the subset of its keys
// a client connection uses.
type ccdtFile struct {
	Channel []struct {
		Name             string `json:"name"`
		Type             string `json:"type"`
		ClientConnection struct {
			Connection []struct {
				Host string `json:"host"`
				Port int    `json:"port"`
			} `json:"connection"`
			QueueManager string `json:"queueManager"`
		} `json:"clientConnection"`
		ConnectionManagement struct {
			SharingConversations *int32 `json:"sharingConversations"`
			HeartbeatInterval    *int32 `json:"heartbeatInterval"`
			DefaultReconnect     string `json:"defaultReconnect"`
		} `json:"connectionManagement"`
		General struct {
			MaxMessageLength *int32 `json:"maxMessageLength"`
		} `json:"general"`
		TransmissionSecurity struct {
			CipherSpecification string `json:"cipherSpecification"`
			CertificateLabel    string `json:"certificateLabel"`
			CertificatePeerName string `json:"certificatePeerName"`
		} `json:"transmissionSecurity"`
	} `json:"channel"`
}

// parseCCDT decodes a JSON CCDT into its client-connection channels, in
// file order.
func parseCCDT(data []byte) ([]clientChannel, error) {
	var f ccdtFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %w", errBadCCDT, err)
	}
	var out []clientChannel
	for _, c := range f.Channel {
		if c.Type != "clientConnection" || strings.TrimSpace(c.Name) == "" || len(c.Name) > 20 {
			continue
		}
		ch := defaultClientChannel(strings.TrimSpace(c.Name))
		ch.qmgr = strings.TrimSpace(c.ClientConnection.QueueManager)
		for _, conn := range c.ClientConnection.Connection {
			port := conn.Port
			if port == 0 {
				port = 1414
			}
			if !validHost(conn.Host) || port < 1 || port > 65535 {
				return nil, fmt.Errorf("%w: channel %s: bad connection", errBadCCDT, ch.name)
			}
			ch.addrs = append(ch.addrs, net.JoinHostPort(conn.Host, strconv.Itoa(port)))
		}
		if len(ch.addrs) == 0 {
			return nil, fmt.Errorf("%w: channel %s has no connection", errBadCCDT, ch.name)
		}
		ts := c.TransmissionSecurity
		ch.tls = ssl.ChannelTLS{CipherSpec: ts.CipherSpecification, PeerName: ts.CertificatePeerName, CertLabel: ts.CertificateLabel}
		cm := c.ConnectionManagement
		if cm.SharingConversations != nil {
			ch.shareCnv = *cm.SharingConversations
		}
		if cm.HeartbeatInterval != nil {
			ch.hbInt = *cm.HeartbeatInterval
		}
		if c.General.MaxMessageLength != nil {
			ch.maxMsgL = *c.General.MaxMessageLength
		}
		switch strings.ToLower(cm.DefaultReconnect) {
		case "yes":
			ch.reconnect = MQRCN_YES
		case "queuemanager":
			ch.reconnect = MQRCN_Q_MGR
		case "disabled":
			ch.reconnect = MQRCN_DISABLED
		}
		out = append(out, ch)
	}
	return out, nil
}

// ccdtPath is where the CCDT is: MQCNO.CCDTUrl, else MQCCDTURL, else
// MQCHLLIB/MQCHLTAB (file AMQCLCHL.TAB by default); "" when none is set.
// Only file URLs (file:///path, file:/path) and plain paths are read.
func ccdtPath(cno *MQCNO) string {
	url := cno.CCDTUrl
	if url == "" {
		url = os.Getenv("MQCCDTURL")
	}
	if url != "" {
		url = strings.TrimPrefix(url, "file://")
		return strings.TrimPrefix(url, "file:")
	}
	lib, tab := os.Getenv("MQCHLLIB"), os.Getenv("MQCHLTAB")
	if lib == "" && tab == "" {
		return ""
	}
	if tab == "" {
		tab = "AMQCLCHL.TAB"
	}
	if lib == "" || filepath.IsAbs(tab) {
		return tab
	}
	return filepath.Join(lib, tab)
}

// matchQMgr selects the CCDT channels for the queue manager name an
// application asks for: a blank name or "*" takes any, "*NAME" takes
// the channels of NAME without checking the name of the queue manager
// reached.
func matchQMgr(chans []clientChannel, name string) []clientChannel {
	want := strings.TrimPrefix(name, "*")
	var out []clientChannel
	for _, ch := range chans {
		if want == "" || ch.qmgr == want {
			out = append(out, ch)
		}
	}
	return out
}
