// Package cli implements gomqm's control commands with IBM MQ's options,
// output lines, message ids and exit codes: crtmqm, strmqm, endmqm,
// dspmq, dltmqm, dspmqver, runmqsc, dmpmqcfg, and runmqakm (key
// repositories; like IBM's, it works on the files it is given, for any
// user). Each cmd/<name>/main.go calls one function here with the
// process's arguments and an Env, and exits with the code it returns.
//
// This is the only package that reads the environment for configuration
// (MQ_OVERRIDE_DATA_PATH for the data root, MQPROMPT for runmqsc's prompt).
// Commands print usage for -?, --help and a bad option, refuse users who
// are not administrators with AMQ7077E (package authz), and write refused
// operations to the error log of the queue manager, or the system-wide one.
//
// The behaviour is tested with testscript scripts in testdata/script, which
// run the commands as real processes against a data directory of their own.
package cli
