// Amqsbcg browses a queue and dumps every message: the Go version of IBM
// MQ's sample amqsbcg (AMQSBCG0), with the same arguments and the same
// output layout, so its listings can be compared with IBM's line by line.
//
// Usage:
//
//	amqsbcg Q [QMGR [PropOption]]
//
// For each message it prints the message descriptor field by field, a
// dead-letter header if the message has one, and the data in hex and
// characters, 16 bytes a line. A summary of the message sizes follows the
// last message. Messages are browsed, not removed, and only the first
// 65536 bytes of each are shown.
//
// PropOption selects how message properties are returned: 0 as the queue
// defines (the default), 2 none, 3 in an MQRFH2 header, 4 in an MQRFH2
// header for V6-compatible properties only. Option 1 (a message handle)
// needs MQCRTMH, which this MQI does not provide: the sample reports
// MQRC_FUNCTION_NOT_SUPPORTED for it.
//
// The exit status is 0 on success, 2 after an MQI failure and 4 for bad
// arguments, as IBM's sample returns its completion code.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gomqm/gomqm/mqi"
)

// bufferLength is the most data shown of a message.
const bufferLength = 65536

// Property options (the third argument).
const (
	propsAsQDef = iota
	propsInMsgHandle
	propsNone
	propsInMQRFH2
	propsCompatibility
	propsLast
)

func main() {
	out := bufio.NewWriter(os.Stdout)
	status := run(os.Args, out)
	out.Flush()
	os.Exit(status)
}

// run is the whole sample; argv includes the program name, which the
// usage text shows. It returns the exit status.
//
// Like IBM's sample, it starts each output line with the newline that
// ends the previous one, so some lines hold a single blank.
func run(argv []string, out io.Writer) int {
	fmt.Fprintf(out, "\nAMQSBCG0 - starts here\n")
	fmt.Fprintf(out, "**********************\n ")

	propOption, ok := parseArgs(argv, out)
	if !ok {
		fmt.Fprintf(out, "\n")
		return 4
	}

	b := browser{out: out, propOption: propOption}
	cc := b.run(argv[1], arg(argv, 2))
	b.summary()
	b.shutdown()
	fmt.Fprintf(out, "\n")
	return int(cc)
}

// parseArgs checks the arguments and returns the property option.
func parseArgs(argv []string, out io.Writer) (int, bool) {
	if len(argv) < 2 {
		fmt.Fprintf(out, "Required parameter missing - queue name\n")
		usage(argv, out)
		return 0, false
	}
	if len(argv) < 4 {
		return propsAsQDef, true
	}
	option := int(atoi(argv[3]))
	if option < propsAsQDef || option >= propsLast {
		fmt.Fprintf(out, "PropOption \"%d\" invalid - specify %d-%d\n", option, propsAsQDef, propsLast-1)
		usage(argv, out)
		return 0, false
	}
	return option, true
}

func usage(argv []string, out io.Writer) {
	fmt.Fprintf(out, "\n  Usage: %s QName [ QMgrName ] [ PropOption ]\n", arg(argv, 0))
}

// browser holds the connection, the open queue and the running totals.
type browser struct {
	out        io.Writer
	propOption int

	qMgr      *mqi.MQQueueManager // nil until connected
	queue     *mqi.MQObject       // nil until opened
	connected bool
	opened    bool

	count, smallest, largest, total int
}

// run connects, opens the queue for browsing and dumps every message. It
// returns the completion code of the first failure, or MQCC_OK.
func (b *browser) run(queueName, qMgrName string) int32 {
	qMgr, err := mqi.Connx(qMgrName, connectOptions())
	if err != nil {
		fmt.Fprintf(b.out, "\n MQCONNX failed with CompCode:%d, Reason:%d", compCode(err), reason(err))
		return compCode(err)
	}
	b.qMgr, b.connected = &qMgr, true

	fmt.Fprintf(b.out, "\n MQOPEN - '%s'", queueName)
	od := mqi.NewMQOD()
	od.ObjectName = queueName
	queue, err := qMgr.Open(od, mqi.MQOO_BROWSE)
	if err != nil {
		fmt.Fprintf(b.out, "\n MQOPEN failed with CompCode:%d, Reason:%d", compCode(err), reason(err))
		return compCode(err)
	}
	b.queue, b.opened = &queue, true

	if b.propOption == propsInMsgHandle {
		// Message handles (MQCRTMH) are not part of this MQI.
		fmt.Fprintf(b.out, "\n MQCRTMH")
		fmt.Fprintf(b.out, "\n  failed with CompCode:%d, Reason:%d", mqi.MQCC_FAILED, mqi.MQRC_FUNCTION_NOT_SUPPORTED)
		return mqi.MQCC_FAILED
	}
	fmt.Fprintf(b.out, "\n ")
	return b.browseAll()
}

