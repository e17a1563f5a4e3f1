package qmgr

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gomqm/gomqm/internal/errlog"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/ssl"
)

// TLS of channels. The queue manager keeps its key repository (QMGR
// SSLKEYR, with the password of KEYRPWD or the stash) in an ssl.KeyStore
// made when it starts; REFRESH SECURITY TYPE(SSL) reads it again, and the
// QMGR's SSLKEYR and CERTLABL as they are then apply to the channel
// instances that start afterwards. A listener serves TLS and plain
// connections on one port: the first byte of a connection decides.

// KeyLogEnv names the file that receives the TLS secrets of every channel
// (off when unset); AMQ9796W in the error log says it is on.
const KeyLogEnv = "AMQ_SSL_KEYLOGFILE"

// tlsState is the queue manager's side of channel TLS.
type tlsState struct {
	mu        sync.Mutex // guards the fields below
	store     *ssl.KeyStore
	certLabel string   // QMGR CERTLABL when the store was made or refreshed
	keyLog    *os.File // AMQ_SSL_KEYLOGFILE, nil when off
}

// startTLS makes the key store from the QMGR object and opens the key log
// when AMQ_SSL_KEYLOGFILE asks for one. The repository itself is read when
// the first TLS channel needs it.
func (qm *QueueManager) startTLS() {
	stem, pw, label := qm.tlsAttrs()
	qm.tls.mu.Lock()
	qm.tls.store = ssl.NewKeyStore(stem, pw)
	qm.tls.certLabel = label
	qm.tls.mu.Unlock()
	path := os.Getenv(KeyLogEnv)
	if path == "" {
		return
	}
	f, err := ssl.OpenKeyLog(path)
	if err != nil {
		qm.logFailure("open the TLS key log", err)
		return
	}
	qm.tls.mu.Lock()
	qm.tls.keyLog = f
	qm.tls.mu.Unlock()
	qm.writeLog(sslEntry(ssl.KeyLogWarning(path), ""))
}

// stopTLS closes the key log.
func (qm *QueueManager) stopTLS() {
	qm.tls.mu.Lock()
	defer qm.tls.mu.Unlock()
	if qm.tls.keyLog != nil {
		qm.tls.keyLog.Close()
		qm.tls.keyLog = nil
	}
}

// tlsAttrs reads SSLKEYR, KEYRPWD and CERTLABL of the QMGR object.
func (qm *QueueManager) tlsAttrs() (stem, password, label string) {
	o, ok, err := objects.Load(qm.store, objects.TypeQMgr, qm.name)
	if err != nil || !ok {
		return "", "", ""
	}
	return strings.TrimSpace(o.String("SSLKEYR")), o.String("KEYRPWD"), strings.TrimSpace(o.String("CERTLABL"))
}

// RefreshSSL implements objects.SSLRefresher: REFRESH SECURITY TYPE(SSL)
// reads the key repository of stem (the QMGR's SSLKEYR now) again and
// takes the QMGR's CERTLABL, for channel instances started afterwards.
func (qm *QueueManager) RefreshSSL(stem string) error {
	_, pw, label := qm.tlsAttrs()
	qm.tls.mu.Lock()
	store := qm.tls.store
	qm.tls.certLabel = label
	qm.tls.mu.Unlock()
	if store == nil {
		return fmt.Errorf("qmgr: refresh TLS: queue manager not started")
	}
	return store.Refresh(strings.TrimSpace(stem), pw)
}

// TLSKeys returns what a channel instance starting now uses for TLS: the
// queue manager's name and CERTLABL, its key repository (read on first
// use) and the key log. A repository that cannot be read is an
// *ssl.Error (AMQ9657E, AMQ9660E, AMQ9661E).
func (qm *QueueManager) TLSKeys() (ssl.Keys, error) {
	qm.tls.mu.Lock()
	store, label, keyLog := qm.tls.store, qm.tls.certLabel, qm.tls.keyLog
	qm.tls.mu.Unlock()
	keys := ssl.Keys{QMgr: qm.name, CertLabel: label}
	if keyLog != nil {
		keys.KeyLog = keyLog
	}
	if store == nil {
		return keys, fmt.Errorf("qmgr: TLS: queue manager not started")
	}
	repo, err := store.Repository()
	if err != nil {
		return keys, err
	}
	keys.Repository = repo
	return keys, nil
}

