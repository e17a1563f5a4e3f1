package mqi

import (
	"bytes"
	"slices"
	"strings"

	"github.com/gomqm/gomqm/internal/wire"
)

// inqLengths is the MQI length of each character attribute MQINQ and MQSET
// may name, which sizes the character buffer as IBM's Go binding does. A
// character selector missing here is sent with length 0 and comes back as
// "".
var inqLengths = map[int32]int32{
	MQCA_ALTERATION_DATE:       MQ_DATE_LENGTH,
	MQCA_ALTERATION_TIME:       MQ_TIME_LENGTH,
	MQCA_APPL_ID:               MQ_PROCESS_APPL_ID_LENGTH,
	MQCA_BACKOUT_REQ_Q_NAME:    MQ_Q_NAME_LENGTH,
	MQCA_BASE_Q_NAME:           MQ_Q_NAME_LENGTH,
	MQCA_CERT_LABEL:            MQ_CERT_LABEL_LENGTH,
	MQCA_CF_STRUC_NAME:         MQ_CF_STRUC_NAME_LENGTH,
	MQCA_CHANNEL_AUTO_DEF_EXIT: MQ_EXIT_NAME_LENGTH,
	MQCA_CLUSTER_NAME:          MQ_CLUSTER_NAME_LENGTH,
	MQCA_CLUSTER_NAMELIST:      MQ_NAMELIST_NAME_LENGTH,
	MQCA_CLUSTER_WORKLOAD_DATA: MQ_EXIT_DATA_LENGTH,
	MQCA_CLUSTER_WORKLOAD_EXIT: MQ_EXIT_NAME_LENGTH,
	MQCA_CLUS_CHL_NAME:         MQ_OBJECT_NAME_LENGTH,
	MQCA_COMMAND_INPUT_Q_NAME:  MQ_Q_NAME_LENGTH,
	MQCA_CONN_AUTH:             MQ_AUTH_INFO_NAME_LENGTH,
	MQCA_CREATION_DATE:         MQ_DATE_LENGTH,
	MQCA_CREATION_TIME:         MQ_TIME_LENGTH,
	MQCA_CUSTOM:                MQ_CUSTOM_LENGTH,
	MQCA_DEAD_LETTER_Q_NAME:    MQ_Q_NAME_LENGTH,
	MQCA_DEF_XMIT_Q_NAME:       MQ_Q_NAME_LENGTH,
	MQCA_DNS_GROUP:             MQ_DNS_GROUP_NAME_LENGTH,
	MQCA_ENV_DATA:              MQ_PROCESS_ENV_DATA_LENGTH,
	MQCA_INITIAL_KEY:           MQ_INITIAL_KEY_LENGTH,
	MQCA_INITIATION_Q_NAME:     MQ_Q_NAME_LENGTH,
	MQCA_INSTALLATION_DESC:     MQ_INSTALLATION_DESC_LENGTH,
	MQCA_INSTALLATION_NAME:     MQ_INSTALLATION_NAME_LENGTH,
	MQCA_INSTALLATION_PATH:     MQ_INSTALLATION_PATH_LENGTH,
	MQCA_NAMELIST_DESC:         MQ_NAMELIST_DESC_LENGTH,
	MQCA_NAMELIST_NAME:         MQ_NAMELIST_NAME_LENGTH,
	MQCA_PARENT:                MQ_Q_MGR_NAME_LENGTH,
	MQCA_PROCESS_DESC:          MQ_PROCESS_DESC_LENGTH,
	MQCA_PROCESS_NAME:          MQ_PROCESS_NAME_LENGTH,
	MQCA_Q_DESC:                MQ_Q_DESC_LENGTH,
	MQCA_Q_MGR_DESC:            MQ_Q_MGR_DESC_LENGTH,
	MQCA_Q_MGR_IDENTIFIER:      MQ_Q_MGR_IDENTIFIER_LENGTH,
	MQCA_Q_MGR_NAME:            MQ_Q_MGR_NAME_LENGTH,
	MQCA_Q_NAME:                MQ_Q_NAME_LENGTH,
	MQCA_QSG_NAME:              MQ_QSG_NAME_LENGTH,
	MQCA_REMOTE_Q_MGR_NAME:     MQ_Q_MGR_NAME_LENGTH,
	MQCA_REMOTE_Q_NAME:         MQ_Q_NAME_LENGTH,
	MQCA_REPOSITORY_NAME:       MQ_Q_MGR_NAME_LENGTH,
	MQCA_REPOSITORY_NAMELIST:   MQ_NAMELIST_NAME_LENGTH,
	MQCA_SSL_CRL_NAMELIST:      MQ_NAMELIST_NAME_LENGTH,
	MQCA_SSL_CRYPTO_HARDWARE:   MQ_SSL_CRYPTO_HARDWARE_LENGTH,
	MQCA_SSL_KEY_REPOSITORY:    MQ_SSL_KEY_REPOSITORY_LENGTH,
	MQCA_STORAGE_CLASS:         MQ_STORAGE_CLASS_LENGTH,
	MQCA_STREAM_QUEUE_NAME:     MQ_Q_NAME_LENGTH,
	MQCA_TCP_NAME:              MQ_TCP_NAME_LENGTH,
	MQCA_TRIGGER_DATA:          MQ_TRIGGER_DATA_LENGTH,
	MQCA_USER_DATA:             MQ_PROCESS_USER_DATA_LENGTH,
	MQCA_VERSION:               MQ_VERSION_LENGTH,
	MQCA_XMIT_Q_NAME:           MQ_Q_NAME_LENGTH,
}

