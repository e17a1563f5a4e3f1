package mqi

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/gomqm/gomqm/internal/errlog"
	"github.com/gomqm/gomqm/internal/session"
	"github.com/gomqm/gomqm/ssl"
)

// TLS of client connections, as an IBM MQ C client sets it up. The
// channel's SSLCIPH, SSLPEER and CERTLABL come from the MQCD
// (SSLCipherSpec, SSLPeerName, CertificateLabel) or the JSON CCDT's
// transmissionSecurity (cipherSpecification, certificatePeerName,
// certificateLabel); MQSERVER cannot ask for TLS. The key repository is
// the stem MQSCO.KeyRepository, else MQSSLKEYR (<stem>.p12 and its stash
// <stem>.sth); its password MQSCO.KeyRepoPassword, else MQKEYRPWD, else
// the stash. The certificate sent is the channel's CertificateLabel, else
// MQSCO.CertificateLabel, else MQCERTLABL, else ibmwebspheremq<user>.

// Environment variables of client TLS.
const (
	envKeyRepository = "MQSSLKEYR"
	envKeyRepoPwd    = "MQKEYRPWD"
	envCertLabel     = "MQCERTLABL"
)

// startClientTLS runs the client's TLS handshake over nc when the channel
// has a CipherSpec, and returns the connection to use: nc itself for a
// plain channel. A failure closes nc and gives the reason an IBM MQ
// client reports.
func startClientTLS(nc net.Conn, ch clientChannel, cno *MQCNO) (net.Conn, *ssl.Session, int32) {
	if strings.TrimSpace(ch.tls.CipherSpec) == "" {
		return nc, nil, MQRC_NONE
	}
	keys, err := clientKeys(cno)
	if err != nil {
		nc.Close()
		return nil, nil, clientTLSFailed(err, nc)
	}
	def := ch.tls
	def.Name = ch.name
	def.CipherSpec = strings.TrimSpace(def.CipherSpec)
	ctx, cancel := context.WithTimeout(context.Background(), dialTimeout)
	defer cancel()
	s, err := ssl.Initiate(ctx, nc, def, keys)
	if err != nil {
		nc.Close()
		return nil, nil, clientTLSFailed(err, nc)
	}
	return s.Conn, s, MQRC_NONE
}

// errNoKeyRepository is a TLS channel without MQSCO.KeyRepository or
// MQSSLKEYR.
var errNoKeyRepository = errors.New("mqi: a TLS channel needs a key repository: set MQSSLKEYR or MQSCO.KeyRepository")

// clientKeys reads the client's key repository and chooses its label.
func clientKeys(cno *MQCNO) (ssl.Keys, error) {
	var sco MQSCO
	if cno.SSLConfig != nil {
		sco = *cno.SSLConfig
	}
	stem := strings.TrimSpace(sco.KeyRepository)
	if stem == "" {
		stem = strings.TrimSpace(os.Getenv(envKeyRepository))
	}
	if stem == "" {
		return ssl.Keys{}, errNoKeyRepository
	}
	pw := sco.KeyRepoPassword
	if pw == "" {
		pw = os.Getenv(envKeyRepoPwd)
	}
	if ext := strings.ToLower(stem[max(len(stem)-4, 0):]); ext == ".p12" || ext == ".kdb" {
		stem = stem[:len(stem)-4] // a file name given instead of the stem
	}
	repo, err := ssl.OpenRepository(stem, pw)
	if err != nil {
		return ssl.Keys{}, err
	}
	label := strings.TrimSpace(sco.CertificateLabel)
	if label == "" {
		label = strings.TrimSpace(os.Getenv(envCertLabel))
	}
	if label == "" {
		label = ssl.DefaultClientLabel(clientUser(cno))
	}
	return ssl.Keys{CertLabel: label, Repository: repo}, nil
}

// clientTLSFailed logs a client's TLS failure and returns its reason.
func clientTLSFailed(err error, nc net.Conn) int32 {
	logClientTLS(err, nc)
	if errors.Is(err, errNoKeyRepository) {
		return MQRC_KEY_REPOSITORY_ERROR
	}
	return tlsReason(err)
}

// logClientTLS writes a TLS failure with its AMQ id to the client's error
// log, <data path>/errors/AMQERR01.LOG, as IBM MQ clients do, so that the
// cause behind the reason code is there; a log that cannot be opened is
// skipped.
func logClientTLS(err error, nc net.Conn) {
	var se *ssl.Error
	if !errors.As(err, &se) {
		return
	}
	l, err := errlog.Open(filepath.Join(dataRoot(), "errors"), errlog.Options{})
	if err != nil {
		return
	}
	defer l.Close()
	host := ""
	if a := nc.RemoteAddr(); a != nil {
		host = a.String()
	}
	_ = l.Write(errlog.Entry{ID: se.ID, Inserts: se.Inserts(), RemoteHost: host})
}

// tlsReason is the reason code of a client TLS failure: the key
// repository cannot be opened (2381), SSLPEER does not match the queue
// manager's certificate (2398) or cannot be parsed (2399), the queue
// manager ended the session (2059: the cause is in its error log), any
// other failure of the handshake 2393.
func tlsReason(err error) int32 {
	switch ssl.IDOf(err) {
	case 9657:
		return MQRC_KEY_REPOSITORY_ERROR
	case 9636:
		return MQRC_SSL_PEER_NAME_MISMATCH
	case 9640:
		return MQRC_SSL_PEER_NAME_ERROR
	case 9665, 9638:
		return MQRC_Q_MGR_NOT_AVAILABLE
	}
	return MQRC_SSL_INITIALIZATION_ERROR
}

// tlsRefusalReason maps a failure of the first exchange after a TLS
// handshake: with TLS 1.3 a queue manager that rejects the client's
// certificate (untrusted, SSLPEER, SSLCAUTH) says so only then.
func tlsRefusalReason(s *ssl.Session, err error) int32 {
	var se *session.StatusError
	if errors.As(err, &se) {
		return refusalReason(err)
	}
	e := s.Classify(err)
	logClientTLS(e, s.Conn)
	if ssl.IDOf(e) == 9642 {
		// The queue manager asked for a certificate the client lacks.
		return MQRC_SSL_INITIALIZATION_ERROR
	}
	return MQRC_Q_MGR_NOT_AVAILABLE
}