// ChannelTLSOf returns the TLS attributes of a channel definition.
func ChannelTLSOf(def *objects.Object) ssl.ChannelTLS {
	return ssl.ChannelTLS{
		Name:       def.Name,
		CipherSpec: strings.TrimSpace(def.String("SSLCIPH")),
		ClientAuth: strings.TrimSpace(def.String("SSLCAUTH")),
		PeerName:   strings.TrimSpace(def.String("SSLPEER")),
		CertLabel:  strings.TrimSpace(def.String("CERTLABL")),
	}
}

// InitiateTLS wraps the outgoing TCP connection of a sender, server or
// requester channel with TLS when its definition has SSLCIPH, using the
// queue manager's key store; a channel without SSLCIPH gets nc back and a
// nil session. On failure the AMQ id and its cause are in the error log
// and the returned *ssl.Error; the caller closes nc. The session's Peer
// fills DISPLAY CHSTATUS (SetTLSStatus). A failed first read on the
// returned connection goes through s.Classify and LogTLSError.
func (qm *QueueManager) InitiateTLS(ctx context.Context, nc net.Conn, def *objects.Object) (net.Conn, *ssl.Session, error) {
	ch := ChannelTLSOf(def)
	if ch.CipherSpec == "" {
		return nc, nil, nil
	}
	keys, err := qm.TLSKeys()
	if err == nil {
		var s *ssl.Session
		if s, err = ssl.Initiate(ctx, nc, ch, keys); err == nil {
			return &tlsChannelConn{Conn: s.Conn, tcp: nc, session: s}, s, nil
		}
	}
	qm.LogTLSError(err, ch.Name, remoteIP(nc))
	return nil, nil, err
}

// LogTLSError writes a TLS failure to the error log with its AMQ id and
// inserts (an *ssl.Error; anything else as AMQ7475W). A channel calls it
// for a failed first read after the handshake, mapped by
// ssl.Session.Classify: with TLS 1.3 the partner's rejection shows there.
func (qm *QueueManager) LogTLSError(err error, channel, host string) {
	var se *ssl.Error
	if errors.As(err, &se) {
		if se.Channel == "" {
			se.Channel = channel
		}
		qm.writeLog(sslEntry(se, host))
		return
	}
	qm.logFailure("TLS on channel "+channel, err)
}

// sslEntry is the error-log entry of an ssl failure.
func sslEntry(e *ssl.Error, host string) errlog.Entry {
	return errlog.Entry{ID: e.ID, Inserts: e.Inserts(), RemoteHost: host}
}

// tlsChannelConn is a channel's connection over TLS: reads and writes go
// through the TLS session; Close closes the TCP connection at once (a
// STOP CHANNEL or an ending queue manager must not wait on a peer).
type tlsChannelConn struct {
	*tls.Conn
	tcp     net.Conn
	session *ssl.Session
}

func (c *tlsChannelConn) Close() error { return c.tcp.Close() }

// TLSSessionOf returns the TLS session of a connection a listener handed
// to a MessageChannelHandler (InboundChannel.Conn) or InitiateTLS
// returned, nil for a plain connection.
func TLSSessionOf(nc net.Conn) *ssl.Session {
	if c, ok := nc.(*tlsChannelConn); ok {
		return c.session
	}
	return nil
}

// tlsHandshakeTimeout bounds a responder's TLS handshake.
const tlsHandshakeTimeout = 30 * time.Second

