package objects

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// step is one command of a scripted session and its exact reply.
type step struct {
	cmd    string
	lines  []string
	reason int32 // 0: the command must succeed
}

// Replies used by many steps.
const (
	created     = "AMQ8006I: IBM MQ queue created."
	deleted     = "AMQ8007I: IBM MQ queue deleted."
	changed     = "AMQ8008I: IBM MQ queue changed."
	exists      = "AMQ8150E: IBM MQ object already exists."
	otherType   = "AMQ8151E: IBM MQ object has different type."
	inUse       = "AMQ8148E: IBM MQ object in use."
	notEmpty    = "AMQ8143E: IBM MQ queue not empty."
	syntaxLine  = "AMQ8405I: Syntax error detected at or near end of command segment below:-"
	badNameLine = "AMQ8424E: Error detected in a name keyword."
)

func runSteps(t *testing.T, q *testQMgr, steps []step) {
	t.Helper()
	for _, s := range steps {
		r := q.run(s.cmd)
		// Lone items are padded with blanks that transcripts often lose;
		// mqsc.FormatItems owns that padding and its tests check it.
		if !slices.Equal(trimLines(r.Lines), s.lines) {
			t.Errorf("%s:\n got %q\nwant %q", s.cmd, r.Lines, s.lines)
		}
		if r.Failed != (s.reason != 0) || r.Reason != s.reason {
			t.Errorf("%s: Failed=%v Reason=%d, want reason %d", s.cmd, r.Failed, r.Reason, s.reason)
		}
	}
}

func TestQueueLifeCycle(t *testing.T) {
	runSteps(t, newTestQMgr(t), []step{
		{"DEFINE QLOCAL(Q1)", []string{created}, 0},
		{"DEFINE QLOCAL(Q1)", []string{exists}, mqi.MQRCCF_OBJECT_ALREADY_EXISTS},
		{"DEFINE QLOCAL(Q1) NOREPLACE", []string{exists}, mqi.MQRCCF_OBJECT_ALREADY_EXISTS},
		{"DEFINE QLOCAL(Q1) REPLACE MAXDEPTH(10)", []string{created}, 0},
		// Queue names are one name space across the four queue types.
		{"DEFINE QALIAS(Q1) TARGET(Q2)", []string{exists}, mqi.MQRCCF_OBJECT_ALREADY_EXISTS},
		{"DEFINE QALIAS(Q1) TARGET(Q2) REPLACE", []string{otherType}, mqi.MQRCCF_OBJECT_WRONG_TYPE},
		{"DEFINE QREMOTE(Q1) REPLACE", []string{otherType}, mqi.MQRCCF_OBJECT_WRONG_TYPE},
		{"ALTER QLOCAL(Q1) MAXDEPTH(20) DESCR('Orders in')", []string{changed}, 0},
		{"ALTER QALIAS(Q1) TARGET(Q2)", []string{otherType}, mqi.MQRCCF_OBJECT_WRONG_TYPE},
		{"ALTER QLOCAL(NOSUCH) PUT(DISABLED)", []string{"AMQ8147E: IBM MQ object NOSUCH not found."}, mqi.MQRC_UNKNOWN_OBJECT_NAME},
		{"DELETE QREMOTE(Q1)", []string{otherType}, mqi.MQRCCF_OBJECT_WRONG_TYPE},
		{"DELETE QLOCAL(NOSUCH)", []string{"AMQ8147E: IBM MQ object NOSUCH not found."}, mqi.MQRC_UNKNOWN_OBJECT_NAME},
		{"DELETE QLOCAL(Q1)", []string{deleted}, 0},
		{"DELETE QLOCAL(Q1)", []string{"AMQ8147E: IBM MQ object Q1 not found."}, mqi.MQRC_UNKNOWN_OBJECT_NAME},
		// A remote queue without RNAME is a queue-manager alias.
		{"DEFINE QREMOTE(QM2) RQMNAME(QM2)", []string{created}, 0},
		{"DEFINE QREMOTE(R1) RNAME(IN) RQMNAME(QM2) XMITQ(QM2)", []string{created}, 0},
		{"DEFINE QALIAS(A1) TARGET(R1)", []string{created}, 0},
		{"DEFINE QALIAS(A2)", []string{syntaxLine, "DEFINE QALIAS(A2)"}, mqi.MQRCCF_PARM_MISSING},
		{"DEFINE QMODEL(M1) DEFTYPE(PERMDYN)", []string{created}, 0},
		{"ALTER QMODEL(M1) DEFTYPE(TEMPDYN)", []string{changed}, 0},
		{"DELETE QMODEL(M1)", []string{deleted}, 0},
		{"DELETE QALIAS(A1)", []string{deleted}, 0},
	})
}