func isIntSelector(s int32) bool  { return s >= MQIA_FIRST && s <= MQIA_LAST }
func isCharSelector(s int32) bool { return s >= MQCA_FIRST && s <= MQCA_LAST }

// attrCounts returns how many integer attributes the selectors name and
// how many bytes their character attributes take.
func attrCounts(selectors []int32) (ints, chars int32) {
	for _, s := range selectors {
		switch {
		case isIntSelector(s):
			ints++
		case isCharSelector(s):
			chars += inqLengths[s]
		}
	}
	return ints, chars
}

// Inq inquires about attributes of the open object (MQINQ): a queue, or the
// queue manager opened with ObjectType MQOT_Q_MGR, opened with
// MQOO_INQUIRE. It returns the values keyed by selector: int32 for MQIA_*
// selectors, string (without its blank padding) for MQCA_* selectors.
//
// As in IBM's Go binding a failed call returns a nil map. A call that ends
// with MQCC_WARNING returns the error and the values that came back: for
// MQRC_SELECTOR_NOT_FOR_TYPE the selectors that do not apply to the
// queue's type hold MQIAV_NOT_APPLICABLE or a string of asterisks.
func (object MQObject) Inq(goSelectors []int32) (map[int32]interface{}, error) {
	const verb = "MQINQ"
	ints, chars := attrCounts(goSelectors)
	ib := wire.InqBody{Selectors: goSelectors, IntAttrCount: ints, CharAttrLength: chars}
	h, body, err := object.qMgr.call(verb, wire.SegMQINQ, object.hobj, ib.Marshal(binaryOrder))
	if err != nil {
		return nil, err
	}
	if h.CompCode == MQCC_FAILED {
		return nil, NewReturn(verb, h.CompCode, h.Reason)
	}
	var reply wire.InqBody
	if len(body) > 0 {
		if _, err := reply.Unmarshal(body, binaryOrder); err != nil {
			return nil, NewReturn(verb, MQCC_FAILED, MQRC_UNEXPECTED_ERROR)
		}
	}
	return inqValues(goSelectors, reply.IntAttrs, reply.CharAttrs), result(verb, h)
}

// InqMap is Inq, under the name of IBM's migration wrapper.
func (object MQObject) InqMap(goSelectors []int32) (map[int32]interface{}, error) {
	return object.Inq(goSelectors)
}

// inqValues pairs the returned values with their selectors. Values the
// queue manager left out (a warning that the buffers were too small) are
// missing from the map.
func inqValues(selectors, ints []int32, chars []byte) map[int32]interface{} {
	values := make(map[int32]interface{}, len(selectors))
	off := 0
	for _, s := range selectors {
		switch {
		case isIntSelector(s):
			if len(ints) > 0 {
				values[s] = ints[0]
				ints = ints[1:]
			}
		case isCharSelector(s):
			n := int(inqLengths[s])
			if off+n > len(chars) {
				continue
			}
			field := chars[off : off+n]
			off += n
			if i := bytes.IndexByte(field, 0); i >= 0 {
				field = field[:i]
			}
			values[s] = strings.TrimSpace(string(field))
		}
	}
	return values
}

// Set changes attributes of the open queue (MQSET), which must have been
// opened with MQOO_SET. Each value is an int32 (or int) for an MQIA_*
// selector and a string for an MQCA_* selector; a value of another type
// fails the call with MQRC_INT_ATTRS_ARRAY_ERROR or MQRC_CHAR_ATTRS_ERROR
// before anything is sent. The queue manager changes all the attributes or
// none.
func (object MQObject) Set(goSelectors map[int32]interface{}) error {
	const verb = "MQSET"
	selectors := make([]int32, 0, len(goSelectors))
	for s := range goSelectors {
		selectors = append(selectors, s)
	}
	slices.Sort(selectors)
	ints, chars := attrCounts(selectors)
	ib := wire.InqBody{Selectors: selectors, IntAttrCount: ints, CharAttrLength: chars,
		IntAttrs: make([]int32, 0, ints), CharAttrs: make([]byte, 0, chars)}
	for _, s := range selectors {
		switch v := goSelectors[s]; {
		case isIntSelector(s):
			n, ok := intValue(v)
			if !ok {
				return NewReturn(verb, MQCC_FAILED, MQRC_INT_ATTRS_ARRAY_ERROR)
			}
			ib.IntAttrs = append(ib.IntAttrs, n)
		case isCharSelector(s):
			text, ok := v.(string)
			if !ok {
				return NewReturn(verb, MQCC_FAILED, MQRC_CHAR_ATTRS_ERROR)
			}
			ib.CharAttrs = append(ib.CharAttrs, padNull(text, int(inqLengths[s]))...)
		}
	}
	h, _, err := object.qMgr.call(verb, wire.SegMQSET, object.hobj, ib.Marshal(binaryOrder))
	if err != nil {
		return err
	}
	return result(verb, h)
}

func intValue(v interface{}) (int32, bool) {
	switch n := v.(type) {
	case int32:
		return n, true
	case int:
		return int32(n), true
	}
	return 0, false
}

// padNull returns s cut or padded with NULs to n bytes, as C strings in a
// fixed field are.
func padNull(s string, n int) []byte {
	b := make([]byte, n)
	copy(b, s)
	return b
}
