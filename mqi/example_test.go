package mqi_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"testing"

	"github.com/gomqm/gomqm/internal/admin"
	"github.com/gomqm/gomqm/internal/qmdir"
	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/qmgr"
)

// The examples run against QM1, a queue manager that TestMain (at the end
// of this file) creates and starts for them, with the queues DEV.QUEUE.1
// to DEV.QUEUE.6 defined.

// Connect to a queue manager by name; a blank name means the default
// queue manager. Disconnect when done.
func ExampleConn() {
	qMgr, err := mqi.Conn("QM1")
	if err != nil {
		log.Fatal(err)
	}
	defer qMgr.Disc()

	fmt.Println("connected to", qMgr.Name)
	// Output: connected to QM1
}

// Put a message the way amqsput does: open the queue for output, put a
// string outside syncpoint, close. The queue manager fills in the
// descriptor: MsgId, the put date and time, the user.
func ExampleMQObject_Put() {
	qMgr, err := mqi.Conn("QM1")
	if err != nil {
		log.Fatal(err)
	}
	defer qMgr.Disc()

	od := mqi.NewMQOD()
	od.ObjectName = "DEV.QUEUE.1"
	queue, err := qMgr.Open(od, mqi.MQOO_OUTPUT)
	if err != nil {
		log.Fatal(err)
	}
	defer queue.Close(mqi.MQCO_NONE)

	md := mqi.NewMQMD()
	md.Format = mqi.MQFMT_STRING
	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT
	if err := queue.Put(md, pmo, []byte("Hello")); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("MsgId %.7s..., put by %s\n", md.MsgId, md.PutApplName)
	// Output: MsgId AMQ QM1..., put by mqi.test
}

