package qmgr

import (
	"encoding/binary"
	"strconv"
	"strings"
	"time"

	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/internal/wire"
	"github.com/gomqm/gomqm/mqi"
)

// MQINQ and MQSET
//
// A selector (MQIA_* or MQCA_*) names an attribute of the object a handle
// has open; attrSpec maps it to the MQSC attribute the objects package
// stores, so MQINQ answers from the same definition DISPLAY shows and
// MQSET changes it for DISPLAY too. Integer attributes with keyword values
// (PUT(ENABLED)) translate through a table to the MQI value
// (MQQA_PUT_ALLOWED); character attributes are blank-padded to their MQI
// length and concatenated in selector order.

// maxSelectors is the most selectors MQINQ and MQSET accept.
const maxSelectors = 256

// attrSpec describes one selector of an object type.
type attrSpec struct {
	kw     string           // the keyword in objects.Object.Attrs, or a pseudo keyword (see inqAttrs)
	length int32            // a character attribute's MQI length; 0 for an integer attribute
	enum   map[string]int32 // MQSC keyword value -> MQI value; nil when the value is a number
	types  string           // the queue types it applies to (L local, M model, A alias, R remote); "" all
}

// Pseudo keywords: values that are not stored attributes.
const (
	kwName     = "*NAME"     // the object name
	kwType     = "*TYPE"     // the object type (QLOCAL ...)
	kwCurDepth = "*CURDEPTH" // messages on a local queue
	kwIPProcs  = "*IPPROCS"  // handles open for input
	kwOPProcs  = "*OPPROCS"  // handles open for output
	kwInstName = "*INSTNAME" // the installation name
)

// Keyword values of integer attributes.
var (
	enumPut      = map[string]int32{"ENABLED": mqi.MQQA_PUT_ALLOWED, "DISABLED": mqi.MQQA_PUT_INHIBITED}
	enumGet      = map[string]int32{"ENABLED": mqi.MQQA_GET_ALLOWED, "DISABLED": mqi.MQQA_GET_INHIBITED}
	enumEvent    = map[string]int32{"ENABLED": mqi.MQEVR_ENABLED, "DISABLED": mqi.MQEVR_DISABLED}
	enumYesNoPer = map[string]int32{"YES": mqi.MQPER_PERSISTENT, "NO": mqi.MQPER_NOT_PERSISTENT}
	enumDistL    = map[string]int32{"YES": mqi.MQDL_SUPPORTED, "NO": mqi.MQDL_NOT_SUPPORTED}
	enumQType    = map[string]int32{objects.TypeQLocal: mqi.MQQT_LOCAL, objects.TypeQModel: mqi.MQQT_MODEL,
		objects.TypeQAlias: mqi.MQQT_ALIAS, objects.TypeQRemote: mqi.MQQT_REMOTE}
	enumTrigger  = map[string]int32{"TRIGGER": mqi.MQTC_ON, "NOTRIGGER": mqi.MQTC_OFF}
	enumTrigType = map[string]int32{"NONE": mqi.MQTT_NONE, "FIRST": mqi.MQTT_FIRST, "EVERY": mqi.MQTT_EVERY,
		"DEPTH": mqi.MQTT_DEPTH}
	enumSvcControl = map[string]int32{"QMGR": mqi.MQSVC_CONTROL_Q_MGR, "MANUAL": mqi.MQSVC_CONTROL_MANUAL}
)

