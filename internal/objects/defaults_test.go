package objects

import (
	"slices"
	"strings"
	"testing"
)

// qlocalDefaultSet is the attribute set of a 9.x SYSTEM.DEFAULT.LOCAL.QUEUE
// (ibm-mq-surface.md §3.5) without the date and time stamps.
var qlocalDefaultSet = []string{
	"ACCTQ(QMGR)", "BOQNAME( )", "BOTHRESH(0)", "CLUSNL( )", "CLUSTER( )", "CLCHNAME( )",
	"CLWLPRTY(0)", "CLWLRANK(0)", "CLWLUSEQ(QMGR)", "CURDEPTH(0)", "CUSTOM( )", "DEFBIND(OPEN)",
	"DEFPRTY(0)", "DEFPSIST(NO)", "DEFPRESP(SYNC)", "DEFREADA(NO)", "DEFSOPT(SHARED)",
	"DEFTYPE(PREDEFINED)", "DESCR( )", "DISTL(NO)", "GET(ENABLED)", "HARDENBO", "INITQ( )",
	"IPPROCS(0)", "MAXDEPTH(5000)", "MAXMSGL(4194304)", "MONQ(QMGR)", "MSGDLVSQ(PRIORITY)",
	"NOTRIGGER", "NPMCLASS(NORMAL)", "OPPROCS(0)", "PROCESS( )", "PUT(ENABLED)", "PROPCTL(COMPAT)",
	"QDEPTHHI(80)", "QDEPTHLO(20)", "QDPHIEV(DISABLED)", "QDPLOEV(DISABLED)", "QDPMAXEV(ENABLED)",
	"QSVCIEV(NONE)", "QSVCINT(999999999)", "RETINTVL(999999999)", "SCOPE(QMGR)", "SHARE",
	"STATQ(QMGR)", "TRIGDATA( )", "TRIGDPTH(1)", "TRIGMPRI(0)", "TRIGTYPE(FIRST)", "USAGE(NORMAL)",
	"IMGRCOVQ(QMGR)", "CAPEXPRY(NOLIMIT)", "STREAMQ( )", "STRMQOS(BESTEF)", "MAXFSIZE(DEFAULT)",
}

func TestDefaultLocalQueueAttributes(t *testing.T) {
	q := newTestQMgr(t)
	got := cells(q.run("DISPLAY QLOCAL(SYSTEM.DEFAULT.LOCAL.QUEUE)").Lines)
	got = slices.DeleteFunc(got, func(c string) bool {
		switch keywordOf(c) {
		case "QUEUE", "TYPE", "ALTDATE", "ALTTIME", "CRDATE", "CRTIME":
			return true
		}
		return false
	})
	want := slices.Clone(qlocalDefaultSet)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("SYSTEM.DEFAULT.LOCAL.QUEUE\n got %q\nwant %q", got, want)
	}
}

func TestDefaultObjectsDisplay(t *testing.T) {
	q := newTestQMgr(t)
	objs := DefaultObjects("QM1", QMgrOptions{Created: testTime})
	seen := map[string]bool{}
	for _, o := range objs[1:] {
		key := o.Space() + "/" + o.Name
		if seen[key] {
			t.Errorf("%s created twice", key)
		}
		seen[key] = true
		if !strings.HasPrefix(o.Name, "SYSTEM.") {
			t.Errorf("%s %s is not a SYSTEM object", o.Type, o.Name)
		}
		cmd := "DISPLAY " + o.Type + "(" + o.Name + ") ALL"
		if o.Type == TypeChannel {
			cmd += " TYPE(" + o.Attrs["CHLTYPE"] + ")"
		}
		r := q.run(cmd)
		c := cells(r.Lines)
		if r.Failed || len(c) < 3 || c[0] != nameKeyword(o.Type)+"("+o.Name+")" {
			t.Errorf("%s: %q", cmd, r.Lines)
		}
	}
	if len(objs) < 75 || len(objs) > 86 {
		t.Errorf("crtmqm would report %d objects; IBM creates 83 on Linux", len(objs))
	}
}

