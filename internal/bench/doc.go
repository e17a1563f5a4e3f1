// Package bench is the mqbench load tool: it measures messages per second
// and latency percentiles of a queue manager for a set of scenarios
// (persistent and non-persistent puts, put-then-get pairs, concurrent
// putters and getters, with 1 to 32 applications) and compares each
// figure with a limit of the machine measured in the same run:
//
//   - D, the rate of 4 KiB overwrite + fdatasync on a preallocated file
//     in the queue manager's data directory (a persistent message cannot
//     be made durable faster than the disk syncs, except by group commit);
//   - E, the rate of 1 KiB round trips over a Unix socket between two
//     processes (every MQI verb in bindings mode is one such round trip).
//
// # Processes
//
// Each application is a separate operating-system process: mqbench runs
// its own executable again as "mqbench worker ...". A worker connects in
// bindings mode, opens the queue, says it is ready, waits for the common
// start time, then runs a closed loop (each verb waits for its reply)
// through a warm-up and a measured window and writes its counts and a
// latency histogram to standard output as one JSON line. The echo server
// and client that measure E are re-executions too. Every loop is bounded
// by a count and by time.
//
// # Queue manager
//
// By default mqbench creates a queue manager in a temporary data directory
// with the control commands found beside its own executable (crtmqm,
// strmqm, runmqsc, endmqm, dltmqm), runs the scenarios and deletes it
// again. With -m it uses a running queue manager instead.
//
// The package never prints except through the writers of the Env it is
// given, and never exits the process.
package bench