// queueAttrs are the selectors MQINQ knows for queues.
var queueAttrs = map[int32]attrSpec{
	mqi.MQIA_BACKOUT_THRESHOLD:     {kw: "BOTHRESH", types: "LM"},
	mqi.MQIA_BASE_TYPE:             {kw: "TARGTYPE", types: "A", enum: map[string]int32{"QUEUE": mqi.MQOT_Q, "TOPIC": mqi.MQOT_TOPIC}},
	mqi.MQIA_CLWL_Q_PRIORITY:       {kw: "CLWLPRTY", types: "LAR"},
	mqi.MQIA_CLWL_Q_RANK:           {kw: "CLWLRANK", types: "LAR"},
	mqi.MQIA_CLWL_USEQ:             {kw: "CLWLUSEQ", types: "L", enum: map[string]int32{"QMGR": mqi.MQCLWL_USEQ_AS_Q_MGR, "ANY": mqi.MQCLWL_USEQ_ANY, "LOCAL": mqi.MQCLWL_USEQ_LOCAL}},
	mqi.MQIA_CURRENT_Q_DEPTH:       {kw: kwCurDepth, types: "L"},
	mqi.MQIA_DEF_BIND:              {kw: "DEFBIND", types: "LAR", enum: map[string]int32{"OPEN": mqi.MQBND_BIND_ON_OPEN, "NOTFIXED": mqi.MQBND_BIND_NOT_FIXED, "GROUP": mqi.MQBND_BIND_ON_GROUP}},
	mqi.MQIA_DEF_INPUT_OPEN_OPTION: {kw: "DEFSOPT", types: "LM", enum: map[string]int32{"SHARED": mqi.MQOO_INPUT_SHARED, "EXCL": mqi.MQOO_INPUT_EXCLUSIVE}},
	mqi.MQIA_DEF_PERSISTENCE:       {kw: "DEFPSIST", enum: enumYesNoPer},
	mqi.MQIA_DEF_PRIORITY:          {kw: "DEFPRTY"},
	mqi.MQIA_DEF_PUT_RESPONSE_TYPE: {kw: "DEFPRESP", enum: map[string]int32{"SYNC": mqi.MQPRT_SYNC_RESPONSE, "ASYNC": mqi.MQPRT_ASYNC_RESPONSE}},
	mqi.MQIA_DEF_READ_AHEAD:        {kw: "DEFREADA", types: "LMA", enum: map[string]int32{"NO": mqi.MQREADA_NO, "YES": mqi.MQREADA_YES, "DISABLED": mqi.MQREADA_DISABLED}},
	mqi.MQIA_DEFINITION_TYPE: {kw: "DEFTYPE", types: "LM", enum: map[string]int32{"PREDEFINED": mqi.MQQDT_PREDEFINED,
		"PERMDYN": mqi.MQQDT_PERMANENT_DYNAMIC, "TEMPDYN": mqi.MQQDT_TEMPORARY_DYNAMIC, "SHAREDYN": mqi.MQQDT_SHARED_DYNAMIC}},
	mqi.MQIA_DIST_LISTS:            {kw: "DISTL", types: "LM", enum: enumDistL},
	mqi.MQIA_HARDEN_GET_BACKOUT:    {kw: "HARDENBO", types: "LM", enum: map[string]int32{"HARDENBO": mqi.MQQA_BACKOUT_HARDENED, "NOHARDENBO": mqi.MQQA_BACKOUT_NOT_HARDENED}},
	mqi.MQIA_INHIBIT_GET:           {kw: "GET", types: "LMA", enum: enumGet},
	mqi.MQIA_INHIBIT_PUT:           {kw: "PUT", enum: enumPut},
	mqi.MQIA_MAX_MSG_LENGTH:        {kw: "MAXMSGL", types: "LM"},
	mqi.MQIA_MAX_Q_DEPTH:           {kw: "MAXDEPTH", types: "LM"},
	mqi.MQIA_MSG_DELIVERY_SEQUENCE: {kw: "MSGDLVSQ", types: "LM", enum: map[string]int32{"PRIORITY": mqi.MQMDS_PRIORITY, "FIFO": mqi.MQMDS_FIFO}},
	mqi.MQIA_NPM_CLASS:             {kw: "NPMCLASS", types: "LM", enum: map[string]int32{"NORMAL": mqi.MQNPM_CLASS_NORMAL, "HIGH": mqi.MQNPM_CLASS_HIGH}},
	mqi.MQIA_OPEN_INPUT_COUNT:      {kw: kwIPProcs, types: "L"},
	mqi.MQIA_OPEN_OUTPUT_COUNT:     {kw: kwOPProcs, types: "L"},
	mqi.MQIA_PROPERTY_CONTROL: {kw: "PROPCTL", types: "LMA", enum: map[string]int32{"COMPAT": mqi.MQPROP_COMPATIBILITY,
		"NONE": mqi.MQPROP_NONE, "ALL": mqi.MQPROP_ALL, "FORCE": mqi.MQPROP_FORCE_MQRFH2, "V6COMPAT": mqi.MQPROP_V6COMPAT}},
	mqi.MQIA_Q_DEPTH_HIGH_EVENT:       {kw: "QDPHIEV", types: "LM", enum: enumEvent},
	mqi.MQIA_Q_DEPTH_HIGH_LIMIT:       {kw: "QDEPTHHI", types: "LM"},
	mqi.MQIA_Q_DEPTH_LOW_EVENT:        {kw: "QDPLOEV", types: "LM", enum: enumEvent},
	mqi.MQIA_Q_DEPTH_LOW_LIMIT:        {kw: "QDEPTHLO", types: "LM"},
	mqi.MQIA_Q_DEPTH_MAX_EVENT:        {kw: "QDPMAXEV", types: "LM", enum: enumEvent},
	mqi.MQIA_Q_SERVICE_INTERVAL:       {kw: "QSVCINT", types: "LM"},
	mqi.MQIA_Q_SERVICE_INTERVAL_EVENT: {kw: "QSVCIEV", types: "LM", enum: map[string]int32{"HIGH": mqi.MQQSIE_HIGH, "OK": mqi.MQQSIE_OK, "NONE": mqi.MQQSIE_NONE}},
	mqi.MQIA_Q_TYPE:                   {kw: kwType, enum: enumQType},
	mqi.MQIA_RETENTION_INTERVAL:       {kw: "RETINTVL", types: "LM"},
	mqi.MQIA_SCOPE:                    {kw: "SCOPE", types: "LAR", enum: map[string]int32{"QMGR": mqi.MQSCO_Q_MGR, "CELL": mqi.MQSCO_CELL}},
	mqi.MQIA_SHAREABILITY:             {kw: "SHARE", types: "LM", enum: map[string]int32{"SHARE": mqi.MQQA_SHAREABLE, "NOSHARE": mqi.MQQA_NOT_SHAREABLE}},
	mqi.MQIA_TRIGGER_CONTROL:          {kw: "TRIGGER", types: "LM", enum: enumTrigger},
	mqi.MQIA_TRIGGER_DEPTH:            {kw: "TRIGDPTH", types: "LM"},
	mqi.MQIA_TRIGGER_MSG_PRIORITY:     {kw: "TRIGMPRI", types: "LM"},
	mqi.MQIA_TRIGGER_TYPE:             {kw: "TRIGTYPE", types: "LM", enum: enumTrigType},
	mqi.MQIA_USAGE:                    {kw: "USAGE", types: "LM", enum: map[string]int32{"NORMAL": mqi.MQUS_NORMAL, "XMITQ": mqi.MQUS_TRANSMISSION}},

	mqi.MQCA_ALTERATION_DATE:    {kw: "ALTDATE", length: mqi.MQ_DATE_LENGTH},
	mqi.MQCA_ALTERATION_TIME:    {kw: "ALTTIME", length: mqi.MQ_TIME_LENGTH},
	mqi.MQCA_BACKOUT_REQ_Q_NAME: {kw: "BOQNAME", length: mqi.MQ_Q_NAME_LENGTH, types: "LM"},
	mqi.MQCA_BASE_Q_NAME:        {kw: "TARGET", length: mqi.MQ_Q_NAME_LENGTH, types: "A"},
	mqi.MQCA_CLUSTER_NAME:       {kw: "CLUSTER", length: mqi.MQ_CLUSTER_NAME_LENGTH, types: "LAR"},
	mqi.MQCA_CLUSTER_NAMELIST:   {kw: "CLUSNL", length: mqi.MQ_NAMELIST_NAME_LENGTH, types: "LAR"},
	mqi.MQCA_CLUS_CHL_NAME:      {kw: "CLCHNAME", length: mqi.MQ_OBJECT_NAME_LENGTH, types: "LM"},
	mqi.MQCA_CREATION_DATE:      {kw: "CRDATE", length: mqi.MQ_CREATION_DATE_LENGTH, types: "LM"},
	mqi.MQCA_CREATION_TIME:      {kw: "CRTIME", length: mqi.MQ_CREATION_TIME_LENGTH, types: "LM"},
	mqi.MQCA_CUSTOM:             {kw: "CUSTOM", length: mqi.MQ_CUSTOM_LENGTH},
	mqi.MQCA_INITIATION_Q_NAME:  {kw: "INITQ", length: mqi.MQ_Q_NAME_LENGTH, types: "LM"},
	mqi.MQCA_PROCESS_NAME:       {kw: "PROCESS", length: mqi.MQ_PROCESS_NAME_LENGTH, types: "LM"},
	mqi.MQCA_Q_DESC:             {kw: "DESCR", length: mqi.MQ_Q_DESC_LENGTH},
	mqi.MQCA_Q_NAME:             {kw: kwName, length: mqi.MQ_Q_NAME_LENGTH},
	mqi.MQCA_REMOTE_Q_MGR_NAME:  {kw: "RQMNAME", length: mqi.MQ_Q_MGR_NAME_LENGTH, types: "R"},
	mqi.MQCA_REMOTE_Q_NAME:      {kw: "RNAME", length: mqi.MQ_Q_NAME_LENGTH, types: "R"},
	mqi.MQCA_STREAM_QUEUE_NAME:  {kw: "STREAMQ", length: mqi.MQ_Q_NAME_LENGTH, types: "LM"},
	mqi.MQCA_TRIGGER_DATA:       {kw: "TRIGDATA", length: mqi.MQ_TRIGGER_DATA_LENGTH, types: "LM"},
	mqi.MQCA_XMIT_Q_NAME:        {kw: "XMITQ", length: mqi.MQ_Q_NAME_LENGTH, types: "R"},
}

