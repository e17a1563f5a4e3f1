package mqi

import (
	"encoding/binary"

	"github.com/gomqm/gomqm/internal/wire"
)

// binaryOrder is the byte order this client sends in (native x86/ARM).
var binaryOrder binary.ByteOrder = binary.LittleEndian

// MQObject is an open object (an MQHOBJ).
type MQObject struct {
	qMgr *MQQueueManager
	hobj int32
	Name string // the object name, or the dynamic queue created from a model
}

// Open opens an object (MQOPEN). MQOO_FAIL_IF_QUIESCING is always added,
// as in IBM's Go binding.
func (x *MQQueueManager) Open(od *MQOD, options int32) (MQObject, error) {
	const verb = "MQOPEN"
	ob := wire.OpenBody{OD: toWireOD(od), Options: options | MQOO_FAIL_IF_QUIESCING}
	h, body, err := x.call(verb, wire.SegMQOPEN, 0, ob.Marshal(binaryOrder))
	if err != nil {
		return MQObject{}, err
	}
	if err := result(verb, h); err != nil {
		return MQObject{}, err
	}
	var reply wire.OpenBody
	if _, err := reply.Unmarshal(body, binaryOrder); err == nil {
		fromWireOD(&reply.OD, od)
	}
	return MQObject{qMgr: x, hobj: h.Hobj, Name: od.ObjectName}, nil
}

// Close closes the object (MQCLOSE).
func (o *MQObject) Close(options int32) error {
	const verb = "MQCLOSE"
	cb := wire.CloseBody{OD: wire.MQOD{Version: 1, ObjectType: MQOT_Q, ObjectName: o.Name}, Options: options}
	h, _, err := o.qMgr.call(verb, wire.SegMQCLOSE, o.hobj, cb.Marshal(binaryOrder))
	if err != nil {
		return err
	}
	return result(verb, h)
}

// Put puts a message on the open queue (MQPUT). md and pmo are updated
// with what the queue manager filled in (MsgId, PutDateTime ...).
func (o MQObject) Put(md *MQMD, pmo *MQPMO, buffer []byte) error {
	const verb = "MQPUT"
	pb := wire.PutBody{MD: toWireMD(md), PMO: toWirePMO(pmo), Data: buffer}
	h, body, err := o.qMgr.call(verb, wire.SegMQPUT, o.hobj, pb.Marshal(binaryOrder))
	if err != nil {
		return err
	}
	if err := result(verb, h); err != nil {
		return err
	}
	var reply wire.PutBody
	if _, err := reply.Unmarshal(body, binaryOrder); err == nil {
		fromWireMD(&reply.MD, md)
		fromWirePMO(&reply.PMO, pmo)
	}
	return nil
}

// Put1 opens a queue, puts one message and closes it (MQPUT1).
func (x *MQQueueManager) Put1(od *MQOD, md *MQMD, pmo *MQPMO, buffer []byte) error {
	const verb = "MQPUT1"
	pb := wire.Put1Body{OD: toWireOD(od), MD: toWireMD(md), PMO: toWirePMO(pmo), Data: buffer}
	h, body, err := x.call(verb, wire.SegMQPUT1, 0, pb.Marshal(binaryOrder))
	if err != nil {
		return err
	}
	if err := result(verb, h); err != nil {
		return err
	}
	var reply wire.Put1Body
	if _, err := reply.Unmarshal(body, binaryOrder); err == nil {
		fromWireMD(&reply.MD, md)
		fromWirePMO(&reply.PMO, pmo)
	}
	return nil
}

// Get gets a message (MQGET) into buffer and returns its length.
func (o MQObject) Get(md *MQMD, gmo *MQGMO, buffer []byte) (int, error) {
	_, n, err := o.GetSlice(md, gmo, buffer)
	return n, err
}

// GetSlice gets a message into buffer and returns buffer sliced to the
// data received and the message's full length.
func (o MQObject) GetSlice(md *MQMD, gmo *MQGMO, buffer []byte) ([]byte, int, error) {
	const verb = "MQGET"
	gb := wire.GetBody{MD: toWireMD(md), GMO: toWireGMO(gmo), BufferLength: int32(len(buffer))}
	h, body, err := o.qMgr.call(verb, wire.SegMQGET, o.hobj, gb.Marshal(binaryOrder))
	if err != nil {
		return buffer[:0], 0, err
	}
	if h.CompCode == MQCC_FAILED && h.Reason != MQRC_TRUNCATED_MSG_FAILED {
		return buffer[:0], 0, NewReturn(verb, h.CompCode, h.Reason)
	}
	if len(body) == 0 {
		// MQGMO_UNLOCK: no message comes back, only the completion.
		return buffer[:0], 0, result(verb, h)
	}
	var reply wire.GetReplyBody
	if _, err := reply.Unmarshal(body, binaryOrder); err != nil {
		return buffer[:0], 0, NewReturn(verb, MQCC_FAILED, MQRC_UNEXPECTED_ERROR)
	}
	fromWireMD(&reply.MD, md)
	fromWireGMO(&reply.GMO, gmo)
	n := copy(buffer, reply.Data)
	total := int(reply.GMO.ReturnedLength)
	if total < n {
		total = n
	}
	return buffer[:n], total, result(verb, h)
}
