package ssl

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Session is one end of a channel's TLS connection after a successful
// handshake.
type Session struct {
	// Conn is the TLS connection; the channel reads and writes it.
	Conn *tls.Conn
	// Channel is the channel the session is for: the initiating end's own,
	// or on the responding end the one named by the partner's SNI (blank
	// when the partner sent none; call CheckChannel once it is known).
	Channel string
	// Peer describes the partner's certificate and the negotiated
	// CipherSpec, for DISPLAY CHSTATUS.
	Peer Peer

	keys      Keys
	responder bool
	checked   bool // the channel's checks ran during the handshake
	state     *handshakeState
}

// Peer is what DISPLAY CHSTATUS shows of a TLS channel's partner.
type Peer struct {
	// DN is SSLPEER: "SERIALNUMBER=..,CN=..,OU=..,O=..,C=..". Blank when
	// the partner sent no certificate.
	DN string
	// Issuer is SSLCERTI: the DN of the partner certificate's issuer.
	Issuer string
	// CipherSpec is the negotiated CipherSpec's name.
	CipherSpec string
	// Protocol is SECPROT: TLSV12 or TLSV13.
	Protocol string
	// Cert is the partner's certificate; nil when it sent none.
	Cert *x509.Certificate
	// Since is when the handshake completed. SSLKEYDA/SSLKEYTI (the last
	// secret key reset) stay blank and SSLRKEYS 0: keys are not reset.
	Since time.Time
}

// handshakeState is what one handshake learns, for the error texts.
type handshakeState struct {
	mu        sync.Mutex
	channel   ChannelTLS
	spec      CipherSpec
	known     bool     // channel is known (initiator, or responder with SNI)
	offered   []uint16 // the partner's cipher suites (responder)
	asked     bool     // the responder asked the initiator for a certificate
	noCert    bool     // ... and the initiator had none with its label
	noCertErr error
	offerErr  error // the ClientHello cannot meet the CipherSpec (responder)
	remote    string
}

// Initiate runs the initiating end's handshake (sender, server, requester,
// client) over conn for the channel, and checks its outcome: the
// negotiated CipherSpec against SSLCIPH, the partner's certificate against
// the trusted certificates of the repository, its DN against SSLPEER.
// Every failure is an *Error with IBM's id.
func Initiate(ctx context.Context, conn net.Conn, ch ChannelTLS, keys Keys) (*Session, error) {
	spec, err := channelSpec(ch)
	if err != nil {
		return nil, err
	}
	peer, err := ParsePeerName(ch.PeerName)
	if err != nil {
		return nil, withChannel(err, ch.Name)
	}
	st := &handshakeState{channel: ch, spec: spec, known: true, remote: remoteHost(conn)}
	var own *tls.Certificate
	if c, err := keys.certificate(ch); err == nil {
		own = c
	} else {
		st.noCertErr = err
	}
	cfg := baseConfig(spec, keys)
	steerTLS13(cfg, spec)
	cfg.ServerName = SNIName(ch.Name)
	cfg.InsecureSkipVerify = true // verified below against the repository, and by SSLPEER, not by host name
	cfg.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
		st.mu.Lock()
		defer st.mu.Unlock()
		st.asked = true
		if own == nil {
			st.noCert = true
			return &tls.Certificate{}, nil
		}
		return own, nil
	}
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		return verifyPartner(cs, ch, spec, peer, keys, false)
	}
	tc := tls.Client(conn, cfg)
	s := &Session{Conn: tc, Channel: ch.Name, keys: keys, checked: true, state: st}
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, s.classify(err)
	}
	s.Peer = describe(tc.ConnectionState())
	return s, nil
}

// Respond runs the responding end's handshake (receiver, server-connection
// ...) over conn. The partner names its channel by SNI; lookup returns
// that channel's definition, whose SSLCIPH, SSLCAUTH, SSLPEER and CERTLABL
// then apply during the handshake. Without SNI, or when lookup does not
// know the name, the queue manager's certificate is sent, any supported
// CipherSpec is accepted and a certificate is requested; the caller must
// call CheckChannel once the initial data has named the channel.
func Respond(ctx context.Context, conn net.Conn, keys Keys, lookup func(channel string) (ChannelTLS, bool)) (*Session, error) {
	st := &handshakeState{remote: remoteHost(conn)}
	s := &Session{keys: keys, responder: true, state: st}
	base := baseConfig(anySpec(), keys)
	base.GetConfigForClient = func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
		return s.configFor(hello, keys, lookup)
	}
	tc := tls.Server(conn, base)
	s.Conn = tc
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, s.classify(err)
	}
	s.Peer = describe(tc.ConnectionState())
	return s, nil
}

