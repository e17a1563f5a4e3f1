package qmgr

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/user"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// inq inquires and fails the test on any error.
func inq(t *testing.T, obj mqi.MQObject, selectors ...int32) map[int32]interface{} {
	t.Helper()
	v, err := obj.Inq(selectors)
	if err != nil {
		t.Fatalf("Inq %v: %v", selectors, err)
	}
	return v
}

// reason returns the reason code of an mqi error, 0 for nil.
func reason(err error) int32 {
	var r *mqi.MQReturn
	if errors.As(err, &r) {
		return r.MQRC
	}
	if err != nil {
		return -1
	}
	return 0
}

func checkValues(t *testing.T, got, want map[int32]interface{}) {
	t.Helper()
	for s, w := range want {
		if got[s] != w {
			t.Errorf("selector %d = %#v, want %#v", s, got[s], w)
		}
	}
}

func TestInqLocalQueue(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q) DESCR('Orders in') MAXDEPTH(100) MAXMSGL(2048) DEFPSIST(YES) DEFPRTY(4) "+
		"NOSHARE DEFSOPT(EXCL) MSGDLVSQ(FIFO) BOTHRESH(3) BOQNAME(APP.BACKOUT) NOHARDENBO "+
		"TRIGGER TRIGTYPE(EVERY) TRIGDPTH(7) TRIGMPRI(2) TRIGDATA('go now') INITQ(APP.INITQ) PROCESS(APP.PROC) USAGE(XMITQ) GET(DISABLED)")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT|mqi.MQOO_INQUIRE)
	open(t, qm, "APP.Q", mqi.MQOO_BROWSE)
	put(t, out, "one")
	put(t, out, "two")
	got := inq(t, out, mqi.MQCA_Q_NAME, mqi.MQIA_Q_TYPE, mqi.MQCA_Q_DESC, mqi.MQIA_MAX_Q_DEPTH, mqi.MQIA_MAX_MSG_LENGTH,
		mqi.MQIA_DEF_PERSISTENCE, mqi.MQIA_DEF_PRIORITY, mqi.MQIA_SHAREABILITY, mqi.MQIA_DEF_INPUT_OPEN_OPTION,
		mqi.MQIA_MSG_DELIVERY_SEQUENCE, mqi.MQIA_BACKOUT_THRESHOLD, mqi.MQCA_BACKOUT_REQ_Q_NAME,
		mqi.MQIA_HARDEN_GET_BACKOUT, mqi.MQIA_TRIGGER_CONTROL, mqi.MQIA_TRIGGER_TYPE, mqi.MQIA_TRIGGER_DEPTH,
		mqi.MQIA_TRIGGER_MSG_PRIORITY, mqi.MQCA_TRIGGER_DATA, mqi.MQCA_INITIATION_Q_NAME, mqi.MQCA_PROCESS_NAME,
		mqi.MQIA_USAGE, mqi.MQIA_INHIBIT_GET, mqi.MQIA_INHIBIT_PUT, mqi.MQIA_DEFINITION_TYPE,
		mqi.MQIA_CURRENT_Q_DEPTH, mqi.MQIA_OPEN_INPUT_COUNT, mqi.MQIA_OPEN_OUTPUT_COUNT)
	checkValues(t, got, map[int32]interface{}{
		mqi.MQCA_Q_NAME: "APP.Q", mqi.MQIA_Q_TYPE: mqi.MQQT_LOCAL, mqi.MQCA_Q_DESC: "Orders in",
		mqi.MQIA_MAX_Q_DEPTH: int32(100), mqi.MQIA_MAX_MSG_LENGTH: int32(2048),
		mqi.MQIA_DEF_PERSISTENCE: mqi.MQPER_PERSISTENT, mqi.MQIA_DEF_PRIORITY: int32(4),
		mqi.MQIA_SHAREABILITY: mqi.MQQA_NOT_SHAREABLE, mqi.MQIA_DEF_INPUT_OPEN_OPTION: mqi.MQOO_INPUT_EXCLUSIVE,
		mqi.MQIA_MSG_DELIVERY_SEQUENCE: mqi.MQMDS_FIFO, mqi.MQIA_BACKOUT_THRESHOLD: int32(3),
		mqi.MQCA_BACKOUT_REQ_Q_NAME: "APP.BACKOUT", mqi.MQIA_HARDEN_GET_BACKOUT: mqi.MQQA_BACKOUT_NOT_HARDENED,
		mqi.MQIA_TRIGGER_CONTROL: mqi.MQTC_ON, mqi.MQIA_TRIGGER_TYPE: mqi.MQTT_EVERY, mqi.MQIA_TRIGGER_DEPTH: int32(7),
		mqi.MQIA_TRIGGER_MSG_PRIORITY: int32(2), mqi.MQCA_TRIGGER_DATA: "go now",
		mqi.MQCA_INITIATION_Q_NAME: "APP.INITQ", mqi.MQCA_PROCESS_NAME: "APP.PROC",
		mqi.MQIA_USAGE: mqi.MQUS_TRANSMISSION, mqi.MQIA_INHIBIT_GET: mqi.MQQA_GET_INHIBITED,
		mqi.MQIA_INHIBIT_PUT: mqi.MQQA_PUT_ALLOWED, mqi.MQIA_DEFINITION_TYPE: mqi.MQQDT_PREDEFINED,
		mqi.MQIA_CURRENT_Q_DEPTH: int32(2), mqi.MQIA_OPEN_INPUT_COUNT: int32(0), mqi.MQIA_OPEN_OUTPUT_COUNT: int32(1),
	})
	dates := inq(t, out, mqi.MQCA_CREATION_DATE, mqi.MQCA_CREATION_TIME, mqi.MQCA_ALTERATION_DATE, mqi.MQCA_ALTERATION_TIME)
	for s, pattern := range map[int32]string{mqi.MQCA_CREATION_DATE: `^\d{4}-\d\d-\d\d$`, mqi.MQCA_CREATION_TIME: `^\d\d\.\d\d\.\d\d$`,
		mqi.MQCA_ALTERATION_DATE: `^\d{4}-\d\d-\d\d$`, mqi.MQCA_ALTERATION_TIME: `^\d\d\.\d\d\.\d\d$`} {
		if v, _ := dates[s].(string); !regexp.MustCompile(pattern).MatchString(v) {
			t.Errorf("selector %d = %q, want %s", s, v, pattern)
		}
	}
}

