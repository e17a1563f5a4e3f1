package wire

import (
	"encoding/binary"
	"errors"
	"math/rand"
	"strings"
	"testing"
)

func sampleMD(version int32) *MQMD {
	md := &MQMD{
		Version: version, Report: 0, MsgType: 8, Expiry: -1, Encoding: EncNative,
		CodedCharSetID: 1208, Format: FmtString, Priority: 4, Persistence: 1,
		BackoutCount: 2, ReplyToQ: "REPLY.Q", ReplyToQMgr: "QM1",
		UserIdentifier: "mqm", ApplIdentityData: "app data", PutApplType: 6,
		PutApplName: "amqsput", PutDate: "20240131", PutTime: "12345678",
		ApplOriginData: "orig",
	}
	copy(md.MsgID[:], "AMQ QM1 msgid-0001")
	copy(md.CorrelID[:], "correl")
	md.AccountingToken[0], md.AccountingToken[31] = 0x16, 0xFF
	if version == 2 {
		copy(md.GroupID[:], "group")
		md.MsgSeqNumber, md.Offset, md.MsgFlags, md.OriginalLength = 3, 100, 0x10, -1
	}
	return md
}

func TestMDGoldenOffsets(t *testing.T) {
	b := sampleMD(2).Marshal(binary.LittleEndian)
	if len(b) != MDLength2 {
		t.Fatalf("MD v2 is %d bytes", len(b))
	}
	at(t, b, 0, []byte("MD  "))
	at(t, b, 4, le32(2))
	at(t, b, 12, le32(8))
	at(t, b, 16, le32(0xFFFFFFFF))
	at(t, b, 24, le32(546))
	at(t, b, 28, le32(1208))
	at(t, b, 32, []byte("MQSTR   "))
	at(t, b, 40, le32(4))
	at(t, b, 44, le32(1))
	at(t, b, 48, []byte("AMQ QM1 msgid-0001\x00"))
	at(t, b, 72, []byte("correl\x00"))
	at(t, b, 96, le32(2))
	at(t, b, 100, padded("REPLY.Q", 48))
	at(t, b, 148, padded("QM1", 48))
	at(t, b, 196, padded("mqm", 12))
	at(t, b, 208, []byte{0x16})
	at(t, b, 239, []byte{0xFF})
	at(t, b, 240, padded("app data", 32))
	at(t, b, 272, le32(6))
	at(t, b, 276, padded("amqsput", 28))
	at(t, b, 304, []byte("2024013112345678orig"))
	at(t, b, 324, []byte("group\x00"))
	at(t, b, 348, le32(3))
	at(t, b, 352, le32(100))
	at(t, b, 356, le32(0x10))
	at(t, b, 360, le32(0xFFFFFFFF))

	if v1 := sampleMD(1).Marshal(binary.BigEndian); len(v1) != MDLength1 || v1[7] != 1 {
		t.Errorf("MD v1 BE: %d bytes, version byte %d", len(v1), v1[7])
	}
}

func TestMDVersionClamp(t *testing.T) {
	for v, want := range map[int32]int{0: MDLength1, -5: MDLength1, 1: MDLength1, 2: MDLength2, 9: MDLength2} {
		md := MQMD{Version: v}
		if got := len(md.Marshal(binary.LittleEndian)); got != want {
			t.Errorf("Version %d: %d bytes, want %d", v, got, want)
		}
	}
}

