// Package pcf encodes and decodes IBM MQ Programmable Command Format (PCF)
// messages: an MQCFH header followed by typed parameter structures. gomqm's
// command server uses it for the "Escape" command through which runmqsc
// sends MQSC text (message format MQADMIN) and receives the response text.
//
// # Basics
//
// A [Message] is a [CFH] and a list of [Param] values; [Message.Encode] and
// [Decode] convert it to and from bytes in a given byte order (the order
// named by the Encoding of the MQMD that carries the message). Parameters
// are [CFIN] (integer), [CFST] (string), [CFIL] (integer list), [CFSL]
// (string list) and [CFBS] (byte string); other structure types decode as
// [Unknown] and re-encode unchanged.
//
// [NewEscape] builds an MQSC escape command, [NewEscapeResponse] a reply,
// and [EscapeText] extracts the text from either.
//
// # Caveats
//
// Constant values match IBM's cmqcfc.h (checked against the constant file
// of IBM's Apache-2.0 Go binding); the Go names drop IBM's MQ prefix and
// underscores, e.g. CFTCommand is MQCFT_COMMAND. Strings are copied as
// bytes with no code-page conversion.
package pcf
