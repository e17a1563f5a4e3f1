package objects

import (
	"slices"
	"strings"
	"testing"

	"github.com/gomqm/gomqm/mqi"
)

// transcriptQLocal is DISPLAY QUEUE(TI.LOG) of a queue defined with
// DESCR('no description') on an IBM MQ 8 queue manager, item by item
// (runmqsc transcript; the dates are the test clock's).
var transcriptQLocal = []string{
	"QUEUE(TI.LOG)", "TYPE(QLOCAL)", "ACCTQ(QMGR)", "ALTDATE(2026-11-24)", "ALTTIME(15.26.28)",
	"BOQNAME( )", "BOTHRESH(0)", "CLUSNL( )", "CLUSTER( )", "CLCHNAME( )", "CLWLPRTY(0)",
	"CLWLRANK(0)", "CLWLUSEQ(QMGR)", "CRDATE(2026-11-24)", "CRTIME(15.26.28)", "CURDEPTH(0)",
	"CUSTOM( )", "DEFBIND(OPEN)", "DEFPRTY(0)", "DEFPSIST(NO)", "DEFPRESP(SYNC)", "DEFREADA(NO)",
	"DEFSOPT(SHARED)", "DEFTYPE(PREDEFINED)", "DESCR(no description)", "DISTL(NO)", "GET(ENABLED)",
	"HARDENBO", "INITQ( )", "IPPROCS(0)", "MAXDEPTH(5000)", "MAXMSGL(4194304)", "MONQ(QMGR)",
	"MSGDLVSQ(PRIORITY)", "NOTRIGGER", "NPMCLASS(NORMAL)", "OPPROCS(0)", "PROCESS( )", "PUT(ENABLED)",
	"PROPCTL(COMPAT)", "QDEPTHHI(80)", "QDEPTHLO(20)", "QDPHIEV(DISABLED)", "QDPLOEV(DISABLED)",
	"QDPMAXEV(ENABLED)", "QSVCIEV(NONE)", "QSVCINT(999999999)", "RETINTVL(999999999)", "SCOPE(QMGR)",
	"SHARE", "STATQ(QMGR)", "TRIGDATA( )", "TRIGDPTH(1)", "TRIGMPRI(0)", "TRIGTYPE(FIRST)", "USAGE(NORMAL)",
}

// newIn9 are the QLOCAL attributes IBM MQ 9 added after that transcript.
var newIn9 = []string{"CAPEXPRY", "IMGRCOVQ", "MAXFSIZE", "STREAMQ", "STRMQOS"}

func TestDisplayQLocalMatchesTranscript(t *testing.T) {
	q := newTestQMgr(t)
	q.mustRun("DEFINE QLOCAL(TI.LOG) DESCR('no description')")
	r := q.run("DISPLAY QUEUE(TI.LOG)")
	if r.Failed || r.Lines[0] != "AMQ8409I: Display Queue details." {
		t.Fatalf("reply %q", r.Lines)
	}
	got := slices.DeleteFunc(cells(r.Lines), func(c string) bool { return slices.Contains(newIn9, keywordOf(c)) })
	if !slices.Equal(got, transcriptQLocal) {
		t.Errorf("items\n got %q\nwant %q", got, transcriptQLocal)
	}
	// The 9.x attributes sit where alphabetical order puts them.
	all := cells(r.Lines)
	for _, pair := range [][2]string{{"BOTHRESH(0)", "CAPEXPRY(NOLIMIT)"}, {"HARDENBO", "IMGRCOVQ(QMGR)"},
		{"MAXDEPTH(5000)", "MAXFSIZE(DEFAULT)"}, {"STATQ(QMGR)", "STREAMQ( )"}, {"STREAMQ( )", "STRMQOS(BESTEF)"}} {
		if i := slices.Index(all, pair[0]); i < 0 || i+1 >= len(all) || all[i+1] != pair[1] {
			t.Errorf("%s is not followed by %s in %q", pair[0], pair[1], all)
		}
	}
}

