package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gomqm/gomqm/mqi"
)

// The expected lines in these tests are laid out as in listings of IBM's
// amqsbcg on Linux in a UTF-8 locale.

func TestDumpLine(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"short", "Browse me",
			"00000000:  4272 6F77 7365 206D 65                            'Browse me       '"},
		{"even", "Test message 1",
			"00000000:  5465 7374 206D 6573 7361 6765 2031                'Test message 1  '"},
		{"full line with unprintable bytes", "\x00\x00\x04\xB8MQSTR   \x00\x00\x00\x00",
			"00000000:  0000 04B8 4D51 5354 5220 2020 0000 0000           '....MQSTR   ....'"},
		{"empty", "",
			"00000000:                                                    '                '"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			d := dumper{w: &out}
			d.dump([]byte(tt.data))
			if got := strings.TrimPrefix(out.String(), "\n"); got != tt.want {
				t.Errorf("dump(%q):\n got %q\nwant %q", tt.data, got, tt.want)
			}
		})
	}
}

// A UTF-8 character that starts on the 16th byte stays whole on its line;
// its second byte is a blank position at the start of the next line.
func TestDumpMultiByteOverrun(t *testing.T) {
	var out strings.Builder
	d := dumper{w: &out}
	d.dump([]byte(strings.Repeat("a", 15) + "é" + "b"))
	want := []string{
		"",
		"00000000:  6161 6161 6161 6161 6161 6161 6161 61C3A9         'aaaaaaaaaaaaaaaé'",
		"00000011:    62                                              ' b              '",
	}
	if got := strings.Split(out.String(), "\n"); !slices.Equal(got, want) {
		t.Errorf("dump:\n got %q\nwant %q", got, want)
	}
}

// After 60 lines on a page (the first message's page starts 29 lines
// down) a line holding one blank is written.
func TestDumpPageBreak(t *testing.T) {
	var out strings.Builder
	d := dumper{w: &out}
	d.startMessage(true)
	d.dump(bytes.Repeat([]byte("x"), 32*bytesPerLine))
	lines := strings.Split(out.String(), "\n")[1:]
	if len(lines) != 33 {
		t.Fatalf("got %d lines, want 32 dump lines and one page break", len(lines))
	}
	if lines[31] != " " || !strings.HasPrefix(lines[32], "000001F0:") {
		t.Errorf("lines 32 and 33 are %q and %q, want the page break then offset 1F0", lines[31], lines[32])
	}

	out.Reset()
	d.startMessage(false)
	if out.String() != "\n " || d.lines != laterPageOffset {
		t.Errorf("a later message starts with %q at line %d", out.String(), d.lines)
	}
}