func TestInqCharAttributesArePaddedInSelectorOrder(t *testing.T) {
	attrs := map[string]string{kwName: "APP.Q", "DESCR": "d", "MAXDEPTH": "9"}
	req := wire.InqBody{Selectors: []int32{mqi.MQCA_Q_DESC, mqi.MQIA_MAX_Q_DEPTH, mqi.MQCA_Q_NAME},
		IntAttrCount: 1, CharAttrLength: mqi.MQ_Q_DESC_LENGTH + mqi.MQ_Q_NAME_LENGTH}
	reply, rc := inquire(queueAttrs, attrs, objects.TypeQLocal, &req)
	want := "d" + strings.Repeat(" ", 63) + "APP.Q" + strings.Repeat(" ", 43)
	if rc != mqi.MQRC_NONE || string(reply.CharAttrs) != want || !slices.Equal(reply.IntAttrs, []int32{9}) {
		t.Fatalf("rc %d, ints %v, chars %q", rc, reply.IntAttrs, reply.CharAttrs)
	}
}

func TestInqShortBuffersAreWarnings(t *testing.T) {
	attrs := map[string]string{kwName: "APP.Q", "DESCR": "d", "MAXDEPTH": "9", "DEFPRTY": "1"}
	sels := []int32{mqi.MQIA_MAX_Q_DEPTH, mqi.MQCA_Q_NAME, mqi.MQIA_DEF_PRIORITY, mqi.MQCA_Q_DESC}

	req := wire.InqBody{Selectors: sels, IntAttrCount: 1, CharAttrLength: 48 + 64}
	reply, rc := inquire(queueAttrs, attrs, objects.TypeQLocal, &req)
	if rc != mqi.MQRC_INT_ATTR_COUNT_TOO_SMALL || !slices.Equal(reply.IntAttrs, []int32{9}) || len(reply.CharAttrs) != 112 {
		t.Errorf("one integer slot: rc %d, ints %v, %d chars", rc, reply.IntAttrs, len(reply.CharAttrs))
	}

	// Room for the name and part of the description: only whole
	// attributes come back.
	req = wire.InqBody{Selectors: sels, IntAttrCount: 2, CharAttrLength: 48 + 10}
	reply, rc = inquire(queueAttrs, attrs, objects.TypeQLocal, &req)
	if rc != mqi.MQRC_CHAR_ATTRS_TOO_SHORT || strings.TrimSpace(string(reply.CharAttrs)) != "APP.Q" || len(reply.CharAttrs) != 48 {
		t.Errorf("short character buffer: rc %d, chars %q", rc, reply.CharAttrs)
	}
	if len(reply.IntAttrs) != 2 {
		t.Errorf("integers lost with a short character buffer: %v", reply.IntAttrs)
	}
}

