package qmgr

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/gomqm/gomqm/mqi"
)

// putInGroup puts text with the given MsgFlags through obj; logical
// selects MQPMO_LOGICAL_ORDER. It returns the descriptor the queue
// manager filled in, or the reason code.
func putInGroup(obj mqi.MQObject, text string, flags int32, logical bool, groupID []byte, seq int32) (*mqi.MQMD, int32) {
	md := mqi.NewMQMD()
	md.Version = mqi.MQMD_VERSION_2
	md.MsgFlags = flags
	if groupID != nil {
		md.GroupId = append([]byte(nil), groupID...)
	}
	if seq != 0 {
		md.MsgSeqNumber = seq
	}
	pmo := mqi.NewMQPMO()
	pmo.Options = mqi.MQPMO_NO_SYNCPOINT
	if logical {
		pmo.Options |= mqi.MQPMO_LOGICAL_ORDER
	}
	if err := obj.Put(md, pmo, []byte(text)); err != nil {
		var mqe *mqi.MQReturn
		if errors.As(err, &mqe) {
			return nil, mqe.MQRC
		}
		return nil, -1
	}
	return md, mqi.MQRC_NONE
}

// getLogical gets the next message with gmo options opts (no wait) and
// returns its text and MQGMO.GroupStatus, or the reason code.
func getLogical(obj mqi.MQObject, opts int32) (string, rune, *mqi.MQMD, int32) {
	md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
	gmo.Options = opts | mqi.MQGMO_NO_SYNCPOINT
	data, _, err := obj.GetSlice(md, gmo, make([]byte, 256))
	if err != nil {
		var mqe *mqi.MQReturn
		if errors.As(err, &mqe) {
			return "", 0, nil, mqe.MQRC
		}
		return "", 0, nil, -1
	}
	return string(data), gmo.GroupStatus, md, mqi.MQRC_NONE
}

// drain gets messages with gmo options opts until there are none and
// returns each as "text/GroupStatus".
func drain(t *testing.T, in mqi.MQObject, opts int32) []string {
	t.Helper()
	var got []string
	for {
		text, status, _, rc := getLogical(in, opts)
		if rc == mqi.MQRC_NO_MSG_AVAILABLE {
			return got
		}
		if rc != mqi.MQRC_NONE {
			t.Fatalf("get after %v: rc %d", got, rc)
		}
		got = append(got, fmt.Sprintf("%s/%c", text, status))
	}
}

