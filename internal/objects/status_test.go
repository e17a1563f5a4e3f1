package objects

import (
	"slices"
	"testing"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

func TestQMgrCommands(t *testing.T) {
	q := newTestQMgr(t)
	all := cells(q.run("DISPLAY QMGR ALL").Lines)
	if all[0] != "QMNAME(QM1)" || !slices.Contains(all, "SYNCPT") || !slices.Contains(all, "QMID(QM1_2026-11-24_15.26.28)") {
		t.Errorf("DISPLAY QMGR ALL: %q", all)
	}
	if plain := cells(q.run("DISPLAY QMGR").Lines); !slices.Equal(plain, all) {
		t.Errorf("DISPLAY QMGR without keywords differs from ALL")
	}
	q.now = testTime.Add(time.Hour)
	runSteps(t, q, []step{
		{"ALTER QMGR DEADQ(SYSTEM.DEAD.LETTER.QUEUE) DESCR('Main') MONQ(MEDIUM)", []string{"AMQ8005I: IBM MQ queue manager changed."}, 0},
		{"DISPLAY QMGR DEADQ DESCR ALTTIME", []string{
			"AMQ8408I: Display Queue Manager details.",
			"   QMNAME(QM1)                             ALTTIME(16.26.28)",
			"   DEADQ(SYSTEM.DEAD.LETTER.QUEUE)         DESCR(Main)",
		}, 0},
		{"ALTER QMGR MAXMSGL(1000)", []string{syntaxLine, "ALTER QMGR MAXMSGL(1000)"}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
		{"DISPLAY QMGR PUBSUB", []string{
			"AMQ8408I: Display Queue Manager details.",
			"   QMNAME(QM1)                             PARENT( )",
			"   PSCLUS(ENABLED)                         PSMODE(ENABLED)",
			"   PSNPMSG(DISCARD)                        PSNPRES(NORMAL)",
			"   PSRTYCNT(5)                             PSSYNCPT(IFPER)",
			"   TREELIFE(1800)",
		}, 0},
	})
}

func TestDisplayQueueStatus(t *testing.T) {
	q := newTestQMgr(t)
	q.mustRun("DEFINE QLOCAL(Q1)", "DEFINE QLOCAL(Q2)", "DEFINE QALIAS(QA) TARGET(Q1)")
	q.rt.status["Q1"] = QueueStatus{
		CurDepth: 5, IPProcs: 1, OPProcs: 2, Uncommitted: 3,
		LastGet: testTime.Add(-6 * time.Minute), LastPut: testTime.Add(-time.Minute),
		MsgAge: 120, QTimeShort: 15, QTimeLong: 20, CurFSize: 1, CurMaxFS: 2088960,
	}
	q.rt.handles["Q1"] = []HandleStatus{
		{ApplTag: "amqsget", PID: 4242, TID: 1, Input: "SHARED", UserID: "mqm"},
		{ApplTag: "amqsput", ApplDesc: "IBM MQ Channel", Channel: "SYSTEM.DEF.SVRCONN",
			ConnName: "127.0.0.1", PID: 77, TID: 5, Output: true, UserID: "app", Inquire: true},
	}
	runSteps(t, q, []step{
		{"DIS QSTATUS(Q1)", []string{
			"AMQ8450I: Display queue status details.",
			"   QUEUE(Q1)                               TYPE(QUEUE)",
			"   CURDEPTH(5)",
		}, 0},
		// Monitoring is off: no times, no ages.
		{"DIS QS(Q1) ALL", []string{
			"AMQ8450I: Display queue status details.",
			"   QUEUE(Q1)                               TYPE(QUEUE)",
			"   CURDEPTH(5)                             CURFSIZE(1)",
			"   CURMAXFS(2088960)                       IPPROCS(1)",
			"   LGETDATE( )                             LGETTIME( )",
			"   LPUTDATE( )                             LPUTTIME( )",
			"   MEDIALOG( )                             MONQ(OFF)",
			"   MSGAGE( )                               OPPROCS(2)",
			"   QTIME( , )                              UNCOM(3)",
		}, 0},
		{"ALTER QMGR MONQ(MEDIUM)", []string{"AMQ8005I: IBM MQ queue manager changed."}, 0},
		{"DIS QS(Q1) ALL", []string{
			"AMQ8450I: Display queue status details.",
			"   QUEUE(Q1)                               TYPE(QUEUE)",
			"   CURDEPTH(5)                             CURFSIZE(1)",
			"   CURMAXFS(2088960)                       IPPROCS(1)",
			"   LGETDATE(2026-11-24)                    LGETTIME(15.20.28)",
			"   LPUTDATE(2026-11-24)                    LPUTTIME(15.25.28)",
			"   MEDIALOG( )                             MONQ(MEDIUM)",
			"   MSGAGE(120)                             OPPROCS(2)",
			"   QTIME(15, 20)                           UNCOM(3)",
		}, 0},
		{"DIS QS(Q*) IPPROCS UNCOM", []string{
			"AMQ8450I: Display queue status details.",
			"   QUEUE(Q1)                               TYPE(QUEUE)",
			"   IPPROCS(1)                              UNCOM(3)",
			"AMQ8450I: Display queue status details.",
			"   QUEUE(Q2)                               TYPE(QUEUE)",
			"   IPPROCS(0)                              UNCOM(NO)",
		}, 0},
		{"DIS QS(*) WHERE(CURDEPTH GT 0)", []string{
			"AMQ8450I: Display queue status details.",
			"   QUEUE(Q1)                               TYPE(QUEUE)",
			"   CURDEPTH(5)",
		}, 0},
		{"DIS QS(Q1) TYPE(HANDLE) OPENTYPE(OUTPUT)", []string{
			"AMQ8450I: Display queue status details.",
			"   QUEUE(Q1)                               TYPE(HANDLE)",
			"   APPLDESC(IBM MQ Channel)                APPLTAG(amqsput)",
			"   APPLTYPE(USER)                          ASTATE(NONE)",
			"   BROWSE(NO)                              CHANNEL(SYSTEM.DEF.SVRCONN)",
			"   CONNAME(127.0.0.1)                      HSTATE(ACTIVE)",
			"   INPUT(NO)                               INQUIRE(YES)",
			"   OUTPUT(YES)                             PID(77)",
			"   QMURID(0.0)                             SET(NO)",
			"   TID(5)                                  URTYPE(QMGR)",
			"   USERID(app)",
		}, 0},
		{"DIS QS(Q1) TYPE(HANDLE) APPLTAG PID", []string{
			"AMQ8450I: Display queue status details.",
			"   QUEUE(Q1)                               TYPE(HANDLE)",
			"   APPLTAG(amqsget)                        PID(4242)",
			"AMQ8450I: Display queue status details.",
			"   QUEUE(Q1)                               TYPE(HANDLE)",
			"   APPLTAG(amqsput)                        PID(77)",
		}, 0},
		{"DIS QS(Q2) TYPE(HANDLE)", nil, 0},
		{"DIS QS(QA)", []string{"AMQ8147E: IBM MQ object QA not found."}, mqi.MQRC_UNKNOWN_OBJECT_NAME},
	})
}
