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
		w.PutDate, w.PutTime = putDateAndTime(md.PutDateTime)
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
	y, okY := digits(date[:4])
	mo, okMo := digits(date[4:6])
	d, okD := digits(date[6:8])
	h, okH := digits(tm[:2])
	mi, okMi := digits(tm[2:4])
	sec, okS := digits(tm[4:6])
	if !(okY && okMo && okD && okH && okMi && okS) || mo < 1 || mo > 12 || d < 1 ||
		d > daysIn(time.Month(mo), y) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}
	}
	var cs int
	if len(tm) == 8 {
		if v, ok := digits(tm[6:8]); ok {
			cs = v
		}
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, cs*10_000_000, time.UTC)
}

// digits decodes a run of decimal digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn is the number of days in month m of year y.
func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// putDateAndTime formats t (in UTC) as MQMD's PutDate and PutTime.
func putDateAndTime(t time.Time) (date, tm string) {
	t = t.UTC()
	var stamp [24]byte
	b := t.AppendFormat(stamp[:0], "20060102150405")
	cs := t.Nanosecond() / 10_000_000
	b = append(b, byte('0'+cs/10), byte('0'+cs%10))
	return string(b[:8]), string(b[8:])
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
	if w.GroupStatus != 0 {
		gmo.GroupStatus, gmo.SegmentStatus, gmo.Segmentation = rune(w.GroupStatus), rune(w.SegmentStatus), rune(w.Segmentation)
	}
}