// Get messages the way amqsget does: wait a while for each one (amqsget
// waits 15 seconds), and stop when the queue stays empty
// (MQRC_NO_MSG_AVAILABLE).
func ExampleMQObject_Get() {
	qMgr, err := mqi.Conn("QM1")
	if err != nil {
		log.Fatal(err)
	}
	defer qMgr.Disc()

	od := mqi.NewMQOD()
	od.ObjectName = "DEV.QUEUE.2"
	queue, err := qMgr.Open(od, mqi.MQOO_OUTPUT|mqi.MQOO_INPUT_AS_Q_DEF)
	if err != nil {
		log.Fatal(err)
	}
	defer queue.Close(mqi.MQCO_NONE)

	for _, text := range []string{"Hello", "World"} {
		md := mqi.NewMQMD()
		md.Format = mqi.MQFMT_STRING
		if err := queue.Put(md, mqi.NewMQPMO(), []byte(text)); err != nil {
			log.Fatal(err)
		}
	}

	buffer := make([]byte, 1024)
	for {
		md := mqi.NewMQMD() // a new descriptor matches any MsgId and CorrelId
		gmo := mqi.NewMQGMO()
		gmo.Options = mqi.MQGMO_WAIT | mqi.MQGMO_NO_SYNCPOINT | mqi.MQGMO_CONVERT
		gmo.WaitInterval = 1000 // milliseconds
		n, err := queue.Get(md, gmo, buffer)
		if errors.Is(err, mqi.ErrNoMsgAvailable) {
			fmt.Println("no more messages")
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s message <%s>\n", md.Format, buffer[:n])
	}
	// Output:
	// MQSTR message <Hello>
	// MQSTR message <World>
	// no more messages
}

// A buffer shorter than the message: with MQGMO_ACCEPT_TRUNCATED_MSG the
// get succeeds with a warning, returns what fits and the full length, and
// removes the message. Without it the get fails with
// MQRC_TRUNCATED_MSG_FAILED and the message stays on the queue.
func ExampleMQObject_GetSlice() {
	qMgr, err := mqi.Conn("QM1")
	if err != nil {
		log.Fatal(err)
	}
	defer qMgr.Disc()

	od := mqi.NewMQOD()
	od.ObjectName = "DEV.QUEUE.3"
	queue, err := qMgr.Open(od, mqi.MQOO_OUTPUT|mqi.MQOO_INPUT_AS_Q_DEF)
	if err != nil {
		log.Fatal(err)
	}
	defer queue.Close(mqi.MQCO_NONE)
	if err := queue.Put(mqi.NewMQMD(), mqi.NewMQPMO(), []byte("Hello, World")); err != nil {
		log.Fatal(err)
	}

	gmo := mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_NO_SYNCPOINT | mqi.MQGMO_ACCEPT_TRUNCATED_MSG
	data, length, err := queue.GetSlice(mqi.NewMQMD(), gmo, make([]byte, 5))
	fmt.Printf("%q of %d bytes\n", data, length)
	fmt.Println(err)
	// Output:
	// "Hello" of 12 bytes
	// MQGET: MQCC = MQCC_WARNING [1] MQRC = MQRC_TRUNCATED_MSG_ACCEPTED [2079]
}

// Open a model queue to make a temporary dynamic queue, as a requester
// does for its replies. The queue manager names it from DynamicQName and
// deletes it when it is closed.
func ExampleMQQueueManager_Open() {
	qMgr, err := mqi.Conn("QM1")
	if err != nil {
		log.Fatal(err)
	}
	defer qMgr.Disc()

	od := mqi.NewMQOD()
	od.ObjectName = "SYSTEM.DEFAULT.MODEL.QUEUE"
	od.DynamicQName = "DEV.REPLY.*"
	replyQ, err := qMgr.Open(od, mqi.MQOO_INPUT_EXCLUSIVE)
	if err != nil {
		log.Fatal(err)
	}
	defer replyQ.Close(mqi.MQCO_NONE)

	fmt.Println(replyQ.Name[:10], len(replyQ.Name) > 10, replyQ.Name == od.ObjectName)
	// Output: DEV.REPLY. true true
}

// A request and its reply, as amqsreq and amqsecha exchange them. The
// requester puts a request naming its reply queue; the server answers
// with MQPUT1 to that queue, the reply's CorrelId being the request's
// MsgId; the requester gets the reply by that CorrelId.
func ExampleMQQueueManager_Put1() {
	qMgr, err := mqi.Conn("QM1")
	if err != nil {
		log.Fatal(err)
	}
	defer qMgr.Disc()

	// The requester: a dynamic reply queue, and the request.
	replyOD := mqi.NewMQOD()
	replyOD.ObjectName = "SYSTEM.DEFAULT.MODEL.QUEUE"
	replyQ, err := qMgr.Open(replyOD, mqi.MQOO_INPUT_EXCLUSIVE)
	if err != nil {
		log.Fatal(err)
	}
	defer replyQ.Close(mqi.MQCO_NONE)

	od := mqi.NewMQOD()
	od.ObjectName = "DEV.QUEUE.4"
	md := mqi.NewMQMD()
	md.MsgType = mqi.MQMT_REQUEST
	md.ReplyToQ = replyQ.Name
	md.Format = mqi.MQFMT_STRING
	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT
	if err := qMgr.Put1(od, md, pmo, []byte("ping")); err != nil {
		log.Fatal(err)
	}
	requestID := md.MsgId

	// The server: get the request and answer it.
	serverQ, err := qMgr.Open(od, mqi.MQOO_INPUT_SHARED)
	if err != nil {
		log.Fatal(err)
	}
	defer serverQ.Close(mqi.MQCO_NONE)
	request := mqi.NewMQMD()
	data, _, err := serverQ.GetSlice(request, mqi.NewMQGMO(), make([]byte, 100))
	if err != nil {
		log.Fatal(err)
	}
	answerOD := mqi.NewMQOD()
	answerOD.ObjectName = request.ReplyToQ
	answerOD.ObjectQMgrName = request.ReplyToQMgr
	answer := mqi.NewMQMD()
	answer.MsgType = mqi.MQMT_REPLY
	answer.CorrelId = request.MsgId
	answer.Format = request.Format
	if err := qMgr.Put1(answerOD, answer, pmo, append([]byte("pong: "), data...)); err != nil {
		log.Fatal(err)
	}

	// The requester: wait for the reply to this request.
	got := mqi.NewMQMD()
	got.CorrelId = requestID
	gmo := mqi.NewMQGMO()
	gmo.MatchOptions = mqi.MQMO_MATCH_CORREL_ID
	gmo.Options = mqi.MQGMO_WAIT | mqi.MQGMO_NO_SYNCPOINT
	gmo.WaitInterval = 5 * 1000
	buffer := make([]byte, 100)
	n, err := replyQ.Get(got, gmo, buffer)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(buffer[:n]), got.MsgType == mqi.MQMT_REPLY, bytes.Equal(got.CorrelId, requestID))
	// Output: pong: ping true true
}

