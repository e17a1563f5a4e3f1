package wire

import (
	"encoding/binary"
	"errors"
	"testing"
)

// clientID is the ID an MQI client sends first (FAP 13, 240 bytes).
func clientID() *InitialData {
	id := &InitialData{
		FapLevel:            13,
		CapFlags1:           ICF1MQRequest | ICF1SplitMessage | ICF1ConversionCapable,
		MaxMsgsPerBatch:     50,
		MaxTransmissionSize: 32748,
		MaxMsgSize:          4194304,
		SeqWrap:             999999999,
		ChannelName:         "SYSTEM.DEF.SVRCONN",
		CapFlags2:           ICF2DistListCapable | ICF2SPIRequest | ICF2XARequest,
		CCSID:               819,
		QMgrName:            "QM1",
		HeartbeatInterval:   300,
		EFLLength:           138,
		HdrCompList:         [2]byte{0x00, 0xFF},
		ConvPerSocket:       10,
		CapFlags3:           ICF3MsgPropCapable,
		ProcessID:           4242,
		ThreadID:            7,
		ProductID:           "MQMM09040000",
		MQMID:               "QM1_2024",
	}
	id.MsgCompList[0] = 0
	for i := 1; i < len(id.MsgCompList); i++ {
		id.MsgCompList[i] = 0xFF
	}
	return id
}

func TestInitialDataGoldenOffsets(t *testing.T) {
	id := clientID()
	b := id.Marshal(binary.LittleEndian)
	if len(b) != 240 {
		t.Fatalf("FAP 13 ID is %d bytes, want 240", len(b))
	}
	at(t, b, 0, []byte("ID  "))
	at(t, b, 4, []byte{13, 0x26, 0, 0})
	at(t, b, 10, le16(50))
	at(t, b, 12, le32(32748))
	at(t, b, 16, le32(4194304))
	at(t, b, 20, le32(999999999))
	at(t, b, 24, padded("SYSTEM.DEF.SVRCONN", 20))
	at(t, b, 44, []byte{0x51, 0})
	at(t, b, 46, le16(819))
	at(t, b, 48, padded("QM1", 48))
	at(t, b, 96, le32(300))
	at(t, b, 100, le16(138))
	at(t, b, 104, []byte{0x00, 0xFF, 0x00, 0xFF})
	at(t, b, 128, le32(10))
	at(t, b, 132, []byte{0x01})
	at(t, b, 136, le32(4242))
	at(t, b, 148, []byte("MQMM09040000"))
	at(t, b, 160, padded("QM1_2024", 48))

	// As a frame: qmgr name at frame offset 76, product id at 176.
	seg, err := (&Segment{TSH: TSH{Type: SegInitialData}, Body: b}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	at(t, seg, 4, be32(268))
	at(t, seg, 76, []byte("QM1 "))
	at(t, seg, 176, []byte("MQMM0904"))

	be := id.Marshal(binary.BigEndian)
	at(t, be, 12, be32(32748))
	at(t, be, 46, be16(819))
}

func TestInitialDataLengthByFAP(t *testing.T) {
	tests := []struct {
		fap  uint8
		want int
	}{{0, 44}, {3, 44}, {4, 102}, {8, 102}, {9, 208}, {10, 208}, {11, 240}, {12, 240}, {13, 240}}
	for _, tc := range tests {
		if got := IDLength(tc.fap); got != tc.want {
			t.Errorf("IDLength(%d) = %d, want %d", tc.fap, got, tc.want)
		}
		id := clientID()
		id.FapLevel = tc.fap
		b := id.Marshal(binary.LittleEndian)
		if len(b) != tc.want {
			t.Errorf("FAP %d: Marshal gave %d bytes, want %d", tc.fap, len(b), tc.want)
		}
		var got InitialData
		if n, err := got.Unmarshal(b, binary.LittleEndian); err != nil || n != tc.want {
			t.Errorf("FAP %d: Unmarshal = %d, %v", tc.fap, n, err)
		}
		if tc.want < IDLengthFAP4 && got.QMgrName != "" {
			t.Errorf("FAP %d: QMgrName %q decoded from a 44-byte ID", tc.fap, got.QMgrName)
		}
	}
}

func TestInitialDataLongerThanFAPSays(t *testing.T) {
	// A FAP 12 ID padded to 240 bytes: the later fields are decoded too.
	id := clientID()
	id.PAL[0] = 9
	b := id.Marshal(binary.LittleEndian)
	b[4] = 9
	var got InitialData
	n, err := got.Unmarshal(b, binary.LittleEndian)
	if err != nil || n != 240 || got.PAL[0] != 9 {
		t.Errorf("got n=%d err=%v PAL[0]=%d, want 240, nil, 9", n, err, got.PAL[0])
	}
}

func TestInitialDataRoundTripAndTruncation(t *testing.T) {
	for _, fap := range []uint8{2, 6, 10, 13} {
		id := clientID()
		id.FapLevel = fap
		switch n := IDLength(fap); {
		case n < IDLengthFAP4:
			*id = InitialData{FapLevel: fap, CapFlags1: 7, MaxMsgsPerBatch: 50, ChannelName: "TO.QM2"}
		case n < IDLengthFAP9:
			id.IniErrFlags2, id.HdrCompList, id.MsgCompList = 0, [2]byte{}, [16]byte{}
			id.SSLKeyResetCount, id.ConvPerSocket, id.CapFlags3 = 0, 0, 0
			id.ProcessID, id.ThreadID, id.ProductID, id.MQMID = 0, 0, "", ""
		}
		enc := roundTrip(t, id)
		for _, bo := range orders {
			checkTruncations[InitialData](t, enc[bo.name], bo.o)
		}
	}
}

func TestInitialDataErrors(t *testing.T) {
	b := clientID().Marshal(binary.LittleEndian)
	var id InitialData
	if _, err := id.Unmarshal(append([]byte("IX  "), b[4:]...), binary.LittleEndian); !errors.Is(err, ErrBadStrucID) {
		t.Errorf("bad id: %v", err)
	}
	ebcdic := append([]byte{0xC9, 0xC4, 0x40, 0x40}, b[4:]...)
	if _, err := id.Unmarshal(ebcdic, binary.LittleEndian); err != nil || id.QMgrName != "QM1" {
		t.Errorf("EBCDIC id: %v, qmgr %q", err, id.QMgrName)
	}
	if _, err := id.Unmarshal(b[:207], binary.LittleEndian); !errors.Is(err, ErrTruncated) {
		t.Errorf("207 bytes at FAP 13: %v", err)
	}
}
