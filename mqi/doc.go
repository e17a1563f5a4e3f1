// Package mqi is the Go MQI: the application programming interface that
// programs use to talk to a gomqm queue manager.
//
// It has the shape of IBM's Go binding, github.com/ibm-messaging/mq-golang/v5/ibmmq:
// the same constant names and values, the same structure types with the same
// field names, types and defaults, and the same error type. A program written
// for ibmmq ports by changing its import path.
//
// # Constants
//
// All MQI constants are declared with IBM MQ's values for Linux x86-64
// (MQRC_NO_MSG_AVAILABLE int32 = 2033, MQENC_NATIVE int32 = 546,
// MQFMT_STRING string = "MQSTR"). Format names are declared without their
// blank padding, as in ibmmq. MQItoString turns a value back into its name.
//
// The constants are generated: constants.tsv is the source of truth, and
// `go generate` rewrites constants_gen.go and names_gen.go from it.
//
// # Structures
//
// MQMD, MQOD, MQPMO, MQGMO, MQCNO, MQCD, MQCSP, MQSCO, MQBNO, MQBO, MQSTS and
// MQDLH mirror the MQI structures. Always create them with their NewMQxx
// constructor, which fills in the MQI default values: the zero value of a
// structure is not its default (MQMD.Expiry must be MQEI_UNLIMITED, for
// example). Fixed-length character fields are Go strings without padding;
// identifiers and tokens are byte slices of their MQI length.
//
// # Connections
//
// Conn and Connx connect in bindings mode, through the local socket of a
// queue manager under the data directory, or as a client over TCP to a
// listener and a server-connection channel: when the MQCNO asks for it
// (MQCNO_CLIENT_BINDING, an MQCD in ClientConn, CCDTUrl) or the environment
// names a channel (MQSERVER=CHANNEL/TCP/host(port), a JSON CCDT through
// MQCCDTURL or MQCHLLIB/MQCHLTAB, MQ_CONNECT_TYPE=CLIENT).
// MQCNO_LOCAL_BINDING keeps a connection local. A client connection made
// with MQCNO_RECONNECT or MQCNO_RECONNECT_Q_MGR (or the CCDT's
// defaultReconnect) reconnects after a break and reopens its objects.
//
// # Errors
//
// A verb that ends with MQCC_WARNING or MQCC_FAILED returns a *MQReturn that
// carries the completion and reason codes. Its text names both:
//
//	MQGET: MQCC = MQCC_FAILED [2] MQRC = MQRC_NO_MSG_AVAILABLE [2033]
//
// Test for a reason with errors.Is and the sentinels in this package, or
// read the codes with errors.As:
//
//	if errors.Is(err, mqi.ErrNoMsgAvailable) { ... }
//
//	var mqret *mqi.MQReturn
//	if errors.As(err, &mqret) && mqret.MQRC == mqi.MQRC_Q_FULL { ... }
package mqi

//go:generate go run ./internal/gen -in constants.tsv -out .