func TestDefaultObjectFacts(t *testing.T) {
	q := newTestQMgr(t)
	for cmd, want := range map[string]string{
		"DIS QMODEL(SYSTEM.DEFAULT.MODEL.QUEUE) DEFTYPE":        "DEFTYPE(TEMPDYN)",
		"DIS QMODEL(SYSTEM.MQSC.REPLY.QUEUE) DEFTYPE":           "DEFTYPE(TEMPDYN)",
		"DIS QLOCAL(SYSTEM.CLUSTER.TRANSMIT.QUEUE) USAGE":       "USAGE(XMITQ)",
		"DIS QLOCAL(SYSTEM.CHANNEL.INITQ) USAGE":                "USAGE(NORMAL)",
		"DIS QLOCAL(SYSTEM.DEAD.LETTER.QUEUE) USAGE":            "USAGE(NORMAL)",
		"DIS QLOCAL(SYSTEM.ADMIN.COMMAND.QUEUE) USAGE":          "USAGE(NORMAL)",
		"DIS QALIAS(SYSTEM.DEFAULT.ALIAS.QUEUE) TARGET":         "TARGET( )",
		"DIS QREMOTE(SYSTEM.DEFAULT.REMOTE.QUEUE) RNAME":        "RNAME( )",
		"DIS CHL(SYSTEM.DEF.SENDER) CHLTYPE":                    "CHLTYPE(SDR)",
		"DIS CHL(SYSTEM.DEF.SVRCONN) DISCINT":                   "DISCINT(0)",
		"DIS CHL(SYSTEM.DEF.SENDER) DISCINT":                    "DISCINT(6000)",
		"DIS CHL(SYSTEM.DEF.AMQP) PORT":                         "PORT(5672)",
		"DIS LISTENER(SYSTEM.DEFAULT.LISTENER.TCP) CONTROL":     "CONTROL(MANUAL)",
		"DIS AUTHINFO(SYSTEM.DEFAULT.AUTHINFO.IDPWOS) CHCKCLNT": "CHCKCLNT(REQDADM)",
		"DIS TOPIC(SYSTEM.BASE.TOPIC) DURSUB":                   "DURSUB(YES)",
		"DIS TOPIC(SYSTEM.DEFAULT.TOPIC) DURSUB":                "DURSUB(ASPARENT)",
		"DIS QMGR DEADQ":                                        "DEADQ( )",
		"DIS QMGR QMID":                                         "QMID(QM1_2026-11-24_15.26.28)",
		"DIS QMGR CERTLABL":                                     "CERTLABL(ibmwebspheremqqm1)",
		"DIS QMGR SSLKEYR":                                      "SSLKEYR(/var/mqm/qmgrs/QM1/ssl/key)",
		"DIS QMGR CMDLEVEL":                                     "CMDLEVEL(940)",
		"DIS QMGR VERSION":                                      "VERSION(09040000)",
		"DIS QMGR PLATFORM":                                     "PLATFORM(UNIX)",
		"DIS QMGR CCSID":                                        "CCSID(1208)",
		"DIS QMGR COMMANDQ":                                     "COMMANDQ(SYSTEM.ADMIN.COMMAND.QUEUE)",
		"DIS QMGR CRDATE":                                       "CRDATE(2026-11-24)",
		"DIS QMGR MAXHANDS":                                     "MAXHANDS(256)",
		"DIS QMGR TRIGINT":                                      "TRIGINT(999999999)",
		"DIS QMGR CONNAUTH":                                     "CONNAUTH(SYSTEM.DEFAULT.AUTHINFO.IDPWOS)",
		"DIS QMGR CHLAUTH":                                      "CHLAUTH(ENABLED)",
	} {
		if got := cells(q.run(cmd).Lines); !slices.Contains(got, want) {
			t.Errorf("%s: %q, want %s", cmd, got, want)
		}
	}
}

func TestQMgrOptions(t *testing.T) {
	objs := DefaultObjects("Saturn.QM", QMgrOptions{
		Description: "Test queue manager", DeadQ: "SYSTEM.DEAD.LETTER.QUEUE", DefXmitQ: "XMIT",
		MaxHandles: 500, TrigInt: 0, TrigIntSet: true, MaxUMsgs: 99, CCSID: 819,
		SSLKeyRepository: "/data/qmgrs/Saturn!QM/ssl/key", Created: testTime,
	})
	qm := objs[0]
	want := map[string]string{
		"DESCR": "Test queue manager", "DEADQ": "SYSTEM.DEAD.LETTER.QUEUE", "DEFXMITQ": "XMIT",
		"MAXHANDS": "500", "TRIGINT": "0", "MAXUMSGS": "99", "CCSID": "819",
		"SSLKEYR": "/data/qmgrs/Saturn!QM/ssl/key", "CERTLABL": "ibmwebspheremqsaturn.qm",
		"QMID": "Saturn.QM_2026-11-24_15.26.28",
	}
	if qm.Type != TypeQMgr || qm.Name != "Saturn.QM" {
		t.Fatalf("first object is %s %s", qm.Type, qm.Name)
	}
	for kw, v := range want {
		if qm.Attrs[kw] != v {
			t.Errorf("%s = %q, want %q", kw, qm.Attrs[kw], v)
		}
	}
}