// acceptTLS looks at the first byte of a new connection: a TLS handshake
// is answered with ssl.Respond, choosing the certificate and checks of
// the channel the partner names by SNI, and the decrypted connection is
// returned; plain MQ data returns nc itself. ok is false when the
// connection is to be closed: the failure is logged.
func (cs *channelServer) acceptTLS(nc net.Conn, host string) (net.Conn, bool) {
	first, err := peekByte(nc)
	if err != nil {
		cs.badData(host, "????", err)
		return nil, false
	}
	if !ssl.LooksLikeTLS(first) {
		return nc, true
	}
	keys, err := cs.qm.TLSKeys()
	if err != nil {
		cs.qm.LogTLSError(err, "????", host)
		return nil, false
	}
	lookup := func(channel string) (ssl.ChannelTLS, bool) {
		def, ok, err := objects.Load(cs.qm.store, objects.TypeChannel, channel)
		if err != nil || !ok {
			return ssl.ChannelTLS{}, false
		}
		ch := ChannelTLSOf(&def)
		if ch.CipherSpec == "" {
			// Answered below with AMQ9635E naming both ends.
			return ssl.ChannelTLS{}, false
		}
		return ch, true
	}
	ctx, cancel := context.WithTimeout(context.Background(), tlsHandshakeTimeout)
	defer cancel()
	s, err := ssl.Respond(ctx, nc, keys, lookup)
	if err != nil {
		select {
		case <-cs.qm.quit: // the ending queue manager broke the handshake
		default:
			cs.qm.LogTLSError(err, "????", host)
		}
		return nil, false
	}
	return &tlsChannelConn{Conn: s.Conn, tcp: nc, session: s}, true
}

// checkChannelTLS applies a channel's TLS rules once the initial data
// has named it: a channel with SSLCIPH reached in plain text is AMQ9639E,
// a channel without one reached over TLS AMQ9635E, and a TLS session made
// without SNI gets the channel's checks now. false means the connection
// is closed; the failure is logged.
func (cs *channelServer) checkChannelTLS(nc net.Conn, def *objects.Object, host string) bool {
	ch := ChannelTLSOf(def)
	s := TLSSessionOf(nc)
	var err error
	switch {
	case s == nil && ch.CipherSpec != "":
		err = ssl.TLSChannelGotPlain(ch.Name, host)
	case s == nil:
		return true
	case ch.CipherSpec == "":
		err = ssl.PlainChannelGotTLS(ch.Name, host)
	default:
		err = s.CheckChannel(ch)
	}
	if err != nil {
		cs.qm.LogTLSError(err, ch.Name, host)
		return false
	}
	return true
}

// peekByte returns the first byte the peer sent without consuming it, so
// that a plain connection stays the bare TCP socket (one writev per
// reply). The read deadline of nc applies.
func peekByte(nc net.Conn) (byte, error) {
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return 0, fmt.Errorf("qmgr: %T cannot be peeked", nc)
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0, fmt.Errorf("qmgr: peek: %w", err)
	}
	var b [1]byte
	var n int
	var perr error
	err = raw.Read(func(fd uintptr) bool {
		n, _, perr = syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK)
		return !errors.Is(perr, syscall.EAGAIN)
	})
	if err == nil {
		err = perr
	}
	if err != nil {
		return 0, fmt.Errorf("qmgr: peek: %w", err)
	}
	if n == 0 {
		return 0, errEOFBeforeData
	}
	return b[0], nil
}

// errEOFBeforeData is a connection closed before it sent anything.
var errEOFBeforeData = fmt.Errorf("qmgr: connection closed before any data: %w", io.EOF)

// SetTLSStatus fills the TLS fields of a DISPLAY CHSTATUS record from a
// channel's session (SECPROT, SSLCIPH, SSLPEER, SSLCERTI ...); a nil
// session leaves them as a plain channel shows them.
func SetTLSStatus(st *objects.ChannelStatus, s *ssl.Session) {
	if s == nil {
		return
	}
	a := s.Peer.StatusAttrs()
	st.SecProt, st.SSLCiph, st.SSLPeer, st.SSLCertI = a["SECPROT"], a["SSLCIPH"], a["SSLPEER"], a["SSLCERTI"]
	st.SSLKeyDA, st.SSLKeyTI = a["SSLKEYDA"], a["SSLKEYTI"]
	st.SSLRKeys, _ = strconv.Atoi(a["SSLRKEYS"])
}