// qmgrAttrs are the selectors MQINQ knows for the queue manager.
var qmgrAttrs = map[int32]attrSpec{
	mqi.MQIA_AUTHORITY_EVENT:        {kw: "AUTHOREV", enum: enumEvent},
	mqi.MQIA_CHANNEL_AUTO_DEF:       {kw: "CHAD", enum: map[string]int32{"ENABLED": mqi.MQCHAD_ENABLED, "DISABLED": mqi.MQCHAD_DISABLED}},
	mqi.MQIA_CHANNEL_AUTO_DEF_EVENT: {kw: "CHADEV", enum: enumEvent},
	mqi.MQIA_CHANNEL_EVENT:          {kw: "CHLEV", enum: map[string]int32{"ENABLED": mqi.MQEVR_ENABLED, "DISABLED": mqi.MQEVR_DISABLED, "EXCEPTION": mqi.MQEVR_EXCEPTION}},
	mqi.MQIA_CHINIT_CONTROL:         {kw: "SCHINIT", enum: enumSvcControl},
	mqi.MQIA_CHLAUTH_RECORDS:        {kw: "CHLAUTH", enum: map[string]int32{"ENABLED": mqi.MQCHLA_ENABLED, "DISABLED": mqi.MQCHLA_DISABLED}},
	mqi.MQIA_CLWL_MRU_CHANNELS:      {kw: "CLWLMRUC"},
	mqi.MQIA_CLWL_USEQ:              {kw: "CLWLUSEQ", enum: map[string]int32{"ANY": mqi.MQCLWL_USEQ_ANY, "LOCAL": mqi.MQCLWL_USEQ_LOCAL}},
	mqi.MQIA_CMD_SERVER_CONTROL:     {kw: "SCMDSERV", enum: enumSvcControl},
	mqi.MQIA_CODED_CHAR_SET_ID:      {kw: "CCSID"},
	mqi.MQIA_COMMAND_EVENT:          {kw: "CMDEV", enum: map[string]int32{"ENABLED": mqi.MQEVR_ENABLED, "DISABLED": mqi.MQEVR_DISABLED, "NODISPLAY": mqi.MQEVR_NO_DISPLAY}},
	mqi.MQIA_COMMAND_LEVEL:          {kw: "CMDLEVEL"},
	mqi.MQIA_CONFIGURATION_EVENT:    {kw: "CONFIGEV", enum: enumEvent},
	mqi.MQIA_DIST_LISTS:             {kw: "DISTL", enum: enumDistL},
	mqi.MQIA_INHIBIT_EVENT:          {kw: "INHIBTEV", enum: enumEvent},
	mqi.MQIA_IP_ADDRESS_VERSION:     {kw: "IPADDRV", enum: map[string]int32{"IPV4": mqi.MQIPADDR_IPV4, "IPV6": mqi.MQIPADDR_IPV6}},
	mqi.MQIA_LOCAL_EVENT:            {kw: "LOCALEV", enum: enumEvent},
	mqi.MQIA_LOGGER_EVENT:           {kw: "LOGGEREV", enum: enumEvent},
	mqi.MQIA_MAX_HANDLES:            {kw: "MAXHANDS"},
	mqi.MQIA_MAX_MSG_LENGTH:         {kw: "MAXMSGL"},
	mqi.MQIA_MAX_PRIORITY:           {kw: "MAXPRTY"},
	mqi.MQIA_MAX_UNCOMMITTED_MSGS:   {kw: "MAXUMSGS"},
	mqi.MQIA_PERFORMANCE_EVENT:      {kw: "PERFMEV", enum: enumEvent},
	mqi.MQIA_PLATFORM:               {kw: "PLATFORM", enum: map[string]int32{"UNIX": mqi.MQPL_UNIX}},
	mqi.MQIA_PUBSUB_MODE:            {kw: "PSMODE", enum: map[string]int32{"COMPAT": mqi.MQPSM_COMPAT, "DISABLED": mqi.MQPSM_DISABLED, "ENABLED": mqi.MQPSM_ENABLED}},
	mqi.MQIA_REMOTE_EVENT:           {kw: "REMOTEEV", enum: enumEvent},
	mqi.MQIA_SSL_EVENT:              {kw: "SSLEV", enum: enumEvent},
	mqi.MQIA_SSL_FIPS_REQUIRED:      {kw: "SSLFIPS", enum: map[string]int32{"NO": mqi.MQSSL_FIPS_NO, "YES": mqi.MQSSL_FIPS_YES}},
	mqi.MQIA_SSL_RESET_COUNT:        {kw: "SSLRKEYC"},
	mqi.MQIA_START_STOP_EVENT:       {kw: "STRSTPEV", enum: enumEvent},
	mqi.MQIA_SYNCPOINT:              {kw: "SYNCPT", enum: map[string]int32{"SYNCPT": mqi.MQSP_AVAILABLE}},
	mqi.MQIA_TREE_LIFE_TIME:         {kw: "TREELIFE"},
	mqi.MQIA_TRIGGER_INTERVAL:       {kw: "TRIGINT"},
	mqi.MQCA_ALTERATION_DATE:        {kw: "ALTDATE", length: mqi.MQ_DATE_LENGTH},
	mqi.MQCA_ALTERATION_TIME:        {kw: "ALTTIME", length: mqi.MQ_TIME_LENGTH},
	mqi.MQCA_CERT_LABEL:             {kw: "CERTLABL", length: mqi.MQ_CERT_LABEL_LENGTH},
	mqi.MQCA_CHANNEL_AUTO_DEF_EXIT:  {kw: "CHADEXIT", length: mqi.MQ_EXIT_NAME_LENGTH},
	mqi.MQCA_CLUSTER_WORKLOAD_DATA:  {kw: "CLWLDATA", length: mqi.MQ_EXIT_DATA_LENGTH},
	mqi.MQCA_CLUSTER_WORKLOAD_EXIT:  {kw: "CLWLEXIT", length: mqi.MQ_EXIT_NAME_LENGTH},
	mqi.MQCA_COMMAND_INPUT_Q_NAME:   {kw: "COMMANDQ", length: mqi.MQ_Q_NAME_LENGTH},
	mqi.MQCA_CONN_AUTH:              {kw: "CONNAUTH", length: mqi.MQ_AUTH_INFO_NAME_LENGTH},
	mqi.MQCA_CREATION_DATE:          {kw: "CRDATE", length: mqi.MQ_CREATION_DATE_LENGTH},
	mqi.MQCA_CREATION_TIME:          {kw: "CRTIME", length: mqi.MQ_CREATION_TIME_LENGTH},
	mqi.MQCA_CUSTOM:                 {kw: "CUSTOM", length: mqi.MQ_CUSTOM_LENGTH},
	mqi.MQCA_DEAD_LETTER_Q_NAME:     {kw: "DEADQ", length: mqi.MQ_Q_NAME_LENGTH},
	mqi.MQCA_DEF_XMIT_Q_NAME:        {kw: "DEFXMITQ", length: mqi.MQ_Q_NAME_LENGTH},
	mqi.MQCA_INSTALLATION_NAME:      {kw: kwInstName, length: mqi.MQ_INSTALLATION_NAME_LENGTH},
	mqi.MQCA_PARENT:                 {kw: "PARENT", length: mqi.MQ_Q_MGR_NAME_LENGTH},
	mqi.MQCA_Q_MGR_DESC:             {kw: "DESCR", length: mqi.MQ_Q_MGR_DESC_LENGTH},
	mqi.MQCA_Q_MGR_IDENTIFIER:       {kw: "QMID", length: mqi.MQ_Q_MGR_IDENTIFIER_LENGTH},
	mqi.MQCA_Q_MGR_NAME:             {kw: kwName, length: mqi.MQ_Q_MGR_NAME_LENGTH},
	mqi.MQCA_REPOSITORY_NAME:        {kw: "REPOS", length: mqi.MQ_Q_MGR_NAME_LENGTH},
	mqi.MQCA_REPOSITORY_NAMELIST:    {kw: "REPOSNL", length: mqi.MQ_NAMELIST_NAME_LENGTH},
	mqi.MQCA_SSL_CRL_NAMELIST:       {kw: "SSLCRLNL", length: mqi.MQ_NAMELIST_NAME_LENGTH},
	mqi.MQCA_SSL_CRYPTO_HARDWARE:    {kw: "SSLCRYP", length: mqi.MQ_SSL_CRYPTO_HARDWARE_LENGTH},
	mqi.MQCA_SSL_KEY_REPOSITORY:     {kw: "SSLKEYR", length: mqi.MQ_SSL_KEY_REPOSITORY_LENGTH},
	mqi.MQCA_VERSION:                {kw: "VERSION", length: mqi.MQ_VERSION_LENGTH},
}

