package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/gomqm/gomqm/mqi"
)

// printMD prints every field of a version-2 message descriptor. Character
// fields are shown at their full MQI length, blank-padded, between quotes;
// byte fields in hex as X'...'.
func printMD(w io.Writer, md *mqi.MQMD) {
	fmt.Fprintf(w, "\n****Message descriptor****\n")
	fmt.Fprintf(w, "\n  StrucId  : '%s'  Version : %d", "MD  ", md.Version)
	fmt.Fprintf(w, "\n  Report   : %d  MsgType : %d", md.Report, md.MsgType)
	fmt.Fprintf(w, "\n  Expiry   : %d  Feedback : %d", md.Expiry, md.Feedback)
	fmt.Fprintf(w, "\n  Encoding : %d  CodedCharSetId : %d", md.Encoding, md.CodedCharSetId)
	fmt.Fprintf(w, "\n  Format : '%s'", chars(md.Format, mqi.MQ_FORMAT_LENGTH))
	fmt.Fprintf(w, "\n  Priority : %d  Persistence : %d", md.Priority, md.Persistence)
	fmt.Fprintf(w, "\n  MsgId : X'%s'", hexField(md.MsgId, mqi.MQ_MSG_ID_LENGTH))
	fmt.Fprintf(w, "\n  CorrelId : X'%s'", hexField(md.CorrelId, mqi.MQ_CORREL_ID_LENGTH))
	fmt.Fprintf(w, "\n  BackoutCount : %d", md.BackoutCount)
	fmt.Fprintf(w, "\n  ReplyToQ       : '%s'", chars(md.ReplyToQ, mqi.MQ_Q_NAME_LENGTH))
	fmt.Fprintf(w, "\n  ReplyToQMgr    : '%s'", chars(md.ReplyToQMgr, mqi.MQ_Q_MGR_NAME_LENGTH))

	fmt.Fprintf(w, "\n  ** Identity Context")
	fmt.Fprintf(w, "\n  UserIdentifier : '%s'", chars(md.UserIdentifier, mqi.MQ_USER_ID_LENGTH))
	fmt.Fprintf(w, "\n  AccountingToken : \n   X'%s'", hexField(md.AccountingToken, mqi.MQ_ACCOUNTING_TOKEN_LENGTH))
	fmt.Fprintf(w, "\n  ApplIdentityData : '%s'", chars(md.ApplIdentityData, mqi.MQ_APPL_IDENTITY_DATA_LENGTH))

	// PutDate and PutTime are shown as the queue manager set them, which
	// is what the MQI fields hold (PutDateTime is their parsed form).
	fmt.Fprintf(w, "\n  ** Origin Context")
	fmt.Fprintf(w, "\n  PutApplType    : '%d'", md.PutApplType)
	fmt.Fprintf(w, "\n  PutApplName    : '%s'", chars(md.PutApplName, mqi.MQ_PUT_APPL_NAME_LENGTH))
	fmt.Fprintf(w, "\n  PutDate  : '%s'    PutTime  : '%s'",
		chars(md.PutDate, mqi.MQ_PUT_DATE_LENGTH), chars(md.PutTime, mqi.MQ_PUT_TIME_LENGTH))
	fmt.Fprintf(w, "\n  ApplOriginData : '%s'\n", chars(md.ApplOriginData, mqi.MQ_APPL_ORIGIN_DATA_LENGTH))

	fmt.Fprintf(w, "\n  GroupId : X'%s'", hexField(md.GroupId, mqi.MQ_GROUP_ID_LENGTH))
	fmt.Fprintf(w, "\n  MsgSeqNumber   : '%d'", md.MsgSeqNumber)
	fmt.Fprintf(w, "\n  Offset         : '%d'", md.Offset)
	fmt.Fprintf(w, "\n  MsgFlags       : '%d'", md.MsgFlags)
	fmt.Fprintf(w, "\n  OriginalLength : '%d'", md.OriginalLength)
}

// printDLH prints the dead-letter header at the start of a message on a
// dead-letter queue, with the name of its reason code.
func printDLH(w io.Writer, dlh *mqi.MQDLH) {
	name := mqi.MQItoString("RC", int(dlh.Reason))
	if name == "" {
		name = "UNKNOWN RC"
	}
	fmt.Fprintf(w, "\n")
	fmt.Fprintf(w, "\n****Dead Letter Header****\n")
	fmt.Fprintf(w, "\n  StrucId  : '%s'  Version : %d", "DLH ", mqi.MQDLH_VERSION_1)
	fmt.Fprintf(w, "\n  Reason   : %d [%s]", dlh.Reason, name)
	fmt.Fprintf(w, "\n  DestQName      : '%s'", chars(dlh.DestQName, mqi.MQ_Q_NAME_LENGTH))
	fmt.Fprintf(w, "\n  DestQMgrName   : '%s'", chars(dlh.DestQMgrName, mqi.MQ_Q_MGR_NAME_LENGTH))
	fmt.Fprintf(w, "\n  Encoding : %d  CodedCharSetId : %d", dlh.Encoding, dlh.CodedCharSetId)
	fmt.Fprintf(w, "\n  Format : '%s'", chars(dlh.Format, mqi.MQ_FORMAT_LENGTH))
	fmt.Fprintf(w, "\n  PutApplType    : '%d'", dlh.PutApplType)
	fmt.Fprintf(w, "\n  PutApplName    : '%s'", chars(dlh.PutApplName, mqi.MQ_PUT_APPL_NAME_LENGTH))
	fmt.Fprintf(w, "\n  PutDate  : '%s'    PutTime  : '%s'",
		chars(dlh.PutDate, mqi.MQ_PUT_DATE_LENGTH), chars(dlh.PutTime, mqi.MQ_PUT_TIME_LENGTH))
}