func TestInqCountChecks(t *testing.T) {
	body := func(sc, ic, cl int32) []byte {
		b := make([]byte, 12)
		binary.LittleEndian.PutUint32(b, uint32(sc))
		binary.LittleEndian.PutUint32(b[4:], uint32(ic))
		binary.LittleEndian.PutUint32(b[8:], uint32(cl))
		return b
	}
	for _, c := range []struct {
		b    []byte
		want int32
	}{
		{body(257, 0, 0), mqi.MQRC_SELECTOR_COUNT_ERROR},
		{body(-1, 0, 0), mqi.MQRC_SELECTOR_COUNT_ERROR},
		{body(0, -1, 0), mqi.MQRC_INT_ATTR_COUNT_ERROR},
		{body(0, 0, -5), mqi.MQRC_CHAR_ATTR_LENGTH_ERROR},
		{body(2, 0, 0), mqi.MQRC_SELECTOR_COUNT_ERROR}, // selectors missing
		{body(0, 0, 0)[:8], mqi.MQRC_SELECTOR_COUNT_ERROR},
		{body(0, 3, 100), mqi.MQRC_NONE},
	} {
		if _, rc := decodeInq(c.b, binary.LittleEndian); rc != c.want {
			t.Errorf("% x: rc %d, want %d", c.b, rc, c.want)
		}
	}
}

func TestInqQueueManager(t *testing.T) {
	startQM(t)
	qm := connect(t)
	for _, name := range []string{"", "QM1"} {
		od := mqi.NewMQOD()
		od.ObjectType, od.ObjectName = mqi.MQOT_Q_MGR, name
		obj, err := qm.Open(od, mqi.MQOO_INQUIRE)
		if err != nil {
			t.Fatalf("open the queue manager as %q: %v", name, err)
		}
		got := inq(t, obj, mqi.MQCA_Q_MGR_NAME, mqi.MQIA_PLATFORM, mqi.MQIA_COMMAND_LEVEL, mqi.MQIA_MAX_PRIORITY,
			mqi.MQIA_MAX_HANDLES, mqi.MQIA_MAX_UNCOMMITTED_MSGS, mqi.MQIA_MAX_MSG_LENGTH, mqi.MQIA_CODED_CHAR_SET_ID,
			mqi.MQIA_TRIGGER_INTERVAL, mqi.MQCA_COMMAND_INPUT_Q_NAME, mqi.MQCA_DEAD_LETTER_Q_NAME,
			mqi.MQCA_DEF_XMIT_Q_NAME, mqi.MQCA_Q_MGR_DESC, mqi.MQIA_SYNCPOINT, mqi.MQCA_Q_MGR_IDENTIFIER)
		checkValues(t, got, map[int32]interface{}{
			mqi.MQCA_Q_MGR_NAME: "QM1", mqi.MQIA_PLATFORM: mqi.MQPL_UNIX, mqi.MQIA_COMMAND_LEVEL: int32(940),
			mqi.MQIA_MAX_PRIORITY: int32(9), mqi.MQIA_MAX_HANDLES: int32(256), mqi.MQIA_MAX_UNCOMMITTED_MSGS: int32(10000),
			mqi.MQIA_MAX_MSG_LENGTH: int32(4194304), mqi.MQIA_CODED_CHAR_SET_ID: int32(1208),
			mqi.MQIA_TRIGGER_INTERVAL: int32(999999999), mqi.MQCA_COMMAND_INPUT_Q_NAME: "SYSTEM.ADMIN.COMMAND.QUEUE",
			mqi.MQCA_DEAD_LETTER_Q_NAME: "", mqi.MQCA_DEF_XMIT_Q_NAME: "", mqi.MQCA_Q_MGR_DESC: "",
			mqi.MQIA_SYNCPOINT: mqi.MQSP_AVAILABLE,
		})
		if id, _ := got[mqi.MQCA_Q_MGR_IDENTIFIER].(string); !strings.HasPrefix(id, "QM1_") {
			t.Errorf("queue manager identifier %q", id)
		}
		if _, err := obj.Inq([]int32{mqi.MQIA_CURRENT_Q_DEPTH}); reason(err) != mqi.MQRC_SELECTOR_ERROR {
			t.Errorf("a queue selector on the queue manager: %v, want 2067", err)
		}
		if err := obj.Close(0); err != nil {
			t.Errorf("close the queue manager object: %v", err)
		}
	}
	runMQSC(t, "ALTER QMGR DEADQ(APP.DLQ) DESCR('test manager')")
	od := mqi.NewMQOD()
	od.ObjectType = mqi.MQOT_Q_MGR
	obj, err := qm.Open(od, mqi.MQOO_INQUIRE)
	if err != nil {
		t.Fatal(err)
	}
	checkValues(t, inq(t, obj, mqi.MQCA_DEAD_LETTER_Q_NAME, mqi.MQCA_Q_MGR_DESC),
		map[int32]interface{}{mqi.MQCA_DEAD_LETTER_Q_NAME: "APP.DLQ", mqi.MQCA_Q_MGR_DESC: "test manager"})
}