// Inquire a queue's attributes, as amqsinq does: open it for inquiry and
// pass the selectors. Integer attributes come back as int32, character
// attributes as strings without their blank padding.
func ExampleMQObject_Inq() {
	qMgr, err := mqi.Conn("QM1")
	if err != nil {
		log.Fatal(err)
	}
	defer qMgr.Disc()

	od := mqi.NewMQOD()
	od.ObjectName = "DEV.QUEUE.6"
	queue, err := qMgr.Open(od, mqi.MQOO_INQUIRE)
	if err != nil {
		log.Fatal(err)
	}
	defer queue.Close(mqi.MQCO_NONE)

	values, err := queue.Inq([]int32{mqi.MQCA_Q_NAME, mqi.MQIA_CURRENT_Q_DEPTH, mqi.MQIA_MAX_Q_DEPTH})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: depth %d of %d\n",
		values[mqi.MQCA_Q_NAME], values[mqi.MQIA_CURRENT_Q_DEPTH], values[mqi.MQIA_MAX_Q_DEPTH])
	// Output: DEV.QUEUE.6: depth 0 of 5000
}

// Put and get under syncpoint: nothing is visible to others until Cmit,
// and Back undoes the unit of work.
func ExampleMQQueueManager_Back() {
	qMgr, err := mqi.Conn("QM1")
	if err != nil {
		log.Fatal(err)
	}
	defer qMgr.Disc()

	od := mqi.NewMQOD()
	od.ObjectName = "DEV.QUEUE.5"
	queue, err := qMgr.Open(od, mqi.MQOO_OUTPUT|mqi.MQOO_INPUT_AS_Q_DEF)
	if err != nil {
		log.Fatal(err)
	}
	defer queue.Close(mqi.MQCO_NONE)

	put := func(text string) {
		pmo := mqi.NewMQPMO()
		pmo.Options = mqi.MQPMO_SYNCPOINT
		if err := queue.Put(mqi.NewMQMD(), pmo, []byte(text)); err != nil {
			log.Fatal(err)
		}
	}
	put("kept")
	if err := qMgr.Cmit(); err != nil {
		log.Fatal(err)
	}
	put("undone")
	if err := qMgr.Back(); err != nil {
		log.Fatal(err)
	}

	buffer := make([]byte, 100)
	for {
		gmo := mqi.NewMQGMO()
		gmo.Options = mqi.MQGMO_NO_SYNCPOINT
		n, err := queue.Get(mqi.NewMQMD(), gmo, buffer)
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Println(string(buffer[:n]))
	}
	// Output:
	// kept
	// MQGET: MQCC = MQCC_FAILED [2] MQRC = MQRC_NO_MSG_AVAILABLE [2033]
}

