package ssl

import (
	"errors"

	"github.com/gomqm/gomqm/internal/amqmsg"
)

// Errors of key repositories.
var (
	// ErrLabelExists is returned by Add when the label is in use.
	ErrLabelExists = errors.New("ssl: label already in use")
	// ErrDuplicateCert is returned by Add when the same certificate is
	// already in the repository under another label.
	ErrDuplicateCert = errors.New("ssl: certificate already in the repository")
	// ErrNoLabel is returned when no entry has the label.
	ErrNoLabel = errors.New("ssl: no certificate with that label")
)

// Errors of stash files.
var (
	// ErrBadStash is returned when a stash file does not hold a password.
	ErrBadStash = errors.New("ssl: stash file damaged")
)

// Errors of the PKCS#12 codec.
var (
	// errBadPassword is returned when the MAC of a file does not verify
	// with the password given.
	errBadPassword = errors.New("ssl: key repository password incorrect")
	// errBadFormat is returned when a file is not a PKCS#12 file we can
	// read (damaged, or an encryption we do not implement).
	errBadFormat = errors.New("ssl: key repository format not readable")
)

// Message ids of the failures this package reports. Each is IBM MQ's id
// for the same failure; the texts are in internal/amqmsg/messages.txt.
const (
	msgCipherSpecWrong   amqmsg.ID = 8242 // SSLCIPH definition wrong (DEFINE/ALTER)
	msgProtocolRefused   amqmsg.ID = 9616 // partner offered only refused protocols
	msgCipherMismatch    amqmsg.ID = 9631 // negotiated CipherSpec is not SSLCIPH's
	msgBadCertificate    amqmsg.ID = 9633 // partner's certificate failed validation
	msgNoCipherSpec      amqmsg.ID = 9635 // channel did not specify a valid CipherSpec
	msgPeerNameMismatch  amqmsg.ID = 9636 // SSLPEER does not match the partner's DN
	msgLackingCert       amqmsg.ID = 9637 // partner sent no certificate, one is required
	msgCommsError        amqmsg.ID = 9638 // other TLS failure
	msgRemoteNoCipher    amqmsg.ID = 9639 // partner channel has no SSLCIPH
	msgBadPeerName       amqmsg.ID = 9640 // SSLPEER cannot be parsed
	msgRemoteCipherError amqmsg.ID = 9641 // partner rejected our CipherSpec
	msgNoCertificate     amqmsg.ID = 9642 // no personal certificate with the label
	msgRepoNotOpened     amqmsg.ID = 9657 // key repository missing or unreadable
	msgRepoPassword      amqmsg.ID = 9660 // wrong password or unusable stash
	msgBadRepository     amqmsg.ID = 9661 // key repository content unusable
	msgClosedByRemote    amqmsg.ID = 9665 // partner closed the connection
	msgKeyLogging        amqmsg.ID = 9796 // TLS secrets are being logged
)

// Error is a TLS failure reported with IBM MQ's message id. Its inserts
// are the channel name and the cause in words (both CipherSpecs, the DN,
// the label, the certificate and when it expired ...), in the order the
// catalogue entry of the id uses them (see Inserts).
type Error struct {
	ID amqmsg.ID
	// Channel is the channel name; "????" is shown while it is not known,
	// as IBM MQ does.
	Channel string
	// Detail names the actual cause.
	Detail string
	// Args are the further inserts of the text: AMQ9640E's attribute,
	// AMQ9616E's CipherSpec and remote host.
	Args []string
	// Err is the underlying failure, if any.
	Err error
}

// Inserts returns the message inserts in the catalogue's order: for most
// ids the channel and the detail; AMQ9640E channel, attribute, detail;
// AMQ9616E CipherSpec, host, channel, detail; AMQ9796W the file.
func (e *Error) Inserts() []string {
	ch := e.Channel
	if ch == "" {
		ch = "????"
	}
	switch e.ID {
	case msgBadPeerName:
		return append(append([]string{ch}, e.Args...), e.Detail)
	case msgProtocolRefused:
		return append(e.Args, ch, e.Detail)
	case msgKeyLogging:
		return []string{e.Detail}
	}
	return append([]string{ch, e.Detail}, e.Args...)
}

// Error returns the message line followed by the detail.
func (e *Error) Error() string {
	s := amqmsg.Format(e.ID, e.Inserts()...)
	if e.Detail != "" && e.ID != msgKeyLogging {
		s += " " + e.Detail
	}
	return s
}

// Unwrap returns the underlying failure.
func (e *Error) Unwrap() error { return e.Err }

// Message returns the catalogue entry with the inserts filled in, for the
// error log.
func (e *Error) Message() amqmsg.Message {
	m, _ := amqmsg.Lookup(e.ID)
	return m.With(e.Inserts()...)
}

// IDOf returns the message id of the first *Error in err's chain, or 0.
func IDOf(err error) amqmsg.ID {
	var e *Error
	if errors.As(err, &e) {
		return e.ID
	}
	return 0
}

// withChannel returns err with the channel name set on its *Error.
func withChannel(err error, channel string) error {
	var e *Error
	if errors.As(err, &e) && e.Channel == "" {
		e.Channel = channel
	}
	return err
}