func TestOpenQueueManagerErrors(t *testing.T) {
	startQM(t)
	qm := connect(t)
	for _, c := range []struct {
		name string
		opts int32
		want int32
	}{
		{"QM2", mqi.MQOO_INQUIRE, mqi.MQRC_UNKNOWN_OBJECT_NAME},
		{"", mqi.MQOO_INQUIRE | mqi.MQOO_SET, mqi.MQRC_OPTION_NOT_VALID_FOR_TYPE},
		{"", mqi.MQOO_OUTPUT, mqi.MQRC_OPTION_NOT_VALID_FOR_TYPE},
	} {
		od := mqi.NewMQOD()
		od.ObjectType, od.ObjectName = mqi.MQOT_Q_MGR, c.name
		if _, err := qm.Open(od, c.opts); reason(err) != c.want {
			t.Errorf("open %q with %d: %v, want %d", c.name, c.opts, err, c.want)
		}
	}
}

func TestInqErrors(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)", "DEFINE QALIAS(APP.ALIAS) TARGET(APP.Q) DESCR('via alias')")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT)
	if _, err := out.Inq([]int32{mqi.MQIA_CURRENT_Q_DEPTH}); reason(err) != mqi.MQRC_NOT_OPEN_FOR_INQUIRE {
		t.Errorf("not open for inquire: %v, want 2038", err)
	}
	obj := open(t, qm, "APP.Q", mqi.MQOO_INQUIRE)
	for _, sel := range []int32{mqi.MQCA_Q_MGR_NAME, mqi.MQIA_PLATFORM, 5000, -3} {
		if v, err := obj.Inq([]int32{mqi.MQIA_CURRENT_Q_DEPTH, sel}); reason(err) != mqi.MQRC_SELECTOR_ERROR || v != nil {
			t.Errorf("selector %d on a queue: %v %v, want 2067 and no values", sel, v, err)
		}
	}
	many := make([]int32, 257)
	for i := range many {
		many[i] = mqi.MQIA_CURRENT_Q_DEPTH
	}
	if _, err := obj.Inq(many); reason(err) != mqi.MQRC_SELECTOR_COUNT_ERROR {
		t.Errorf("257 selectors: %v, want 2065", err)
	}

	// An alias: selectors of local queues only are a warning, with
	// MQIAV_NOT_APPLICABLE and asterisks in their place.
	alias := open(t, qm, "APP.ALIAS", mqi.MQOO_INQUIRE)
	v, err := alias.Inq([]int32{mqi.MQCA_Q_NAME, mqi.MQIA_Q_TYPE, mqi.MQCA_BASE_Q_NAME, mqi.MQCA_Q_DESC,
		mqi.MQIA_CURRENT_Q_DEPTH, mqi.MQCA_CREATION_DATE})
	var ret *mqi.MQReturn
	if !errors.As(err, &ret) || ret.MQCC != mqi.MQCC_WARNING || ret.MQRC != mqi.MQRC_SELECTOR_NOT_FOR_TYPE {
		t.Fatalf("alias with a local-only selector: %v, want warning 2068", err)
	}
	checkValues(t, v, map[int32]interface{}{
		mqi.MQCA_Q_NAME: "APP.ALIAS", mqi.MQIA_Q_TYPE: mqi.MQQT_ALIAS, mqi.MQCA_BASE_Q_NAME: "APP.Q",
		mqi.MQCA_Q_DESC: "via alias", mqi.MQIA_CURRENT_Q_DEPTH: mqi.MQIAV_NOT_APPLICABLE,
		mqi.MQCA_CREATION_DATE: strings.Repeat("*", 12),
	})
}

