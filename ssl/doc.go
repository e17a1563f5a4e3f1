// Package ssl will hold the TLS support of channels: the CipherSpec table
// (SSLCIPH names to TLS versions and suites), PKCS#12 key repositories with
// stash files, certificate labels, SSLPEER matching and SSLCAUTH. It is
// empty in this release: channels and client connections come first.
package ssl
