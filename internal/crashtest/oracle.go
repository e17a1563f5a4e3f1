package crashtest

import (
	"fmt"
	"sort"
)

// Report is what Check found in the journals of a run.
type Report struct {
	Acked        int // puts whose MQCMIT returned OK
	InDoubt      int // puts whose MQCMIT failed: may or may not arrive
	NotCommitted int // puts whose unit of work ended before MQCMIT
	BackedOut    int // puts whose MQCMIT returned MQRC_BACKED_OUT

	Deliveries     int // messages received by consumers
	Consumed       int // distinct ids received
	Redelivered    int // ids received more than once
	InDoubtArrived int // in-doubt puts that arrived
	GetsInDoubt    int // gets whose MQCMIT failed

	// Violations lists every broken promise, one line each, sorted.
	Violations []string
}

// delivery is what the consumer journals say about one id.
type delivery struct {
	counts   []int32          // BackoutCount of each delivery
	outcomes map[int32][]Kind // outcome lines for the deliveries with that count
}

// Check compares the producers' journals (puts) with the consumers'
// (gets, in any order across consumers) and reports every id that was
// lost, duplicated, invented or damaged:
//
//   - every id a consumer received was put by a producer whose MQCMIT
//     returned OK or failed in doubt; never one whose unit of work was
//     not committed or was backed out;
//   - every acknowledged put was received;
//   - no id was received twice with the same BackoutCount (so at most
//     once with BackoutCount 0), since each redelivery after a get that
//     was not committed carries a higher count;
//   - an id whose get was committed is not received again (no delivery
//     with a higher BackoutCount), and is committed at most once;
//   - the last delivery of an id was committed or in doubt, not rolled
//     back: a rolled-back get must be followed by another delivery;
//   - every body matched its id.
func Check(puts, gets []Entry) Report {
	var r Report
	bad := func(format string, args ...any) {
		r.Violations = append(r.Violations, fmt.Sprintf(format, args...))
	}
	putKind := r.tallyPuts(puts, bad)
	byID := collectGets(gets, &r, bad)
	for id, d := range byID {
		r.checkID(id, d, putKind[id], bad)
	}
	for id, k := range putKind {
		if k == PutAcked && byID[id] == nil {
			bad("%s: lost: MQCMIT of its put returned OK but it was never delivered", id)
		}
	}
	sort.Strings(r.Violations)
	return r
}

func (r *Report) tallyPuts(puts []Entry, bad func(string, ...any)) map[string]Kind {
	putKind := map[string]Kind{}
	for _, e := range puts {
		if old, dup := putKind[e.ID]; dup {
			bad("%s: journaled twice by producers (%c, %c)", e.ID, old, e.Kind)
			continue
		}
		putKind[e.ID] = e.Kind
		switch e.Kind {
		case PutAcked:
			r.Acked++
		case PutInDoubt:
			r.InDoubt++
		case PutNotCommitted:
			r.NotCommitted++
		case PutBackedOut:
			r.BackedOut++
		default:
			bad("%s: unknown producer journal kind %q", e.ID, e.Kind)
		}
	}
	return putKind
}

func collectGets(gets []Entry, r *Report, bad func(string, ...any)) map[string]*delivery {
	byID := map[string]*delivery{}
	at := func(id string) *delivery {
		d := byID[id]
		if d == nil {
			d = &delivery{outcomes: map[int32][]Kind{}}
			byID[id] = d
		}
		return d
	}
	for _, e := range gets {
		switch e.Kind {
		case Delivered:
			d := at(e.ID)
			d.counts = append(d.counts, e.Backout)
			r.Deliveries++
		case GetCommitted, GetInDoubt, GetRolledBack:
			d := at(e.ID)
			d.outcomes[e.Backout] = append(d.outcomes[e.Backout], e.Kind)
			if e.Kind == GetInDoubt {
				r.GetsInDoubt++
			}
		case Damaged:
			bad("%s: delivered with a body that does not match its id (BackoutCount %d)", e.ID, e.Backout)
		default:
			bad("%s: unknown consumer journal kind %q", e.ID, e.Kind)
		}
	}
	return byID
}

// checkID applies the delivery rules to one id.
func (r *Report) checkID(id string, d *delivery, put Kind, bad func(string, ...any)) {
	if len(d.counts) == 0 {
		bad("%s: outcome journaled for a message never delivered", id)
		return
	}
	r.Consumed++
	if len(d.counts) > 1 {
		r.Redelivered++
	}
	switch put {
	case 0:
		bad("%s: delivered but never put", id)
	case PutNotCommitted:
		bad("%s: delivered although its put's unit of work was never committed", id)
	case PutBackedOut:
		bad("%s: delivered although MQCMIT of its put returned MQRC_BACKED_OUT", id)
	case PutInDoubt:
		r.InDoubtArrived++
	}
	seen := map[int32]int{}
	top := d.counts[0]
	for _, c := range d.counts {
		if seen[c] == 1 {
			bad("%s: duplicate: delivered twice with BackoutCount %d", id, c)
		}
		seen[c]++
		top = max(top, c)
	}
	committed := int32(-1)
	for c, ks := range d.outcomes {
		if len(ks) > seen[c] {
			bad("%s: %d outcomes %q for %d deliveries with BackoutCount %d", id, len(ks), ks, seen[c], c)
		}
		for _, k := range ks {
			if k != GetCommitted {
				continue
			}
			if committed >= 0 {
				bad("%s: duplicate: consumed twice (MQCMIT returned OK after deliveries with BackoutCount %d and %d)", id, committed, c)
			}
			committed = max(committed, c)
		}
	}
	if committed >= 0 && top > committed {
		bad("%s: duplicate: delivered again (BackoutCount %d) after MQCMIT of its get (BackoutCount %d) returned OK", id, top, committed)
	}
	last := d.outcomes[top]
	var final Kind
	if len(last) > 0 {
		final = last[len(last)-1]
	}
	switch final {
	case GetCommitted, GetInDoubt:
	case GetRolledBack:
		bad("%s: lost: its last get (BackoutCount %d) was backed out but it was never delivered again", id, top)
	default:
		bad("%s: its last delivery (BackoutCount %d) has no outcome in the journal", id, top)
	}
}
