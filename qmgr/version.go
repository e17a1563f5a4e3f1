package qmgr

// The IBM MQ level gomqm behaves as: what strmqm, dspmq -o installation,
// dspmqver and DISPLAY QMGR VERSION/CMDLEVEL report.
const (
	VRMF         = "9.4.0.0"
	Level        = "p940-gomqm"
	CommandLevel = "940"
)
