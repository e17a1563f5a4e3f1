package mqi

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestAttrCounts(t *testing.T) {
	ints, chars := attrCounts([]int32{MQIA_CURRENT_Q_DEPTH, MQCA_Q_NAME, MQIA_MAX_Q_DEPTH, MQCA_Q_DESC, MQCA_ALTERATION_DATE})
	if ints != 2 || chars != MQ_Q_NAME_LENGTH+MQ_Q_DESC_LENGTH+MQ_DATE_LENGTH {
		t.Errorf("attrCounts = %d ints, %d chars", ints, chars)
	}
	// Neither an MQIA_* nor an MQCA_* selector: sent as it is, sized as
	// nothing, left for the queue manager to reject.
	if ints, chars := attrCounts([]int32{0, -1, 5000}); ints != 0 || chars != 0 {
		t.Errorf("out-of-range selectors counted: %d, %d", ints, chars)
	}
}

func TestInqValues(t *testing.T) {
	name := "APP.Q" + strings.Repeat(" ", 43)
	desc := "in C\x00garbage after the terminator" + strings.Repeat(" ", 33)
	sels := []int32{MQCA_Q_NAME, MQIA_CURRENT_Q_DEPTH, MQCA_Q_DESC, MQIA_Q_TYPE}
	got := inqValues(sels, []int32{3, MQQT_LOCAL}, []byte(name+desc))
	want := map[int32]interface{}{MQCA_Q_NAME: "APP.Q", MQIA_CURRENT_Q_DEPTH: int32(3), MQCA_Q_DESC: "in C", MQIA_Q_TYPE: MQQT_LOCAL}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("inqValues = %v, want %v", got, want)
	}
	// Values the queue manager left out (warnings 2022 and 2008) are
	// missing from the map rather than zero.
	got = inqValues(sels, []int32{3}, []byte(name))
	if _, ok := got[MQIA_Q_TYPE]; ok || len(got) != 2 {
		t.Errorf("short reply: %v", got)
	}
	if _, ok := got[MQCA_Q_DESC]; ok {
		t.Errorf("a character attribute that did not come back is in the map: %v", got)
	}
}

func TestSetRejectsValuesOfTheWrongType(t *testing.T) {
	var obj MQObject // the checks come before anything is sent
	for _, c := range []struct {
		set  map[int32]interface{}
		want *MQReturn
	}{
		{map[int32]interface{}{MQIA_INHIBIT_PUT: "1"}, &MQReturn{MQRC: MQRC_INT_ATTRS_ARRAY_ERROR}},
		{map[int32]interface{}{MQIA_INHIBIT_PUT: int64(1)}, &MQReturn{MQRC: MQRC_INT_ATTRS_ARRAY_ERROR}},
		{map[int32]interface{}{MQCA_TRIGGER_DATA: []byte("x")}, &MQReturn{MQRC: MQRC_CHAR_ATTRS_ERROR}},
		{map[int32]interface{}{MQIA_INHIBIT_PUT: MQQA_PUT_INHIBITED}, ErrHConnError},
	} {
		if err := obj.Set(c.set); !errors.Is(err, c.want) {
			t.Errorf("Set(%v) = %v, want reason %d", c.set, err, c.want.MQRC)
		}
	}
}

func TestPadNull(t *testing.T) {
	if got := padNull("abc", 5); string(got) != "abc\x00\x00" {
		t.Errorf("padNull = %q", got)
	}
	if got := padNull("abcdef", 4); string(got) != "abcd" {
		t.Errorf("padNull cut = %q", got)
	}
}