func TestODGoldenOffsets(t *testing.T) {
	od := &MQOD{Version: 4, ObjectType: 1, ObjectName: "Q1", ObjectQMgrName: "QM1",
		DynamicQName: "AMQ.*", AlternateUserID: "alice", RecsPresent: 2,
		ResolvedQName: "RQ", ResolvedQMgrName: "RQM", ResolvedType: 1}
	od.ObjectString = MQCHARV{VSCCSID: 1208, Value: "topic/a"}
	od.ResObjectString = MQCHARV{VSCCSID: 1208, Value: "res"}
	b := od.Marshal(binary.LittleEndian)
	if len(b) != ODLength4+7+3 {
		t.Fatalf("OD v4 with strings is %d bytes", len(b))
	}
	at(t, b, 0, []byte("OD  "))
	at(t, b, 4, le32(4))
	at(t, b, 8, le32(1))
	at(t, b, 12, padded("Q1", 48))
	at(t, b, 60, padded("QM1", 48))
	at(t, b, 108, padded("AMQ.*", 48))
	at(t, b, 156, padded("alice", 12))
	at(t, b, 168, le32(2))
	at(t, b, 240, padded("RQ", 48))
	at(t, b, 288, padded("RQM", 48))
	// ObjectString MQCHARV: ptr, offset, bufsize, length, ccsid.
	at(t, b, 336, join(le32(0), le32(400), le32(7), le32(7), le32(1208)))
	at(t, b, 356, join(le32(0), le32(0), le32(0), le32(0), le32(0)))
	at(t, b, 376, join(le32(0), le32(407), le32(3), le32(3), le32(1208)))
	at(t, b, 396, le32(1))
	at(t, b, 400, []byte("topic/ares"))

	for v, want := range map[int32]int{1: 168, 2: 200, 3: 336} {
		od := MQOD{Version: v, ObjectName: "Q"}
		if got := len(od.Marshal(binary.BigEndian)); got != want {
			t.Errorf("OD v%d: %d bytes, want %d", v, got, want)
		}
	}
}

func TestODCharVErrors(t *testing.T) {
	od := MQOD{Version: 4, ObjectString: MQCHARV{Value: "abc"}}
	b := od.Marshal(binary.LittleEndian)
	binary.LittleEndian.PutUint32(b[340:], 100) // offset inside the fixed part
	var got MQOD
	if _, err := got.Unmarshal(b, binary.LittleEndian); !errors.Is(err, ErrBadLength) {
		t.Errorf("offset inside fixed part: %v", err)
	}
	binary.LittleEndian.PutUint32(b[340:], 0x7FFFFFFF) // far beyond the input
	if _, err := got.Unmarshal(b, binary.LittleEndian); !errors.Is(err, ErrTruncated) {
		t.Errorf("offset beyond input: %v", err)
	}
}

func TestXQHAndMSHGolden(t *testing.T) {
	md := sampleMD(1)
	md.Format = FmtString
	m := &MessageData{
		MSH:  MSH{SeqNumber: 17, Unknown1: 0},
		XQH:  MQXQH{RemoteQName: "TARGET.Q", RemoteQMgrName: "QM2", MsgDesc: *md},
		Data: []byte("hello"),
	}
	b := m.Marshal(binary.LittleEndian)
	msgLen := uint32(XQHLength + MDLength1 + 5)
	if len(b) != MSHLength+int(msgLen) {
		t.Fatalf("body is %d bytes, want %d", len(b), MSHLength+int(msgLen))
	}
	at(t, b, 0, []byte("MSH "))
	at(t, b, 4, le32(17))
	at(t, b, 8, le32(msgLen)) // buffer length = message length
	at(t, b, 12, le32(0))
	at(t, b, 16, le32(msgLen))
	at(t, b, 20, []byte("XQH "))
	at(t, b, 24, le32(1))
	at(t, b, 28, padded("TARGET.Q", 48))
	at(t, b, 76, padded("QM2", 48))
	at(t, b, 124, []byte("MD  "))
	at(t, b, 124+32, []byte("MQSTR   "))
	at(t, b, 124+MDLength1, []byte("hello"))

	var got MessageData
	if _, err := got.Unmarshal(b, binary.LittleEndian); err != nil {
		t.Fatal(err)
	}
	if got.MSH.BufferLength != int32(msgLen) || got.MSH.MessageLength != int32(msgLen) {
		t.Errorf("MSH lengths %d/%d, want %d", got.MSH.BufferLength, got.MSH.MessageLength, msgLen)
	}
}

