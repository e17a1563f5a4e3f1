// Command worker is the application side of the crash tests in package
// crashtest: a producer or a consumer of persistent messages that
// reconnects whenever the queue manager goes away and journals the
// outcome of every message.
//
//	worker produce -journal FILE -prefix P1 [-batches 1,10] [-size 1024] [-max N] [-seed S]
//	worker consume -journal FILE [-batch 5] [-seed S] [-drain]
//
// MQ_OVERRIDE_DATA_PATH names the data root, as for any application.
// Producers stop after the unit of work in progress once standard input
// reaches end of file; consumers then stop when the queue is empty
// (-drain: at the first empty queue). A summary line goes to standard
// output; the exit status is 0, or 1 for a failure of the worker itself.
package main

import (
	"fmt"
	"os"
)

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: worker produce|consume [flags]")
		return 2
	}
	var err error
	switch args[0] {
	case "produce":
		err = produce(args[1:])
	case "consume":
		err = consume(args[1:])
	default:
		err = fmt.Errorf("unknown mode %q", args[0])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		return 1
	}
	return 0
}
