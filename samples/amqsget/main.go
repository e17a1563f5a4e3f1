// Amqsget gets messages from a queue: the Go version of IBM MQ's sample
// amqsget (AMQSGET0), with the same arguments, output and exit statuses.
//
// Usage:
//
//	amqsget Q [QMGR [openopts [closeopts]]]
//
// It prints each message as "message <text>" and waits up to 15 seconds
// for the next one; when none arrives it prints "no more messages" and
// ends. A message longer than the 65535-byte buffer stops the program with
// reason code 2080 (MQRC_TRUNCATED_MSG_FAILED) and stays on the queue.
//
// It shows the basic MQI sequence of a receiving application: MQCONNX,
// MQOPEN for input, MQGET with a wait in a loop outside syncpoint,
// MQCLOSE and MQDISC.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gomqm/gomqm/mqi"
)

const (
	// bufferLength is the largest message the sample takes (the C sample
	// has a 65536-byte buffer and keeps one byte for a terminator).
	bufferLength = 65535
	// waitInterval is how long each MQGET waits for a message, in ms.
	waitInterval = 15 * 1000
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout))
}

// run is the whole sample. It returns the exit status: 99 for a missing
// queue name, the reason code when the connection fails, and 0 otherwise.
func run(args []string, out io.Writer) int {
	fmt.Fprintln(out, "Sample AMQSGET0 start")
	if len(args) < 1 {
		fmt.Fprintln(out, "Required parameter missing - queue name")
		return 99
	}

	qMgr, err := mqi.Connx(arg(args, 1), connectOptions())
	if failed(err) {
		fmt.Fprintf(out, "MQCONNX ended with reason code %d\n", reason(err))
		return int(reason(err))
	}
	if err != nil {
		fmt.Fprintf(out, "MQCONNX generated a warning with reason code %d\n", reason(err))
		fmt.Fprintln(out, "Continuing...")
	}
	connReason := reason(err)

	queue, opened := openSource(&qMgr, args, out)
	if opened {
		getMessages(queue, out)
		closeSource(&queue, args, out)
	}

	// A program that was already connected leaves the connection open.
	if connReason != mqi.MQRC_ALREADY_CONNECTED {
		if err := qMgr.Disc(); err != nil {
			fmt.Fprintf(out, "MQDISC ended with reason code %d\n", reason(err))
		}
	}
	fmt.Fprintln(out, "Sample AMQSGET0 end")
	return 0
}

// openSource opens the queue named by the first argument for input as
// the queue defines (shared or exclusive). Argument 3 overrides the open
// options, which are otherwise MQOO_INPUT_AS_Q_DEF | MQOO_FAIL_IF_QUIESCING
// (8193).
func openSource(qMgr *mqi.MQQueueManager, args []string, out io.Writer) (mqi.MQObject, bool) {
	od := mqi.NewMQOD()
	od.ObjectName = args[0]

	options := mqi.MQOO_INPUT_AS_Q_DEF | mqi.MQOO_FAIL_IF_QUIESCING
	if len(args) > 2 {
		options = atoi(args[2])
		fmt.Fprintf(out, "open  options are %d\n", options)
	}

	queue, err := qMgr.Open(od, options)
	if err != nil {
		fmt.Fprintf(out, "MQOPEN ended with reason code %d\n", reason(err))
	}
	if failed(err) {
		fmt.Fprintln(out, "unable to open queue for input")
		return queue, false
	}
	return queue, true
}

// getMessages gets and prints messages until an MQGET fails: normally
// with MQRC_NO_MSG_AVAILABLE once the wait interval passes with the
// queue empty. A truncated message counts as a failure, as in the C
// sample, because the buffer is the largest message the sample accepts.
func getMessages(queue mqi.MQObject, out io.Writer) {
	buffer := make([]byte, bufferLength)
	for {
		data, err := getMessage(queue, buffer)
		switch rc := reason(err); rc {
		case mqi.MQRC_NONE:
		case mqi.MQRC_NO_MSG_AVAILABLE:
			fmt.Fprintln(out, "no more messages")
		default:
			fmt.Fprintf(out, "MQGET ended with reason code %d\n", rc)
		}
		if failed(err) || reason(err) == mqi.MQRC_TRUNCATED_MSG_FAILED {
			return
		}
		fmt.Fprintf(out, "message <%s>\n", text(data))
	}
}

// getMessage gets the next message outside syncpoint, waiting for one
// if the queue is empty and converting its data to the program's CCSID.
// A new descriptor for each MQGET matches any MsgId and CorrelId.
func getMessage(queue mqi.MQObject, buffer []byte) ([]byte, error) {
	md := mqi.NewMQMD()

	gmo := mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_WAIT | mqi.MQGMO_NO_SYNCPOINT | mqi.MQGMO_CONVERT
	gmo.WaitInterval = waitInterval

	data, _, err := queue.GetSlice(md, gmo, buffer)
	return data, err
}

// text is the message data as the C sample prints it with %s: up to the
// first NUL byte.
func text(data []byte) []byte {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return data[:i]
	}
	return data
}

// closeSource closes the queue, with the close options of argument 4 if
// given (MQCO_NONE otherwise).
func closeSource(queue *mqi.MQObject, args []string, out io.Writer) {
	options := mqi.MQCO_NONE
	if len(args) > 3 {
		options = atoi(args[3])
		fmt.Fprintf(out, "close options are %d\n", options)
	}
	if err := queue.Close(options); err != nil {
		fmt.Fprintf(out, "MQCLOSE ended with reason code %d\n", reason(err))
	}
}

// arg returns args[i], or "" when there are not that many arguments: a
// blank queue manager name means the default queue manager.
func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

// reason returns the MQI reason code carried by err: MQRC_NONE for nil,
// MQRC_UNEXPECTED_ERROR for an error that is not an *mqi.MQReturn.
func reason(err error) int32 {
	var mqret *mqi.MQReturn
	switch {
	case err == nil:
		return mqi.MQRC_NONE
	case errors.As(err, &mqret):
		return mqret.MQRC
	default:
		return mqi.MQRC_UNEXPECTED_ERROR
	}
}

// failed reports whether err is a failure (MQCC_FAILED), as opposed to
// success or a warning.
func failed(err error) bool {
	var mqret *mqi.MQReturn
	if errors.As(err, &mqret) {
		return mqret.MQCC == mqi.MQCC_FAILED
	}
	return err != nil
}

// atoi converts an option argument as C's atoi does, which is what the
// IBM sample uses: leading blanks and a sign are allowed, conversion
// stops at the first non-digit, and text without digits is 0.
func atoi(s string) int32 {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var n int32
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int32(s[i]-'0')
	}
	if neg {
		return -n
	}
	return n
}

// connectOptions are the MQCONNX options: called as amqsgetc the program is
// the client build of the sample (IBM builds each sample twice, against
// the server and the client library) and connects as a client, through
// MQSERVER or a CCDT.
func connectOptions() *mqi.MQCNO {
	cno := mqi.NewMQCNO()
	if filepath.Base(os.Args[0]) == "amqsgetc" {
		cno.Options |= mqi.MQCNO_CLIENT_BINDING
	}
	return cno
}