// appliesTo reports whether the selector applies to an object of type
// typ (for queues: QLOCAL, QMODEL, QALIAS or QREMOTE).
func (a attrSpec) appliesTo(typ string) bool {
	if a.types == "" {
		return true
	}
	letter := map[string]string{objects.TypeQLocal: "L", objects.TypeQModel: "M",
		objects.TypeQAlias: "A", objects.TypeQRemote: "R"}[typ]
	return letter != "" && strings.Contains(a.types, letter)
}

// intValue is the MQI value of an integer attribute: MQIAV_NOT_APPLICABLE
// when it does not apply, MQIAV_UNDEFINED when the stored value is not one
// the table knows.
func (a attrSpec) intValue(attrs map[string]string, applies bool) int32 {
	if !applies {
		return mqi.MQIAV_NOT_APPLICABLE
	}
	v := attrs[a.kw]
	if a.enum != nil {
		if n, ok := a.enum[v]; ok {
			return n
		}
		return mqi.MQIAV_UNDEFINED
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return mqi.MQIAV_UNDEFINED
	}
	return int32(n)
}

// charValue is a character attribute in its MQI form: blank-padded (or
// cut) to its length, all asterisks when it does not apply.
func (a attrSpec) charValue(attrs map[string]string, applies bool) []byte {
	if !applies {
		return []byte(strings.Repeat("*", int(a.length)))
	}
	return padded(attrs[a.kw], int(a.length))
}