func TestMessageDataErrors(t *testing.T) {
	m := &MessageData{XQH: MQXQH{MsgDesc: MQMD{Version: 1}}, Data: []byte("x")}
	b := m.Marshal(binary.BigEndian)
	var got MessageData
	bad := append([]byte(nil), b...)
	binary.BigEndian.PutUint32(bad[16:], 0x80000000)
	if _, err := got.Unmarshal(bad, binary.BigEndian); !errors.Is(err, ErrBadLength) {
		t.Errorf("negative message length: %v", err)
	}
	binary.BigEndian.PutUint32(bad[16:], 50) // shorter than XQH + MD
	if _, err := got.Unmarshal(bad, binary.BigEndian); !errors.Is(err, ErrTruncated) {
		t.Errorf("message length below headers: %v", err)
	}
	copy(bad[20:], "XQ  ")
	binary.BigEndian.PutUint32(bad[16:], uint32(len(b)-MSHLength))
	var de *DecodeError
	if _, err := got.Unmarshal(bad, binary.BigEndian); !errors.As(err, &de) ||
		!errors.Is(err, ErrBadStrucID) || de.Offset != MSHLength || !strings.HasPrefix(de.Struct, "MESSAGE_DATA.") {
		t.Errorf("bad XQH id: %v", err)
	}
}

