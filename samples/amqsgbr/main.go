// Amqsgbr browses a queue: the Go version of IBM MQ's sample amqsgbr
// (AMQSGBR0), with the same arguments and output. Browsing reads the
// messages without removing them.
//
// Usage:
//
//	amqsgbr Q [QMGR]
//
// It prints the queue manager name given (an empty line for the default
// queue manager), then "Messages for Q" before the first message and
// "n <text>" for each message. A message longer than the 65535-byte
// buffer is shown truncated and flagged "  --- truncated".
//
// It shows MQOPEN with MQOO_BROWSE and an MQGET loop with
// MQGMO_BROWSE_NEXT that moves a browse cursor along the queue, matching
// any MsgId and CorrelId (MQMO_NONE) so the descriptor need not be reset.
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

// bufferLength is the most data shown of a message (the C sample has a
// 65536-byte buffer and keeps one byte for a terminator).
const bufferLength = 65535

func main() {
	os.Exit(run(os.Args[1:], os.Stdout))
}

// run is the whole sample. It returns the exit status: 99 for a missing
// queue name, the reason code when the connection fails, and 0 otherwise.
func run(args []string, out io.Writer) int {
	fmt.Fprintln(out, "Sample AMQSGBR0 (browse) start")
	if len(args) < 1 {
		fmt.Fprintln(out, "Required parameter missing - queue name")
		return 99
	}

	qMgrName := arg(args, 1)
	fmt.Fprintln(out, qMgrName)
	qMgr, err := mqi.Connx(qMgrName, connectOptions())
	if failed(err) {
		fmt.Fprintf(out, "MQCONN ended with reason code %d\n", reason(err))
		return int(reason(err))
	}
	connReason := reason(err)

	queue, opened := openForBrowse(&qMgr, args[0], out)
	if opened {
		browseMessages(queue, out)
		if err := queue.Close(mqi.MQCO_NONE); err != nil {
			fmt.Fprintf(out, "MQCLOSE ended with reason code %d\n", reason(err))
		}
	}

	// A program that was already connected leaves the connection open.
	if connReason != mqi.MQRC_ALREADY_CONNECTED {
		if err := qMgr.Disc(); err != nil {
			fmt.Fprintf(out, "MQDISC ended with reason code %d\n", reason(err))
		}
	}
	fmt.Fprintln(out, "Sample AMQSGBR0 (browse) end")
	return 0
}

// openForBrowse opens the queue for browsing only.
func openForBrowse(qMgr *mqi.MQQueueManager, name string, out io.Writer) (mqi.MQObject, bool) {
	od := mqi.NewMQOD()
	od.ObjectName = name

	queue, err := qMgr.Open(od, mqi.MQOO_BROWSE|mqi.MQOO_FAIL_IF_QUIESCING)
	if err != nil {
		fmt.Fprintf(out, "MQOPEN ended with reason code %d\n", reason(err))
	}
	if failed(err) {
		// The C sample says "input" here too.
		fmt.Fprintln(out, "unable to open queue for input")
		return queue, false
	}
	return queue, true
}

// browseMessages prints each message on the queue in order, until an
// MQGET fails: normally with MQRC_NO_MSG_AVAILABLE at the end of the queue.
func browseMessages(queue mqi.MQObject, out io.Writer) {
	md := mqi.NewMQMD()
	md.Version = mqi.MQMD_VERSION_2

	gmo := mqi.NewMQGMO()
	gmo.Version = mqi.MQGMO_VERSION_2
	gmo.MatchOptions = mqi.MQMO_NONE
	gmo.Options = mqi.MQGMO_NO_WAIT | mqi.MQGMO_BROWSE_NEXT | mqi.MQGMO_ACCEPT_TRUNCATED_MSG

	buffer := make([]byte, bufferLength)
	for count := 1; ; count++ {
		md.Encoding = mqi.MQENC_NATIVE
		md.CodedCharSetId = mqi.MQCCSI_Q_MGR
		data, _, err := queue.GetSlice(md, gmo, buffer)
		if !failed(err) {
			if count == 1 {
				fmt.Fprintf(out, "Messages for %-48.48s\n", gmo.ResolvedQName)
			}
			fmt.Fprintf(out, "%d <%s>\n", count, text(data))
		}
		report(reason(err), out)
		if failed(err) {
			return
		}
	}
}

// report prints what an MQGET reason code means for the browse.
func report(rc int32, out io.Writer) {
	switch rc {
	case mqi.MQRC_NONE:
	case mqi.MQRC_NO_MSG_AVAILABLE:
		fmt.Fprintln(out, "no more messages")
	case mqi.MQRC_TRUNCATED_MSG_ACCEPTED:
		fmt.Fprintln(out, "  --- truncated")
	default:
		fmt.Fprintf(out, "MQGET ended with reason code %d\n", rc)
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

// connectOptions are the MQCONNX options: called as amqsgbrc the program is
// the client build of the sample (IBM builds each sample twice, against
// the server and the client library) and connects as a client, through
// MQSERVER or a CCDT.
func connectOptions() *mqi.MQCNO {
	cno := mqi.NewMQCNO()
	if filepath.Base(os.Args[0]) == "amqsgbrc" {
		cno.Options |= mqi.MQCNO_CLIENT_BINDING
	}
	return cno
}