func padded(s string, n int) []byte {
	b := []byte(s)
	if len(b) >= n {
		return b[:n]
	}
	return append(b, strings.Repeat(" ", n-len(b))...)
}

// inquire answers an MQINQ of the object whose attributes (with the pseudo
// keywords) are attrs and whose type is typ. Every selector must be in
// table, else the call fails with MQRC_SELECTOR_ERROR. It returns the reply
// body and the reason: a warning when values did not fit in intCount
// integers or charLen bytes (only whole character attributes are
// returned), or when a selector does not apply to the queue's type (its
// value is then MQIAV_NOT_APPLICABLE or asterisks).
func inquire(table map[int32]attrSpec, attrs map[string]string, typ string, req *wire.InqBody) (wire.InqBody, int32) {
	for _, s := range req.Selectors {
		if _, ok := table[s]; !ok {
			return wire.InqBody{}, mqi.MQRC_SELECTOR_ERROR
		}
	}
	reply := wire.InqBody{Selectors: req.Selectors}
	var notForType, intsShort, charsShort bool
	for _, s := range req.Selectors {
		spec := table[s]
		applies := spec.appliesTo(typ)
		notForType = notForType || !applies
		switch {
		case spec.length == 0 && len(reply.IntAttrs) < int(req.IntAttrCount):
			reply.IntAttrs = append(reply.IntAttrs, spec.intValue(attrs, applies))
		case spec.length == 0:
			intsShort = true
		case !charsShort && len(reply.CharAttrs)+int(spec.length) <= int(req.CharAttrLength):
			reply.CharAttrs = append(reply.CharAttrs, spec.charValue(attrs, applies)...)
		default:
			charsShort = true // this attribute and every later one are left out
		}
	}
	reply.IntAttrCount, reply.CharAttrLength = int32(len(reply.IntAttrs)), int32(len(reply.CharAttrs))
	switch {
	case intsShort:
		return reply, mqi.MQRC_INT_ATTR_COUNT_TOO_SMALL
	case charsShort:
		return reply, mqi.MQRC_CHAR_ATTRS_TOO_SHORT
	case notForType:
		return reply, mqi.MQRC_SELECTOR_NOT_FOR_TYPE
	}
	return reply, mqi.MQRC_NONE
}

