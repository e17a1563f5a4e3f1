package wire

import "encoding/binary"

// InitialData lengths by FAP level.
const (
	IDLengthFAP1  = 44  // FAP levels below 4
	IDLengthFAP4  = 102 // FAP levels 4-8
	IDLengthFAP9  = 208 // FAP levels 9-10
	IDLengthFAP11 = 240 // FAP level 11 and above
)

// Capability flags 1 (ID offset 5; MQ_ICF1_*).
const (
	ICF1MsgSeq            uint8 = 0x01 // message sequence numbers
	ICF1ConversionCapable uint8 = 0x02
	ICF1SplitMessage      uint8 = 0x04
	ICF1RequestInitiation uint8 = 0x08
	ICF1RequestSecurity   uint8 = 0x10
	ICF1MQRequest         uint8 = 0x20 // MQI (client) request
	ICF1SvrconnSecurity   uint8 = 0x40
	ICF1Runtime           uint8 = 0x80 // runtime application
)

// Capability flags 2 (ID offset 44; MQ_ICF2_*).
const (
	ICF2DistListCapable      uint8 = 0x01
	ICF2FastMessagesRequired uint8 = 0x02
	ICF2ResponderConversion  uint8 = 0x04
	ICF2DualUOW              uint8 = 0x08
	ICF2XARequest            uint8 = 0x10
	ICF2XARuntimeApp         uint8 = 0x20
	ICF2SPIRequest           uint8 = 0x40
	ICF2TraceRouteCapable    uint8 = 0x80
)

// Capability flags 3 (ID offset 132; MQ_ICF3_*).
const (
	ICF3MsgPropCapable   uint8 = 0x01
	ICF3MulticastCapable uint8 = 0x02
	ICF3PropIntSeparate  uint8 = 0x04
	ICF3MultiplexSyncGet uint8 = 0x08
	ICF3ProtAlgorithms   uint8 = 0x10
	ICF3CanGenConnTag    uint8 = 0x20
)

// Initial-data error flags 1 (ID offset 7; MQ_IEF1_*): which proposed
// values the responder could not accept.
const (
	IEF1CCSID               uint8 = 0x01
	IEF1Encoding            uint8 = 0x02
	IEF1MaxTransmissionSize uint8 = 0x04
	IEF1FAPLevel            uint8 = 0x08
	IEF1MaxMsgSize          uint8 = 0x10
	IEF1MaxMsgPerBatch      uint8 = 0x20
	IEF1SeqWrapValue        uint8 = 0x40
	IEF1HeartbeatInterval   uint8 = 0x80
)

// Initial-data error flags 2 (ID offset 102; MQ_IEF2_*).
const (
	IEF2HdrCompList uint8 = 0x01
	IEF2MsgCompList uint8 = 0x02
	IEF2SSLReset    uint8 = 0x04
)

// InitialData is the ID structure of an INITIAL_DATA segment, exchanged at
// channel start to negotiate the protocol level and limits. Its length
// depends on FapLevel (IDLength); fields beyond that length are ignored by
// Marshal and left zero by Unmarshal.
type InitialData struct {
	FapLevel            uint8
	CapFlags1           uint8 // ICF1*
	ECapFlags1          uint8 // meaning unknown; carried through
	IniErrFlags1        uint8 // IEF1*
	MaxMsgsPerBatch     uint16
	MaxTransmissionSize uint32
	MaxMsgSize          uint32
	SeqWrap             uint32
	ChannelName         string // 20
	CapFlags2           uint8  // ICF2* (FAP >= 4)
	ECapFlags2          uint8
	CCSID               uint16
	QMgrName            string // 48
	HeartbeatInterval   uint32 // seconds
	EFLLength           uint16
	IniErrFlags2        uint8 // IEF2* (FAP >= 9)
	HdrCompList         [2]byte
	MsgCompList         [16]byte
	SSLKeyResetCount    uint32
	ConvPerSocket       uint32 // SHARECNV
	CapFlags3           uint8  // ICF3*
	ECapFlags3          uint8
	ProcessID           uint32
	ThreadID            uint32
	TraceID             uint32
	ProductID           string   // 12, "MQMM" + VVRRMMFF
	MQMID               string   // 48
	PAL                 [20]byte // FAP >= 11; meaning unknown
	R                   [12]byte // FAP >= 11; meaning unknown
}

// IDLength returns the ID length the protocol expects at a FAP level.
func IDLength(fapLevel uint8) int {
	switch {
	case fapLevel < 4:
		return IDLengthFAP1
	case fapLevel < 9:
		return IDLengthFAP4
	case fapLevel < 11:
		return IDLengthFAP9
	}
	return IDLengthFAP11
}