func TestMessageGroupsInLogicalOrder(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(GRP.Q)")
	qm := connect(t)
	outA := open(t, qm, "GRP.Q", mqi.MQOO_OUTPUT)
	outB := open(t, qm, "GRP.Q", mqi.MQOO_OUTPUT)
	outC := open(t, qm, "GRP.Q", mqi.MQOO_OUTPUT)
	in := open(t, qm, "GRP.Q", mqi.MQOO_INPUT_AS_Q_DEF)

	// Two groups put in logical order through two handles, interleaved
	// on the queue with a message outside any group.
	steps := []struct {
		obj   mqi.MQObject
		text  string
		flags int32
	}{
		{outA, "A1", mqi.MQMF_MSG_IN_GROUP},
		{outB, "B1", mqi.MQMF_MSG_IN_GROUP},
		{outC, "P", mqi.MQMF_NONE},
		{outA, "A2", mqi.MQMF_MSG_IN_GROUP},
		{outB, "B2", mqi.MQMF_LAST_MSG_IN_GROUP},
		{outA, "A3", mqi.MQMF_LAST_MSG_IN_GROUP},
	}
	var groupA, groupB []byte
	seqs := map[string]int32{}
	for _, s := range steps {
		if s.text == "P" {
			// outA is in the middle of group A: a message outside a
			// group is refused there; another handle may put it.
			if _, rc := putInGroup(outA, "P", mqi.MQMF_NONE, true, nil, 0); rc != mqi.MQRC_INCOMPLETE_GROUP {
				t.Fatalf("a message outside the group in the middle of one: rc %d, want 2241", rc)
			}
		}
		md, rc := putInGroup(s.obj, s.text, s.flags, true, nil, 0)
		if rc != mqi.MQRC_NONE {
			t.Fatalf("put %s: rc %d", s.text, rc)
		}
		seqs[s.text] = md.MsgSeqNumber
		switch s.text[0] {
		case 'A':
			if groupA == nil {
				groupA = md.GroupId
			} else if !bytes.Equal(md.GroupId, groupA) {
				t.Fatalf("%s has GroupId %x, want group A's %x", s.text, md.GroupId, groupA)
			}
		case 'B':
			if groupB == nil {
				groupB = md.GroupId
			} else if !bytes.Equal(md.GroupId, groupB) {
				t.Fatalf("%s has GroupId %x, want group B's %x", s.text, md.GroupId, groupB)
			}
		case 'P':
			if !bytes.Equal(md.GroupId, make([]byte, 24)) || md.MsgSeqNumber != 1 {
				t.Fatalf("P: GroupId %x sequence %d, want MQGI_NONE and 1", md.GroupId, md.MsgSeqNumber)
			}
		}
	}
	if bytes.Equal(groupA, make([]byte, 24)) || bytes.Equal(groupA, groupB) {
		t.Fatalf("group ids A %x and B %x: want two new, different ids", groupA, groupB)
	}
	if got := fmt.Sprint(seqs["A1"], seqs["A2"], seqs["A3"], seqs["B1"], seqs["B2"]); got != "1 2 3 1 2" {
		t.Fatalf("sequence numbers A1 A2 A3 B1 B2: %s, want 1 2 3 1 2", got)
	}

	// Logical order: each group whole and in order, placed where its
	// first message arrived; GroupStatus G until the last, L, and blank
	// outside a group.
	// Browsing in logical order sees the same order and leaves them.
	browser := open(t, qm, "GRP.Q", mqi.MQOO_BROWSE)
	var browsed []string
	for opts := int32(mqi.MQGMO_BROWSE_FIRST); ; opts = mqi.MQGMO_BROWSE_NEXT {
		text, status, _, rc := getLogical(browser, opts|mqi.MQGMO_LOGICAL_ORDER)
		if rc == mqi.MQRC_NO_MSG_AVAILABLE {
			break
		}
		if rc != mqi.MQRC_NONE || len(browsed) > 6 {
			t.Fatalf("browse after %v: rc %d", browsed, rc)
		}
		browsed = append(browsed, fmt.Sprintf("%s/%c", text, status))
	}
	const want = "[A1/G A2/G A3/L B1/G B2/L P/ ]"
	if fmt.Sprint(browsed) != want {
		t.Fatalf("browse in logical order: %v, want %s", browsed, want)
	}

	got := drain(t, in, mqi.MQGMO_LOGICAL_ORDER)
	if fmt.Sprint(got) != want {
		t.Fatalf("logical order: %v, want %s", got, want)
	}
}

func TestMessageGroupsAllMessagesAvailable(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(GRP.Q)")
	qm := connect(t)
	out := open(t, qm, "GRP.Q", mqi.MQOO_OUTPUT)
	in := open(t, qm, "GRP.Q", mqi.MQOO_INPUT_AS_Q_DEF)

	// Without logical order the application numbers the messages; an
	// empty GroupId gets a new one, which the rest reuse. The last is
	// put first, then number 1; number 2 is still missing.
	last, rc := putInGroup(out, "C3", mqi.MQMF_LAST_MSG_IN_GROUP, false, nil, 3)
	if rc != mqi.MQRC_NONE || bytes.Equal(last.GroupId, make([]byte, 24)) {
		t.Fatalf("put C3: rc %d, want a new GroupId", rc)
	}
	group := last.GroupId
	if _, rc := putInGroup(out, "C1", mqi.MQMF_MSG_IN_GROUP, false, group, 1); rc != mqi.MQRC_NONE {
		t.Fatalf("put C1: rc %d", rc)
	}
	if _, rc := putInGroup(out, "bad", mqi.MQMF_MSG_IN_GROUP, false, group, -1); rc != mqi.MQRC_MSG_SEQ_NUMBER_ERROR {
		t.Fatalf("a sequence number below 1: rc %d, want 2250", rc)
	}
	opts := int32(mqi.MQGMO_LOGICAL_ORDER | mqi.MQGMO_ALL_MSGS_AVAILABLE)
	if _, _, _, rc := getLogical(in, opts); rc != mqi.MQRC_NO_MSG_AVAILABLE {
		t.Fatalf("get of an incomplete group with MQGMO_ALL_MSGS_AVAILABLE: rc %d, want 2033", rc)
	}
	// MQMO_MATCH_MSG_SEQ_NUMBER takes one message by its number, whole
	// group or not.
	md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
	md.Version, md.GroupId, md.MsgSeqNumber = mqi.MQMD_VERSION_2, group, 3
	gmo.Options = mqi.MQGMO_BROWSE_FIRST
	gmo.MatchOptions = mqi.MQMO_MATCH_GROUP_ID | mqi.MQMO_MATCH_MSG_SEQ_NUMBER
	browser := open(t, qm, "GRP.Q", mqi.MQOO_BROWSE)
	data, _, err := browser.GetSlice(md, gmo, make([]byte, 64))
	if err != nil || string(data) != "C3" || gmo.GroupStatus != mqi.MQGS_LAST_MSG_IN_GROUP {
		t.Fatalf("browse by GroupId and MsgSeqNumber 3: %q %v status %q, want C3 and L", data, err, gmo.GroupStatus)
	}

	if _, rc := putInGroup(out, "C2", mqi.MQMF_MSG_IN_GROUP, false, group, 2); rc != mqi.MQRC_NONE {
		t.Fatalf("put C2: rc %d", rc)
	}
	if got, want := fmt.Sprint(drain(t, in, opts)), "[C1/G C2/G C3/L]"; got != want {
		t.Fatalf("complete group: %v, want %s", got, want)
	}
}

