// Package ssl is the TLS of channels as IBM MQ admins set it up: the
// CipherSpec table (SSLCIPH), PKCS#12 key repositories with labels and
// stash files (SSLKEYR, CERTLABL), SSLCAUTH and SSLPEER, and failures
// reported with IBM MQ's AMQ96xx message ids and a text naming the cause.
//
// # CipherSpecs
//
// CipherSpecs lists every SSLCIPH name IBM MQ 9.3/9.4 accepts on
// distributed platforms, with its TLS version, IANA suite and whether this
// queue manager can provide it. ValidateCipherSpec is called at DEFINE and
// ALTER CHANNEL time: a name that is unknown, deprecated, older than TLS
// 1.2 or missing from crypto/tls is refused with AMQ8242E, never stored to
// be weakened later. crypto/tls cannot limit the TLS 1.3 suites of a
// handshake, so both ends check the negotiated suite right after it and
// end the channel with AMQ9631E when SSLCIPH does not allow it.
//
// # Key repositories
//
// A stem (QMGR SSLKEYR) names <stem>.p12, a PKCS#12 file holding personal
// certificates with their keys and trusted certificates, each labelled
// by its friendlyName, and <stem>.sth, the obscured password (mode 0600).
// The file format is written here (PBES2/AES-256, HMAC-SHA256), readable
// by OpenSSL and Java keytool. KeyStore keeps a queue manager's repository
// in memory and reads it again on Refresh (REFRESH SECURITY TYPE(SSL)).
//
// # Channels
//
// The initiating end of a channel calls Initiate; the responding end
// calls Respond, which learns the channel from the SNI name the initiator
// sends (SNIName) and applies that channel's SSLCIPH, SSLCAUTH, SSLPEER and
// CERTLABL in the handshake, or, for a partner that sends no SNI, the
// queue manager's certificate followed by Session.CheckChannel once the
// initial data names the channel. Both return a Session whose Conn the
// channel uses and whose Peer fills DISPLAY CHSTATUS (SSLPEER, SSLCERTI,
// SECPROT, SSLCIPH). A failure is an *Error: ID is the AMQ id, Inserts
// the catalogue inserts (channel, cause), ready for the error log;
// Session.Classify maps a failed first read (TLS 1.3 reports the partner's
// rejection there) the same way.
//
// Nothing here reads the environment: the caller passes the repository
// password (KEYRPWD) and opens the key log file (OpenKeyLog), logging
// KeyLogWarning when it does.
package ssl
