// Amqsecha is an echo server: the Go version of IBM MQ's sample amqsech
// (AMQSECHA), with the same output and exit statuses. It answers each
// request message on a queue with a reply holding the same data.
//
// Usage:
//
//	amqsecha TriggerMessage
//	amqsecha QName [QMgrName]
//
// IBM's sample is a triggered program: a trigger monitor starts it with
// one argument, the MQTMC2 trigger message as characters ("TMC    2"
// followed by the queue name, ...), and it serves the queue and the queue
// manager named there. A person can start it by hand with a queue name and
// an optional queue manager name instead; start it after the requester
// (amqsreq waits a minute for its first reply):
//
//	amqsreq SYSTEM.SAMPLE.ECHO QM1 &
//	amqsecha SYSTEM.SAMPLE.ECHO QM1
//
// It prints the text of each message it gets. A message that is not a
// request is discarded with "  -- not a request and discarded". A request
// is answered with MQPUT1 to its ReplyToQ and ReplyToQMgr: MsgType
// MQMT_REPLY, CorrelId set to the request's MsgId and a new MsgId, unless
// the request's report options ask to pass them on (MQRO_PASS_CORREL_ID,
// MQRO_PASS_MSG_ID). When no message arrives for 5 seconds the MQGET ends
// with reason code 2033 and so does the program, with status 0.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gomqm/gomqm/mqi"
)

const (
	// bufferLength is the most data echoed from one message: the C sample
	// has a 100-byte buffer and keeps one byte for a terminator.
	bufferLength = 99
	// waitInterval is how long each MQGET waits for a message, in ms.
	waitInterval = 5 * 1000
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout))
}

// run is the whole sample. It returns the exit status: 99 for a missing or
// unusable argument, the reason code when the connection or the open of
// the queue fails, and 0 otherwise.
func run(args []string, out io.Writer) int {
	fmt.Fprintln(out, "Sample AMQSECHA start")
	if len(args) < 1 {
		fmt.Fprintln(out, "Missing parameter - start program by MQI trigger")
		return 99
	}
	t, extra, ok := parseTarget(args)
	if extra {
		fmt.Fprintln(out, "Extra input parameters ignored")
	}
	if !ok {
		fmt.Fprintln(out, "Invalid input trigger message provided")
		return 99
	}

	qMgr, err := mqi.Conn(t.QMgrName)
	if failed(err) {
		fmt.Fprintf(out, "MQCONN ended with reason code %d\n", reason(err))
		return int(reason(err))
	}
	connReason := reason(err)

	od := mqi.NewMQOD()
	od.ObjectName = t.QName
	queue, err := qMgr.Open(od, mqi.MQOO_INPUT_SHARED|mqi.MQOO_FAIL_IF_QUIESCING)
	if err != nil {
		fmt.Fprintf(out, "MQOPEN (input) ended with reason code %d\n", reason(err))
	}
	if failed(err) {
		qMgr.Disc()
		return int(reason(err))
	}

	echoRequests(&qMgr, queue, out)

	if err := queue.Close(mqi.MQCO_NONE); err != nil {
		fmt.Fprintf(out, "MQCLOSE ended with reason code %d\n", reason(err))
	}
	// A program that was already connected leaves the connection open.
	if connReason != mqi.MQRC_ALREADY_CONNECTED {
		if err := qMgr.Disc(); err != nil {
			fmt.Fprintf(out, "MQDISC ended with reason code %d\n", reason(err))
		}
	}
	fmt.Fprintln(out, "Sample AMQSECHA end")
	return 0
}

// echoRequests gets messages and answers the requests until a call does
// not complete cleanly: normally the MQGET that finds the queue empty for
// 5 seconds. As in the C sample, a warning also ends the loop, except a
// truncated request, which is still answered with the data received.
func echoRequests(qMgr *mqi.MQQueueManager, queue mqi.MQObject, out io.Writer) {
	gmo := mqi.NewMQGMO()
	gmo.Version = mqi.MQGMO_VERSION_2
	gmo.MatchOptions = mqi.MQMO_NONE
	gmo.Options = mqi.MQGMO_ACCEPT_TRUNCATED_MSG | mqi.MQGMO_CONVERT | mqi.MQGMO_WAIT | mqi.MQGMO_NO_SYNCPOINT
	gmo.WaitInterval = waitInterval

	buffer := make([]byte, bufferLength)
	for {
		md := mqi.NewMQMD()
		data, _, err := queue.GetSlice(md, gmo, buffer)
		if err != nil {
			fmt.Fprintf(out, "MQGET ended with reason code %d\n", reason(err))
		}
		if failed(err) {
			return
		}
		fmt.Fprintf(out, "%s\n", text(data))
		if md.MsgType != mqi.MQMT_REQUEST {
			fmt.Fprintln(out, "  -- not a request and discarded")
		} else {
			err = reply(qMgr, md, data)
			if err != nil {
				fmt.Fprintf(out, "MQPUT1 ended with reason code %d\n", reason(err))
			}
		}
		if err != nil {
			return
		}
	}
}

// reply puts data to the request's reply-to queue as its reply, outside
// syncpoint. The reply keeps the request's descriptor (format, priority,
// persistence, expiry ...) with the changes a reply needs.
func reply(qMgr *mqi.MQQueueManager, md *mqi.MQMD, data []byte) error {
	od := mqi.NewMQOD()
	od.ObjectName = md.ReplyToQ
	od.ObjectQMgrName = md.ReplyToQMgr

	md.MsgType = mqi.MQMT_REPLY
	setReplyIDs(md)

	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT
	return qMgr.Put1(od, md, pmo, data)
}

// setReplyIDs turns a request's descriptor into its reply's, following
// the request's report options: CorrelId becomes the request's MsgId
// unless MQRO_PASS_CORREL_ID, MsgId is left for the queue manager to make
// unless MQRO_PASS_MSG_ID, and the reply asks for no reports of its own,
// only keeping MQRO_DISCARD_MSG when MQRO_PASS_DISCARD_AND_EXPIRY says so.
func setReplyIDs(md *mqi.MQMD) {
	if md.Report&mqi.MQRO_PASS_CORREL_ID == 0 {
		md.CorrelId = append([]byte(nil), md.MsgId...)
	}
	if md.Report&mqi.MQRO_PASS_MSG_ID == 0 {
		md.MsgId = make([]byte, mqi.MQ_MSG_ID_LENGTH)
	}
	report := mqi.MQRO_NONE
	if md.Report&mqi.MQRO_PASS_DISCARD_AND_EXPIRY != 0 && md.Report&mqi.MQRO_DISCARD_MSG != 0 {
		report = mqi.MQRO_DISCARD_MSG
	}
	md.Report = report
}

// text is the message data as the C sample prints it with %s: up to the
// first NUL byte.
func text(data []byte) []byte {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return data[:i]
	}
	return data
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
