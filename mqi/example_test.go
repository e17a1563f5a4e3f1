package mqi_test

import (
	"errors"
	"fmt"

	"github.com/gomqm/gomqm/mqi"
)

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