// configFor builds the responder's configuration for one ClientHello.
func (s *Session) configFor(hello *tls.ClientHelloInfo, keys Keys, lookup func(string) (ChannelTLS, bool)) (*tls.Config, error) {
	st := s.state
	ch := ChannelTLS{}
	if name, ok := ChannelFromSNI(hello.ServerName); ok && lookup != nil {
		if def, found := lookup(name); found {
			ch = def
			if ch.Name == "" {
				ch.Name = name
			}
			st.known = true
		}
	}
	spec := anySpec()
	var peer PeerName
	if st.known {
		var err error
		if spec, err = channelSpec(ch); err != nil {
			return nil, err
		}
		if peer, err = ParsePeerName(ch.PeerName); err != nil {
			return nil, withChannel(err, ch.Name)
		}
		s.Channel = ch.Name
		s.checked = true
	}
	st.mu.Lock()
	st.channel, st.spec, st.offered = ch, spec, hello.CipherSuites
	st.mu.Unlock()
	// A partner that cannot meet the CipherSpec is refused by crypto/tls
	// itself, with the alert TLS defines; the error names both sides.
	offerErr := checkOffer(hello, ch, spec, st.remote)
	st.mu.Lock()
	st.offerErr = offerErr
	st.mu.Unlock()
	cert, err := keys.certificate(ch)
	if err != nil {
		return nil, err
	}
	cfg := baseConfig(spec, keys)
	cfg.Certificates = []tls.Certificate{*cert}
	cfg.ClientAuth = tls.RequestClientCert // verified in verifyPartner
	known := st.known
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		if !known {
			return verifyChain(cs, ChannelTLS{}, keys, true)
		}
		return verifyPartner(cs, ch, spec, peer, keys, true)
	}
	return cfg, nil
}

// checkOffer refuses a ClientHello that cannot meet the CipherSpec, with
// both sides named: AMQ9616E for an offer of protocols older than TLS 1.2
// only, AMQ9631E for no common protocol or suite.
func checkOffer(hello *tls.ClientHelloInfo, ch ChannelTLS, spec CipherSpec, remote string) error {
	versionOK, modern := false, false
	for _, v := range hello.SupportedVersions {
		if v >= v12 {
			modern = true
		}
		if v >= spec.MinVersion && v <= spec.MaxVersion {
			versionOK = true
		}
	}
	offered := offeredText(hello)
	if !modern {
		return &Error{ID: msgProtocolRefused, Channel: ch.Name,
			Detail: "The partner offered only protocols older than TLS 1.2 (" + offered + "), which are refused.",
			Args:   []string{proposedSpec(hello), remote}}
	}
	if !versionOK {
		return &Error{ID: msgCipherMismatch, Channel: ch.Name,
			Detail: "The partner offered " + offered + "; SSLCIPH(" + spec.Name + ") needs " + versionRange(spec) + "."}
	}
	if spec.MaxVersion == v12 || spec.MinVersion == v12 && !slices.Contains(hello.SupportedVersions, v13) {
		ok := false
		for _, s := range spec.suites() {
			if slices.Contains(hello.CipherSuites, s) {
				ok = true
			}
		}
		if !ok {
			return &Error{ID: msgCipherMismatch, Channel: ch.Name,
				Detail: "The partner offered " + offered + "; SSLCIPH(" + spec.Name + ") is not among them."}
		}
	}
	return nil
}

// proposedSpec names the partner's first cipher suite as a CipherSpec
// (TLS_RSA_WITH_AES_128_CBC_SHA ...), for AMQ9616E.
func proposedSpec(hello *tls.ClientHelloInfo) string {
	for _, s := range hello.CipherSuites {
		for _, c := range cipherSpecs {
			if c.Suite == s && !c.Alias() {
				return c.Name
			}
		}
	}
	if len(hello.CipherSuites) > 0 {
		return tls.CipherSuiteName(hello.CipherSuites[0])
	}
	return "?"
}

