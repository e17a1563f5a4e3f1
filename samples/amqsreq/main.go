// Amqsreq puts request messages on a queue and shows the replies: the Go
// version of IBM MQ's sample amqsreq (AMQSREQ0), with the same arguments,
// output and exit statuses.
//
// Usage:
//
//	amqsreq Q [QMGR [ReplyToQ]]
//
// Each line read from standard input, without its newline, becomes one
// request message in string format, up to an empty line or the end of the
// input; a line longer than 98 bytes is sent as several requests, as the C
// sample's 100-byte buffer does. Each request asks for exception reports
// with the original data and names the reply queue in MQMD.ReplyToQ.
//
// The reply queue is a temporary dynamic queue made from a model queue:
// ReplyToQ when given, otherwise SYSTEM.SAMPLE.REPLY, the model IBM's
// sample definitions create. A queue manager made by crtmqm has no
// SYSTEM.SAMPLE.REPLY, so when it is not defined the sample uses
// SYSTEM.DEFAULT.MODEL.QUEUE instead.
//
// After the requests it prints each reply as "response <text>" (the first
// 64 bytes), and "  report with feedback = N" after a report message. It
// waits a minute for the first reply, which gives a triggered server time
// to start, and 15 seconds for each later one; then it prints
// "no more replies" and ends. A server for the replies is amqsecha (which
// echoes each request) or amqsinq (which answers with queue attributes).
//
// It shows the request side of request/reply: MQOPEN of a model queue for
// exclusive input, MQPUT with MsgType MQMT_REQUEST and a ReplyToQ, and an
// MQGET loop with a wait that takes any message from the reply queue.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gomqm/gomqm/mqi"
)

const (
	// maxRequest is the most data read from one line: the C sample reads
	// with fgets into a 100-byte buffer and passes it 99 bytes, which
	// leaves 98 for the text.
	maxRequest = 98
	// replyBuffer is how much of each reply is shown.
	replyBuffer = 64
	// firstWait and nextWait are how long MQGET waits for the first
	// reply and for each later one, in milliseconds.
	firstWait = 60 * 1000
	nextWait  = 15 * 1000
)

// Reply queues used when none is given: IBM's sample model, and the model
// every queue manager has.
const (
	sampleReplyModel  = "SYSTEM.SAMPLE.REPLY"
	defaultReplyModel = "SYSTEM.DEFAULT.MODEL.QUEUE"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout))
}

// run is the whole sample. It returns the exit status: 99 for a missing
// queue name, the reason code when the connection or the open of the
// server queue fails, and 0 otherwise.
func run(args []string, in io.Reader, out io.Writer) int {
	fmt.Fprintln(out, "Sample AMQSREQ0 start")
	if len(args) < 1 {
		fmt.Fprintln(out, "Required parameter missing - queue name")
		return 99
	}

	qMgr, err := mqi.Conn(arg(args, 1))
	if failed(err) {
		fmt.Fprintf(out, "MQCONN ended with reason code %d\n", reason(err))
		return int(reason(err))
	}
	connReason := reason(err)

	fmt.Fprintf(out, "server queue is %s\n", args[0])
	server, err := openServer(&qMgr, args[0], out)
	if failed(err) {
		fmt.Fprintln(out, "unable to open server queue for output")
		qMgr.Disc()
		return int(reason(err))
	}

	reply, replyQ, replyErr := openReply(&qMgr, args, out)
	if failed(replyErr) {
		fmt.Fprintln(out, "unable to open reply queue")
	} else {
		fmt.Fprintf(out, "replies to %s\n", replyQ)
		putRequests(server, reply.Name, bufio.NewReader(in), out)
		showReplies(reply, out)
	}

	if err := server.Close(mqi.MQCO_NONE); err != nil {
		fmt.Fprintf(out, "MQCLOSE (server) ended with reason code %d\n", reason(err))
	}
	if !failed(replyErr) {
		closeReply(&reply, len(args) > 2, out)
	}

	// A program that was already connected leaves the connection open.
	if connReason != mqi.MQRC_ALREADY_CONNECTED {
		if err := qMgr.Disc(); err != nil {
			fmt.Fprintf(out, "MQDISC ended with reason code %d\n", reason(err))
		}
	}
	fmt.Fprintln(out, "Sample AMQSREQ0 end")
	return 0
}

// openServer opens the queue the requests go to, for output.
func openServer(qMgr *mqi.MQQueueManager, name string, out io.Writer) (mqi.MQObject, error) {
	od := mqi.NewMQOD()
	od.ObjectName = name
	server, err := qMgr.Open(od, mqi.MQOO_OUTPUT|mqi.MQOO_FAIL_IF_QUIESCING)
	if err != nil {
		fmt.Fprintf(out, "MQOPEN ended with reason code %d\n", reason(err))
	}
	return server, err
}

