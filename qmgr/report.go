package qmgr

import (
	"encoding/binary"
	"strconv"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// Report messages, as IBM MQ makes them: when a message asks for a
// confirmation of arrival (MQRO_COA*), of delivery (MQRO_COD*) or for an
// expiration report (MQRO_EXPIRATION*), the queue manager puts a report
// (MsgType MQMT_REPORT, Feedback MQFB_COA/COD/EXPIRATION) on the message's
// ReplyToQ. A report that cannot be put there goes to the dead-letter
// queue (DEADQ) behind an MQDLH with the reason, or is discarded when there
// is no dead-letter queue.

// reportKind is the report a message asks for.
type reportKind struct {
	feedback int32
	plain    int32 // MQRO_x: no data
	withData int32 // MQRO_x_WITH_DATA: the first 100 bytes
	fullData int32 // MQRO_x_WITH_FULL_DATA: all of it
}

var (
	reportCOA        = reportKind{mqi.MQFB_COA, mqi.MQRO_COA, mqi.MQRO_COA_WITH_DATA, mqi.MQRO_COA_WITH_FULL_DATA}
	reportCOD        = reportKind{mqi.MQFB_COD, mqi.MQRO_COD, mqi.MQRO_COD_WITH_DATA, mqi.MQRO_COD_WITH_FULL_DATA}
	reportExpiration = reportKind{mqi.MQFB_EXPIRATION, mqi.MQRO_EXPIRATION, mqi.MQRO_EXPIRATION_WITH_DATA, mqi.MQRO_EXPIRATION_WITH_FULL_DATA}
)

// wants reports whether the message's Report options ask for this report.
// The three levels share bits, so the fullest one present decides.
func (k reportKind) wants(report int32) bool { return report&k.plain == k.plain }

// dataFor returns the report's data: none, the first 100 bytes, or all.
func (k reportKind) dataFor(report int32, data []byte) []byte {
	switch {
	case report&k.fullData == k.fullData:
		return data
	case report&k.withData == k.withData:
		return data[:min(len(data), 100)]
	}
	return nil
}

// sendReport makes the report of kind k for m, if m asks for one.
func (qm *QueueManager) sendReport(k reportKind, m *message) {
	md := &m.md
	if md.MsgType == mqi.MQMT_REPORT || !k.wants(md.Report) || md.ReplyToQ == "" || md.Format == wire.FmtXmitQ {
		return
	}
	rep := wire.MQMD{
		Version: 2, MsgType: mqi.MQMT_REPORT, Feedback: k.feedback, Expiry: -1,
		Encoding: md.Encoding, CodedCharSetID: md.CodedCharSetID, Format: md.Format,
		Priority: md.Priority, Persistence: md.Persistence,
		ReplyToQMgr: qm.name, ApplIdentityData: md.ApplIdentityData,
		AccountingToken: md.AccountingToken,
	}
	// IBM's defaults: a new MsgId, and the original MsgId as CorrelId.
	rep.CorrelID = md.MsgID
	if md.Report&mqi.MQRO_PASS_CORREL_ID != 0 {
		rep.CorrelID = md.CorrelID
	}
	if md.Report&mqi.MQRO_PASS_MSG_ID != 0 {
		rep.MsgID = md.MsgID
	}
	data := k.dataFor(md.Report, m.data)
	if rc := qm.putRouted(md.ReplyToQ, md.ReplyToQMgr, &rep, data); rc != mqi.MQRC_NONE {
		qm.deadLetter(&rep, data, md.ReplyToQ, md.ReplyToQMgr, rc)
	}
}

// putInternal puts a message the queue manager makes itself (reports,
// dead letters) on a local queue.
func (qm *QueueManager) putInternal(name string, md *wire.MQMD, data []byte) int32 {
	def, rc := qm.resolve(name, 0)
	if rc != mqi.MQRC_NONE {
		return rc
	}
	if def.Type != objects.TypeQLocal {
		return mqi.MQRC_UNKNOWN_OBJECT_NAME
	}
	hd := &handle{q: qm.queues.get(def.Name), def: def}
	pmo := wire.MQPMO{Version: 1}
	return qm.put(hd, md, &pmo, data, putIdentity{user: "mqm", applName: qm.name, applType: mqi.MQAT_QMGR}, nil)
}

// deadLetter puts a message that could not reach destQ on the queue
// manager's dead-letter queue behind an MQDLH saying why; without a
// dead-letter queue the message is discarded (and logged).
func (qm *QueueManager) deadLetter(md *wire.MQMD, data []byte, destQ, destQMgr string, reason int32) {
	deadQ := qm.qmgrString("DEADQ")
	if deadQ == "" || md.Report&mqi.MQRO_DISCARD_MSG != 0 {
		qm.logEntry(amqmsgUndeliverable, destQ, itoa(reason))
		return
	}
	now := time.Now().UTC()
	dlh := wire.MQDLH{
		Reason: reason, DestQName: destQ, DestQMgrName: destQMgr,
		Encoding: md.Encoding, CodedCharSetID: md.CodedCharSetID, Format: md.Format,
		PutApplType: mqi.MQAT_QMGR, PutApplName: qm.name,
		PutDate: now.Format("20060102"), PutTime: now.Format("150405") + "00",
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if md.Encoding&0xF == 1 {
		order = binary.BigEndian
	}
	dmd := *md
	dmd.Format = wire.FmtDeadLetter
	body := append(dlh.Marshal(order), data...)
	if rc := qm.putInternal(deadQ, &dmd, body); rc != mqi.MQRC_NONE {
		qm.logEntry(amqmsgUndeliverable, destQ, itoa(reason))
	}
}

// amqmsgUndeliverable is logged for a report or dead letter that had to be
// discarded.
const amqmsgUndeliverable = amqmsg.AMQ7476W

func itoa(n int32) string { return strconv.Itoa(int(n)) }