func TestInqDynamicQueue(t *testing.T) {
	startQM(t)
	qm := connect(t)
	od := mqi.NewMQOD()
	od.ObjectName = "SYSTEM.DEFAULT.MODEL.QUEUE"
	od.DynamicQName = "APP.REPLY.*"
	dyn, err := qm.Open(od, mqi.MQOO_INPUT_EXCLUSIVE|mqi.MQOO_INQUIRE|mqi.MQOO_SET)
	if err != nil {
		t.Fatal(err)
	}
	checkValues(t, inq(t, dyn, mqi.MQCA_Q_NAME, mqi.MQIA_DEFINITION_TYPE, mqi.MQIA_Q_TYPE, mqi.MQIA_OPEN_INPUT_COUNT),
		map[int32]interface{}{mqi.MQCA_Q_NAME: dyn.Name, mqi.MQIA_DEFINITION_TYPE: mqi.MQQDT_TEMPORARY_DYNAMIC,
			mqi.MQIA_Q_TYPE: mqi.MQQT_LOCAL, mqi.MQIA_OPEN_INPUT_COUNT: int32(1)})
	if err := dyn.Set(map[int32]interface{}{mqi.MQIA_INHIBIT_GET: mqi.MQQA_GET_INHIBITED}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := get(dyn, 0); reason(err) != mqi.MQRC_GET_INHIBITED {
		t.Errorf("get after MQSET GET(DISABLED): %v, want 2016", err)
	}
}

func TestSetPutInhibitReachesOpenHandles(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)", "DEFINE QALIAS(APP.ALIAS) TARGET(APP.Q)")
	qm := connect(t)
	out := open(t, qm, "APP.Q", mqi.MQOO_OUTPUT)
	in := open(t, qm, "APP.Q", mqi.MQOO_INPUT_SHARED)
	put(t, out, "before")

	admin := connect(t)
	setter := open(t, admin, "APP.Q", mqi.MQOO_SET|mqi.MQOO_INQUIRE)
	if err := setter.Set(map[int32]interface{}{mqi.MQIA_INHIBIT_PUT: mqi.MQQA_PUT_INHIBITED,
		mqi.MQIA_INHIBIT_GET: int(mqi.MQQA_GET_INHIBITED)}); err != nil {
		t.Fatalf("Set: %v", err)
	}
	md, pmo := mqi.NewMQMD(), mqi.NewMQPMO()
	if err := out.Put(md, pmo, []byte("after")); reason(err) != mqi.MQRC_PUT_INHIBITED {
		t.Errorf("put through a handle opened before MQSET: %v, want 2051", err)
	}
	if _, _, err := get(in, 0); reason(err) != mqi.MQRC_GET_INHIBITED {
		t.Errorf("get through a handle opened before MQSET: %v, want 2016", err)
	}
	od := mqi.NewMQOD()
	od.ObjectName = "APP.Q"
	if err := admin.Put1(od, mqi.NewMQMD(), mqi.NewMQPMO(), []byte("put1")); reason(err) != mqi.MQRC_PUT_INHIBITED {
		t.Errorf("MQPUT1 after MQSET: %v, want 2051", err)
	}
	show := strings.Join(runMQSC(t, "DISPLAY QLOCAL(APP.Q) PUT GET ALTDATE"), "\n")
	if !strings.Contains(show, "PUT(DISABLED)") || !strings.Contains(show, "GET(DISABLED)") {
		t.Errorf("DISPLAY after MQSET:\n%s", show)
	}
	checkValues(t, inq(t, setter, mqi.MQIA_INHIBIT_PUT, mqi.MQIA_INHIBIT_GET),
		map[int32]interface{}{mqi.MQIA_INHIBIT_PUT: mqi.MQQA_PUT_INHIBITED, mqi.MQIA_INHIBIT_GET: mqi.MQQA_GET_INHIBITED})

	if err := setter.Set(map[int32]interface{}{mqi.MQIA_INHIBIT_PUT: mqi.MQQA_PUT_ALLOWED,
		mqi.MQIA_INHIBIT_GET: mqi.MQQA_GET_ALLOWED}); err != nil {
		t.Fatal(err)
	}
	put(t, out, "allowed again")
	if text, _, err := get(in, 0); err != nil || text != "before" {
		t.Errorf("get after allowing again: %q %v", text, err)
	}

	// Inhibiting puts on the alias stops handles opened through it, not
	// those opened on the queue itself.
	viaAlias := open(t, qm, "APP.ALIAS", mqi.MQOO_OUTPUT|mqi.MQOO_SET)
	if err := viaAlias.Set(map[int32]interface{}{mqi.MQIA_INHIBIT_PUT: mqi.MQQA_PUT_INHIBITED}); err != nil {
		t.Fatal(err)
	}
	if err := viaAlias.Put(mqi.NewMQMD(), mqi.NewMQPMO(), []byte("x")); reason(err) != mqi.MQRC_PUT_INHIBITED {
		t.Errorf("put through the inhibited alias: %v, want 2051", err)
	}
	put(t, out, "direct")
	if show := strings.Join(runMQSC(t, "DISPLAY QALIAS(APP.ALIAS) PUT"), "\n"); !strings.Contains(show, "PUT(DISABLED)") {
		t.Errorf("DISPLAY QALIAS after MQSET:\n%s", show)
	}
}

