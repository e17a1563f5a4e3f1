package objects

import (
	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// qmgrGroups are the attribute groups DISPLAY QMGR accepts as keywords.
var qmgrGroups = map[string][]string{
	"EVENT": {"AUTHOREV", "CHLEV", "CMDEV", "CONFIGEV", "INHIBTEV", "LOCALEV", "LOGGEREV",
		"PERFMEV", "REMOTEEV", "SSLEV", "STRSTPEV"},
	"CHINIT": {"ACTIVREC", "CHAD", "CHADEV", "CHADEXIT", "CHLAUTH", "IPADDRV", "MONCHL",
		"SCHINIT", "STATCHL", "SSLCRLNL", "SSLCRYP", "SSLFIPS", "SSLKEYR", "SSLRKEYC", "CERTLABL"},
	"CLUSTER": {"CLWLDATA", "CLWLEXIT", "CLWLLEN", "CLWLMRUC", "CLWLUSEQ", "DEFCLXQ", "MONACLS",
		"PSCLUS", "REPOS", "REPOSNL", "STATACLS"},
	"PUBSUB": {"PARENT", "PSCLUS", "PSMODE", "PSNPMSG", "PSNPRES", "PSRTYCNT", "PSSYNCPT", "TREELIFE"},
	"SYSTEM": {"ACCTCONO", "ACCTINT", "ACCTMQI", "ACCTQ", "ALTDATE", "ALTTIME", "CCSID", "CMDLEVEL",
		"COMMANDQ", "CRDATE", "CRTIME", "CUSTOM", "DEADQ", "DEFXMITQ", "DESCR", "MAXHANDS", "MAXMSGL",
		"MAXPROPL", "MAXPRTY", "MAXUMSGS", "PLATFORM", "QMID", "SCMDSERV", "SYNCPT", "TRIGINT", "VERSION"},
}

// loadQMgr reads the QMGR object.
func (e *Executor) loadQMgr() (Object, *cmdError) {
	o, found, err := Load(e.store, TypeQMgr, e.qmgr)
	if err != nil {
		return Object{}, internalError(err)
	}
	if !found {
		return Object{}, notFound(e.qmgr)
	}
	return o, nil
}

// displayQMgr runs DISPLAY QMGR: QMNAME, then everything (ALL or no
// keyword) or the attributes and groups asked for.
func (e *Executor) displayQMgr(cmd *mqsc.Command) ([]string, *cmdError) {
	spec, _ := mqsc.Lookup("DISPLAY", TypeQMgr)
	o, cerr := e.loadQMgr()
	if cerr != nil {
		return nil, cerr
	}
	var sel selection
	for _, p := range cmd.Params {
		kw, ok := spec.Keyword(p.Keyword)
		switch {
		case !ok || kw.ZOSOnly || p.HasValue:
			return nil, syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, segmentThrough(cmd.Text, p.Keyword))
		case kw.Name == "ALL":
			sel.all = true
		case qmgrGroups[kw.Name] != nil:
			sel.requested = append(sel.requested, qmgrGroups[kw.Name]...)
		case kw.Name != "QMNAME":
			sel.requested = append(sel.requested, kw.Name)
		}
	}
	if len(cmd.Params) == 0 {
		sel.all = true
	}
	lines := []string{message(msgDisplayQMgr)}
	return append(lines, layoutItems(e.objectItems(&o, sel))...), nil
}

// alterQMgr runs ALTER QMGR. Read-only attributes (QMID, CMDLEVEL ...)
// are not ALTER keywords and are refused like any unknown keyword.
func (e *Executor) alterQMgr(cmd *mqsc.Command) ([]string, *cmdError) {
	if cmd.HasName {
		return nil, syntaxError(mqi.MQRCCF_PARM_SYNTAX_ERROR, cmd.Text)
	}
	o, cerr := e.loadQMgr()
	if cerr != nil {
		return nil, cerr
	}
	if cerr := applyParams(cmd, schemaOf(TypeQMgr), "", o.Attrs); cerr != nil {
		return nil, cerr
	}
	stamp(o.Attrs, TypeQMgr, e.now(), false)
	if err := Save(e.store, o); err != nil {
		return nil, internalError(err)
	}
	return []string{message(msgQMgrChanged)}, nil
}
