package qmdir

import (
	"fmt"
	"strings"
)

// Validate checks the settings against IBM MQ's limits. The error names
// the stanza and attribute.
func (q QMIni) Validate() error {
	l := q.Log
	checks := []struct {
		ok   bool
		what string
	}{
		{inRange(l.LogPrimaryFiles, 2, 510), fmt.Sprintf("Log: LogPrimaryFiles=%d not in 2-510", l.LogPrimaryFiles)},
		{inRange(l.LogSecondaryFiles, 1, 509), fmt.Sprintf("Log: LogSecondaryFiles=%d not in 1-509", l.LogSecondaryFiles)},
		{l.LogPrimaryFiles+l.LogSecondaryFiles <= 511, fmt.Sprintf("Log: LogPrimaryFiles+LogSecondaryFiles=%d over 511", l.LogPrimaryFiles+l.LogSecondaryFiles)},
		{inRange(l.LogFilePages, 64, 65535), fmt.Sprintf("Log: LogFilePages=%d not in 64-65535", l.LogFilePages)},
		{inRange(l.LogBufferPages, 0, 4096), fmt.Sprintf("Log: LogBufferPages=%d not in 0-4096", l.LogBufferPages)},
		{oneOf(l.LogType, "CIRCULAR", "LINEAR"), fmt.Sprintf("Log: LogType=%s not CIRCULAR or LINEAR", l.LogType)},
		{oneOf(l.LogWriteIntegrity, "SingleWrite", "DoubleWrite", "TripleWrite"), fmt.Sprintf("Log: LogWriteIntegrity=%s not SingleWrite, DoubleWrite or TripleWrite", l.LogWriteIntegrity)},
		{q.ErrorLogSize >= 32768 && q.ErrorLogSize <= 2147483648, fmt.Sprintf("QMErrorLog: ErrorLogSize=%d not in 32768-2147483648", q.ErrorLogSize)},
		{inRange(q.Channels.MaxChannels, 1, 65535), fmt.Sprintf("CHANNELS: MaxChannels=%d not in 1-65535", q.Channels.MaxChannels)},
		{inRange(q.Channels.MaxActiveChannels, 1, q.Channels.MaxChannels), fmt.Sprintf("CHANNELS: MaxActiveChannels=%d not in 1-MaxChannels(%d)", q.Channels.MaxActiveChannels, q.Channels.MaxChannels)},
	}
	for _, c := range checks {
		if !c.ok {
			return fmt.Errorf("qmdir: qm.ini %s", c.what)
		}
	}
	return nil
}

func inRange(n, lo, hi int) bool { return n >= lo && n <= hi }

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if strings.EqualFold(v, a) {
			return true
		}
	}
	return false
}