// checkInqCounts checks the three counts at the start of an MQINQ or MQSET
// body before it is decoded, for IBM's reasons: a selector count outside
// 0..256, or a negative integer count or character length.
func checkInqCounts(body []byte, order binary.ByteOrder) int32 {
	if len(body) < 12 {
		return mqi.MQRC_SELECTOR_COUNT_ERROR
	}
	sc := int32(order.Uint32(body))
	ic := int32(order.Uint32(body[4:]))
	cl := int32(order.Uint32(body[8:]))
	switch {
	case sc < 0 || sc > maxSelectors:
		return mqi.MQRC_SELECTOR_COUNT_ERROR
	case ic < 0:
		return mqi.MQRC_INT_ATTR_COUNT_ERROR
	case cl < 0:
		return mqi.MQRC_CHAR_ATTR_LENGTH_ERROR
	}
	return mqi.MQRC_NONE
}

// decodeInq checks and decodes an MQINQ or MQSET body.
func decodeInq(body []byte, order binary.ByteOrder) (wire.InqBody, int32) {
	var ib wire.InqBody
	if rc := checkInqCounts(body, order); rc != mqi.MQRC_NONE {
		return ib, rc
	}
	if _, err := ib.Unmarshal(body, order); err != nil {
		return ib, mqi.MQRC_SELECTOR_COUNT_ERROR
	}
	return ib, mqi.MQRC_NONE
}

func (c *conn) handleInq(req *wire.Segment, hdr wire.APIHeader, body []byte, order binary.ByteOrder) bool {
	hd, ok := c.handles[hdr.Hobj]
	if !ok {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_HOBJ_ERROR, nil)
	}
	if hd.options&mqi.MQOO_INQUIRE == 0 {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_NOT_OPEN_FOR_INQUIRE, nil)
	}
	ib, rc := decodeInq(body, order)
	if rc != mqi.MQRC_NONE {
		return c.reply(req, hdr, mqi.MQCC_FAILED, rc, nil)
	}
	table, attrs, typ, rc := c.qm.inqAttrs(hd)
	if rc != mqi.MQRC_NONE {
		return c.reply(req, hdr, mqi.MQCC_FAILED, rc, nil)
	}
	reply, rc := inquire(table, attrs, typ, &ib)
	switch rc {
	case mqi.MQRC_NONE:
		return c.reply(req, hdr, mqi.MQCC_OK, rc, reply.Marshal(order))
	case mqi.MQRC_SELECTOR_ERROR:
		return c.reply(req, hdr, mqi.MQCC_FAILED, rc, nil)
	}
	return c.reply(req, hdr, mqi.MQCC_WARNING, rc, reply.Marshal(order))
}

