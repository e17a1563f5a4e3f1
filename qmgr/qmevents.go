package qmgr

import (
	"os"
	"strings"

	"github.com/gomqm/gomqm/internal/pcf"
	"github.com/gomqm/gomqm/mqi"
)

// Queue manager events, as IBM MQ makes them, on SYSTEM.ADMIN.QMGR.EVENT
// (command MQCMD_Q_MGR_EVENT; events.go writes the messages):
//   - STRSTPEV(ENABLED), the default: Queue Manager Active (2222) when the
//     queue manager has started, Queue Manager Not Active (2223) when it is
//     asked to end, with MQRQ_Q_MGR_QUIESCING or MQRQ_Q_MGR_STOPPING;
//   - INHIBTEV(ENABLED): Put Inhibited (2051) and Get Inhibited (2016)
//     when an MQPUT, MQPUT1 or MQGET fails for that reason;
//   - LOCALEV(ENABLED): Unknown Object Name (2085) when an MQOPEN or
//     MQPUT1 names a queue that does not exist.
//
// They are written by the goroutine that met the condition, which holds
// no lock then.

// qmgrEventQueue receives queue manager events.
const qmgrEventQueue = "SYSTEM.ADMIN.QMGR.EVENT"

// qmgrEventsOn reports whether the queue manager attribute kw (an event
// switch) is ENABLED; byDefault answers for a queue manager object that
// does not say.
func (qm *QueueManager) qmgrEventsOn(kw string, byDefault bool) bool {
	switch qm.qmgrString(kw) {
	case "ENABLED":
		return true
	case "DISABLED":
		return false
	}
	return byDefault
}

// startedEvent is Queue Manager Active.
func (qm *QueueManager) startedEvent() {
	if !qm.qmgrEventsOn("STRSTPEV", true) {
		return
	}
	host, _ := os.Hostname()
	qm.putEvent(qmgrEventQueue, mqi.MQCMD_Q_MGR_EVENT, mqi.MQRC_Q_MGR_ACTIVE,
		pcf.CFIN{Parameter: mqi.MQIACF_REASON_QUALIFIER, Value: mqi.MQRQ_FAILOVER_NOT_PERMITTED},
		pcf.CFST{Parameter: mqi.MQCACF_HOST_NAME, CCSID: qmgrCCSID, String: host})
}

// endingEvent is Queue Manager Not Active, for an end in mode.
func (qm *QueueManager) endingEvent(mode EndMode) {
	if !qm.qmgrEventsOn("STRSTPEV", true) {
		return
	}
	qualifier := int32(mqi.MQRQ_Q_MGR_STOPPING)
	if mode == EndControlled {
		qualifier = mqi.MQRQ_Q_MGR_QUIESCING
	}
	qm.putEvent(qmgrEventQueue, mqi.MQCMD_Q_MGR_EVENT, mqi.MQRC_Q_MGR_NOT_ACTIVE,
		pcf.CFIN{Parameter: mqi.MQIACF_REASON_QUALIFIER, Value: qualifier})
}

// inhibitedEvent is Put Inhibited or Get Inhibited (reason) for the queue
// an application opened as name.
func (qm *QueueManager) inhibitedEvent(reason int32, name string, who putIdentity) {
	if !qm.qmgrEventsOn("INHIBTEV", false) {
		return
	}
	qm.putEvent(qmgrEventQueue, mqi.MQCMD_Q_MGR_EVENT, reason,
		eventString(mqi.MQCA_Q_NAME, name, mqi.MQ_Q_NAME_LENGTH),
		pcf.CFIN{Parameter: mqi.MQIA_APPL_TYPE, Value: who.applType},
		eventString(mqi.MQCACF_APPL_NAME, who.applName, mqi.MQ_APPL_NAME_LENGTH))
}

// unknownObjectEvent is Unknown Object Name for an MQOPEN or MQPUT1 of
// queue name at queue manager qmgrName (blank for this one).
func (qm *QueueManager) unknownObjectEvent(name, qmgrName string, who putIdentity) {
	if !qm.qmgrEventsOn("LOCALEV", false) {
		return
	}
	params := []pcf.Param{
		pcf.CFIN{Parameter: mqi.MQIA_APPL_TYPE, Value: who.applType},
		eventString(mqi.MQCACF_APPL_NAME, who.applName, mqi.MQ_APPL_NAME_LENGTH),
		eventString(mqi.MQCA_Q_NAME, strings.TrimRight(name, " "), mqi.MQ_Q_NAME_LENGTH),
	}
	if q := strings.TrimSpace(qmgrName); q != "" && q != qm.name {
		params = append(params, eventString(mqi.MQCACF_OBJECT_Q_MGR_NAME, q, mqi.MQ_Q_MGR_NAME_LENGTH))
	}
	qm.putEvent(qmgrEventQueue, mqi.MQCMD_Q_MGR_EVENT, mqi.MQRC_UNKNOWN_OBJECT_NAME, params...)
}
