package crashtest

import (
	"errors"
	"testing"

	"github.com/gomqm/gomqm/mqi"
)

// app is an application connection made from the test process itself;
// the test's environment must name the data root.
type app struct {
	t   *testing.T
	qm  mqi.MQQueueManager
	obj mqi.MQObject
}

// connectApp connects to QM1 and opens queue for output and input.
func connectApp(t *testing.T, queue string) *app {
	t.Helper()
	qm, err := mqi.Conn("QM1")
	if err != nil {
		t.Fatalf("MQCONN: %v", err)
	}
	od := mqi.NewMQOD()
	od.ObjectName = queue
	obj, err := qm.Open(od, mqi.MQOO_OUTPUT|mqi.MQOO_INPUT_SHARED)
	if err != nil {
		qm.Disc()
		t.Fatalf("MQOPEN %s: %v", queue, err)
	}
	a := &app{t: t, qm: qm, obj: obj}
	t.Cleanup(a.disc)
	return a
}

func (a *app) disc() { a.qm.Disc() }

// put puts one persistent message outside syncpoint.
func (a *app) put(body []byte) error {
	md := mqi.NewMQMD()
	md.Persistence = mqi.MQPER_PERSISTENT
	md.Format = mqi.MQFMT_STRING
	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT | mqi.MQPMO_NEW_MSG_ID
	return a.obj.Put(md, pmo, body)
}

// get gets one message outside syncpoint without waiting; it returns
// nil, nil when the queue is empty.
func (a *app) get() ([]byte, error) {
	md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = mqi.MQGMO_NO_SYNCPOINT | mqi.MQGMO_NO_WAIT
	data, _, err := a.obj.GetSlice(md, gmo, make([]byte, 1<<20))
	if errors.Is(err, mqi.ErrNoMsgAvailable) {
		return nil, nil
	}
	return data, err
}

// drain gets every message left and returns their ids; a body that does
// not match its id fails the test.
func (a *app) drain() []string {
	a.t.Helper()
	var ids []string
	for {
		data, err := a.get()
		if err != nil {
			a.t.Fatalf("MQGET: %v", err)
		}
		if data == nil {
			return ids
		}
		id, ok := ParseBody(data)
		if !ok {
			a.t.Errorf("message %q came back damaged", id)
		}
		ids = append(ids, id)
	}
}

// reasonOf returns the MQRC of an MQI error, or -1.
func reasonOf(err error) int32 {
	var mqr *mqi.MQReturn
	if errors.As(err, &mqr) {
		return mqr.MQRC
	}
	return -1
}
