package mqi

import (
	"math"
	"testing"
)

func TestMQItoString(t *testing.T) {
	tests := []struct {
		class string
		value int
		want  string
	}{
		// The cases of ibmmq's own test.
		{"BACF", 7019, "MQBACF_ALTERNATE_SECURITYID"},
		{"CA", 2030, "MQCA_CLUSTER_NAMELIST"},
		{"CA", 3134, "MQCACF_ACTIVITY_DESC"},
		{"CA", 3529, "MQCACH_CHANNEL_START_DATE"},
		{"CA", 2708, "MQCAMO_END_TIME"},
		{"CC", -1, "MQCC_UNKNOWN"},
		{"CMD", 208, "MQCMD_CHANGE_PROT_POLICY"},
		{"IA", 102, "MQIA_ADOPTNEWMCA_CHECK"},
		{"IA", 1019, "MQIACF_AUTH_INFO_ATTRS"},
		{"IA", 1584, "MQIACH_ADAPS_MAX"},
		{"IA", 770, "MQIAMO_CBS_FAILED"},
		{"IA", 745, "MQIAMO64_BROWSE_BYTES"},
		{"OT", 1008, "MQOT_SERVER_CHANNEL"},
		{"RC", 2277, "MQRC_CD_ERROR"},
		{"RC", 3049, "MQRCCF_CCSID_ERROR"},
		{"BADVALUE", 0, ""},
		{"IA", 0123123123123, ""},

		{"RC", 2033, "MQRC_NO_MSG_AVAILABLE"},
		{"MQRC", 2033, "MQRC_NO_MSG_AVAILABLE"},
		{"_RC", 2033, "MQRC_NO_MSG_AVAILABLE"},
		{"RC", 0, "MQRC_NONE"},
		{"RC", 1, ""},
		{"CC", 0, "MQCC_OK"},
		{"CC", 1, "MQCC_WARNING"},
		{"CC", 2, "MQCC_FAILED"},
		{"CC", 3, ""},
		{"OT", 1, "MQOT_Q"},
		{"OT", 5, "MQOT_Q_MGR"},
		{"CHT", 7, "MQCHT_SVRCONN"},
		{"CMD", 13, "MQCMD_INQUIRE_Q"},
		{"MT", 8, "MQMT_DATAGRAM"},
		{"MT", 4, "MQMT_REPORT"},
		{"PER", 1, "MQPER_PERSISTENT"},
		{"PER", 2, "MQPER_PERSISTENCE_AS_Q_DEF"},
		{"FB", 258, "MQFB_EXPIRATION"},
		{"FB", 0, "MQFB_NONE"},
		{"RO", 0, "MQRO_NONE"},
		{"OO", 16, "MQOO_OUTPUT"},
		{"GMO", 16, "MQGMO_BROWSE_FIRST"},
		{"TT", 1, "MQTT_FIRST"}, // a trigger type, not a range marker
		{"MQ_CERT", 1, "MQ_CERT_VAL_POLICY_RFC5280"},
		// The related sets are classes of their own too.
		{"CACF", 3001, "MQCACF_FROM_Q_NAME"},
		{"IACF", 1001, "MQIACF_Q_MGR_ATTRS"},
		{"RCCF", 3049, "MQRCCF_CCSID_ERROR"},
		{"RCCF", 2033, ""},
		// Range markers never name a value.
		{"CA", 2001, "MQCA_APPL_ID"},
		{"IA", 2000, "MQIA_USER_LIST"},
		{"CACF", 3001, "MQCACF_FROM_Q_NAME"},
		// Values outside int32 are unknown rather than truncated.
		{"RC", 2033 + 1<<32, ""},
		{"CC", math.MinInt32 - 1, ""},
	}
	for _, tt := range tests {
		if got := MQItoString(tt.class, tt.value); got != tt.want {
			t.Errorf("MQItoString(%q, %d) = %q, want %q", tt.class, tt.value, got, tt.want)
		}
	}
}

func TestMQItoStringStripPrefix(t *testing.T) {
	tests := []struct {
		class string
		value int
		want  string
	}{
		{"RC", 2033, "_NO_MSG_AVAILABLE"},
		{"MQRC", 2035, "_NOT_AUTHORIZED"},
		{"MT", 8, "_DATAGRAM"},
		{"RC", 3049, "_CCSID_ERROR"},
		{"RC", 1, ""},
		{"CA", 3134, "_ACTIVITY_DESC"}, // MQCACF_ starts with MQCA too
		{"OT", 2033, ""},
	}
	for _, tt := range tests {
		if got := MQItoStringStripPrefix(tt.class, tt.value); got != tt.want {
			t.Errorf("MQItoStringStripPrefix(%q, %d) = %q, want %q", tt.class, tt.value, got, tt.want)
		}
	}
}