func TestValueErrors(t *testing.T) {
	runSteps(t, newTestQMgr(t), []step{
		{"DEFINE QLOCAL(Q1) MAXDEPTH(-1)", []string{syntaxLine, "DEFINE QLOCAL(Q1) MAXDEPTH(-1)"}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
		{"DEFINE QLOCAL(Q1) DESCR(X) DEFPRTY(10) PUT(ENABLED)", []string{syntaxLine, "DEFINE QLOCAL(Q1) DESCR(X) DEFPRTY(10)"}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
		{"DEFINE QLOCAL(Q1) MAXDEPTH(1000000000)", []string{syntaxLine, "DEFINE QLOCAL(Q1) MAXDEPTH(1000000000)"}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
		{"DEFINE QLOCAL(Q1) CAPEXPRY(NOLIMIT) MAXFSIZE(1024)", []string{created}, 0},
		{"ALTER QLOCAL(Q1) CAPEXPRY(100)", []string{changed}, 0},
		{"DISPLAY QLOCAL(Q1) CAPEXPRY MAXFSIZE", []string{
			"AMQ8409I: Display Queue details.",
			"   QUEUE(Q1)                               TYPE(QLOCAL)",
			"   CAPEXPRY(100)                           MAXFSIZE(1024)",
		}, 0},
	})
}

// command builds a command by hand, for what the parser already refuses
// but a PCF message could still carry.
func command(verb, object, name string, params ...mqsc.Param) *mqsc.Command {
	return &mqsc.Command{Verb: verb, Object: object, Name: name, HasName: name != "", Params: params,
		Text: verb + " " + object + "(" + name + ")"}
}

func flag(kw string) mqsc.Param { return mqsc.Param{Keyword: kw} }

func value(kw, v string) mqsc.Param {
	return mqsc.Param{Keyword: kw, HasValue: true, Value: mqsc.Value{Text: v}}
}

func TestCommandsTheParserRefuses(t *testing.T) {
	q := newTestQMgr(t)
	cases := []struct {
		cmd    *mqsc.Command
		lines  []string
		reason int32
	}{
		{command("DEFINE", "QLOCAL", "bad name"), []string{badNameLine}, mqi.MQRCCF_OBJECT_NAME_ERROR},
		{command("DEFINE", "QLOCAL", "Q*"), []string{badNameLine}, mqi.MQRCCF_OBJECT_NAME_ERROR},
		{command("DEFINE", "QLOCAL", "A123456789012345678901234567890123456789012345678"), []string{badNameLine}, mqi.MQRCCF_OBJECT_NAME_ERROR},
		{command("DEFINE", "CHANNEL", "A12345678901234567890", value("CHLTYPE", "SVRCONN")), []string{badNameLine}, mqi.MQRCCF_OBJECT_NAME_ERROR},
		{command("DEFINE", "QLOCAL", "Q1", value("DESCR", strings.Repeat("x", 65))), []string{syntaxLine, "DEFINE QLOCAL(Q1)"}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
		{command("DEFINE", "QLOCAL", "Q1", value("INITQ", "bad name")), []string{badNameLine}, mqi.MQRCCF_OBJECT_NAME_ERROR},
		{command("DEFINE", "NAMELIST", "NL1", mqsc.Param{Keyword: "NAMES", HasValue: true,
			Value: mqsc.Value{IsList: true, List: []string{"OK", "not ok"}}}), []string{badNameLine}, mqi.MQRCCF_OBJECT_NAME_ERROR},
		{command("DEFINE", "QLOCAL", "Q1", value("USAGE", "FOO")), []string{syntaxLine, "DEFINE QLOCAL(Q1)"}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
		{command("DEFINE", "CHANNEL", "C1", value("CHLTYPE", "SVRCONN"), value("XMITQ", "Q")), []string{syntaxLine, "DEFINE CHANNEL(C1)"}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
		{command("DEFINE", "CHANNEL", "C1"), []string{syntaxLine, "DEFINE CHANNEL(C1)"}, mqi.MQRCCF_PARM_MISSING},
		{command("ALTER", "QMGR", "", value("QMID", "X")), []string{syntaxLine, "ALTER QMGR()"}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
		{command("ALTER", "QMGR", "", value("CMDLEVEL", "950")), []string{syntaxLine, "ALTER QMGR()"}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
		{command("DEFINE", "QLOCAL", "Q1", flag("SHARE"), value("TRIGGER", "X")), []string{syntaxLine, "DEFINE QLOCAL(Q1)"}, mqi.MQRCCF_PARM_SYNTAX_ERROR},
		{command("DEFINE", "QLOCAL", ""), []string{syntaxLine, "DEFINE QLOCAL()"}, mqi.MQRCCF_PARM_MISSING},
	}
	for _, c := range cases {
		r := q.ex.Execute(c.cmd)
		if !slices.Equal(r.Lines, c.lines) || r.Reason != c.reason || !r.Failed {
			t.Errorf("%s %v: got %q reason %d, want %q reason %d", c.cmd.Text, c.cmd.Params, r.Lines, r.Reason, c.lines, c.reason)
		}
	}
}

func TestOtherObjectTypes(t *testing.T) {
	runSteps(t, newTestQMgr(t), []step{
		{"DEFINE PROCESS(P1) APPLICID('/usr/bin/app')", []string{"AMQ8010I: IBM MQ process created."}, 0},
		{"ALTER PROCESS(P1) USERDATA('x')", []string{"AMQ8012I: IBM MQ process changed."}, 0},
		{"DELETE PROCESS(P1)", []string{"AMQ8011I: IBM MQ process deleted."}, 0},
		{"DEFINE NAMELIST(NL1) NAMES(Q1, Q2)", []string{"AMQ8552I: IBM MQ namelist created."}, 0},
		{"ALTER NAMELIST(NL1) NAMES(Q3)", []string{"AMQ8551I: IBM MQ namelist changed."}, 0},
		{"DELETE NAMELIST(NL1)", []string{"AMQ8553I: IBM MQ namelist deleted."}, 0},
		{"DEFINE CHANNEL(APP.SVRCONN) CHLTYPE(SVRCONN) MCAUSER('app')", []string{"AMQ8014I: IBM MQ channel created."}, 0},
		{"DEFINE CHANNEL(APP.SVRCONN) CHLTYPE(SVRCONN)", []string{exists}, mqi.MQRCCF_CHANNEL_ALREADY_EXISTS},
		// Client-connection channels have a name space of their own.
		{"DEFINE CHANNEL(APP.SVRCONN) CHLTYPE(CLNTCONN) CONNAME('localhost(1414)') QMNAME(QM1)", []string{"AMQ8014I: IBM MQ channel created."}, 0},
		{"ALTER CHANNEL(APP.SVRCONN) CHLTYPE(SVRCONN) SHARECNV(1)", []string{"AMQ8016I: IBM MQ channel changed."}, 0},
		{"ALTER CHANNEL(APP.SVRCONN) CHLTYPE(RCVR) BATCHSZ(1)", []string{otherType}, mqi.MQRCCF_OBJECT_WRONG_TYPE},
		{"ALTER CHANNEL(NOSUCH) CHLTYPE(RCVR) BATCHSZ(1)", []string{"AMQ8147E: IBM MQ object NOSUCH not found."}, mqi.MQRC_UNKNOWN_OBJECT_NAME},
		{"DEFINE CHANNEL(TO.QM2) CHLTYPE(SDR) CONNAME('host(1414)')", []string{syntaxLine, "DEFINE CHANNEL(TO.QM2) CHLTYPE(SDR) CONNAME('host(1414)')"}, mqi.MQRCCF_PARM_MISSING},
		{"DEFINE CHANNEL(TO.QM2) CHLTYPE(SDR) CONNAME('host(1414)') XMITQ(QM2)", []string{"AMQ8014I: IBM MQ channel created."}, 0},
		{"ALTER CHANNEL(TO.QM2) CHLTYPE(RCVR)", []string{otherType}, mqi.MQRCCF_OBJECT_WRONG_TYPE},
		{"DELETE CHANNEL(APP.SVRCONN)", []string{"AMQ8015I: IBM MQ channel deleted."}, 0},
		{"DELETE CHANNEL(APP.SVRCONN)", []string{"AMQ8147E: IBM MQ object APP.SVRCONN not found."}, mqi.MQRC_UNKNOWN_OBJECT_NAME},
		{"DELETE CHANNEL(APP.SVRCONN) CHLTABLE(CLNTTBL)", []string{"AMQ8015I: IBM MQ channel deleted."}, 0},
		{"DEFINE LISTENER(L1) TRPTYPE(TCP) PORT(1414) CONTROL(QMGR)", []string{"AMQ8626I: IBM MQ listener created."}, 0},
		{"ALTER LISTENER(L1) TRPTYPE(TCP) PORT(1415)", []string{"AMQ8623I: IBM MQ listener changed."}, 0},
		{"DELETE LISTENER(L1)", []string{"AMQ8627I: IBM MQ listener deleted."}, 0},
		{"DEFINE SERVICE(S1) SERVTYPE(SERVER) STARTCMD('/bin/true')", []string{"AMQ8625I: IBM MQ service created."}, 0},
		{"ALTER SERVICE(S1) CONTROL(QMGR)", []string{"AMQ8624I: IBM MQ service changed."}, 0},
		{"DELETE SERVICE(S1)", []string{"AMQ8628I: IBM MQ service deleted."}, 0},
		{"DEFINE TOPIC(T1) TOPICSTR('price/fruit')", []string{"AMQ8690I: IBM MQ topic created."}, 0},
		{"ALTER TOPIC(T1) NPMSGDLV(ALLAVAIL) PMSGDLV(ALLAVAIL)", []string{"AMQ8691I: IBM MQ topic changed."}, 0},
		{"DELETE TOPIC(T1)", []string{"AMQ8692I: IBM MQ topic deleted."}, 0},
		{"DEFINE AUTHINFO(AI1) AUTHTYPE(IDPWLDAP) CONNAME('ldap(389)')", []string{"AMQ8563I: IBM MQ authentication information object created."}, 0},
		{"ALTER AUTHINFO(SYSTEM.DEFAULT.AUTHINFO.IDPWOS) AUTHTYPE(IDPWOS) ADOPTCTX(YES)", []string{"AMQ8567I: IBM MQ authentication information changed."}, 0},
		{"ALTER AUTHINFO(AI1) AUTHTYPE(IDPWOS) ADOPTCTX(YES)", []string{otherType}, mqi.MQRCCF_OBJECT_WRONG_TYPE},
		{"DELETE AUTHINFO(AI1)", []string{"AMQ8564I: IBM MQ authentication information object deleted."}, 0},
		{"DEFINE COMMINFO(CI1) GRPADDR('239.0.0.1')", []string{"AMQ8858I: IBM MQ comminfo created."}, 0},
		{"ALTER COMMINFO(CI1) PORT(1500)", []string{"AMQ8857I: IBM MQ comminfo changed."}, 0},
		{"DELETE COMMINFO(CI1)", []string{"AMQ8859I: IBM MQ comminfo deleted."}, 0},
	})
}

func TestDeleteAndClearLocalQueue(t *testing.T) {
	q := newTestQMgr(t)
	q.mustRun("DEFINE QLOCAL(FULL)", "DEFINE QLOCAL(OPEN)", "DEFINE QLOCAL(EMPTY)", "DEFINE QALIAS(ALIAS) TARGET(FULL)")
	q.rt.status["FULL"] = QueueStatus{CurDepth: 3}
	q.rt.status["OPEN"] = QueueStatus{CurDepth: 1, IPProcs: 1}
	runSteps(t, q, []step{
		{"DELETE QLOCAL(FULL)", []string{notEmpty}, mqi.MQRC_Q_NOT_EMPTY},
		{"DELETE QLOCAL(FULL) NOPURGE", []string{notEmpty}, mqi.MQRC_Q_NOT_EMPTY},
		{"DELETE QLOCAL(OPEN) PURGE", []string{inUse}, mqi.MQRCCF_OBJECT_OPEN},
		{"CLEAR QLOCAL(OPEN)", []string{inUse}, mqi.MQRCCF_OBJECT_OPEN},
		{"CLEAR QLOCAL(ALIAS)", []string{otherType}, mqi.MQRCCF_Q_WRONG_TYPE},
		{"CLEAR QLOCAL(NOSUCH)", []string{"AMQ8147E: IBM MQ object NOSUCH not found."}, mqi.MQRC_UNKNOWN_OBJECT_NAME},
		{"CLEAR QLOCAL(FULL)", []string{"AMQ8022I: IBM MQ queue cleared."}, 0},
		{"DELETE QLOCAL(FULL)", []string{deleted}, 0},
		{"DELETE QLOCAL(OPEN)", []string{inUse}, mqi.MQRCCF_OBJECT_OPEN},
		{"DELETE QLOCAL(EMPTY) PURGE", []string{deleted}, 0},
	})
	if !slices.Equal(q.rt.cleared, []string{"FULL"}) || !slices.Equal(q.rt.deleted, []string{"FULL", "EMPTY"}) {
		t.Errorf("runtime saw cleared %v deleted %v", q.rt.cleared, q.rt.deleted)
	}
	// The refused deletes left their definitions in place.
	runSteps(t, q, []step{{"DISPLAY QLOCAL(OPEN) IPPROCS", []string{
		"AMQ8409I: Display Queue details.",
		"   QUEUE(OPEN)                             TYPE(QLOCAL)",
		"   IPPROCS(1)",
	}, 0}})
}

func TestAlterInUseNeedsForce(t *testing.T) {
	q := newTestQMgr(t)
	q.mustRun("DEFINE QLOCAL(Q1)")
	q.rt.status["Q1"] = QueueStatus{CurDepth: 2, IPProcs: 2}
	runSteps(t, q, []step{
		{"ALTER QLOCAL(Q1) USAGE(XMITQ)", []string{inUse}, mqi.MQRCCF_OBJECT_OPEN},
		{"ALTER QLOCAL(Q1) NOSHARE", []string{inUse}, mqi.MQRCCF_OBJECT_OPEN},
		{"ALTER QLOCAL(Q1) MAXDEPTH(9)", []string{changed}, 0},
		{"ALTER QLOCAL(Q1) NOSHARE FORCE", []string{changed}, 0},
	})
}

func TestNotAvailableCommands(t *testing.T) {
	q := newTestQMgr(t)
	for _, text := range []string{
		"START CHANNEL(SYSTEM.DEF.SENDER)", "STOP CHANNEL(X)", "PING CHANNEL(X)", "RESET CHANNEL(X) SEQNUM(1)",
		"RESOLVE CHANNEL(X) ACTION(COMMIT)", "START LISTENER(SYSTEM.DEFAULT.LISTENER.TCP)", "DISPLAY CHSTATUS(*)",
		"DISPLAY LSSTATUS(*)", "SET AUTHREC PROFILE(Q1) OBJTYPE(QUEUE) PRINCIPAL('app') AUTHADD(PUT)",
		"DISPLAY CHLAUTH(*)", "REFRESH SECURITY TYPE(SSL)", "DEFINE SUB(S1) TOPICSTR('a') DEST(Q1)", "PING QMGR",
	} {
		r := q.run(text)
		want := []string{"AMQ8999E: The command is not available in this release of the queue manager."}
		if !r.Failed || !slices.Equal(r.Lines, want) || r.Reason != mqi.MQRCCF_COMMAND_FAILED {
			t.Errorf("%s: %+v", text, r)
		}
	}
}

// failingStore is a store whose writes fail.
type failingStore struct {
	ObjectStore
	err error
}

func (f failingStore) PutObject(string, string, []byte) error { return f.err }

func TestStoreFailureIsReported(t *testing.T) {
	q := newTestQMgr(t)
	boom := errors.New("disk full")
	ex := NewExecutor(failingStore{ObjectStore: q.st, err: boom}, q.rt, "QM1", nil)
	cmd, err := mqsc.Parse("DEFINE QLOCAL(Q1)")
	if err != nil {
		t.Fatal(err)
	}
	r := ex.Execute(cmd)
	want := []string{"AMQ8149E: IBM MQ object damaged."}
	if !r.Failed || !errors.Is(r.Err, boom) || !slices.Equal(r.Lines, want) || r.Reason != mqi.MQRCCF_COMMAND_FAILED {
		t.Errorf("got %+v", r)
	}
}