// TestRoundTripAll round-trips every structure in both byte orders and
// checks that every truncation of the encoding fails to decode.
func TestRoundTripAll(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	md1, md2 := sampleMD(1), sampleMD(2)
	cases := []struct {
		name  string
		check func(t *testing.T)
	}{
		{"UID short", func(t *testing.T) {
			enc := roundTrip(t, &UserID{UserIdentifier: "app", Password: "secret"})
			checkTruncations[UserID](t, enc["LE"], binary.LittleEndian)
		}},
		{"UID long", func(t *testing.T) {
			enc := roundTrip(t, &UserID{Long: true, UserIdentifier: "app", Password: "pw",
				LongUserID: strings.Repeat("u", 64), SecurityIDType: 1, SecurityID: []byte{1, 5, 0, 0, 21}})
			checkTruncations[UserID](t, enc["BE"], binary.BigEndian, UIDShortLength)
		}},
		{"Status", func(t *testing.T) {
			roundTrip(t, &Status{Code: StatusNoChannel})
			enc := roundTrip(t, &Status{Code: StatusBatchFailure, HasValue: true, Value: 99})
			checkTruncations[Status](t, enc["LE"], binary.LittleEndian)
		}},
		{"ResetData", func(t *testing.T) {
			enc := roundTrip(t, &ResetData{SeqNumber: 12345})
			checkTruncations[ResetData](t, enc["BE"], binary.BigEndian)
		}},
		{"PingData", func(t *testing.T) {
			roundTrip(t, &PingData{})
			enc := roundTrip(t, &PingData{Data: []byte("ping payload")})
			checkTruncations[PingData](t, enc["LE"], binary.LittleEndian)
		}},
		{"APIHeader", func(t *testing.T) {
			enc := roundTrip(t, &APIHeader{ReplyLength: 300, CompCode: 2, Reason: 2033, Hobj: 7})
			checkTruncations[APIHeader](t, enc["LE"], binary.LittleEndian)
		}},
		{"MQMD v1", func(t *testing.T) {
			enc := roundTrip(t, md1)
			checkTruncations[MQMD](t, enc["LE"], binary.LittleEndian)
		}},
		{"MQMD v2", func(t *testing.T) {
			enc := roundTrip(t, md2)
			checkTruncations[MQMD](t, enc["BE"], binary.BigEndian)
		}},
		{"MQMDE", func(t *testing.T) {
			mde := &MQMDE{Encoding: EncNative, CodedCharSetID: 819, Format: FmtString,
				MsgSeqNumber: 2, Offset: 10, MsgFlags: 8, OriginalLength: 33}
			copy(mde.GroupID[:], "g1")
			enc := roundTrip(t, mde)
			checkTruncations[MQMDE](t, enc["LE"], binary.LittleEndian)
		}},
		{"MQOD all versions", func(t *testing.T) {
			for v := int32(1); v <= 4; v++ {
				od := randOD(r)
				od.Version = v
				od = odForVersion(od)
				enc := roundTrip(t, &od)
				checkTruncations[MQOD](t, enc["LE"], binary.LittleEndian)
				checkTruncations[MQOD](t, enc["BE"], binary.BigEndian)
			}
		}},
		{"MQPMO all versions", func(t *testing.T) {
			for v := int32(1); v <= 3; v++ {
				p := MQPMO{Version: v, Options: 0x2044, Timeout: -1, ResolvedQName: "Q"}
				if v == 3 {
					p.NewMsgHandle = -2
				}
				enc := roundTrip(t, &p)
				checkTruncations[MQPMO](t, enc["LE"], binary.LittleEndian)
			}
		}},
		{"MQGMO all versions", func(t *testing.T) {
			for v := int32(1); v <= 4; v++ {
				g := MQGMO{Version: v, Options: 0x4001, WaitInterval: 5000, ResolvedQName: "Q"}
				if v >= 2 {
					g.GroupStatus, g.SegmentStatus, g.Segmentation = 'L', ' ', 'A'
				}
				if v == 4 {
					g.MsgHandle = 1 << 40
				}
				enc := roundTrip(t, &g)
				checkTruncations[MQGMO](t, enc["BE"], binary.BigEndian)
			}
		}},
		{"MQXQH", func(t *testing.T) {
			for _, md := range []*MQMD{md1, md2} {
				enc := roundTrip(t, &MQXQH{RemoteQName: "Q", RemoteQMgrName: "QM2", MsgDesc: *md})
				checkTruncations[MQXQH](t, enc["LE"], binary.LittleEndian)
			}
		}},
		{"MSH", func(t *testing.T) {
			enc := roundTrip(t, &MSH{SeqNumber: 1, BufferLength: 2, Unknown1: 3, MessageLength: 4})
			checkTruncations[MSH](t, enc["LE"], binary.LittleEndian)
		}},
		{"MQDLH", func(t *testing.T) {
			enc := roundTrip(t, &MQDLH{Reason: 2085, DestQName: "NOPE", DestQMgrName: "QM2",
				Encoding: EncNative, CodedCharSetID: 819, Format: FmtString, PutApplType: 6,
				PutApplName: "runmqchl", PutDate: "20240101", PutTime: "00000000"})
			checkTruncations[MQDLH](t, enc["BE"], binary.BigEndian)
		}},
		{"MessageData", func(t *testing.T) {
			m := &MessageData{XQH: MQXQH{RemoteQName: "Q", MsgDesc: *md1}, Data: []byte("payload")}
			enc := roundTrip(t, fillMSH(m))
			checkTruncations[MessageData](t, enc["LE"], binary.LittleEndian)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, tc.check)
	}
}

// fillMSH sets the lengths Marshal will write, so round trips compare equal.
func fillMSH(m *MessageData) *MessageData {
	n := int32(m.XQH.Len() + len(m.Data))
	m.MSH.BufferLength, m.MSH.MessageLength = n, n
	return m
}

// odForVersion zeroes the fields a version does not carry.
func odForVersion(od MQOD) MQOD {
	out := MQOD{Version: od.Version, ObjectType: od.ObjectType, ObjectName: od.ObjectName,
		ObjectQMgrName: od.ObjectQMgrName, DynamicQName: od.DynamicQName,
		AlternateUserID: od.AlternateUserID}
	if od.Version >= 2 {
		out.RecsPresent, out.KnownDestCount = od.RecsPresent, od.KnownDestCount
		out.ResponseRecPtr = od.ResponseRecPtr
	}
	if od.Version >= 3 {
		out.AlternateSecurityID, out.ResolvedQName = od.AlternateSecurityID, od.ResolvedQName
	}
	if od.Version == 4 {
		next := int32(ODLength4)
		out.ObjectString = MQCHARV{VSOffset: next, VSLength: 3, VSBufSize: 3, Value: "a/b"}
		out.ResolvedType = 3
	}
	return out
}

func TestBadStrucIDsAndVersions(t *testing.T) {
	o := binary.LittleEndian
	tests := []struct {
		name   string
		enc    []byte
		dec    codec
		off    int
		target error
	}{
		{"MD id", (&MQMD{Version: 1}).Marshal(o), &MQMD{}, 0, ErrBadStrucID},
		{"MD version 3", (&MQMD{Version: 1}).Marshal(o), &MQMD{}, 4, ErrBadVersion},
		{"OD version 5", (&MQOD{Version: 4}).Marshal(o), &MQOD{}, 4, ErrBadVersion},
		{"PMO version 0", (&MQPMO{Version: 1}).Marshal(o), &MQPMO{}, 4, ErrBadVersion},
		{"GMO id", (&MQGMO{Version: 1}).Marshal(o), &MQGMO{}, 0, ErrBadStrucID},
		{"XQH version 2", (&MQXQH{}).Marshal(o), &MQXQH{}, 4, ErrBadVersion},
		{"DLH id", (&MQDLH{}).Marshal(o), &MQDLH{}, 0, ErrBadStrucID},
		{"MSH id", (&MSH{}).Marshal(o), &MSH{}, 0, ErrBadStrucID},
		{"MDE id", (&MQMDE{}).Marshal(o), &MQMDE{}, 0, ErrBadStrucID},
		{"UID id", (&UserID{}).Marshal(o), &UserID{}, 0, ErrBadStrucID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := append([]byte(nil), tc.enc...)
			switch tc.target {
			case ErrBadStrucID:
				b[1] ^= 0x20
			case ErrBadVersion:
				v := map[string]uint32{"MD version 3": 3, "OD version 5": 5, "PMO version 0": 0, "XQH version 2": 2}[tc.name]
				o.PutUint32(b[4:], v)
			}
			_, err := tc.dec.Unmarshal(b, o)
			var de *DecodeError
			if !errors.As(err, &de) || !errors.Is(err, tc.target) || de.Offset != tc.off {
				t.Errorf("got %v, want DecodeError at %d wrapping %v", err, tc.off, tc.target)
			}
		})
	}
}

