package main

import "github.com/gomqm/gomqm/mqi"

// target is what the server serves: a queue on a queue manager (blank for
// the default queue manager).
type target struct {
	QName    string
	QMgrName string
}

// nameLength is the longest queue name.
const nameLength = 48

// parseTarget reads the program's arguments. A trigger monitor passes one
// argument, the MQTMC2 trigger message as characters; a person passes a
// queue name and, optionally, a queue manager name. extra reports
// arguments beyond those, which are ignored; ok is false when the first
// argument is neither a trigger message nor a queue name.
func parseTarget(args []string) (t target, extra, ok bool) {
	first := args[0]
	if tm, isTrigger := mqi.ParseTMC2(first); isTrigger {
		return target{QName: tm.QName, QMgrName: tm.QMgrName}, len(args) > 1, true
	}
	if !validName(first) {
		return target{}, false, false
	}
	t.QName = first
	if len(args) > 1 {
		t.QMgrName = args[1]
	}
	return t, len(args) > 2, true
}

// validName reports whether s can be a queue name: 1 to 48 of the
// characters A-Z, a-z, 0-9, '.', '/', '_' and '%'.
func validName(s string) bool {
	if s == "" || len(s) > nameLength {
		return false
	}
	for _, c := range []byte(s) {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '.', c == '/', c == '_', c == '%':
		default:
			return false
		}
	}
	return true
}
