package objects

import (
	"errors"

	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/ssl"
)

// checkChannelTLS refuses, as IBM MQ does when they are entered, an
// SSLCIPH this queue manager cannot provide (AMQ8242E: unknown,
// deprecated, older than TLS 1.2, or a suite crypto/tls does not have)
// and an SSLPEER that does not parse (AMQ9640E). A channel is never
// stored with a CipherSpec that would be weakened later.
func checkChannelTLS(typ, name string, attrs map[string]string) *cmdError {
	if typ != TypeChannel {
		return nil
	}
	if err := ssl.ValidateCipherSpec(attrs["SSLCIPH"]); err != nil {
		return failure(mqi.MQRCCF_SSL_CIPHER_SPEC_ERROR, ssl.IDOf(err))
	}
	if _, err := ssl.ParsePeerName(attrs["SSLPEER"]); err != nil {
		var e *ssl.Error
		errors.As(err, &e)
		e.Channel = name
		return failure(mqi.MQRCCF_SSL_PEER_NAME_ERROR, e.ID, e.Inserts()...)
	}
	return nil
}
