package main

import (
	"bytes"
	"testing"

	"github.com/gomqm/gomqm/mqi"
)

func TestSetReplyIDs(t *testing.T) {
	msgID := bytes.Repeat([]byte{0xA1}, 24)
	correlID := bytes.Repeat([]byte{0xC2}, 24)
	none := make([]byte, 24)
	tests := []struct {
		name                string
		report              int32
		wantMsg, wantCorrel []byte
		wantReport          int32
	}{
		{"default", mqi.MQRO_NONE, none, msgID, mqi.MQRO_NONE},
		{"exceptions asked for", mqi.MQRO_EXCEPTION_WITH_DATA, none, msgID, mqi.MQRO_NONE},
		{"pass correl id", mqi.MQRO_PASS_CORREL_ID, none, correlID, mqi.MQRO_NONE},
		{"pass msg id", mqi.MQRO_PASS_MSG_ID, msgID, msgID, mqi.MQRO_NONE},
		{"discard not passed", mqi.MQRO_DISCARD_MSG, none, msgID, mqi.MQRO_NONE},
		{"discard passed", mqi.MQRO_DISCARD_MSG | mqi.MQRO_PASS_DISCARD_AND_EXPIRY, none, msgID, mqi.MQRO_DISCARD_MSG},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := mqi.NewMQMD()
			md.Report = tt.report
			md.MsgId = append([]byte(nil), msgID...)
			md.CorrelId = append([]byte(nil), correlID...)
			setReplyIDs(md)
			if !bytes.Equal(md.MsgId, tt.wantMsg) || !bytes.Equal(md.CorrelId, tt.wantCorrel) || md.Report != tt.wantReport {
				t.Errorf("MsgId %X CorrelId %X Report %d; want %X %X %d",
					md.MsgId, md.CorrelId, md.Report, tt.wantMsg, tt.wantCorrel, tt.wantReport)
			}
		})
	}
}
