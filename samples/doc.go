// Package samples holds the Go versions of IBM MQ's sample programs, one
// command per directory, and the scripts that test them as commands.
//
// Each program imports only package mqi and the standard library, so it
// can be copied as the start of an application:
//
//   - amqsput puts each line of its input on a queue as a message.
//   - amqsget gets and prints messages, waiting 15 seconds for more.
//   - amqsgbr browses a queue and prints each message's text.
//   - amqsbcg browses a queue and dumps each message's descriptor and data.
//   - amqsreq puts each input line as a request and shows the replies.
//   - amqsecha answers each request on a queue with a copy of its data.
//   - amqsinq answers each request naming a queue with that queue's attributes.
//
// They take IBM's arguments and print IBM's lines, so what is written
// about the C samples applies to them. This package itself has no code:
// its tests build the queue manager commands and the samples, and run
// testdata/*.txtar against a real queue manager.
package samples