// openReply opens the reply queue for exclusive input, and returns it
// with its name as the C sample prints it: a dynamic queue's name comes
// back from MQOPEN in the 48-character field, blank-padded. A model queue
// given as argument 3 gets the default dynamic name (AMQ.*); the default
// model gets "*", a name made only of the queue manager's unique
// characters.
func openReply(qMgr *mqi.MQQueueManager, args []string, out io.Writer) (mqi.MQObject, string, error) {
	name, dynamic := sampleReplyModel, "*"
	if len(args) > 2 {
		name, dynamic = args[2], "AMQ.*"
	}
	reply, err := openInput(qMgr, name, dynamic)
	if len(args) <= 2 && reason(err) == mqi.MQRC_UNKNOWN_OBJECT_NAME {
		name = defaultReplyModel
		reply, err = openInput(qMgr, name, dynamic)
	}
	if err != nil {
		fmt.Fprintf(out, "MQOPEN ended with reason code %d\n", reason(err))
	}
	shown := reply.Name
	if shown != name {
		shown = fmt.Sprintf("%-48s", shown)
	}
	return reply, shown, err
}

// openInput opens a queue for exclusive input; if it is a model queue,
// the dynamic queue it creates is named from the dynamic pattern.
func openInput(qMgr *mqi.MQQueueManager, name, dynamic string) (mqi.MQObject, error) {
	od := mqi.NewMQOD()
	od.ObjectName = name
	od.DynamicQName = dynamic
	return qMgr.Open(od, mqi.MQOO_INPUT_EXCLUSIVE|mqi.MQOO_FAIL_IF_QUIESCING)
}

// putRequests puts one request per input line until an empty line, the
// end of the input, or a failed MQPUT.
func putRequests(server mqi.MQObject, replyQ string, in *bufio.Reader, out io.Writer) {
	for {
		line, ok := readRequest(in)
		if !ok {
			return
		}
		err := putRequest(server, replyQ, line)
		if err != nil {
			fmt.Fprintf(out, "MQPUT ended with reason code %d\n", reason(err))
		}
		if failed(err) {
			return
		}
	}
}

// readRequest reads the next request text: up to a newline, but never
// more than maxRequest bytes (the rest of a longer line is the next
// request). The newline is dropped. It reports false at an empty line or
// at the end of the input.
func readRequest(in *bufio.Reader) ([]byte, bool) {
	var line []byte
	for len(line) < maxRequest {
		c, err := in.ReadByte()
		if err != nil || c == '\n' {
			break
		}
		line = append(line, c)
	}
	return line, len(line) > 0
}

// putRequest puts text as a request in string format, outside syncpoint,
// with a new MsgId. The report option asks for an exception report that
// carries the request's data back should the request fail on its way.
func putRequest(server mqi.MQObject, replyQ string, text []byte) error {
	md := mqi.NewMQMD()
	md.MsgType = mqi.MQMT_REQUEST
	md.Report = mqi.MQRO_EXCEPTION_WITH_DATA
	md.ReplyToQ = replyQ
	md.Format = mqi.MQFMT_STRING

	pmo := mqi.NewMQPMO()
	pmo.Options |= mqi.MQPMO_NEW_MSG_ID | mqi.MQPMO_NO_SYNCPOINT

	return server.Put(md, pmo, text)
}

// showReplies prints the replies until an MQGET fails: normally with
// MQRC_NO_MSG_AVAILABLE when none arrives within the wait. It takes any
// message on the reply queue (MQMO_NONE), which is this program's own.
func showReplies(reply mqi.MQObject, out io.Writer) {
	gmo := mqi.NewMQGMO()
	gmo.Version = mqi.MQGMO_VERSION_2
	gmo.MatchOptions = mqi.MQMO_NONE
	gmo.WaitInterval = firstWait
	gmo.Options = mqi.MQGMO_WAIT | mqi.MQGMO_CONVERT | mqi.MQGMO_ACCEPT_TRUNCATED_MSG

	buffer := make([]byte, replyBuffer)
	for {
		md := mqi.NewMQMD()
		data, _, err := reply.GetSlice(md, gmo, buffer)
		gmo.WaitInterval = nextWait

		switch rc := reason(err); rc {
		case mqi.MQRC_NONE:
		case mqi.MQRC_NO_MSG_AVAILABLE:
			fmt.Fprintln(out, "no more replies")
		default:
			fmt.Fprintf(out, "MQGET ended with reason code %d\n", rc)
		}
		if failed(err) {
			return
		}
		fmt.Fprintf(out, "response <%s>\n", text(data))
		if md.MsgType == mqi.MQMT_REPORT {
			fmt.Fprintf(out, "  report with feedback = %d\n", md.Feedback)
		}
	}
}

// closeReply closes the reply queue. The default model's dynamic queue is
// closed with MQCO_DELETE; a reply queue the user named is closed with no
// options.
func closeReply(reply *mqi.MQObject, named bool, out io.Writer) {
	options := mqi.MQCO_DELETE
	if named {
		options = mqi.MQCO_NONE
	}
	if err := reply.Close(options); err != nil {
		fmt.Fprintf(out, "MQCLOSE (reply) ended with reason code %d\n", reason(err))
	}
}

// text is the message data as the C sample prints it with %s: up to the
// first NUL byte.
func text(data []byte) []byte {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return data[:i]
	}
	return data
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
