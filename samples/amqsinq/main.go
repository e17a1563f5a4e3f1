// Amqsinq is an inquiry server: the Go version of IBM MQ's sample amqsinq
// (AMQSINQA), with the same output and exit statuses. Each request
// message it gets holds the name of a queue; it answers with that queue's
// depth, the number of handles open for input and whether gets are
// inhibited, found with MQINQ.
//
// Usage:
//
//	amqsinq TriggerMessage
//	amqsinq QName [QMgrName]
//
// IBM's sample is a triggered program: a trigger monitor starts it with
// one argument, the MQTMC2 trigger message as characters ("TMC    2"
// followed by the queue name, ...), and it serves the queue and the queue
// manager named there. A person can start it by hand with a queue name and
// an optional queue manager name instead; start it after the requester,
// which waits a minute for its first reply, and type queue names into
// amqsreq:
//
//	amqsreq SYSTEM.SAMPLE.INQ QM1 &
//	amqsinq SYSTEM.SAMPLE.INQ QM1
//
// The reply is the queue name followed by the attributes:
//
//	APP.Q1 has 2 messages, used by 0 jobs
//	APP.Q2 has 0 messages, used by 1 jobs; GET inhibited
//
// When the queue cannot be opened or inquired, the answer is a report
// message (MQMT_REPORT) whose Feedback is the reason code, sent only if
// the request asked for exception reports, and with the request's data
// only if it asked for them with data (amqsreq asks for both).
//
// It prints the text of each message it gets, and discards messages that
// are not requests with "  -- not a request and discarded". When no
// message arrives for 5 seconds the MQGET ends with reason code 2033 and
// so does the program, with status 0. As in the C sample, it also stops
// after any call that does not complete cleanly and is not answered with
// a report, such as the MQOPEN of an unknown queue for a request that asks
// for no exception report.
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
	// bufferLength is the most data taken from one request: the C sample
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
	fmt.Fprintln(out, "Sample AMQSINQA start")
	if len(args) < 1 {
		fmt.Fprintln(out, "Missing parameter - start program by MQI trigger")
		return 99
	}
	t, _, ok := parseTarget(args)
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

	serveRequests(&qMgr, queue, out)

	if err := queue.Close(mqi.MQCO_NONE); err != nil {
		fmt.Fprintf(out, "MQCLOSE ended with reason code %d\n", reason(err))
	}
	// A program that was already connected leaves the connection open.
	if connReason != mqi.MQRC_ALREADY_CONNECTED {
		if err := qMgr.Disc(); err != nil {
			fmt.Fprintf(out, "MQDISC ended with reason code %d\n", reason(err))
		}
	}
	fmt.Fprintln(out, "Sample AMQSINQA end")
	return 0
}

// serveRequests gets messages and answers the requests until a call does
// not complete cleanly: normally the MQGET that finds the queue empty for
// 5 seconds.
func serveRequests(qMgr *mqi.MQQueueManager, queue mqi.MQObject, out io.Writer) {
	gmo := mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_ACCEPT_TRUNCATED_MSG | mqi.MQGMO_WAIT | mqi.MQGMO_CONVERT | mqi.MQGMO_NO_SYNCPOINT
	gmo.WaitInterval = waitInterval

	buffer := make([]byte, bufferLength)
	for {
		// A new descriptor matches any MsgId and CorrelId.
		md := mqi.NewMQMD()
		data, _, err := queue.GetSlice(md, gmo, buffer)
		if err != nil {
			fmt.Fprintf(out, "MQGET ended with reason code %d\n", reason(err))
			return
		}
		name := text(data)
		fmt.Fprintf(out, "%s\n", name)
		if md.MsgType != mqi.MQMT_REQUEST {
			fmt.Fprintln(out, "  -- not a request and discarded")
			continue
		}
		if err := answer(qMgr, md, string(name), out); err != nil {
			return
		}
	}
}

