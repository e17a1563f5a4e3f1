// Package amqmsg is the catalogue of AMQnnnn diagnostic messages that gomqm
// prints and writes to its error logs, with the ids and texts IBM MQ users
// know ("AMQ8110E: IBM MQ queue manager already exists.").
//
// # Data and generator
//
// The messages live in messages.txt; messages_gen.go is generated from it and
// holds one constant per message, named like the id (AMQ8110E = 8110), and
// the table behind Lookup. Edit the data file, then run go generate.
// A test fails when the generated file is out of date.
//
// # Inserts
//
// Message texts contain positional inserts written <insert1>, <insert2>, ...
// Text, Format and Message.With fill them from their arguments in order; a
// number that appears in a text is passed as a string like any other insert.
// Missing inserts are left empty; extra ones are ignored.
package amqmsg

//go:generate go run ./gen -in messages.txt -out messages_gen.go