// inqAttrs returns the selector table, the attributes (with the pseudo
// keywords) and the type of the object hd has open.
func (qm *QueueManager) inqAttrs(hd *handle) (map[int32]attrSpec, map[string]string, string, int32) {
	if hd.q == nil {
		o, ok, err := objects.Load(qm.store, objects.TypeQMgr, qm.name)
		if err != nil || !ok {
			return nil, nil, "", mqi.MQRC_OBJECT_DAMAGED
		}
		attrs := o.Copy().Attrs
		attrs[kwName], attrs[kwType], attrs[kwInstName] = qm.name, o.Type, InstallationName
		return qmgrAttrs, attrs, o.Type, mqi.MQRC_NONE
	}
	o, ok, err := objects.Load(qm.store, objects.SpaceQueue, hd.name)
	if err != nil || !ok {
		return nil, nil, "", mqi.MQRC_Q_DELETED
	}
	attrs := o.Copy().Attrs
	attrs[kwName], attrs[kwType] = o.Name, o.Type
	if o.Type == objects.TypeQLocal {
		q := hd.q
		q.mu.Lock()
		attrs[kwCurDepth] = strconv.Itoa(len(q.msgs))
		attrs[kwIPProcs], attrs[kwOPProcs] = strconv.Itoa(q.inputs), strconv.Itoa(q.outputs)
		q.mu.Unlock()
	}
	return queueAttrs, attrs, o.Type, mqi.MQRC_NONE
}

// stampAltered sets an object's ALTDATE and ALTTIME to now.
func stampAltered(o *objects.Object, now time.Time) {
	o.Attrs["ALTDATE"] = now.Format(time.DateOnly)
	o.Attrs["ALTTIME"] = now.Format("15.04.05")
}

// setSpec describes a selector MQSET may change on a queue.
type setSpec struct {
	kw     string
	types  string           // as attrSpec.types
	length int32            // a character attribute's MQI length; 0 for an integer attribute
	values map[int32]string // MQI value -> MQSC value; nil when the value is a number
	min    int32            // numbers: the least value allowed (the greatest is maxFor)
	bad    int32            // the reason for a value not allowed
}

// settable are the queue attributes MQSET may change, as IBM allows; no
// other attribute of any object can be set with MQSET.
var settable = map[int32]setSpec{
	mqi.MQIA_INHIBIT_GET: {kw: "GET", types: "LMA", bad: mqi.MQRC_INHIBIT_VALUE_ERROR,
		values: map[int32]string{mqi.MQQA_GET_ALLOWED: "ENABLED", mqi.MQQA_GET_INHIBITED: "DISABLED"}},
	mqi.MQIA_INHIBIT_PUT: {kw: "PUT", bad: mqi.MQRC_INHIBIT_VALUE_ERROR,
		values: map[int32]string{mqi.MQQA_PUT_ALLOWED: "ENABLED", mqi.MQQA_PUT_INHIBITED: "DISABLED"}},
	// IBM documents no reason of its own for a bad DistLists value.
	mqi.MQIA_DIST_LISTS: {kw: "DISTL", types: "LM", bad: mqi.MQRC_SELECTOR_ERROR,
		values: map[int32]string{mqi.MQDL_SUPPORTED: "YES", mqi.MQDL_NOT_SUPPORTED: "NO"}},
	mqi.MQIA_TRIGGER_CONTROL: {kw: "TRIGGER", types: "LM", bad: mqi.MQRC_TRIGGER_CONTROL_ERROR,
		values: map[int32]string{mqi.MQTC_ON: "TRIGGER", mqi.MQTC_OFF: "NOTRIGGER"}},
	mqi.MQIA_TRIGGER_DEPTH:        {kw: "TRIGDPTH", types: "LM", min: 1, bad: mqi.MQRC_TRIGGER_DEPTH_ERROR},
	mqi.MQIA_TRIGGER_MSG_PRIORITY: {kw: "TRIGMPRI", types: "LM", min: 0, bad: mqi.MQRC_TRIGGER_MSG_PRIORITY_ERR},
	mqi.MQIA_TRIGGER_TYPE: {kw: "TRIGTYPE", types: "LM", bad: mqi.MQRC_TRIGGER_TYPE_ERROR,
		values: map[int32]string{mqi.MQTT_NONE: "NONE", mqi.MQTT_FIRST: "FIRST", mqi.MQTT_EVERY: "EVERY", mqi.MQTT_DEPTH: "DEPTH"}},
	mqi.MQCA_TRIGGER_DATA: {kw: "TRIGDATA", types: "LM", length: mqi.MQ_TRIGGER_DATA_LENGTH},
}