// Marshal encodes the ID at the length its FapLevel selects.
func (id *InitialData) Marshal(order binary.ByteOrder) []byte {
	n := IDLength(id.FapLevel)
	e := newEncoder(n, order)
	e.id(0, "ID  ")
	e.u8(4, id.FapLevel)
	e.u8(5, id.CapFlags1)
	e.u8(6, id.ECapFlags1)
	e.u8(7, id.IniErrFlags1)
	e.u16(10, id.MaxMsgsPerBatch)
	e.u32(12, id.MaxTransmissionSize)
	e.u32(16, id.MaxMsgSize)
	e.u32(20, id.SeqWrap)
	e.str(24, 20, id.ChannelName)
	if n >= IDLengthFAP4 {
		id.put4(e)
	}
	if n >= IDLengthFAP9 {
		id.put9(e)
	}
	if n >= IDLengthFAP11 {
		e.raw(208, id.PAL[:])
		e.raw(228, id.R[:])
	}
	return e.b
}

func (id *InitialData) put4(e encoder) {
	e.u8(44, id.CapFlags2)
	e.u8(45, id.ECapFlags2)
	e.u16(46, id.CCSID)
	e.str(48, 48, id.QMgrName)
	e.u32(96, id.HeartbeatInterval)
	e.u16(100, id.EFLLength)
}

func (id *InitialData) put9(e encoder) {
	e.u8(102, id.IniErrFlags2)
	e.raw(104, id.HdrCompList[:])
	e.raw(106, id.MsgCompList[:])
	e.u32(124, id.SSLKeyResetCount)
	e.u32(128, id.ConvPerSocket)
	e.u8(132, id.CapFlags3)
	e.u8(133, id.ECapFlags3)
	e.u32(136, id.ProcessID)
	e.u32(140, id.ThreadID)
	e.u32(144, id.TraceID)
	e.str(148, 12, id.ProductID)
	e.str(160, 48, id.MQMID)
}

// Unmarshal decodes an ID. b must hold at least the length the FAP level
// at offset 4 calls for; when b is longer, the later fields that fit are
// decoded too (as the Wireshark dissector does). It returns the number of
// bytes decoded.
func (id *InitialData) Unmarshal(b []byte, order binary.ByteOrder) (int, error) {
	d := newDecoder("ID", b, order)
	if _, err := d.strucID(0, "ID  "); err != nil {
		return 0, err
	}
	if err := d.need(5); err != nil {
		return 0, err
	}
	if err := d.need(IDLength(b[4])); err != nil {
		return 0, err
	}
	n := IDLength(b[4])
	for _, l := range []int{IDLengthFAP4, IDLengthFAP9, IDLengthFAP11} {
		if l > n && len(b) >= l {
			n = l
		}
	}
	*id = InitialData{}
	id.get1(d)
	if n >= IDLengthFAP4 {
		id.get4(d)
	}
	if n >= IDLengthFAP9 {
		id.get9(d)
	}
	if n >= IDLengthFAP11 {
		d.raw(id.PAL[:], 208)
		d.raw(id.R[:], 228)
	}
	return n, nil
}

func (id *InitialData) get1(d decoder) {
	id.FapLevel = d.u8(4)
	id.CapFlags1 = d.u8(5)
	id.ECapFlags1 = d.u8(6)
	id.IniErrFlags1 = d.u8(7)
	id.MaxMsgsPerBatch = d.u16(10)
	id.MaxTransmissionSize = d.u32(12)
	id.MaxMsgSize = d.u32(16)
	id.SeqWrap = d.u32(20)
	id.ChannelName = d.str(24, 20)
}

func (id *InitialData) get4(d decoder) {
	id.CapFlags2 = d.u8(44)
	id.ECapFlags2 = d.u8(45)
	id.CCSID = d.u16(46)
	id.QMgrName = d.str(48, 48)
	id.HeartbeatInterval = d.u32(96)
	id.EFLLength = d.u16(100)
}

func (id *InitialData) get9(d decoder) {
	id.IniErrFlags2 = d.u8(102)
	d.raw(id.HdrCompList[:], 104)
	d.raw(id.MsgCompList[:], 106)
	id.SSLKeyResetCount = d.u32(124)
	id.ConvPerSocket = d.u32(128)
	id.CapFlags3 = d.u8(132)
	id.ECapFlags3 = d.u8(133)
	id.ProcessID = d.u32(136)
	id.ThreadID = d.u32(140)
	id.TraceID = d.u32(144)
	id.ProductID = d.str(148, 12)
	id.MQMID = d.str(160, 48)
}