// answer inquires the queue a request names and sends the reply, or the
// report when the inquiry fails and the request asked for one. It returns
// the error of the last call it made, which ends the loop as in the C
// sample.
func answer(qMgr *mqi.MQQueueManager, md *mqi.MQMD, name string, out io.Writer) error {
	attrs, last := inquire(qMgr, name)
	data := []byte(name)
	if attrs != nil {
		md.MsgType = mqi.MQMT_REPLY
		data = append(data, attrs...)
	} else {
		md.MsgType = mqi.MQMT_REPORT
		md.Feedback = reason(last.cause)
		if md.Report&mqi.MQRO_EXCEPTION_WITH_DATA != mqi.MQRO_EXCEPTION_WITH_DATA {
			data = nil
		}
	}
	if md.MsgType != mqi.MQMT_REPLY && md.Report&mqi.MQRO_EXCEPTION == 0 {
		return last.err
	}
	err := reply(qMgr, md, data)
	if err != nil {
		fmt.Fprintf(out, "MQPUT1 ended with reason code %d\n", reason(err))
	}
	return err
}

// inquiry is how an inquiry went: cause is the error of the MQOPEN or MQINQ
// that failed, if one did, and err the error of the last call made (the
// MQCLOSE after an open that worked).
type inquiry struct {
	cause error
	err   error
}

// inquire opens the named queue for inquiry (its first 48 characters, the
// length of a queue name) and returns the reply text for its attributes,
// or nil if the MQOPEN or the MQINQ did not complete cleanly.
func inquire(qMgr *mqi.MQQueueManager, name string) ([]byte, inquiry) {
	od := mqi.NewMQOD()
	od.ObjectName = name[:min(len(name), nameLength)]
	queue, err := qMgr.Open(od, mqi.MQOO_INQUIRE|mqi.MQOO_FAIL_IF_QUIESCING)
	if err != nil {
		if !failed(err) {
			queue.Close(mqi.MQCO_NONE)
		}
		return nil, inquiry{cause: err, err: err}
	}
	values, err := queue.Inq([]int32{mqi.MQIA_INHIBIT_GET, mqi.MQIA_CURRENT_Q_DEPTH, mqi.MQIA_OPEN_INPUT_COUNT})
	closeErr := queue.Close(mqi.MQCO_NONE)
	if err != nil {
		return nil, inquiry{cause: err, err: closeErr}
	}
	text := fmt.Sprintf(" has %d messages, used by %d jobs",
		intAttr(values, mqi.MQIA_CURRENT_Q_DEPTH), intAttr(values, mqi.MQIA_OPEN_INPUT_COUNT))
	if intAttr(values, mqi.MQIA_INHIBIT_GET) != mqi.MQQA_GET_ALLOWED {
		text += "; GET inhibited"
	}
	return []byte(text), inquiry{err: closeErr}
}

// intAttr returns an integer attribute from MQINQ's answer, 0 if absent.
func intAttr(values map[int32]interface{}, selector int32) int32 {
	v, _ := values[selector].(int32)
	return v
}

// reply puts data to the request's reply-to queue as its answer, outside
// syncpoint. The answer keeps the request's descriptor with the changes a
// reply or report needs.
func reply(qMgr *mqi.MQQueueManager, md *mqi.MQMD, data []byte) error {
	od := mqi.NewMQOD()
	od.ObjectName = md.ReplyToQ
	od.ObjectQMgrName = md.ReplyToQMgr
	setReplyIDs(md)

	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT
	return qMgr.Put1(od, md, pmo, data)
}

// setReplyIDs turns a request's descriptor into its answer's, following
// the request's report options: CorrelId becomes the request's MsgId
// unless MQRO_PASS_CORREL_ID, MsgId is left for the queue manager to make
// unless MQRO_PASS_MSG_ID, and the answer asks for no reports of its own,
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

// text is the message data as the C sample uses it as a string: up to the
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