func offeredText(hello *tls.ClientHelloInfo) string {
	var vs, cs []string
	for _, v := range hello.SupportedVersions {
		vs = append(vs, tls.VersionName(v))
	}
	for _, s := range hello.CipherSuites {
		if slices.ContainsFunc(cipherSpecs, func(c CipherSpec) bool { return c.Suite == s && c.MinVersion == v12 }) {
			cs = append(cs, cipherSuiteName(s))
		}
	}
	text := strings.Join(vs, ", ")
	if len(cs) > 0 {
		text += " with TLS 1.2 CipherSpecs " + strings.Join(cs, ", ")
	}
	return text
}

func versionRange(c CipherSpec) string {
	if c.MinVersion == c.MaxVersion {
		return tls.VersionName(c.MinVersion)
	}
	return tls.VersionName(c.MinVersion) + " to " + tls.VersionName(c.MaxVersion)
}

// CheckChannel applies a channel's checks to a responder's session made
// without SNI, once the initial data has named the channel: the
// negotiated CipherSpec against SSLCIPH (AMQ9631E; AMQ9635E when the
// channel has none), a certificate when SSLCAUTH(REQUIRED) or SSLPEER ask
// for one (AMQ9637E), and SSLPEER (AMQ9636E). It does nothing when the
// checks already ran during the handshake.
func (s *Session) CheckChannel(ch ChannelTLS) error {
	if s.checked {
		return nil
	}
	s.Channel = ch.Name
	spec, err := channelSpec(ch)
	if err != nil {
		return err
	}
	peer, err := ParsePeerName(ch.PeerName)
	if err != nil {
		return withChannel(err, ch.Name)
	}
	if err := verifyPartner(s.Conn.ConnectionState(), ch, spec, peer, s.keys, true); err != nil {
		return err
	}
	s.checked = true
	return nil
}

// channelSpec returns the CipherSpec of a channel, or AMQ9635E.
func channelSpec(ch ChannelTLS) (CipherSpec, error) {
	if strings.TrimSpace(ch.CipherSpec) == "" {
		return CipherSpec{}, &Error{ID: msgNoCipherSpec, Channel: ch.Name, Detail: "Channel '" + ch.Name + "' has a blank SSLCIPH but the partner uses TLS."}
	}
	spec, ok := LookupCipherSpec(ch.CipherSpec)
	if !ok || !spec.Supported {
		why := "is not a CipherSpec name"
		if ok {
			why = "cannot be used: " + spec.Reason
		}
		return CipherSpec{}, &Error{ID: msgNoCipherSpec, Channel: ch.Name, Detail: "SSLCIPH(" + ch.CipherSpec + ") " + why + "."}
	}
	return spec, nil
}

func anySpec() CipherSpec {
	c, _ := LookupCipherSpec("ANY")
	return c
}

// baseConfig is the configuration shared by both ends: the protocol
// versions and TLS 1.2 suites of the CipherSpec, never below TLS 1.2.
func baseConfig(spec CipherSpec, keys Keys) *tls.Config {
	cfg := &tls.Config{
		MinVersion:             max(spec.MinVersion, v12),
		MaxVersion:             spec.MaxVersion,
		CipherSuites:           spec.suites(),
		SessionTicketsDisabled: true,
		Time:                   keys.Now,
	}
	if keys.KeyLog != nil {
		cfg.KeyLogWriter = keys.KeyLog
	}
	return cfg
}

// steerTLS13 makes an initiator's ClientHello lead a Go responder to the
// TLS 1.3 suite of a named TLS 1.3 CipherSpec, as far as crypto/tls allows:
// its TLS 1.3 suites are fixed, but a responder prefers ChaCha20 when the
// first suite offered is not AES-GCM, so TLS_CHACHA20_POLY1305_SHA256
// offers the TLS 1.2 ChaCha20 suites first. The protocol stays checked
// after the handshake, so a partner that answers with TLS 1.2 is refused.
// TLS_AES_128_GCM_SHA256 leads with AES-GCM suites likewise (a Go
// responder with AES instructions then picks it), and
// TLS_AES_256_GCM_SHA384 is negotiated only with a partner that offers or
// accepts it alone (IBM MQ, OpenSSL).
func steerTLS13(cfg *tls.Config, spec CipherSpec) {
	switch spec.Suite {
	case tls.TLS_CHACHA20_POLY1305_SHA256:
		cfg.MinVersion = v12
		cfg.CipherSuites = []uint16{tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}
	case tls.TLS_AES_128_GCM_SHA256:
		// Leads with AES-GCM even on a host without AES instructions.
		cfg.MinVersion = v12
		cfg.CipherSuites = []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}
	}
}

