package wire

import "sync/atomic"

// Decoded text fields repeat from one message to the next (queue and
// queue-manager names, user, application, format, put date and time).
// internTable remembers the last string decoded for each of a few
// hundred hash slots, so a field seen before costs no allocation. Slots
// are replaced atomically: any goroutine may decode.
var internTable [512]atomic.Pointer[string]

// internMax is the longest field kept in the table (MQ names are 48).
const internMax = 48

// intern returns b as a string, from the table when it holds it.
func intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > internMax {
		return string(b)
	}
	h := uint32(2166136261) // FNV-1a
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	slot := &internTable[h%uint32(len(internTable))]
	if p := slot.Load(); p != nil && *p == string(b) {
		return *p
	}
	s := string(b)
	slot.Store(&s)
	return s
}
