// Package objects is gomqm's model of queue-manager object definitions
// (queues, processes, namelists, channels, listeners, services, topics,
// authentication-information and communication-information objects and
// the queue manager itself) and the executor of the MQSC commands that
// create, change, delete and display them.
//
// # Model
//
// Every object is an [Object]: a type (QLOCAL, CHANNEL, QMGR ...), a name
// and its attributes as DISPLAY shows them, keyed by MQSC keyword. There
// is no Go struct per object type: which attributes a type has, what
// values they take and their IBM defaults come from the MQSC grammar
// table of package mqsc (grammar.tsv), so a keyword added there becomes
// an attribute here.
//
// A pair of flag keywords (SHARE/NOSHARE, TRIGGER/NOTRIGGER,
// HARDENBO/NOHARDENBO) is one attribute keyed by the positive keyword,
// whose value is the keyword in force: Attrs["TRIGGER"] == "NOTRIGGER".
// Lists (NAMES, MSGEXIT ...) are stored with their items joined by
// commas. Blank values are stored as "".
//
// Objects live in an [ObjectStore] (package store implements it), one
// name space per store type: the four queue types share QUEUE, as on IBM
// MQ where a queue name is unique across local, remote, alias and model
// queues; client-connection channels have their own name space CLNTCONN
// apart from the other channels (CHANNEL).
//
// # Executor
//
// [Executor.Execute] runs one parsed *mqsc.Command against the store and
// the live queue-manager state ([Runtime]) and returns the lines runmqsc
// prints: IBM's AMQnnnn messages and DISPLAY layouts. Commands that this
// release does not implement get one AMQ8999E line and Failed set.
//
// [DefaultObjects] builds what crtmqm creates, and [DumpConfig] writes
// dmpmqcfg's MQSC script.
package objects