// tls13Note explains a TLS 1.3 mismatch that crypto/tls cannot avoid.
func tls13Note(spec CipherSpec, version, suite uint16) string {
	if version == v13 && spec.Suite == tls.TLS_AES_256_GCM_SHA384 && suite != spec.Suite {
		return " crypto/tls cannot offer or choose TLS_AES_256_GCM_SHA384 alone: between two gomqm queue managers use ANY_TLS13 or TLS_AES_128_GCM_SHA256."
	}
	return ""
}

// verifyPartner is run at the end of a handshake: the CipherSpec, the
// certificate chain and SSLPEER.
func verifyPartner(cs tls.ConnectionState, ch ChannelTLS, spec CipherSpec, peer PeerName, keys Keys, responder bool) error {
	if !spec.Accepts(cs.Version, cs.CipherSuite) {
		return &Error{ID: msgCipherMismatch, Channel: ch.Name,
			Detail: fmt.Sprintf("The handshake negotiated %s (%s); channel '%s' requires SSLCIPH(%s).%s",
				cipherSuiteName(cs.CipherSuite), tls.VersionName(cs.Version), ch.Name, spec.Name, tls13Note(spec, cs.Version, cs.CipherSuite))}
	}
	if err := verifyChain(cs, ch, keys, responder); err != nil {
		return err
	}
	if len(cs.PeerCertificates) == 0 {
		return nil
	}
	if cert := cs.PeerCertificates[0]; !peer.Match(cert) {
		return &Error{ID: msgPeerNameMismatch, Channel: ch.Name,
			Detail: "The partner's DN '" + FormatDN(SubjectAttrs(cert)) + "' does not match SSLPEER('" + ch.PeerName + "')."}
	}
	return nil
}

// verifyChain checks that the partner sent a certificate when one is
// required, and that it chains to a trusted certificate of the repository
// and is within its validity period.
func verifyChain(cs tls.ConnectionState, ch ChannelTLS, keys Keys, responder bool) error {
	if len(cs.PeerCertificates) == 0 {
		if responder && ch.clientAuthRequired() && ch.Name != "" {
			why := "SSLCAUTH(REQUIRED)"
			if strings.TrimSpace(ch.PeerName) != "" {
				why = "SSLPEER('" + ch.PeerName + "')"
			}
			return &Error{ID: msgLackingCert, Channel: ch.Name,
				Detail: "The partner of channel '" + ch.Name + "' sent no certificate, and " + why + " requires one."}
		}
		if responder {
			return nil
		}
		return &Error{ID: msgBadCertificate, Channel: ch.Name, Detail: "The partner sent no certificate."}
	}
	leaf := cs.PeerCertificates[0]
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	roots := x509.NewCertPool()
	if keys.Repository != nil {
		roots = keys.Repository.TrustedPool()
	}
	now := keys.now()
	_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: now,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err == nil {
		return nil
	}
	subject := FormatDN(SubjectAttrs(leaf))
	detail := "The partner's certificate '" + subject + "' (serial " + SerialString(leaf.SerialNumber) + ") "
	var invalid x509.CertificateInvalidError
	var unknown x509.UnknownAuthorityError
	switch {
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		c := invalid.Cert
		if now.After(c.NotAfter) {
			detail = "The certificate '" + FormatDN(SubjectAttrs(c)) + "' (serial " + SerialString(c.SerialNumber) + ") expired at " + c.NotAfter.UTC().Format(time.RFC3339) + "."
		} else {
			detail = "The certificate '" + FormatDN(SubjectAttrs(c)) + "' (serial " + SerialString(c.SerialNumber) + ") is not valid before " + c.NotBefore.UTC().Format(time.RFC3339) + "."
		}
	case errors.As(err, &unknown):
		detail += "is not signed by a certificate trusted in the key repository (issuer '" + FormatDN(IssuerAttrs(leaf)) + "')."
	default:
		detail += "failed validation: " + err.Error() + "."
	}
	return &Error{ID: msgBadCertificate, Channel: ch.Name, Detail: detail, Err: err}
}