// maxFor returns the greatest value MQSET allows for a numeric attribute.
func maxFor(kw string, maxPrty int32) int32 {
	if kw == "TRIGMPRI" {
		return maxPrty
	}
	return 999999999
}

// mqsc turns an MQSET value into the stored MQSC value; ok is false when
// the value is not allowed.
func (s setSpec) mqsc(v, maxPrty int32) (string, bool) {
	if s.values != nil {
		text, ok := s.values[v]
		return text, ok
	}
	if v < s.min || v > maxFor(s.kw, maxPrty) {
		return "", false
	}
	return strconv.Itoa(int(v)), true
}

// applySet changes o as the MQSET request says. Nothing changes unless
// every selector may be set on o's type and every value is valid.
func applySet(o *objects.Object, req *wire.InqBody, maxPrty int32) int32 {
	var ints, chars int32
	for _, s := range req.Selectors {
		spec, ok := settable[s]
		if !ok || !(attrSpec{types: spec.types}).appliesTo(o.Type) {
			return mqi.MQRC_SELECTOR_ERROR
		}
		if spec.length == 0 {
			ints++
		} else {
			chars += spec.length
		}
	}
	switch {
	case req.IntAttrCount < ints:
		return mqi.MQRC_INT_ATTR_COUNT_ERROR
	case req.CharAttrLength < chars:
		return mqi.MQRC_CHAR_ATTR_LENGTH_ERROR
	case int32(len(req.IntAttrs)) < ints:
		return mqi.MQRC_INT_ATTRS_ARRAY_ERROR
	case int32(len(req.CharAttrs)) < chars:
		return mqi.MQRC_CHAR_ATTRS_ERROR
	}
	changed := map[string]string{}
	next, off := 0, 0
	for _, s := range req.Selectors {
		spec := settable[s]
		if spec.length > 0 {
			field := req.CharAttrs[off : off+int(spec.length)]
			off += int(spec.length)
			changed[spec.kw] = strings.TrimRight(string(field), " \x00")
			continue
		}
		text, ok := spec.mqsc(req.IntAttrs[next], maxPrty)
		next++
		if !ok {
			return spec.bad
		}
		changed[spec.kw] = text // a selector given twice: the last value wins
	}
	for k, v := range changed {
		o.Attrs[k] = v
	}
	return mqi.MQRC_NONE
}

func (c *conn) handleSet(req *wire.Segment, hdr wire.APIHeader, body []byte, order binary.ByteOrder) bool {
	hd, ok := c.handles[hdr.Hobj]
	if !ok {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_HOBJ_ERROR, nil)
	}
	if hd.options&mqi.MQOO_SET == 0 || hd.q == nil {
		return c.reply(req, hdr, mqi.MQCC_FAILED, mqi.MQRC_NOT_OPEN_FOR_SET, nil)
	}
	ib, rc := decodeInq(body, order)
	if rc == mqi.MQRC_NONE {
		rc = c.qm.setAttrs(hd, &ib)
	}
	if rc != mqi.MQRC_NONE {
		return c.reply(req, hdr, mqi.MQCC_FAILED, rc, nil)
	}
	reply := wire.InqBody{Selectors: ib.Selectors, IntAttrCount: ib.IntAttrCount, CharAttrLength: ib.CharAttrLength}
	return c.reply(req, hdr, mqi.MQCC_OK, mqi.MQRC_NONE, reply.Marshal(order))
}

// setAttrs is MQSET through hd: it changes the stored definition of the
// queue hd has open and what every open handle of the queue may do. It holds the queue's lock
// throughout, so MQSETs on one queue apply one after another.
func (qm *QueueManager) setAttrs(hd *handle, req *wire.InqBody) int32 {
	if len(req.Selectors) == 0 {
		return mqi.MQRC_NONE
	}
	maxPrty := int32(qm.qmgrInt("MAXPRTY", 9))
	q := hd.q
	q.mu.Lock()
	defer q.mu.Unlock()
	o, ok, err := objects.Load(qm.store, objects.SpaceQueue, hd.name)
	if err != nil || !ok {
		return mqi.MQRC_Q_DELETED
	}
	if rc := applySet(&o, req, maxPrty); rc != mqi.MQRC_NONE {
		return rc
	}
	stampAltered(&o, time.Now())
	if err := objects.Save(qm.store, o); err != nil {
		qm.logFailure("MQSET", err)
		return qm.storageReason(err)
	}
	q.open.sets++
	qm.refreshInhibitsLocked(q)
	return mqi.MQRC_NONE
}