// An MQOPEN that read the definition before an MQSET but registers its
// handle after it must still get the new inhibit state.
func TestOpenRegisteredAfterSetSeesIt(t *testing.T) {
	qmgr := startQM(t, "DEFINE QLOCAL(APP.Q)")
	setter := open(t, connect(t), "APP.Q", mqi.MQOO_SET)
	def, rc := qmgr.resolve("APP.Q", 0)
	if rc != mqi.MQRC_NONE || !def.PutOK {
		t.Fatalf("resolve: %d %+v", rc, def)
	}
	if err := setter.Set(map[int32]interface{}{mqi.MQIA_INHIBIT_PUT: mqi.MQQA_PUT_INHIBITED}); err != nil {
		t.Fatal(err)
	}
	q := qmgr.queues.get("APP.Q")
	hd := &handle{q: q, def: def, output: true}
	q.mu.Lock()
	qmgr.addHandleLocked(q, hd, "APP.Q")
	q.mu.Unlock()
	if hd.putAllowed() {
		t.Error("a handle registered after MQSET kept the definition read before it")
	}
}

// Handles opened while an MQSET runs: once MQSET has returned, every
// handle open at that time refuses puts.
func TestSetRacingOpens(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)")
	setter := open(t, connect(t), "APP.Q", mqi.MQOO_SET)
	const n = 8
	handles := make(chan mqi.MQObject, 4*n)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range n {
		qm := connect(t)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				od := mqi.NewMQOD()
				od.ObjectName = "APP.Q"
				obj, err := qm.Open(od, mqi.MQOO_OUTPUT)
				if err != nil {
					return
				}
				select {
				case handles <- obj:
				default:
					obj.Close(0)
				}
			}
		}()
	}
	if err := setter.Set(map[int32]interface{}{mqi.MQIA_INHIBIT_PUT: mqi.MQQA_PUT_INHIBITED}); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	close(handles)
	for obj := range handles {
		if err := obj.Put(mqi.NewMQMD(), mqi.NewMQPMO(), []byte("x")); reason(err) != mqi.MQRC_PUT_INHIBITED {
			t.Fatalf("a handle opened around MQSET still puts: %v", err)
		}
	}
}

func TestSetErrors(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)", "DEFINE QALIAS(APP.ALIAS) TARGET(APP.Q)")
	qm := connect(t)
	if err := open(t, qm, "APP.Q", mqi.MQOO_INQUIRE).Set(map[int32]interface{}{mqi.MQIA_INHIBIT_PUT: mqi.MQQA_PUT_INHIBITED}); reason(err) != mqi.MQRC_NOT_OPEN_FOR_SET {
		t.Errorf("not open for set: %v, want 2040", err)
	}
	obj := open(t, qm, "APP.Q", mqi.MQOO_SET|mqi.MQOO_INQUIRE)
	alias := open(t, qm, "APP.ALIAS", mqi.MQOO_SET)
	for _, c := range []struct {
		name string
		obj  mqi.MQObject
		set  map[int32]interface{}
		want int32
	}{
		{"read-only MAXDEPTH", obj, map[int32]interface{}{mqi.MQIA_MAX_Q_DEPTH: 10}, mqi.MQRC_SELECTOR_ERROR},
		{"read-only DESCR", obj, map[int32]interface{}{mqi.MQCA_Q_DESC: "x"}, mqi.MQRC_SELECTOR_ERROR},
		{"unknown selector", obj, map[int32]interface{}{4321: 1}, mqi.MQRC_SELECTOR_ERROR},
		{"trigger on an alias", alias, map[int32]interface{}{mqi.MQIA_TRIGGER_CONTROL: mqi.MQTC_ON}, mqi.MQRC_SELECTOR_ERROR},
		{"bad inhibit value", obj, map[int32]interface{}{mqi.MQIA_INHIBIT_PUT: 7}, mqi.MQRC_INHIBIT_VALUE_ERROR},
		{"trigger depth 0", obj, map[int32]interface{}{mqi.MQIA_TRIGGER_DEPTH: 0}, mqi.MQRC_TRIGGER_DEPTH_ERROR},
		{"priority above MAXPRTY", obj, map[int32]interface{}{mqi.MQIA_TRIGGER_MSG_PRIORITY: 10}, mqi.MQRC_TRIGGER_MSG_PRIORITY_ERR},
		{"bad trigger type", obj, map[int32]interface{}{mqi.MQIA_TRIGGER_TYPE: 9}, mqi.MQRC_TRIGGER_TYPE_ERROR},
		{"bad trigger control", obj, map[int32]interface{}{mqi.MQIA_TRIGGER_CONTROL: 2}, mqi.MQRC_TRIGGER_CONTROL_ERROR},
		{"all or nothing", obj, map[int32]interface{}{mqi.MQIA_INHIBIT_PUT: mqi.MQQA_PUT_INHIBITED, mqi.MQIA_TRIGGER_DEPTH: -1}, mqi.MQRC_TRIGGER_DEPTH_ERROR},
		{"string for an integer", obj, map[int32]interface{}{mqi.MQIA_INHIBIT_PUT: "1"}, mqi.MQRC_INT_ATTRS_ARRAY_ERROR},
		{"integer for a string", obj, map[int32]interface{}{mqi.MQCA_TRIGGER_DATA: 1}, mqi.MQRC_CHAR_ATTRS_ERROR},
	} {
		if err := c.obj.Set(c.set); reason(err) != c.want {
			t.Errorf("%s: %v, want %d", c.name, err, c.want)
		}
	}
	checkValues(t, inq(t, obj, mqi.MQIA_INHIBIT_PUT, mqi.MQIA_TRIGGER_DEPTH),
		map[int32]interface{}{mqi.MQIA_INHIBIT_PUT: mqi.MQQA_PUT_ALLOWED, mqi.MQIA_TRIGGER_DEPTH: int32(1)})
}

