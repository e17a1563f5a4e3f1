package ssl_test

import (
	"context"
	"log"
	"net"

	"github.com/gomqm/gomqm/ssl"
)

// A sender channel's TLS, as channel code runs it: the queue manager's key
// store gives the repository, the channel definition its TLS attributes.
func ExampleInitiate() {
	keys := ssl.NewKeyStore("/var/mqm/qmgrs/QM1/ssl/key", "") // SSLKEYR; "" reads key.sth
	repo, err := keys.Repository()
	if err != nil {
		log.Fatal(err) // AMQ9657E, AMQ9660E or AMQ9661E: log it with its inserts
	}
	conn, err := net.Dial("tcp", "127.0.0.1:1415")
	if err != nil {
		log.Fatal(err)
	}
	ch := ssl.ChannelTLS{Name: "QM1.TO.QM2", CipherSpec: "ANY_TLS13_OR_HIGHER", PeerName: "CN=QM2,O=Example"}
	s, err := ssl.Initiate(context.Background(), conn, ch, ssl.Keys{QMgr: "QM1", Repository: repo})
	if err != nil {
		log.Fatal(err) // an *ssl.Error: ID and Inserts() for AMQERR01.LOG
	}
	defer s.Conn.Close()
	// Exchange initial data over s.Conn; map a failed first read with
	// s.Classify(err). s.Peer.StatusAttrs() fills DISPLAY CHSTATUS.
}

// A receiver's side: the listener accepts, peeks the first byte, and hands
// a TLS connection to Respond with a lookup of channel definitions.
func ExampleRespond() {
	ln, err := net.Listen("tcp", "127.0.0.1:1415")
	if err != nil {
		log.Fatal(err)
	}
	conn, err := ln.Accept()
	if err != nil {
		log.Fatal(err)
	}
	repo, err := ssl.NewKeyStore("/var/mqm/qmgrs/QM2/ssl/key", "").Repository()
	if err != nil {
		log.Fatal(err)
	}
	lookup := func(channel string) (ssl.ChannelTLS, bool) {
		// The channel's definition: SSLCIPH, SSLCAUTH, SSLPEER, CERTLABL.
		return ssl.ChannelTLS{Name: channel, CipherSpec: "ANY_TLS13_OR_HIGHER", ClientAuth: "REQUIRED"}, channel == "QM1.TO.QM2"
	}
	s, err := ssl.Respond(context.Background(), conn, ssl.Keys{QMgr: "QM2", Repository: repo}, lookup)
	if err != nil {
		log.Fatal(err)
	}
	if s.Channel == "" {
		// No SNI: check once the initial data names the channel.
		if err := s.CheckChannel(ssl.ChannelTLS{Name: "QM1.TO.QM2", CipherSpec: "ANY_TLS13_OR_HIGHER"}); err != nil {
			log.Fatal(err)
		}
	}
}