// A get loop such as amqsget's stops when the queue is empty: MQGET then
// fails with MQRC_NO_MSG_AVAILABLE.
func ExampleMQReturn() {
	var err error = mqi.NewReturn("MQGET", mqi.MQCC_FAILED, mqi.MQRC_NO_MSG_AVAILABLE)
	fmt.Println(err)

	if errors.Is(err, mqi.ErrNoMsgAvailable) {
		fmt.Println("no more messages")
	}

	var mqret *mqi.MQReturn
	if errors.As(err, &mqret) && mqret.MQCC == mqi.MQCC_FAILED {
		fmt.Println("reason", mqret.MQRC)
	}
	// Output:
	// MQGET: MQCC = MQCC_FAILED [2] MQRC = MQRC_NO_MSG_AVAILABLE [2033]
	// no more messages
	// reason 2033
}

func ExampleMQItoString() {
	fmt.Println(mqi.MQItoString("RC", 2085))
	fmt.Println(mqi.MQItoString("MQOT", 1))
	fmt.Println(mqi.MQItoString("MT", 8))
	// Output:
	// MQRC_UNKNOWN_OBJECT_NAME
	// MQOT_Q
	// MQMT_DATAGRAM
}

// The options amqsget uses: wait up to 15 seconds for each message,
// outside syncpoint, converting the data.
func ExampleNewMQGMO() {
	gmo := mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_WAIT | mqi.MQGMO_NO_SYNCPOINT | mqi.MQGMO_CONVERT
	gmo.WaitInterval = 15 * 1000
	fmt.Println(gmo.Options, gmo.WaitInterval, gmo.MatchOptions)
	// Output: 16389 15000 3
}

// Messages from amqsput are strings; the queue manager fills in MsgId.
func ExampleNewMQMD() {
	md := mqi.NewMQMD()
	md.Format = mqi.MQFMT_STRING
	fmt.Printf("%q %d %d %d\n", md.Format, md.MsgType, md.Persistence, len(md.MsgId))
	// Output: "MQSTR" 8 2 24
}

// exampleQueues are the queues the examples use, one each, so that no
// example sees another's messages.
var exampleQueues = []string{"DEV.QUEUE.1", "DEV.QUEUE.2", "DEV.QUEUE.3", "DEV.QUEUE.4", "DEV.QUEUE.5", "DEV.QUEUE.6"}

// TestMain runs the tests and examples with a queue manager, QM1, created
// and started in this process in a temporary data root.
func TestMain(m *testing.M) {
	os.Exit(runWithQueueManager(m))
}

func runWithQueueManager(m *testing.M) int {
	// Unix socket paths are limited to 108 bytes: keep the root short.
	root, err := os.MkdirTemp("/tmp", "mqiex")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(root)
	// mqi.Conn finds queue managers through the environment, as IBM's MQI does.
	os.Setenv("MQ_OVERRIDE_DATA_PATH", root)

	qm, err := startQueueManager(qmdir.Layout{Root: root})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer qm.Close()
	return m.Run()
}

// startQueueManager creates QM1, starts it and defines the examples'
// queues.
func startQueueManager(layout qmdir.Layout) (*qmgr.QueueManager, error) {
	if _, err := qmgr.Create(layout, qmgr.CreateOptions{Name: "QM1"}, nil); err != nil {
		return nil, fmt.Errorf("create QM1: %w", err)
	}
	qm, err := qmgr.Start(layout, "QM1", qmgr.StartOptions{Program: "mqi.test"})
	if err != nil {
		return nil, fmt.Errorf("start QM1: %w", err)
	}
	if err := defineQueues(exampleQueues); err != nil {
		qm.Close()
		return nil, err
	}
	return qm, nil
}

// defineQueues defines local queues through the command server, as
// runmqsc would.
func defineQueues(names []string) error {
	c, err := admin.Dial("QM1", nil)
	if err != nil {
		return fmt.Errorf("connect to the command server: %w", err)
	}
	defer c.Close()
	for _, name := range names {
		cmd := "DEFINE QLOCAL(" + name + ")"
		lines, failed, err := c.MQSC(cmd)
		if err != nil {
			return fmt.Errorf("%s: %w", cmd, err)
		}
		if failed {
			return fmt.Errorf("%s: %v", cmd, lines)
		}
	}
	return nil
}