func TestSetCountChecks(t *testing.T) {
	o := objects.Object{Type: objects.TypeQLocal, Name: "APP.Q", Attrs: map[string]string{"PUT": "ENABLED"}}
	for _, c := range []struct {
		req  wire.InqBody
		want int32
	}{
		{wire.InqBody{Selectors: []int32{mqi.MQIA_INHIBIT_PUT}, IntAttrCount: 0}, mqi.MQRC_INT_ATTR_COUNT_ERROR},
		{wire.InqBody{Selectors: []int32{mqi.MQCA_TRIGGER_DATA}, CharAttrLength: 10, CharAttrs: make([]byte, 10)}, mqi.MQRC_CHAR_ATTR_LENGTH_ERROR},
		{wire.InqBody{Selectors: []int32{mqi.MQIA_INHIBIT_PUT}, IntAttrCount: 1}, mqi.MQRC_INT_ATTRS_ARRAY_ERROR},
		{wire.InqBody{Selectors: []int32{mqi.MQIA_INHIBIT_PUT, mqi.MQIA_INHIBIT_PUT}, IntAttrCount: 2,
			IntAttrs: []int32{mqi.MQQA_PUT_INHIBITED, mqi.MQQA_PUT_ALLOWED}}, mqi.MQRC_NONE},
	} {
		if rc := applySet(&o, &c.req, 9); rc != c.want {
			t.Errorf("%+v: rc %d, want %d", c.req, rc, c.want)
		}
	}
	if o.Attrs["PUT"] != "ENABLED" {
		t.Errorf("a selector given twice: PUT(%s), want the last value ENABLED", o.Attrs["PUT"])
	}
}

func TestSetTriggerAttributes(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)")
	obj := open(t, connect(t), "APP.Q", mqi.MQOO_SET|mqi.MQOO_INQUIRE)
	if err := obj.Set(map[int32]interface{}{mqi.MQIA_TRIGGER_CONTROL: mqi.MQTC_ON, mqi.MQIA_TRIGGER_TYPE: mqi.MQTT_DEPTH,
		mqi.MQIA_TRIGGER_DEPTH: 5, mqi.MQIA_TRIGGER_MSG_PRIORITY: int32(9), mqi.MQCA_TRIGGER_DATA: "start it",
		mqi.MQIA_DIST_LISTS: mqi.MQDL_SUPPORTED}); err != nil {
		t.Fatal(err)
	}
	checkValues(t, inq(t, obj, mqi.MQIA_TRIGGER_CONTROL, mqi.MQIA_TRIGGER_TYPE, mqi.MQIA_TRIGGER_DEPTH,
		mqi.MQIA_TRIGGER_MSG_PRIORITY, mqi.MQCA_TRIGGER_DATA, mqi.MQIA_DIST_LISTS), map[int32]interface{}{
		mqi.MQIA_TRIGGER_CONTROL: mqi.MQTC_ON, mqi.MQIA_TRIGGER_TYPE: mqi.MQTT_DEPTH, mqi.MQIA_TRIGGER_DEPTH: int32(5),
		mqi.MQIA_TRIGGER_MSG_PRIORITY: int32(9), mqi.MQCA_TRIGGER_DATA: "start it", mqi.MQIA_DIST_LISTS: mqi.MQDL_SUPPORTED,
	})
	show := strings.Join(runMQSC(t, "DISPLAY QLOCAL(APP.Q) TRIGGER TRIGTYPE TRIGDPTH TRIGMPRI TRIGDATA DISTL"), "\n")
	for _, want := range []string{"TRIGTYPE(DEPTH)", "TRIGDPTH(5)", "TRIGMPRI(9)", "TRIGDATA(start it)", "DISTL(YES)"} {
		if !strings.Contains(show, want) {
			t.Errorf("DISPLAY lacks %s:\n%s", want, show)
		}
	}
	if !regexp.MustCompile(`\sTRIGGER(\s|$)`).MatchString(show) {
		t.Errorf("DISPLAY lacks the TRIGGER flag:\n%s", show)
	}
}