// chars returns s as an MQI character field of length n: cut to n bytes
// or padded with blanks.
func chars(s string, n int32) string {
	if len(s) >= int(n) {
		return s[:n]
	}
	return s + strings.Repeat(" ", int(n)-len(s))
}

// hexField returns b as upper-case hex digits for an MQI byte field of length
// n, padded with zero bytes if b is shorter.
func hexField(b []byte, n int32) string {
	s := fmt.Sprintf("%X", b)
	if len(s) < 2*int(n) {
		s += strings.Repeat("0", 2*int(n)-len(s))
	}
	return s
}

// Layout of the message dump.
const (
	bytesPerLine = 16
	// mbCurMax is the C library's MB_CUR_MAX in a UTF-8 locale. IBM's
	// sample leaves (MB_CUR_MAX-1)*2 extra blanks between the hex and the
	// characters so that a multi-byte character may run past the 16th
	// byte; this sample always lays lines out as in a UTF-8 locale.
	mbCurMax = 6
	// pageLines is how many dump lines make a page; a line holding one
	// blank separates pages. The first page of the first message starts
	// 29 lines down (the heading and descriptor), later messages 22.
	pageLines       = 60
	firstPageOffset = 29
	laterPageOffset = 22
)

// dumper writes message data in hex and characters, 16 bytes a line:
//
//	00000000:  4272 6F77 7365 206D 65                            'Browse me       '
//
// Bytes that are not printable show as '.'. A UTF-8 character is kept
// whole on the line it starts on; the bytes it runs over are left blank at
// the start of the next line.
type dumper struct {
	w     io.Writer
	lines int // dump lines on the current page
}

// startMessage is called before each MQGET: every message but the first
// starts on a new line.
func (d *dumper) startMessage(first bool) {
	if first {
		d.lines = firstPageOffset
		return
	}
	fmt.Fprintf(d.w, "\n ")
	d.lines = laterPageOffset
}

// dump writes data as dump lines; empty data still gets one line.
func (d *dumper) dump(data []byte) {
	offset, overrun := 0, 0
	for {
		offset, overrun = d.line(data, offset, overrun)
		d.lines++
		if d.lines >= pageLines {
			d.lines = 0
			fmt.Fprintf(d.w, "\n ")
		}
		if offset >= len(data) {
			return
		}
	}
}

// line writes the dump line for data[offset:]. overrun is the number of
// bytes of the previous line's last character that ran into this line.
// It returns where the next line starts and its overrun.
func (d *dumper) line(data []byte, offset, overrun int) (int, int) {
	var hexPart strings.Builder
	text := make([]byte, 0, bytesPerLine+mbCurMax)
	fmt.Fprintf(&hexPart, "\n%08X: ", offset)

	n := 0 // byte positions used on this line
	for ; overrun > 0; overrun-- {
		hexPart.WriteString("  ")
		text = append(text, ' ')
		n++
		if overrun%2 == 1 {
			hexPart.WriteString(" ")
		}
	}

	for n < bytesPerLine && offset < len(data) {
		_, size := utf8.DecodeRune(data[offset:])
		if size <= 1 { // ASCII, or not valid UTF-8: one byte
			if n%2 == 0 {
				hexPart.WriteString(" ")
			}
			fmt.Fprintf(&hexPart, "%02X", data[offset])
			text = append(text, printable(data[offset]))
			n++
			offset++
			continue
		}
		for ; size > 0; size-- { // a multi-byte character, kept whole
			if n%2 == 0 && n < bytesPerLine {
				hexPart.WriteString(" ")
			}
			fmt.Fprintf(&hexPart, "%02X", data[offset])
			text = append(text, data[offset])
			n++
			offset++
		}
	}

	overrun = max(n-bytesPerLine, 0)
	for ; n < bytesPerLine; n++ {
		if n%2 == 0 {
			hexPart.WriteString(" ")
		}
		hexPart.WriteString("  ")
		text = append(text, ' ')
	}
	hexPart.WriteString(strings.Repeat(" ", (mbCurMax-overrun-1)*2))
	fmt.Fprintf(d.w, "%s '%s'", hexPart.String(), text)
	return offset, overrun
}

// printable returns b if it is a printable ASCII character, else '.'.
func printable(b byte) byte {
	if b >= 0x20 && b < 0x7F {
		return b
	}
	return '.'
}