func TestPrintMD(t *testing.T) {
	md := mqi.NewMQMD()
	md.Version = 2
	md.Encoding = 273
	md.CodedCharSetId = 1208
	md.Format = "MQHRF2"
	md.Priority = 4
	md.Persistence = 1
	md.MsgId, _ = hex.DecodeString("414D5120514D312020202020202020203F8EA85D1EA66A20")
	md.ReplyToQMgr = "QM1"
	md.UserIdentifier = "app"
	md.PutApplType = 28
	md.PutApplName = "cli.ConnectDistributed"
	md.PutDate, md.PutTime = "20191017", "16024736"

	var out strings.Builder
	printMD(&out, md)
	want := []string{
		"",
		"****Message descriptor****",
		"",
		"  StrucId  : 'MD  '  Version : 2",
		"  Report   : 0  MsgType : 8",
		"  Expiry   : -1  Feedback : 0",
		"  Encoding : 273  CodedCharSetId : 1208",
		"  Format : 'MQHRF2  '",
		"  Priority : 4  Persistence : 1",
		"  MsgId : X'414D5120514D312020202020202020203F8EA85D1EA66A20'",
		"  CorrelId : X'000000000000000000000000000000000000000000000000'",
		"  BackoutCount : 0",
		"  ReplyToQ       : '                                                '",
		"  ReplyToQMgr    : 'QM1                                             '",
		"  ** Identity Context",
		"  UserIdentifier : 'app         '",
		"  AccountingToken : ",
		"   X'0000000000000000000000000000000000000000000000000000000000000000'",
		"  ApplIdentityData : '                                '",
		"  ** Origin Context",
		"  PutApplType    : '28'",
		"  PutApplName    : 'cli.ConnectDistributed      '",
		"  PutDate  : '20191017'    PutTime  : '16024736'",
		"  ApplOriginData : '    '",
		"",
		"  GroupId : X'000000000000000000000000000000000000000000000000'",
		"  MsgSeqNumber   : '1'",
		"  Offset         : '0'",
		"  MsgFlags       : '0'",
		"  OriginalLength : '-1'",
	}
	got := strings.Split(out.String(), "\n")
	if !slices.Equal(got, want) {
		t.Errorf("printMD:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPrintDLH(t *testing.T) {
	dlh := mqi.NewMQDLH(nil)
	dlh.Reason = mqi.MQRC_UNKNOWN_OBJECT_NAME
	dlh.DestQName = "NO.SUCH.Q"
	dlh.DestQMgrName = "QM1"
	dlh.Encoding = 546
	dlh.CodedCharSetId = 1208
	dlh.Format = "MQSTR"
	dlh.PutApplType = 6
	dlh.PutApplName = "amqsput"
	dlh.PutDate, dlh.PutTime = "20240102", "03040506"

	var out strings.Builder
	printDLH(&out, dlh)
	got := strings.Split(out.String(), "\n")
	want := []string{
		"",
		"",
		"****Dead Letter Header****",
		"",
		"  StrucId  : 'DLH '  Version : 1",
		"  Reason   : 2085 [MQRC_UNKNOWN_OBJECT_NAME]",
		"  DestQName      : 'NO.SUCH.Q                                       '",
		"  DestQMgrName   : 'QM1                                             '",
		"  Encoding : 546  CodedCharSetId : 1208",
		"  Format : 'MQSTR   '",
		"  PutApplType    : '6'",
		"  PutApplName    : 'amqsput                     '",
		"  PutDate  : '20240102'    PutTime  : '03040506'",
	}
	if !slices.Equal(got, want) {
		t.Errorf("printDLH:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestArgs(t *testing.T) {
	tests := []struct {
		argv   []string
		status int
		want   string
	}{
		{[]string{"amqsbcg"}, 4, " Required parameter missing - queue name\n\n  Usage: amqsbcg QName [ QMgrName ] [ PropOption ]\n\n"},
		{[]string{"amqsbcg", "Q", "QM", "7"}, 4, " PropOption \"7\" invalid - specify 0-4\n\n  Usage: amqsbcg QName [ QMgrName ] [ PropOption ]\n\n"},
	}
	for _, tt := range tests {
		var out strings.Builder
		status := run(tt.argv, &out)
		want := "\nAMQSBCG0 - starts here\n**********************\n" + tt.want
		if status != tt.status || out.String() != want {
			t.Errorf("run(%q) = %d, %q; want %d, %q", tt.argv, status, out.String(), tt.status, want)
		}
	}
}

// FuzzDump checks that any message data dumps to lines whose offsets
// count the bytes shown and whose hex digits give the data back.
func FuzzDump(f *testing.F) {
	f.Add([]byte("I put in QA.A"))
	f.Add([]byte(strings.Repeat("a", 15) + "é€😀b"))
	f.Add([]byte{0, 0xC3, 0xFF, 0xF0, 0x9F, 0x98})
	f.Fuzz(fuzzBody)
}

// fuzzBody is the check FuzzDump runs on each input.
func fuzzBody(t *testing.T, data []byte) {
	if len(data) > 4096 {
		t.Skip("long inputs only repeat the line layout, slowly")
	}
	var out strings.Builder
	d := dumper{w: &out}
	d.startMessage(true)
	d.dump(data)

	var back []byte
	for _, line := range strings.Split(out.String(), "\n")[1:] {
		if line == " " {
			continue // page break
		}
		var offset int
		if _, err := fmt.Sscanf(line, "%08X: ", &offset); err != nil || offset != len(back) {
			t.Fatalf("line %q: offset %X after %d bytes (%v)", line, offset, len(back), err)
		}
		quote := strings.IndexByte(line, '\'')
		if quote < 0 || !strings.HasSuffix(line, "'") {
			t.Fatalf("line %q has no quoted text", line)
		}
		b, err := hex.DecodeString(strings.Join(strings.Fields(line[10:quote]), ""))
		if err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		back = append(back, b...)
	}
	if !bytes.Equal(back, data) {
		t.Fatalf("dump of %q gives back %q", data, back)
	}
}