func TestMessageGroupPutRules(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(GRP.Q)")
	qm := connect(t)
	out := open(t, qm, "GRP.Q", mqi.MQOO_OUTPUT)
	// MsgFlags the queue manager does not know: rejected in the reject
	// subfield, and in the accept-if-transmitted one for a local queue;
	// accepted in the accept subfield.
	for _, c := range []struct {
		flags, rc int32
	}{{0x20, mqi.MQRC_MSG_FLAGS_ERROR}, {0x1000, mqi.MQRC_MSG_FLAGS_ERROR}, {0x100000, mqi.MQRC_NONE}} {
		if _, rc := putInGroup(out, "flags", c.flags, false, nil, 0); rc != c.rc {
			t.Fatalf("MsgFlags %#x: rc %d, want %d", c.flags, rc, c.rc)
		}
	}
	if _, rc := putInGroup(out, "D1", mqi.MQMF_MSG_IN_GROUP, true, nil, 0); rc != mqi.MQRC_NONE {
		t.Fatalf("put D1: rc %d", rc)
	}
	// The group began outside syncpoint; a message of it under
	// syncpoint is refused.
	md, pmo := mqi.NewMQMD(), mqi.NewMQPMO()
	md.Version, md.MsgFlags = mqi.MQMD_VERSION_2, mqi.MQMF_LAST_MSG_IN_GROUP
	pmo.Options = mqi.MQPMO_LOGICAL_ORDER | mqi.MQPMO_SYNCPOINT
	var mqe *mqi.MQReturn
	if err := out.Put(md, pmo, []byte("D2")); !errors.As(err, &mqe) || mqe.MQRC != mqi.MQRC_INCONSISTENT_UOW {
		t.Fatalf("a group spanning syncpoint and none: %v, want 2245", err)
	}
	// So is a persistent message in a group of non-persistent ones.
	md, pmo = mqi.NewMQMD(), mqi.NewMQPMO()
	md.Version, md.MsgFlags, md.Persistence = mqi.MQMD_VERSION_2, mqi.MQMF_LAST_MSG_IN_GROUP, mqi.MQPER_PERSISTENT
	pmo.Options = mqi.MQPMO_LOGICAL_ORDER | mqi.MQPMO_NO_SYNCPOINT
	if err := out.Put(md, pmo, []byte("D2")); !errors.As(err, &mqe) || mqe.MQRC != mqi.MQRC_INCONSISTENT_PERSISTENCE {
		t.Fatalf("a persistent message in a non-persistent group: %v, want 2185", err)
	}
	// Closing in the middle of the group warns with 2241.
	err := out.Close(0)
	if !errors.As(err, &mqe) || mqe.MQCC != mqi.MQCC_WARNING || mqe.MQRC != mqi.MQRC_INCOMPLETE_GROUP {
		t.Fatalf("MQCLOSE with a group in progress: %v, want warning 2241", err)
	}
}