func TestDisplayLayoutTranscripts(t *testing.T) {
	q := newTestQMgr(t)
	q.mustRun("DEFINE CHANNEL(FLCORP.RC) CHLTYPE(RCVR) BATCHSZ(10) MAXMSGL(10485760)")
	runSteps(t, q, []step{
		// A 9.x runmqsc transcript of the namelist crtmqm creates.
		{"DISPLAY NAMELIST(SYSTEM.QPUBSUB.QUEUE.NAMELIST)", []string{
			"AMQ8550I: Display namelist details.",
			"   NAMELIST(SYSTEM.QPUBSUB.QUEUE.NAMELIST)",
			"   NAMCOUNT(2)",
			"   NAMES(SYSTEM.BROKER.DEFAULT.STREAM",
			"        ,SYSTEM.BROKER.ADMIN.STREAM)",
			"   DESCR(A list of queues for the queued Pub/Sub interface to monitor)",
			"   ALTDATE(2026-11-24)                     ALTTIME(15.26.28)",
		}, 0},
		{"DISPLAY QMGR PSMODE", []string{
			"AMQ8408I: Display Queue Manager details.",
			"   QMNAME(QM1)                             PSMODE(ENABLED)",
		}, 0},
		// Generic names show name and type; a long name takes a line.
		{"DIS Q(SYSTEM.SELECTION.*)", []string{
			"AMQ8409I: Display Queue details.",
			"   QUEUE(SYSTEM.SELECTION.EVALUATION.QUEUE)",
			"   TYPE(QLOCAL)",
			"AMQ8409I: Display Queue details.",
			"   QUEUE(SYSTEM.SELECTION.VALIDATION.QUEUE)",
			"   TYPE(QLOCAL)",
		}, 0},
		{"DIS CHL(SYSTEM.DEF.C*)", []string{
			"AMQ8414I: Display Channel details.",
			"   CHANNEL(SYSTEM.DEF.CLUSRCVR)            CHLTYPE(CLUSRCVR)",
			"AMQ8414I: Display Channel details.",
			"   CHANNEL(SYSTEM.DEF.CLUSSDR)             CHLTYPE(CLUSSDR)",
			"AMQ8414I: Display Channel details.",
			"   CHANNEL(SYSTEM.DEF.CLNTCONN)            CHLTYPE(CLNTCONN)",
		}, 0},
	})
	// DIS CHL(FLCORP.RC) of a receiver on an IBM MQ 7 queue manager
	// (transcript, first 28 items; later versions add TLS attributes).
	want := []string{"CHANNEL(FLCORP.RC)", "CHLTYPE(RCVR)", "ALTDATE(2026-11-24)", "ALTTIME(15.26.28)",
		"BATCHSZ(10)", "COMPHDR(NONE)", "COMPMSG(NONE)", "DESCR( )", "HBINT(300)", "KAINT(AUTO)",
		"MAXMSGL(10485760)", "MCAUSER( )", "MONCHL(QMGR)", "MRDATA( )", "MREXIT( )", "MRRTY(10)",
		"MRTMR(1000)", "MSGDATA( )", "MSGEXIT( )", "NPMSPEED(FAST)", "PUTAUT(DEF)", "RCVDATA( )",
		"RCVEXIT( )", "RESETSEQ(NO)", "SCYDATA( )", "SCYEXIT( )", "SENDDATA( )", "SENDEXIT( )"}
	got := slices.DeleteFunc(cells(q.run("DIS CHL(FLCORP.RC)").Lines), func(c string) bool { return keywordOf(c) == "CERTLABL" })
	if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Errorf("receiver display\n got %q\nwant prefix %q", got, want)
	}
}

