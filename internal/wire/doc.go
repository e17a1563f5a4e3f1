// Package wire encodes and decodes the frames of IBM MQ's Formats And
// Protocols (FAP), the protocol gomqm speaks on every socket: between
// applications and the queue-manager process, on client (SVRCONN) channels
// and on sender/receiver message channels.
//
// # Basics
//
// Every frame is a segment: a transmission segment header ([TSH], 28 bytes,
// or 36 bytes in its multiplexed TSHM form) followed by a body whose layout
// depends on the segment type. [ReadSegment] frames a byte stream by the
// big-endian length at offset 4 of each header; [WriteSegment] sends a
// segment with exactly one Write call.
//
// The body structures ([InitialData], [UserID], [Status], [APIHeader],
// [MQMD], [MQOD], [MQPMO], [MQGMO], [MQXQH], [MSH], the MQI verb bodies ...)
// each have a Marshal method that takes the byte order and an Unmarshal
// method that returns the number of bytes consumed. The byte order of a
// segment comes from its TSH byte-order byte ([Segment.Order]); a few fields
// are always big-endian whatever that byte says: the segment length, the
// TSHM conversation and request ids and the API header reply length.
//
// # Strings and identifiers
//
// Fixed-width character fields are Go strings. Unmarshal trims trailing
// blanks and NULs; Marshal pads with blanks to the field width and silently
// truncates longer strings to the width in bytes (which may split a
// multi-byte UTF-8 character: callers that care validate lengths first).
// Strings are copied as bytes; no code-page conversion is done, so peers
// must use an ASCII-compatible CCSID such as 819 or 1208. Identifiers
// (MsgId, CorrelId, GroupId, AccountingToken ...) are fixed byte arrays.
//
// Structure ids are written in ASCII and accepted in ASCII or EBCDIC.
//
// # Errors
//
// Decoders never panic and never trust a length they read beyond the bytes
// available. Failures are [*DecodeError] values that wrap a sentinel such as
// [ErrTruncated] or [ErrBadStrucID], so callers can test them with
// errors.Is; [ReadSegment] reports header lengths out of range with
// [*SegmentLengthError].
//
// # Caveats
//
// The layouts follow the public Wireshark description of the protocol
// (offsets, sizes and constant values). IBM has not published the FAP, so
// fields whose meaning is unknown (the MSH's unknown word, ID "PAL" and "R",
// FCNO flags ...) are carried through unchanged, and semantics that are our
// own inference are marked as such where they are used.
package wire