// TestPersistentGroupSurvivesRestart puts a persistent group in logical
// order under syncpoint, restarts the queue manager before the log is
// checkpointed, and gets the group back whole and in order.
func TestPersistentGroupSurvivesRestart(t *testing.T) {
	q := startQM(t, "DEFINE QLOCAL(GRP.Q)")
	q.noFinalCheckpoint = true // end as a killed process does: replay the log
	qm := connect(t)
	out := open(t, qm, "GRP.Q", mqi.MQOO_OUTPUT)
	for i, flags := range []int32{mqi.MQMF_MSG_IN_GROUP, mqi.MQMF_MSG_IN_GROUP, mqi.MQMF_LAST_MSG_IN_GROUP} {
		md, pmo := mqi.NewMQMD(), mqi.NewMQPMO()
		md.Version, md.MsgFlags, md.Persistence = mqi.MQMD_VERSION_2, flags, mqi.MQPER_PERSISTENT
		pmo.Options = mqi.MQPMO_LOGICAL_ORDER | mqi.MQPMO_SYNCPOINT
		if err := out.Put(md, pmo, []byte(fmt.Sprintf("E%d", i+1))); err != nil {
			t.Fatal(err)
		}
	}
	if err := qm.Cmit(); err != nil {
		t.Fatal(err)
	}
	qm.Disc()
	restart(t, q)
	in := open(t, connect(t), "GRP.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	if got, want := fmt.Sprint(drain(t, in, mqi.MQGMO_LOGICAL_ORDER|mqi.MQGMO_ALL_MSGS_AVAILABLE)), "[E1/G E2/G E3/L]"; got != want {
		t.Fatalf("after restart: %s, want %s", got, want)
	}
}

// TestSegmentsAsPut checks what is built for segments: they keep the
// offsets the application gave, get a GroupId, can be matched by offset,
// and each get reports SegmentStatus and Segmentation.
func TestSegmentsAsPut(t *testing.T) {
	startQM(t, "DEFINE QLOCAL(SEG.Q)")
	qm := connect(t)
	out := open(t, qm, "SEG.Q", mqi.MQOO_OUTPUT)
	in := open(t, qm, "SEG.Q", mqi.MQOO_INPUT_AS_Q_DEF)
	first, rc := putInGroup(out, "hello", mqi.MQMF_SEGMENT, false, nil, 0)
	if rc != mqi.MQRC_NONE || bytes.Equal(first.GroupId, make([]byte, 24)) {
		t.Fatalf("first segment: rc %d, want a new GroupId", rc)
	}
	md := mqi.NewMQMD()
	md.Version, md.MsgFlags, md.Offset, md.GroupId = mqi.MQMD_VERSION_2, mqi.MQMF_LAST_SEGMENT, 5, first.GroupId
	if err := out.Put(md, mqi.NewMQPMO(), []byte(" world")); err != nil {
		t.Fatal(err)
	}
	allowed, rc := putInGroup(out, "whole", mqi.MQMF_SEGMENTATION_ALLOWED, false, nil, 0)
	if rc != mqi.MQRC_NONE || bytes.Equal(allowed.GroupId, make([]byte, 24)) {
		t.Fatalf("a message that allows segmentation: rc %d, want a new GroupId", rc)
	}

	get := func(offset int32, match bool) (string, *mqi.MQGMO) {
		t.Helper()
		md, gmo := mqi.NewMQMD(), mqi.NewMQGMO()
		md.Version, md.GroupId, md.Offset = mqi.MQMD_VERSION_2, first.GroupId, offset
		gmo.MatchOptions = mqi.MQMO_NONE
		if match {
			gmo.MatchOptions = mqi.MQMO_MATCH_GROUP_ID | mqi.MQMO_MATCH_OFFSET
		}
		data, _, err := in.GetSlice(md, gmo, make([]byte, 64))
		if err != nil {
			t.Fatalf("get: %v", err)
		}
		return string(data), gmo
	}
	if text, gmo := get(5, true); text != " world" || gmo.SegmentStatus != mqi.MQSS_LAST_SEGMENT || gmo.Segmentation != mqi.MQSEG_INHIBITED {
		t.Fatalf("by offset 5: %q status %q segmentation %q, want the last segment", text, gmo.SegmentStatus, gmo.Segmentation)
	}
	if text, gmo := get(0, true); text != "hello" || gmo.SegmentStatus != mqi.MQSS_SEGMENT {
		t.Fatalf("by offset 0: %q status %q, want the first segment", text, gmo.SegmentStatus)
	}
	if text, gmo := get(0, false); text != "whole" || gmo.SegmentStatus != mqi.MQSS_NOT_A_SEGMENT || gmo.Segmentation != mqi.MQSEG_ALLOWED {
		t.Fatalf("last: %q status %q segmentation %q, want a whole message that allows segmentation", text, gmo.SegmentStatus, gmo.Segmentation)
	}
}
