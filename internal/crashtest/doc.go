// Package crashtest holds the reliability tests of the messaging layer:
// the queue manager killed with SIGKILL under load, a full disk, and
// damaged data files. The tests run the real commands (crtmqm, strmqm -f,
// runmqsc, dspmq, endmqm) and the worker program in ./worker as separate
// processes.
//
// # The promise under test
//
// A persistent message whose MQPUT (outside syncpoint) or MQCMIT returned
// is never lost and never duplicated, whatever happens to the
// queue-manager process. A message whose get was never committed may be
// delivered again, but then with MQMD.BackoutCount above zero.
//
// # Journals
//
// Workers record every outcome in a journal file (Journal), one line per
// message id, synced before the next step that depends on it: a producer
// writes a unit of work's ids once MQCMIT has answered, a consumer writes
// what it received before it issues MQCMIT and the outcome after. Check
// reads the journals of a run and returns every broken promise.
//
// # Running
//
// The tests build the commands and the worker (with -race when they run
// under it) into a /tmp directory, and give each queue manager a data root
// under /tmp, since socket paths must stay short. TestCrashRecovery prints
// its random seed; GOMQM_CRASH_SEED=n repeats a run. The data and logs of
// a failed test are kept and their directory is logged;
// GOMQM_CRASHTEST_KEEP=1 keeps them for passing tests too. The disk-full
// tests need root and unshare(1): they run a copy of the test binary in a
// private mount namespace with a 48 MiB tmpfs as the data root, and are
// skipped otherwise. -short skips everything that starts a queue manager
// except the channel tests (channel_crash_test.go), which scale down.
//
// # Channels
//
// The channel tests run two queue managers, QM1 sending to QM2 through a
// TCP proxy on 127.0.0.1 (channel_proxy_test.go) that the test can cut or
// make drop one direction: the failure test, the in-doubt test, and a
// tshark capture of the channel read back by Wireshark's MQ dissector
// (channel_wire_test.go, skipped when tshark cannot capture).
package crashtest