func TestDisplaySelection(t *testing.T) {
	q := newTestQMgr(t)
	q.mustRun("DEFINE QLOCAL(Q1) MAXDEPTH(10) DESCR('first')", "DEFINE QLOCAL(Q2)",
		"DEFINE QALIAS(QA) TARGET(Q1)", "DEFINE QREMOTE(QR) RNAME(X) RQMNAME(QM2)")
	q.rt.status["Q1"] = QueueStatus{CurDepth: 4}
	runSteps(t, q, []step{
		{"DIS QL(Q1) MAXDEPTH DESCR CURDEPTH", []string{
			"AMQ8409I: Display Queue details.",
			"   QUEUE(Q1)                               TYPE(QLOCAL)",
			"   CURDEPTH(4)                             DESCR(first)",
			"   MAXDEPTH(10)",
		}, 0},
		{"DIS QL(Q*)", []string{
			"AMQ8409I: Display Queue details.",
			"   QUEUE(Q1)                               TYPE(QLOCAL)",
			"AMQ8409I: Display Queue details.",
			"   QUEUE(Q2)                               TYPE(QLOCAL)",
		}, 0},
		// DISPLAY QUEUE shows every type; attributes a type lacks are left out.
		{"DIS Q(Q*) TARGET RNAME", []string{
			"AMQ8409I: Display Queue details.",
			"   QUEUE(Q1)                               TYPE(QLOCAL)",
			"AMQ8409I: Display Queue details.",
			"   QUEUE(Q2)                               TYPE(QLOCAL)",
			"AMQ8409I: Display Queue details.",
			"   QUEUE(QA)                               TYPE(QALIAS)",
			"   TARGET(Q1)",
			"AMQ8409I: Display Queue details.",
			"   QUEUE(QR)                               TYPE(QREMOTE)",
			"   RNAME(X)",
		}, 0},
		{"DIS Q(Q*) TYPE(QREMOTE)", []string{
			"AMQ8409I: Display Queue details.",
			"   QUEUE(QR)                               TYPE(QREMOTE)",
		}, 0},
		{"DIS QALIAS(QA) ALL", []string{
			"AMQ8409I: Display Queue details.",
			"   QUEUE(QA)                               TYPE(QALIAS)",
			"   ALTDATE(2026-11-24)                     ALTTIME(15.26.28)",
			"   CAPEXPRY(NOLIMIT)                       CLUSNL( )",
			"   CLUSTER( )                              CLWLPRTY(0)",
			"   CLWLRANK(0)                             CUSTOM( )",
			"   DEFBIND(OPEN)                           DEFPRTY(0)",
			"   DEFPSIST(NO)                            DEFPRESP(SYNC)",
			"   DEFREADA(NO)                            DESCR( )",
			"   GET(ENABLED)                            PUT(ENABLED)",
			"   PROPCTL(COMPAT)                         SCOPE(QMGR)",
			"   TARGET(Q1)                              TARGTYPE(QUEUE)",
		}, 0},
		{"DIS QL(QA)", []string{"AMQ8147E: IBM MQ object QA not found."}, mqi.MQRC_UNKNOWN_OBJECT_NAME},
		{"DIS QL(NOSUCH*)", []string{"AMQ8147E: IBM MQ object NOSUCH* not found."}, mqi.MQRC_UNKNOWN_OBJECT_NAME},
		{"DIS PROCESS(SYSTEM.DEFAULT.PROCESS)", []string{
			"AMQ8407I: Display Process details.",
			"   PROCESS(SYSTEM.DEFAULT.PROCESS)         APPLICID( )",
			"   APPLTYPE(UNIX)                          DESCR( )",
			"   ENVRDATA( )                             USERDATA( )",
			"   ALTDATE(2026-11-24)                     ALTTIME(15.26.28)",
		}, 0},
		{"DIS LISTENER(SYSTEM.DEFAULT.LISTENER.TCP)", []string{
			"AMQ8630I: Display listener information details.",
			"   LISTENER(SYSTEM.DEFAULT.LISTENER.TCP)   CONTROL(MANUAL)",
			"   TRPTYPE(TCP)                            PORT(0)",
			"   IPADDR( )                               BACKLOG(0)",
			"   DESCR( )                                ALTDATE(2026-11-24)",
			"   ALTTIME(15.26.28)",
		}, 0},
	})
}