// browseAll gets each message with MQGMO_BROWSE_NEXT until the end of the
// queue (MQCC_OK) or a failure (its completion code).
func (b *browser) browseAll() int32 {
	md := mqi.NewMQMD()
	md.Version = mqi.MQMD_VERSION_2 // in case the message is in a group or segmented
	gmo := b.getOptions()
	buffer := make([]byte, bufferLength)
	d := dumper{w: b.out}

	for n := 1; ; n++ {
		d.startMessage(n == 1)
		data, length, err := b.queue.GetSlice(md, gmo, buffer)
		if failed(err) {
			if reason(err) != mqi.MQRC_NO_MSG_AVAILABLE {
				fmt.Fprintf(b.out, "\n MQGET %d, failed with CompCode:%d Reason:%d", n, compCode(err), reason(err))
				return compCode(err)
			}
			fmt.Fprintf(b.out, "\n \n \n No more messages ")
			return mqi.MQCC_OK
		}
		fmt.Fprintf(b.out, "\n ")
		fmt.Fprintf(b.out, "\n MQGET of message number %d, CompCode:%d Reason:%d", n, compCode(err), reason(err))
		b.tally(length)
		b.show(md, data, length, &d)
	}
}

// getOptions are the MQGET options: browse the next message without
// waiting, return as much of a long message as fits, and match any
// MsgId and CorrelId so the descriptor need not be reset between calls.
func (b *browser) getOptions() *mqi.MQGMO {
	gmo := mqi.NewMQGMO()
	gmo.Version = mqi.MQGMO_VERSION_2
	gmo.MatchOptions = mqi.MQMO_NONE
	gmo.Options = mqi.MQGMO_NO_WAIT | mqi.MQGMO_ACCEPT_TRUNCATED_MSG | mqi.MQGMO_BROWSE_NEXT
	switch b.propOption {
	case propsInMQRFH2:
		gmo.Options |= mqi.MQGMO_PROPERTIES_FORCE_MQRFH2
	case propsNone:
		gmo.Options |= mqi.MQGMO_NO_PROPERTIES
	case propsCompatibility:
		gmo.Options |= mqi.MQGMO_PROPERTIES_COMPATIBILITY
	}
	return gmo
}

// show prints one message: its descriptor, any dead-letter header, and
// the data that was returned. length is the whole message's length.
func (b *browser) show(md *mqi.MQMD, data []byte, length int, d *dumper) {
	printMD(b.out, md)

	if strings.TrimSpace(md.Format) == mqi.MQFMT_DEAD_LETTER_HEADER {
		if hdr, n, err := mqi.GetHeader(md, data); err == nil {
			if dlh, ok := hdr.(*mqi.MQDLH); ok {
				printDLH(b.out, dlh)
				data, length = data[n:], length-n
			}
		}
	}

	fmt.Fprintf(b.out, "\n ")
	fmt.Fprintf(b.out, "\n****   Message      ****\n ")
	fmt.Fprintf(b.out, "\n length - %d of %d bytes\n ", len(data), length)
	d.dump(data)
}

// tally adds a message length to the summary.
func (b *browser) tally(length int) {
	b.count++
	if b.count == 1 || length < b.smallest {
		b.smallest = length
	}
	if b.count == 1 || length > b.largest {
		b.largest = length
	}
	b.total += length
}

// summary prints the message count and sizes, if any message was browsed.
func (b *browser) summary() {
	if b.count == 0 {
		return
	}
	fmt.Fprintf(b.out, "\n\n****   Summary      ****\n %d messages browsed.\n Smallest message %d bytes.\n Largest message %d bytes.\n Average message %d bytes.\n",
		b.count, b.smallest, b.largest, b.total/b.count)
}

// shutdown closes the queue and disconnects, whichever were done.
func (b *browser) shutdown() {
	if b.opened {
		fmt.Fprintf(b.out, "\n MQCLOSE")
		if err := b.queue.Close(mqi.MQCO_NONE); err != nil {
			fmt.Fprintf(b.out, "\n  failed with CompCode:%d, Reason:%d", compCode(err), reason(err))
		}
	}
	if b.connected {
		fmt.Fprintf(b.out, "\n MQDISC")
		if err := b.qMgr.Disc(); err != nil {
			fmt.Fprintf(b.out, "\n  failed with CompCode:%d, Reason:%d", compCode(err), reason(err))
		}
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

// compCode returns the MQI completion code carried by err.
func compCode(err error) int32 {
	var mqret *mqi.MQReturn
	switch {
	case err == nil:
		return mqi.MQCC_OK
	case errors.As(err, &mqret):
		return mqret.MQCC
	default:
		return mqi.MQCC_FAILED
	}
}

// failed reports whether err is a failure (MQCC_FAILED), as opposed to
// success or a warning such as a truncated message.
func failed(err error) bool {
	return compCode(err) == mqi.MQCC_FAILED
}

// atoi converts the property option as C's atoi does, which is what the
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

// connectOptions are the MQCONNX options: called as amqsbcgc the program is
// the client build of the sample (IBM builds each sample twice, against
// the server and the client library) and connects as a client, through
// MQSERVER or a CCDT.
func connectOptions() *mqi.MQCNO {
	cno := mqi.NewMQCNO()
	if filepath.Base(os.Args[0]) == "amqsbcgc" {
		cno.Options |= mqi.MQCNO_CLIENT_BINDING
	}
	return cno
}
