package mqi

import (
	"strings"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
)

// Conversions between the API structures and their wire form.

func id24(b []byte) (out [24]byte) {
	copy(out[:], b)
	return out
}

func toWireMD(md *MQMD) wire.MQMD {
	w := wire.MQMD{
		Version: md.Version, Report: md.Report, MsgType: md.MsgType, Expiry: md.Expiry,
		Feedback: md.Feedback, Encoding: md.Encoding, CodedCharSetID: md.CodedCharSetId,
		Format: md.Format, Priority: md.Priority, Persistence: md.Persistence,
		MsgID: id24(md.MsgId), CorrelID: id24(md.CorrelId), BackoutCount: md.BackoutCount,
		ReplyToQ: md.ReplyToQ, ReplyToQMgr: md.ReplyToQMgr, UserIdentifier: md.UserIdentifier,
		ApplIdentityData: md.ApplIdentityData, PutApplType: md.PutApplType, PutApplName: md.PutApplName,
		PutDate: md.PutDate, PutTime: md.PutTime, ApplOriginData: md.ApplOriginData,
		GroupID: id24(md.GroupId), MsgSeqNumber: md.MsgSeqNumber, Offset: md.Offset,
		MsgFlags: md.MsgFlags, OriginalLength: md.OriginalLength,
	}
	copy(w.AccountingToken[:], md.AccountingToken)
	if !md.PutDateTime.IsZero() {
		t := md.PutDateTime.UTC()
		w.PutDate = t.Format("20060102")
		w.PutTime = t.Format("150405") + twoDigits(t.Nanosecond()/10_000_000)
	}
	// Always carry the version-2 fields: the queue manager keeps them.
	w.Version = 2
	return w
}

func fromWireMD(w *wire.MQMD, md *MQMD) {
	md.Report, md.MsgType, md.Expiry, md.Feedback = w.Report, w.MsgType, w.Expiry, w.Feedback
	md.Encoding, md.CodedCharSetId, md.Format = w.Encoding, w.CodedCharSetID, w.Format
	md.Priority, md.Persistence = w.Priority, w.Persistence
	md.MsgId = append(md.MsgId[:0], w.MsgID[:]...)
	md.CorrelId = append(md.CorrelId[:0], w.CorrelID[:]...)
	md.BackoutCount = w.BackoutCount
	md.ReplyToQ, md.ReplyToQMgr, md.UserIdentifier = w.ReplyToQ, w.ReplyToQMgr, w.UserIdentifier
	md.AccountingToken = append(md.AccountingToken[:0], w.AccountingToken[:]...)
	md.ApplIdentityData, md.PutApplType, md.PutApplName = w.ApplIdentityData, w.PutApplType, w.PutApplName
	md.PutDate, md.PutTime, md.ApplOriginData = w.PutDate, w.PutTime, w.ApplOriginData
	md.PutDateTime = putDateTime(w.PutDate, w.PutTime)
	md.GroupId = append(md.GroupId[:0], w.GroupID[:]...)
	md.MsgSeqNumber, md.Offset, md.MsgFlags, md.OriginalLength = w.MsgSeqNumber, w.Offset, w.MsgFlags, w.OriginalLength
}

// putDateTime joins MQMD's PutDate (YYYYMMDD) and PutTime (HHMMSSTH, UTC).
func putDateTime(date, tm string) time.Time {
	if len(date) != 8 || len(tm) < 6 {
		return time.Time{}
	}
	t, err := time.Parse("20060102150405", date+tm[:6])
	if err != nil {
		return time.Time{}
	}
	if len(tm) == 8 {
		var cs int
		for _, c := range tm[6:8] {
			if c < '0' || c > '9' {
				return t
			}
			cs = cs*10 + int(c-'0')
		}
		t = t.Add(time.Duration(cs) * 10 * time.Millisecond)
	}
	return t
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10%10), byte('0' + n%10)})
}

func toWireOD(od *MQOD) wire.MQOD {
	return wire.MQOD{
		Version: 1, ObjectType: od.ObjectType, ObjectName: od.ObjectName,
		ObjectQMgrName: od.ObjectQMgrName, DynamicQName: od.DynamicQName,
		AlternateUserID: od.AlternateUserId,
	}
}

func fromWireOD(w *wire.MQOD, od *MQOD) {
	od.ObjectName = strings.TrimRight(w.ObjectName, " ")
	od.ResolvedQName = w.ResolvedQName
	od.ResolvedQMgrName = w.ResolvedQMgrName
}

func toWirePMO(pmo *MQPMO) wire.MQPMO {
	return wire.MQPMO{Version: 1, Options: pmo.Options, Timeout: pmo.Timeout}
}

func fromWirePMO(w *wire.MQPMO, pmo *MQPMO) {
	pmo.ResolvedQName, pmo.ResolvedQMgrName = w.ResolvedQName, w.ResolvedQMgrName
}

func toWireGMO(gmo *MQGMO) wire.MQGMO {
	return wire.MQGMO{
		Version: 3, Options: gmo.Options, WaitInterval: gmo.WaitInterval,
		MatchOptions: gmo.MatchOptions,
	}
}

func fromWireGMO(w *wire.MQGMO, gmo *MQGMO) {
	gmo.ResolvedQName = w.ResolvedQName
	gmo.ReturnedLength = w.ReturnedLength
}
