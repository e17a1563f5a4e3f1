// Package mqsc reads and checks IBM MQ script commands (MQSC) the way
// runmqsc does on Multiplatforms, and lays out their replies.
//
// The grammar (verbs, objects, keywords, value kinds, defaults) is the
// data table grammar.tsv, embedded in the package; see Lookup, Verb and
// Object.
package mqsc
