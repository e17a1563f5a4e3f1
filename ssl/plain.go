package ssl

// A channel's ends must agree on whether they use TLS. A responder finds
// out from the first byte the partner sends: a TLS handshake record starts
// with 0x16, an MQ transmission segment with the "TSH" eye-catcher.

// recordTypeHandshake is the first byte of a TLS ClientHello record.
const recordTypeHandshake = 0x16

// LooksLikeTLS reports whether the first byte a partner sent starts a TLS
// handshake; a responder reads (peeks) it to choose Respond or plain MQ.
func LooksLikeTLS(first byte) bool { return first == recordTypeHandshake }

// PlainChannelGotTLS is the failure of a responding channel with a blank
// SSLCIPH whose partner started a TLS handshake: AMQ9635E.
func PlainChannelGotTLS(channel, remote string) *Error {
	return &Error{ID: msgNoCipherSpec, Channel: channel,
		Detail: "Channel '" + channel + "' has a blank SSLCIPH, but its partner at " + remote + " started a TLS handshake: set the same SSLCIPH at both ends."}
}

// TLSChannelGotPlain is the failure of a responding channel with SSLCIPH
// whose partner sent plain MQ data, found once the initial data names the
// channel: AMQ9639E.
func TLSChannelGotPlain(channel, remote string) *Error {
	return &Error{ID: msgRemoteNoCipher, Channel: channel,
		Detail: "Channel '" + channel + "' requires TLS, but its partner at " + remote + " sent plain MQ data: its SSLCIPH is blank."}
}