func TestEBCDICStrucIDsAccepted(t *testing.T) {
	o := binary.BigEndian
	tests := []struct {
		ebcdic []byte
		enc    []byte
		dec    codec
	}{
		{[]byte{0xD4, 0xC4, 0x40, 0x40}, (&MQMD{Version: 2}).Marshal(o), &MQMD{}},
		{[]byte{0xD6, 0xC4, 0x40, 0x40}, (&MQOD{Version: 1}).Marshal(o), &MQOD{}},
		{[]byte{0xD7, 0xD4, 0xD6, 0x40}, (&MQPMO{Version: 1}).Marshal(o), &MQPMO{}},
		{[]byte{0xC7, 0xD4, 0xD6, 0x40}, (&MQGMO{Version: 1}).Marshal(o), &MQGMO{}},
		{[]byte{0xE7, 0xD8, 0xC8, 0x40}, (&MQXQH{}).Marshal(o), &MQXQH{}},
		{[]byte{0xD4, 0xE2, 0xC8, 0x40}, (&MSH{}).Marshal(o), &MSH{}},
		{[]byte{0xC4, 0xD3, 0xC8, 0x40}, (&MQDLH{}).Marshal(o), &MQDLH{}},
		{[]byte{0xE4, 0xC9, 0xC4, 0x40}, (&UserID{}).Marshal(o), &UserID{}},
		{[]byte{0xD4, 0xC4, 0xC5, 0x40}, (&MQMDE{}).Marshal(o), &MQMDE{}},
	}
	for _, tc := range tests {
		b := append(append([]byte(nil), tc.ebcdic...), tc.enc[4:]...)
		if _, err := tc.dec.Unmarshal(b, o); err != nil {
			t.Errorf("%q in EBCDIC (% x): %v", tc.enc[:4], tc.ebcdic, err)
		}
	}
}