// describe returns the Peer of a completed handshake.
func describe(cs tls.ConnectionState) Peer {
	p := Peer{CipherSpec: cipherSuiteName(cs.CipherSuite), Protocol: Protocol(cs.Version), Since: time.Now()}
	if len(cs.PeerCertificates) > 0 {
		c := cs.PeerCertificates[0]
		p.Cert = c
		p.DN = PeerDN(c)
		p.Issuer = FormatDN(IssuerAttrs(c))
	}
	return p
}

// Classify turns an error of a read or write on the session into an
// *Error: with TLS 1.3 the partner rejects this end's certificate only
// after the handshake has returned, so the first read reports it.
func (s *Session) Classify(err error) error {
	if err == nil {
		return nil
	}
	return s.classify(err)
}

// classify maps a handshake (or first read) failure to IBM's id.
func (s *Session) classify(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return withChannel(err, s.channelName())
	}
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()
	ch := st.channel.Name
	if ch == "" {
		ch = s.Channel
	}
	if st.offerErr != nil && !s.Conn.ConnectionState().HandshakeComplete {
		var oe *Error
		errors.As(st.offerErr, &oe)
		oe.Err = err
		return oe
	}
	msg := err.Error()
	alert, remote := strings.CutPrefix(lastPart(msg), "remote error: tls: ")
	var rh tls.RecordHeaderError
	switch {
	case errors.As(err, &rh) && s.responder:
		return &Error{ID: msgRemoteNoCipher, Channel: ch, Detail: "The partner at " + st.remote + " did not start a TLS handshake: its channel has no SSLCIPH.", Err: err}
	case errors.As(err, &rh), !remote && closed(err):
		return &Error{ID: msgClosedByRemote, Channel: ch, Detail: "The partner at " + st.remote + " closed the connection during the TLS handshake; it may not use TLS on this channel, or it rejected this end (see its error log).", Err: err}
	case remote && st.noCert && (alert == "certificate required" || alert == "bad certificate"):
		return withChannel(st.noCertErr, ch)
	case remote && (alert == "handshake failure" || alert == "protocol version not supported" || alert == "insufficient security" || alert == "illegal parameter"):
		return &Error{ID: msgRemoteCipherError, Channel: ch, Detail: "The partner at " + st.remote + " rejected SSLCIPH(" + st.spec.Name + ") (" + alert + ").", Err: err}
	case remote:
		return &Error{ID: msgClosedByRemote, Channel: ch, Detail: "The partner at " + st.remote + " ended the TLS session: " + alert + ".", Err: err}
	}
	return &Error{ID: msgCommsError, Channel: ch, Detail: "TLS failure with " + st.remote + ": " + msg + ".", Err: err}
}

func (s *Session) channelName() string {
	if s.state != nil && s.state.channel.Name != "" {
		return s.state.channel.Name
	}
	return s.Channel
}

// lastPart strips the "read tcp a->b: " prefixes of a net.OpError text.
func lastPart(msg string) string {
	if i := strings.Index(msg, "remote error: "); i >= 0 {
		return msg[i:]
	}
	return msg
}

func closed(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, net.ErrClosed)
}

func remoteHost(conn net.Conn) string {
	if a := conn.RemoteAddr(); a != nil {
		return a.String()
	}
	return "?"
}

// StatusAttrs returns the TLS attributes of DISPLAY CHSTATUS for the
// session's partner, by MQSC keyword. Secret keys are never reset, so
// SSLKEYDA and SSLKEYTI are blank and SSLRKEYS is 0.
func (p Peer) StatusAttrs() map[string]string {
	return map[string]string{
		"SSLPEER":  p.DN,
		"SSLCERTI": p.Issuer,
		"SSLCIPH":  p.CipherSpec,
		"SECPROT":  p.Protocol,
		"SSLKEYDA": "",
		"SSLKEYTI": "",
		"SSLRKEYS": "0",
	}
}