func TestDisplayWhere(t *testing.T) {
	q := newTestQMgr(t)
	q.mustRun("DEFINE QLOCAL(W.9) MAXDEPTH(9) DESCR('Orders in')",
		"DEFINE QLOCAL(W.10) MAXDEPTH(10) DESCR('orders out')",
		"DEFINE QLOCAL(W.XMIT) MAXDEPTH(100) USAGE(XMITQ)",
		"DEFINE QALIAS(W.ALIAS) TARGET(W.9)",
		"DEFINE NAMELIST(W.NL1) NAMES(Q1, Q2)", "DEFINE NAMELIST(W.NL2) NAMES(R1)")
	q.rt.status["W.10"] = QueueStatus{CurDepth: 2}
	names := func(r Result) []string {
		var out []string
		for _, c := range cells(r.Lines) {
			if kw := keywordOf(c); kw == "QUEUE" || kw == "NAMELIST" {
				out = append(out, strings.TrimSuffix(c[len(kw)+1:], ")"))
			}
		}
		return out
	}
	cases := []struct {
		cmd  string
		want []string
	}{
		// Numbers compare as numbers: 9 < 10 although "9" > "10".
		{"DIS QL(W.*) WHERE(MAXDEPTH LT 10)", []string{"W.9"}},
		{"DIS QL(W.*) WHERE(MAXDEPTH LE 10)", []string{"W.10", "W.9"}},
		{"DIS QL(W.*) WHERE(MAXDEPTH GT 9)", []string{"W.10", "W.XMIT"}},
		{"DIS QL(W.*) WHERE(MAXDEPTH GE 100)", []string{"W.XMIT"}},
		{"DIS QL(W.*) WHERE(MAXDEPTH EQ 10)", []string{"W.10"}},
		{"DIS QL(W.*) WHERE(MAXDEPTH NE 10)", []string{"W.9", "W.XMIT"}},
		{"DIS QL(W.*) WHERE(USAGE EQ XMITQ)", []string{"W.XMIT"}},
		{"DIS QL(W.*) WHERE(CURDEPTH GT 0)", []string{"W.10"}},
		// Quoted values keep their case; LK and NL take a trailing '*'.
		{"DIS QL(W.*) WHERE(DESCR LK 'Orders*')", []string{"W.9"}},
		{"DIS QL(W.*) WHERE(DESCR NL 'Orders*')", []string{"W.10", "W.XMIT"}},
		{"DIS QL(W.*) WHERE(DESCR EQ 'orders out')", []string{"W.10"}},
		{"DIS QL(W.*) WHERE(DESCR EQ ' ')", []string{"W.XMIT"}},
		// Queues without the attribute are not shown.
		{"DIS Q(W.*) WHERE(TARGET EQ W.9)", []string{"W.ALIAS"}},
		{"DIS NL(W.*) WHERE(NAMES CT Q2)", []string{"W.NL1"}},
		{"DIS NL(W.*) WHERE(NAMES EX Q2)", []string{"W.NL2"}},
		{"DIS NL(W.*) WHERE(NAMES CTG R*)", []string{"W.NL2"}},
		{"DIS NL(W.*) WHERE(NAMES EXG Q*)", []string{"W.NL2"}},
		{"DIS NL(W.*) WHERE(NAMCOUNT GT 1)", []string{"W.NL1"}},
		{"DIS QL(W.*) WHERE(MAXDEPTH GT 1000)", nil},
	}
	for _, c := range cases {
		r := q.run(c.cmd)
		if r.Failed || !slices.Equal(names(r), c.want) {
			t.Errorf("%s: %q, want objects %q", c.cmd, r.Lines, c.want)
		}
	}
	// The filter attribute is shown.
	runSteps(t, q, []step{
		{"DIS QL(W.1*) WHERE(CURDEPTH GT 0)", []string{
			"AMQ8409I: Display Queue details.",
			"   QUEUE(W.10)                             TYPE(QLOCAL)",
			"   CURDEPTH(2)",
		}, 0},
		{"DIS QL(W.*) WHERE(MAXDEPTH GT ABC)", []string{"AMQ8569E: Error in filter specification."}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
		{"DIS QL(W.*) WHERE(MAXDEPTH LK 1*)", []string{"AMQ8569E: Error in filter specification."}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
	})
}

func TestDefaultsLikeAndReplace(t *testing.T) {
	q := newTestQMgr(t)
	show := func(cmd string) []string { return cells(q.run(cmd).Lines) }
	q.mustRun("ALTER QLOCAL(SYSTEM.DEFAULT.LOCAL.QUEUE) MAXDEPTH(777)", "DEFINE QLOCAL(D1)")
	if got := show("DIS QL(D1) MAXDEPTH"); !slices.Contains(got, "MAXDEPTH(777)") {
		t.Errorf("DEFINE did not take the altered default: %q", got)
	}
	// Without the default object IBM's own defaults apply.
	q.mustRun("DELETE QLOCAL(SYSTEM.DEFAULT.LOCAL.QUEUE)", "DEFINE QLOCAL(D2)")
	if got := show("DIS QL(D2) MAXDEPTH"); !slices.Contains(got, "MAXDEPTH(5000)") {
		t.Errorf("built-in default not used: %q", got)
	}
	q.mustRun("ALTER CHANNEL(SYSTEM.DEF.SVRCONN) CHLTYPE(SVRCONN) SHARECNV(1)",
		"DEFINE CHANNEL(C1) CHLTYPE(SVRCONN)")
	if got := show("DIS CHL(C1) SHARECNV"); !slices.Contains(got, "SHARECNV(1)") {
		t.Errorf("channel default not from SYSTEM.DEF.SVRCONN: %q", got)
	}
	if got := show("DIS QMODEL(SYSTEM.DEFAULT.MODEL.QUEUE) DEFTYPE"); !slices.Contains(got, "DEFTYPE(TEMPDYN)") {
		t.Errorf("model default %q", got)
	}

	q.mustRun("DEFINE QLOCAL(L1) DESCR('template') MAXDEPTH(42) NOSHARE", "DEFINE QLOCAL(L2) LIKE(L1) MAXDEPTH(43)")
	got := show("DIS QL(L2) DESCR MAXDEPTH SHARE")
	for _, w := range []string{"DESCR(template)", "MAXDEPTH(43)", "NOSHARE"} {
		if !slices.Contains(got, w) {
			t.Errorf("LIKE: %s missing from %q", w, got)
		}
	}
	q.mustRun("DEFINE QALIAS(AL) TARGET(L1)")
	runSteps(t, q, []step{
		{"DEFINE QLOCAL(L3) LIKE(NOSUCH)", []string{"AMQ8147E: IBM MQ object NOSUCH not found."}, mqi.MQRC_UNKNOWN_OBJECT_NAME},
		{"DEFINE QLOCAL(L3) LIKE(AL)", []string{"AMQ8147E: IBM MQ object AL not found."}, mqi.MQRC_UNKNOWN_OBJECT_NAME},
	})

	// REPLACE starts again from the defaults, keeps the creation stamp and
	// moves the alteration stamp.
	q.now = testTime.Add(25 * 3600e9)
	q.mustRun("DEFINE QLOCAL(L1) REPLACE DESCR('again')")
	got = show("DIS QL(L1) DESCR MAXDEPTH SHARE CRDATE CRTIME ALTDATE ALTTIME")
	for _, w := range []string{"DESCR(again)", "MAXDEPTH(5000)", "SHARE", "CRDATE(2026-11-24)",
		"CRTIME(15.26.28)", "ALTDATE(2026-11-25)", "ALTTIME(16.26.28)"} {
		if !slices.Contains(got, w) {
			t.Errorf("REPLACE: %s missing from %q", w, got)
		}
	}
	q.now = q.now.Add(3600e9)
	q.mustRun("ALTER QLOCAL(L1) PUT(DISABLED)")
	if got := show("DIS QL(L1) ALTTIME CRTIME"); !slices.Equal(got[2:], []string{"ALTTIME(17.26.28)", "CRTIME(15.26.28)"}) {
		t.Errorf("ALTER stamps: %q", got)
	}
}
