package qmgr

import (
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// Message groups, as IBM MQ keeps them. A message is in a group when its
// MsgFlags carry MQMF_MSG_IN_GROUP or MQMF_LAST_MSG_IN_GROUP; GroupId
// names the group and MsgSeqNumber (from 1) places the message in it.
//
// Put: with MQPMO_LOGICAL_ORDER the queue manager numbers the messages a
// handle puts: the first message in a group gets a new GroupId and
// MsgSeqNumber 1, the next ones the same GroupId and the next number,
// until the last (MQMF_LAST_MSG_IN_GROUP). A message outside a group in
// the middle of one is refused with 2241 (MQRC_INCOMPLETE_GROUP), and the
// messages of one group must all be under syncpoint or all outside it
// (2245, MQRC_INCONSISTENT_UOW) and all of one persistence (2185,
// MQRC_INCONSISTENT_PERSISTENCE); MQCLOSE in the middle of a group warns
// with 2241. Without the option the application numbers them; a GroupId
// of MQGI_NONE gets a new one, a MsgSeqNumber below 1 is refused with
// 2250 (MQRC_MSG_SEQ_NUMBER_ERROR).
//
// Get: MQGMO_LOGICAL_ORDER returns a group's messages in MsgSeqNumber
// order, starting at 1, on each handle; MQGMO_ALL_MSGS_AVAILABLE returns
// a message of a group only when every message of the group (1 to the
// last) is on the queue and available; MQMO_MATCH_MSG_SEQ_NUMBER matches
// the number, MQMO_MATCH_OFFSET the offset. Every get reports
// MQGMO.GroupStatus (' ', 'G' or 'L'), SegmentStatus and Segmentation.
// Browsing in logical order follows the browse cursor.
//
// Segments (MQMF_SEGMENT, MQMF_LAST_SEGMENT) are stored and returned as
// the application put them, with a GroupId made for them when it is
// MQGI_NONE; the queue manager neither numbers their offsets under
// MQPMO_LOGICAL_ORDER nor splits or joins messages
// (MQMF_SEGMENTATION_ALLOWED, MQGMO_COMPLETE_MSG).

const groupFlags = mqi.MQMF_MSG_IN_GROUP | mqi.MQMF_LAST_MSG_IN_GROUP

// groupIDFlags are the MsgFlags that give a message a GroupId: a group, a
// segment, or segmentation allowed.
const groupIDFlags = groupFlags | mqi.MQMF_SEGMENT | mqi.MQMF_LAST_SEGMENT | mqi.MQMF_SEGMENTATION_ALLOWED

// inGroup reports whether md's message belongs to a group.
func inGroup(md *wire.MQMD) bool { return md.MsgFlags&groupFlags != 0 }

// lastInGroup reports whether md's message ends its group.
func lastInGroup(md *wire.MQMD) bool { return md.MsgFlags&mqi.MQMF_LAST_MSG_IN_GROUP != 0 }

// putGroup is a handle's group in progress under MQPMO_LOGICAL_ORDER.
type putGroup struct {
	active      bool
	id          [24]byte
	seq         int32 // the number of the last message put
	syncpoint   bool
	persistence int32
}

// getGroup is a handle's group in progress under MQGMO_LOGICAL_ORDER.
type getGroup struct {
	active bool
	id     [24]byte
	next   int32 // the number of the message to return next
}

// knownFlags are the MsgFlags this queue manager recognises; all lie in
// MQMF_REJECT_UNSUP_MASK.
const knownFlags = groupIDFlags

// groupForPut checks md's MsgFlags and completes its group fields for a
// put through hd, and returns the handle's group state to keep if the put
// succeeds. As IBM's: an unknown flag in MQMF_REJECT_UNSUP_MASK, or one in
// MQMF_ACCEPT_UNSUP_IF_XMIT_MASK for a local queue, fails with 2249
// (MQRC_MSG_FLAGS_ERROR); flags in MQMF_ACCEPT_UNSUP_MASK pass.
func (qm *QueueManager) groupForPut(hd *handle, md *wire.MQMD, pmo *wire.MQPMO, syncpoint bool) (putGroup, int32) {
	g := hd.putGroup
	if md.MsgFlags&mqi.MQMF_REJECT_UNSUP_MASK&^knownFlags != 0 ||
		(md.MsgFlags&mqi.MQMF_ACCEPT_UNSUP_IF_XMIT_MASK != 0 && hd.remote == nil) {
		return g, mqi.MQRC_MSG_FLAGS_ERROR
	}
	if md.MsgFlags&groupIDFlags != 0 && md.GroupID == ([24]byte{}) && pmo.Options&mqi.MQPMO_LOGICAL_ORDER == 0 {
		md.GroupID = newMsgID(qm.name)
	}
	if pmo.Options&mqi.MQPMO_LOGICAL_ORDER == 0 {
		if inGroup(md) && md.MsgSeqNumber < 1 {
			return g, mqi.MQRC_MSG_SEQ_NUMBER_ERROR
		}
		return g, mqi.MQRC_NONE
	}
	if !inGroup(md) {
		if g.active {
			return g, mqi.MQRC_INCOMPLETE_GROUP
		}
		md.GroupID, md.MsgSeqNumber = [24]byte{}, 1
		if md.MsgFlags&groupIDFlags != 0 {
			md.GroupID = newMsgID(qm.name) // a segment, or segmentation allowed
		}
		return g, mqi.MQRC_NONE
	}
	switch {
	case !g.active:
		g = putGroup{active: true, id: newMsgID(qm.name), seq: 1, syncpoint: syncpoint, persistence: md.Persistence}
	case g.syncpoint != syncpoint:
		return hd.putGroup, mqi.MQRC_INCONSISTENT_UOW
	case g.persistence != md.Persistence:
		return hd.putGroup, mqi.MQRC_INCONSISTENT_PERSISTENCE
	default:
		g.seq++
	}
	md.GroupID, md.MsgSeqNumber = g.id, g.seq
	if lastInGroup(md) {
		g = putGroup{}
	}
	return g, mqi.MQRC_NONE
}

// groupMatch narrows mt for a get through hd with the group options of
// gmo. A destructive get follows hd.getGroup; a browse follows the
// message under the browse cursor.
func groupMatch(mt match, hd *handle, gmo *wire.MQGMO, browse bool) match {
	if gmo.Options&mqi.MQGMO_LOGICAL_ORDER != 0 {
		g := hd.getGroup
		if browse {
			g = getGroup{}
			if c := hd.cursor; gmo.Options&mqi.MQGMO_BROWSE_NEXT != 0 && c != nil && inGroup(&c.md) && !lastInGroup(&c.md) {
				g = getGroup{active: true, id: c.md.GroupID, next: c.md.MsgSeqNumber + 1}
			}
		}
		if g.active {
			// The group in progress decides: the next message of it.
			id, seq := g.id, g.next
			return match{groupID: &id, seq: &seq}
		}
		mt.groupStart = true
	}
	if gmo.Options&mqi.MQGMO_ALL_MSGS_AVAILABLE != 0 {
		mt.wholeGroup = true
	}
	return mt
}

// noteGroupGet moves hd's logical position past m, a message it got
// destructively with MQGMO_LOGICAL_ORDER.
func noteGroupGet(hd *handle, m *message) {
	switch {
	case !inGroup(&m.md) || lastInGroup(&m.md):
		hd.getGroup = getGroup{}
	default:
		hd.getGroup = getGroup{active: true, id: m.md.GroupID, next: m.md.MsgSeqNumber + 1}
	}
}

// logicalBrowseFromLocked is where MQGMO_BROWSE_NEXT in logical order
// searches from after cursor: the start of the queue to find the rest of
// the cursor's group, or past the first message of the cursor's group
// (a group sits where its first message arrived) to find the next group
// or message. The caller holds q.mu.
func (q *queue) logicalBrowseFromLocked(cursor *message, mt match) int {
	if mt.seq != nil {
		return 0
	}
	if cursor != nil && inGroup(&cursor.md) {
		for i, m := range q.msgs {
			if m.md.GroupID == cursor.md.GroupID && inGroup(&m.md) && m.md.MsgSeqNumber == 1 {
				return i + 1
			}
		}
	}
	return q.afterLocked(cursor)
}

// groupStatus is the MQGMO GroupStatus of a message.
func groupStatus(md *wire.MQMD) byte {
	switch {
	case lastInGroup(md):
		return byte(mqi.MQGS_LAST_MSG_IN_GROUP)
	case inGroup(md):
		return byte(mqi.MQGS_MSG_IN_GROUP)
	}
	return byte(mqi.MQGS_NOT_IN_GROUP)
}

// segmentStatus is the MQGMO SegmentStatus and Segmentation of a
// message, from its MsgFlags (segments are stored and returned as they
// were put).
func segmentStatus(md *wire.MQMD) (status, segmentation byte) {
	status, segmentation = byte(mqi.MQSS_NOT_A_SEGMENT), byte(mqi.MQSEG_INHIBITED)
	switch {
	case md.MsgFlags&mqi.MQMF_LAST_SEGMENT != 0:
		status = byte(mqi.MQSS_LAST_SEGMENT)
	case md.MsgFlags&mqi.MQMF_SEGMENT != 0:
		status = byte(mqi.MQSS_SEGMENT)
	}
	if md.MsgFlags&mqi.MQMF_SEGMENTATION_ALLOWED != 0 {
		segmentation = byte(mqi.MQSEG_ALLOWED)
	}
	return status, segmentation
}

// groupCompleteLocked reports whether every message of group id, from 1
// to the one flagged last, is on the queue and available to hd. The
// caller holds q.mu.
func (q *queue) groupCompleteLocked(id [24]byte, hd *handle) bool {
	last := int32(0)
	seen := map[int32]bool{}
	for _, m := range q.msgs {
		if m.md.GroupID != id || !inGroup(&m.md) || m.lockedBy != nil || (m.lockedFor != nil && m.lockedFor != hd) {
			continue
		}
		seen[m.md.MsgSeqNumber] = true
		if lastInGroup(&m.md) {
			last = m.md.MsgSeqNumber
		}
	}
	if last < 1 {
		return false
	}
	for n := int32(1); n <= last; n++ {
		if !seen[n] {
			return false
		}
	}
	return true
}
