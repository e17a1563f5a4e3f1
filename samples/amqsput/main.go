// Amqsput puts messages on a queue: the Go version of IBM MQ's sample
// amqsput (AMQSPUT0), with the same arguments, output and exit statuses.
//
// Usage:
//
//	amqsput Q [QMGR [openopts [closeopts [targetQM [dynQ]]]]]
//
// Each line read from standard input, without its newline, becomes one
// datagram in string format (MQFMT_STRING). An empty line or the end of
// the input ends the program. A line longer than 65534 bytes is put as
// several messages, as the C sample does.
//
// It shows the basic MQI sequence of a sending application: MQCONNX,
// MQOPEN for output, MQPUT in a loop outside syncpoint, MQCLOSE and
// MQDISC, each reported with its reason code as IBM's sample reports it.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gomqm/gomqm/mqi"
)

// maxLine is the longest message read from one line: the C sample reads
// with fgets into a 65535-byte buffer, which leaves room for 65534 bytes.
const maxLine = 65534

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout))
}

// run is the whole sample. It returns the exit status: 99 for a missing
// queue name, the reason code when the connection fails, and 0 otherwise
// (failures after connecting are reported on stdout only).
func run(args []string, in io.Reader, out io.Writer) int {
	fmt.Fprintln(out, "Sample AMQSPUT0 start")
	if len(args) < 1 {
		fmt.Fprintln(out, "Required parameter missing - queue name")
		return 99
	}

	qMgrName := arg(args, 1)
	qMgr, err := mqi.Connx(qMgrName, connectOptions())
	if failed(err) {
		fmt.Fprintf(out, "MQCONNX ended with reason code %d\n", reason(err))
		return int(reason(err))
	}
	if err != nil {
		fmt.Fprintf(out, "MQCONNX generated a warning with reason code %d\n", reason(err))
		fmt.Fprintln(out, "Continuing...")
	}
	connReason := reason(err)

	queue, opened := openTarget(&qMgr, args, out)
	if opened {
		putLines(queue, bufio.NewReaderSize(in, maxLine), out)
		closeTarget(&queue, args, out)
	}

	// A program that was already connected leaves the connection open.
	if connReason != mqi.MQRC_ALREADY_CONNECTED {
		if err := qMgr.Disc(); err != nil {
			fmt.Fprintf(out, "MQDISC ended with reason code %d\n", reason(err))
		}
	}
	fmt.Fprintln(out, "Sample AMQSPUT0 end")
	return 0
}

// openTarget opens the queue named by the first argument for output.
// The optional target queue manager and dynamic queue name (arguments 5
// and 6) go into the object descriptor; argument 3 overrides the open
// options, which are otherwise MQOO_OUTPUT | MQOO_FAIL_IF_QUIESCING (8208).
func openTarget(qMgr *mqi.MQQueueManager, args []string, out io.Writer) (mqi.MQObject, bool) {
	od := mqi.NewMQOD()
	od.ObjectName = args[0]
	fmt.Fprintf(out, "target queue is %s\n", od.ObjectName)
	if len(args) > 4 {
		od.ObjectQMgrName = args[4]
		fmt.Fprintf(out, "target queue manager is %s\n", od.ObjectQMgrName)
	}
	if len(args) > 5 {
		od.DynamicQName = args[5]
		fmt.Fprintf(out, "dynamic queue name is %s\n", od.DynamicQName)
	}

	options := mqi.MQOO_OUTPUT | mqi.MQOO_FAIL_IF_QUIESCING
	if len(args) > 2 {
		options = atoi(args[2])
		fmt.Fprintf(out, "open  options are %d\n", options)
	}

	queue, err := qMgr.Open(od, options)
	if err != nil {
		fmt.Fprintf(out, "MQOPEN ended with reason code %d\n", reason(err))
	}
	if failed(err) {
		fmt.Fprintln(out, "unable to open queue for output")
		return queue, false
	}
	return queue, true
}

// putLines puts one message per input line until an empty line, the end
// of the input, or a failed MQPUT.
func putLines(queue mqi.MQObject, in *bufio.Reader, out io.Writer) {
	for {
		line, ok := readLine(in)
		if !ok {
			return
		}
		err := putMessage(queue, line)
		if err != nil {
			fmt.Fprintf(out, "MQPUT ended with reason code %d\n", reason(err))
		}
		if failed(err) {
			return
		}
	}
}

// readLine reads the next message text the way fgets does: up to and
// including a newline, but never more than maxLine bytes (the rest of a
// longer line is the next message). The newline is dropped. It reports
// false at an empty line or at the end of the input.
func readLine(in *bufio.Reader) ([]byte, bool) {
	line, err := in.ReadSlice('\n')
	if err != nil && !errors.Is(err, bufio.ErrBufferFull) && len(line) == 0 {
		return nil, false
	}
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	}
	return line, len(line) > 0
}

// putMessage puts text as a datagram in string format, outside
// syncpoint. A new descriptor for each message lets the queue manager
// give each one a new MsgId and the queue's default persistence.
func putMessage(queue mqi.MQObject, text []byte) error {
	md := mqi.NewMQMD()
	md.Format = mqi.MQFMT_STRING

	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT | mqi.MQPMO_FAIL_IF_QUIESCING

	return queue.Put(md, pmo, text)
}

// closeTarget closes the queue, with the close options of argument 4 if
// given (MQCO_NONE otherwise).
func closeTarget(queue *mqi.MQObject, args []string, out io.Writer) {
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

// connectOptions are the MQCONNX options: called as amqsputc the program is
// the client build of the sample (IBM builds each sample twice, against
// the server and the client library) and connects as a client, through
// MQSERVER or a CCDT.
func connectOptions() *mqi.MQCNO {
	cno := mqi.NewMQCNO()
	if filepath.Base(os.Args[0]) == "amqsputc" {
		cno.Options |= mqi.MQCNO_CLIENT_BINDING
	}
	return cno
}