func TestStringFields(t *testing.T) {
	md := MQMD{Version: 1, ReplyToQ: strings.Repeat("Q", 60), Format: "MQSTR\x00"}
	b := md.Marshal(binary.LittleEndian)
	at(t, b, 100, []byte(strings.Repeat("Q", 48)))
	at(t, b, 148, padded("", 48))
	var got MQMD
	if _, err := got.Unmarshal(b, binary.LittleEndian); err != nil {
		t.Fatal(err)
	}
	if got.ReplyToQ != strings.Repeat("Q", 48) || got.Format != "MQSTR" {
		t.Errorf("long string not truncated to its width, or NUL not trimmed: %q %q", got.ReplyToQ, got.Format)
	}
	// NUL padding from a peer is trimmed like blanks.
	copy(b[196:208], "mqm\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	if _, err := got.Unmarshal(b, binary.LittleEndian); err != nil || got.UserIdentifier != "mqm" {
		t.Errorf("NUL-padded user id decoded as %q (%v)", got.UserIdentifier, err)
	}
	uid := (&UserID{UserIdentifier: "bob", Password: "pw"}).Marshal(binary.LittleEndian)
	at(t, uid, 4, padded("bob", 12))
	at(t, uid, 16, []byte("pw\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	if s := (UserID{UserIdentifier: "bob", Password: "pw"}).String(); strings.Contains(s, "pw\"") {
		t.Errorf("String leaks the password: %s", s)
	}
}

func TestStatusGoldenAndNames(t *testing.T) {
	seg, err := (&Segment{TSH: TSH{Type: SegStatusData, Flags1: Flag1Error},
		Body: (&Status{Code: StatusChannelWrongType}).Marshal(binary.LittleEndian)}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if len(seg) != 36 {
		t.Fatalf("status segment is %d bytes, want 36", len(seg))
	}
	at(t, seg, 28, le32(8))
	at(t, seg, 32, le32(2)) // last 4 bytes: the code in the request's order
	names := map[StatusCode]string{
		StatusNoChannel: "NO_CHANNEL", StatusCipherSpec: "CIPHER_SPEC",
		StatusProtocolSegmentType: "REMOTE_PROTOCOL_ERROR", StatusTimeoutExpired: "Unknown (0x00000008)",
		StatusFAPLevel: "FAP_LEVEL", StatusStandbyQMgr: "STANDBY_Q_MGR", 0: "Unknown (0x00000000)",
	}
	for c, want := range names {
		if got := c.String(); got != want {
			t.Errorf("%d: %q, want %q", uint32(c), got, want)
		}
	}
	var s Status
	if _, err := s.Unmarshal(le32(4), binary.LittleEndian); !errors.Is(err, ErrBadLength) {
		t.Errorf("length 4: %v", err)
	}
}

func TestConnBody(t *testing.T) {
	c := &ConnBody{Size: 0, QMgrName: "QM1", ApplName: "amqsputc", ApplType: 6,
		Options: ConnOptMQCONNX, XOptions: 0x40}
	b := c.Marshal(binary.LittleEndian)
	if len(b) != ConnLength260 {
		t.Fatalf("default size %d, want 260", len(b))
	}
	at(t, b, 0, padded("QM1", 48))
	at(t, b, 48, padded("amqsputc", 28))
	at(t, b, 76, le32(6))
	at(t, b, 112, le32(3))
	at(t, b, 116, le32(0x40))
	at(t, b, 120, []byte("FCNO"))
	at(t, b, 124, le32(2))

	for _, size := range []int{120, 260, 332, 460} {
		c := &ConnBody{Size: size, QMgrName: "QM1", ApplName: "app", ApplType: 28,
			Options: 1, FCNOOptions: 5, ProductID: "MQMM09040000", MQMID: "QM1_ID"}
		c.ConnTag[0], c.RetConnTag[127] = 1, 2
		switch size {
		case 120:
			c.ConnTag, c.ProductID, c.MQMID = [128]byte{}, "", ""
			c.FCNOOptions = 0
		case 260:
			c.FCNOVersion, c.ProductID, c.MQMID = 2, "", ""
		case 332:
			c.FCNOVersion = 2
		case 460:
			c.FCNOVersion = 3
		}
		if size != 460 {
			c.RetConnTag = [128]byte{}
		}
		enc := roundTrip(t, c)
		// A shorter valid size decodes as that (shorter) form, except where
		// the FCNO id no longer matches.
		checkTruncations[ConnBody](t, enc["LE"], binary.LittleEndian, shorterConnSizes(size)...)
	}
	var got ConnBody
	if _, err := got.Unmarshal(make([]byte, 128), binary.LittleEndian); !errors.Is(err, ErrBadLength) {
		t.Errorf("128-byte body: %v", err)
	}
}

func shorterConnSizes(size int) []int {
	var out []int
	for _, s := range []int{120, 260, 332} {
		if s < size {
			out = append(out, s)
		}
	}
	return out
}