func TestDisplayQStatusHandles(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(APP.Q)")
	cno := mqi.NewMQCNO()
	cno.ApplName = "orders-reader"
	reader, err := mqi.Connx("QM1", cno)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reader.Disc() })
	in := open(t, reader, "APP.Q", mqi.MQOO_INPUT_EXCLUSIVE|mqi.MQOO_INQUIRE)
	cno = mqi.NewMQCNO()
	cno.ApplName = "orders-writer"
	writer, err := mqi.Connx("QM1", cno)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { writer.Disc() })
	out := open(t, writer, "APP.Q", mqi.MQOO_OUTPUT|mqi.MQOO_BROWSE|mqi.MQOO_SET)

	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	lines := runMQSC(t, "DISPLAY QSTATUS(APP.Q) TYPE(HANDLE) ALL")
	text := strings.Join(lines, "\n")
	blocks := strings.Split(text, "AMQ8450I: Display queue status details.")
	if len(blocks) != 3 {
		t.Fatalf("want two handle blocks:\n%s", text)
	}
	pid := fmt.Sprintf("PID(%d)", os.Getpid())
	for i, want := range [][]string{
		{"QUEUE(APP.Q)", "TYPE(HANDLE)", "APPLTAG(orders-reader)", "APPLTYPE(USER)", "INPUT(EXCL)", "OUTPUT(NO)",
			"INQUIRE(YES)", "BROWSE(NO)", "SET(NO)", "HSTATE(ACTIVE)", "URTYPE(QMGR)", "USERID(" + u.Username + ")", pid},
		{"APPLTAG(orders-writer)", "INPUT(NO)", "OUTPUT(YES)", "BROWSE(YES)", "SET(YES)", "INQUIRE(NO)", pid},
	} {
		for _, w := range want {
			if !strings.Contains(blocks[i+1], w) {
				t.Errorf("handle %d lacks %s:\n%s", i+1, w, blocks[i+1])
			}
		}
	}
	if got := strings.Join(runMQSC(t, "DISPLAY QSTATUS(APP.Q) TYPE(HANDLE) OPENTYPE(OUTPUT) APPLTAG"), "\n"); strings.Contains(got, "orders-reader") ||
		!strings.Contains(got, "APPLTAG(orders-writer)") {
		t.Errorf("OPENTYPE(OUTPUT):\n%s", got)
	}
	in.Close(0)
	out.Close(0)
	if got := strings.Join(runMQSC(t, "DISPLAY QSTATUS(APP.Q) TYPE(HANDLE)"), "\n"); strings.Contains(got, "APPLTAG") {
		t.Errorf("closed handles still shown:\n%s", got)
	}
}

// FuzzInqBody feeds MQINQ and MQSET bodies from the wire to the decoder,
// inquire and applySet: nothing may panic, and a reply never holds more
// than the request asked for.
func FuzzInqBody(f *testing.F) {
	seed := wire.InqBody{Selectors: []int32{mqi.MQCA_TRIGGER_DATA, mqi.MQIA_INHIBIT_PUT}, IntAttrCount: 1,
		CharAttrLength: 64, IntAttrs: []int32{1}, CharAttrs: make([]byte, 64)}
	f.Add(seed.Marshal(binary.LittleEndian))
	f.Add((&wire.InqBody{Selectors: []int32{mqi.MQIA_CURRENT_Q_DEPTH, mqi.MQCA_Q_NAME}, IntAttrCount: 1, CharAttrLength: 20}).Marshal(binary.LittleEndian))
	f.Fuzz(func(t *testing.T, b []byte) {
		req, rc := decodeInq(b, binary.LittleEndian)
		if rc != mqi.MQRC_NONE {
			return
		}
		attrs := map[string]string{kwName: "APP.Q", "DESCR": "x", "PUT": "ENABLED"}
		reply, _ := inquire(queueAttrs, attrs, objects.TypeQLocal, &req)
		if int32(len(reply.IntAttrs)) > req.IntAttrCount || int32(len(reply.CharAttrs)) > req.CharAttrLength {
			t.Fatalf("reply larger than asked: %d ints, %d chars for %d, %d", len(reply.IntAttrs), len(reply.CharAttrs), req.IntAttrCount, req.CharAttrLength)
		}
		o := objects.Object{Type: objects.TypeQLocal, Name: "APP.Q", Attrs: map[string]string{}}
		applySet(&o, &req, 9)
	})
}
