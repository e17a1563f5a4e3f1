package pcf

// Structure types (MQCFT_*).
const (
	CFTNone          int32 = 0  // MQCFT_NONE
	CFTCommand       int32 = 1  // MQCFT_COMMAND
	CFTResponse      int32 = 2  // MQCFT_RESPONSE
	CFTInteger       int32 = 3  // MQCFT_INTEGER
	CFTString        int32 = 4  // MQCFT_STRING
	CFTIntegerList   int32 = 5  // MQCFT_INTEGER_LIST
	CFTStringList    int32 = 6  // MQCFT_STRING_LIST
	CFTEvent         int32 = 7  // MQCFT_EVENT
	CFTUser          int32 = 8  // MQCFT_USER
	CFTByteString    int32 = 9  // MQCFT_BYTE_STRING
	CFTReport        int32 = 12 // MQCFT_REPORT
	CFTCommandXR     int32 = 16 // MQCFT_COMMAND_XR
	CFTXRMsg         int32 = 17 // MQCFT_XR_MSG
	CFTXRItem        int32 = 18 // MQCFT_XR_ITEM
	CFTXRSummary     int32 = 19 // MQCFT_XR_SUMMARY
	CFTGroup         int32 = 20 // MQCFT_GROUP
	CFTInteger64     int32 = 23 // MQCFT_INTEGER64
	CFTInteger64List int32 = 25 // MQCFT_INTEGER64_LIST
)

// MQCFH versions and length.
const (
	CFHVersion1 int32 = 1  // MQCFH_VERSION_1
	CFHVersion2 int32 = 2  // MQCFH_VERSION_2
	CFHVersion3 int32 = 3  // MQCFH_VERSION_3
	CFHLength         = 36 // MQCFH_STRUC_LENGTH
)

// Fixed parts of the parameter structures (MQCF*_STRUC_LENGTH[_FIXED]).
const (
	CFINLength      = 16
	CFSTLengthFixed = 20
	CFILLengthFixed = 16
	CFSLLengthFixed = 24
	CFBSLengthFixed = 16
)

// Control options (MQCFC_*).
const (
	CFCNotLast int32 = 0 // MQCFC_NOT_LAST
	CFCLast    int32 = 1 // MQCFC_LAST
)

// Commands (MQCMD_*) and parameters used by the escape command.
const (
	CmdEscape      int32 = 38   // MQCMD_ESCAPE
	IACFEscapeType int32 = 1017 // MQIACF_ESCAPE_TYPE
	CACFEscapeText int32 = 3014 // MQCACF_ESCAPE_TEXT
	ETMQSC         int32 = 1    // MQET_MQSC
	CCSIDDefault   int32 = 0    // MQCCSI_DEFAULT
)
