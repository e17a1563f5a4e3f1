package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Row is one scenario's figures.
type Row struct {
	Scenario   string  `json:"scenario"` // Scenario.ID
	Apps       string  `json:"apps"`     // Scenario.AppsLabel
	Persistent bool    `json:"persistent"`
	Rate       float64 `json:"msgs_per_s"` // messages moved per second
	// Runs are the rates of every round when there were several; Rate
	// and the other figures come from the median run.
	Runs []float64 `json:"runs_per_s,omitempty"`
	// PutRate is the putters' rate in a concurrent scenario, where Rate is
	// the getters'.
	PutRate float64       `json:"puts_per_s,omitempty"`
	P50     time.Duration `json:"p50_ns"`
	P99     time.Duration `json:"p99_ns"`
	Max     time.Duration `json:"max_ns"`
	Limit   LimitKind     `json:"limit"`
	// LimitRate is the limit's value in operations per second.
	LimitRate float64 `json:"limit_per_s"`
	Ratio     float64 `json:"ratio"`
	Target    float64 `json:"target,omitempty"`
	// Busy is the share of all CPUs busy during the window; AppCPU and
	// QMgrCPU are the applications' and the queue manager's CPU time per
	// message (0 when unknown).
	Busy float64 `json:"machine_busy"`
	// Other is the part of Busy not spent by the queue manager or the
	// applications: other programs and kernel threads. A large share means
	// the figures were disturbed.
	Other   float64       `json:"other_busy"`
	AppCPU  time.Duration `json:"app_cpu_per_msg_ns"`
	QMgrCPU time.Duration `json:"qmgr_cpu_per_msg_ns"`
	Error   string        `json:"error,omitempty"`
}

// Verdict is "met" or "missed" against the target, "-" without a target,
// and "failed" when the scenario could not run.
func (r Row) Verdict() string {
	switch {
	case r.Error != "":
		return "failed"
	case r.Target == 0:
		return "-"
	case r.Ratio >= r.Target:
		return "met"
	default:
		return "missed"
	}
}

// Report is a whole run.
type Report struct {
	QMgr    string        `json:"qmgr"`
	CPUs    int           `json:"cpus"`
	Size    int           `json:"message_bytes"`
	Warmup  time.Duration `json:"warmup_ns"`
	Window  time.Duration `json:"window_ns"`
	Rounds  int           `json:"rounds"`
	D       Limit         `json:"D"`
	E       Limit         `json:"E"`
	DDir    string        `json:"D_dir"`
	Rows    []Row         `json:"rows"`
	Started time.Time     `json:"started"`
}

// limitRate returns the value of limit k in this report.
func (rep *Report) limitRate(k LimitKind) float64 {
	switch k {
	case LimitD:
		return rep.D.Rate
	case LimitDHalf:
		return rep.D.Rate / 2
	case LimitE:
		return rep.E.Rate
	case LimitEHalf:
		return rep.E.Rate / 2
	}
	return 0
}

// compare fills a row's limit and ratio from the report's limits.
func (rep *Report) compare(r *Row) {
	r.LimitRate = rep.limitRate(r.Limit)
	r.Ratio = ratio(r.Rate, r.LimitRate)
}

// compareClients fills the limit of every client row from the row of the
// same scenario in bindings mode (0 when that one did not run).
func (rep *Report) compareClients(scenarios []Scenario) {
	rates := map[string]float64{}
	for _, r := range rep.Rows {
		if r.Error == "" {
			rates[r.Scenario] = r.Rate
		}
	}
	for i, s := range scenarios {
		if s.Client && i < len(rep.Rows) {
			r := &rep.Rows[i]
			r.LimitRate = rates[s.BindingsID()]
			r.Ratio = ratio(r.Rate, r.LimitRate)
		}
	}
}

// ratio is rate/limit, 0 when there is no limit.
func ratio(rate, limit float64) float64 {
	if limit <= 0 {
		return 0
	}
	return rate / limit
}

// WriteJSON writes the report as indented JSON.
func (rep *Report) WriteJSON(w io.Writer) error { return writeJSON(w, rep) }

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return nil
}

// disturbedShare is the share of the CPUs used by others above which the
// table warns that a figure was disturbed.
const disturbedShare = 0.10

// WriteTable writes the limits and one line per scenario.
func (rep *Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "mqbench: queue manager %s, %d-byte messages, %v windows after %v warm-up, %d CPUs\n",
		rep.QMgr, rep.Size, rep.Window, rep.Warmup, rep.CPUs)
	if rep.Rounds > 1 {
		fmt.Fprintf(&b, "%d rounds: each figure is the median run, with the lowest and highest rate in brackets\n", rep.Rounds)
	}
	fmt.Fprintf(&b, "D = %s syncs/s (4 KiB pwrite+fdatasync, preallocated file in %s; %s)\n",
		count(rep.D.Rate), rep.DDir, measures(rep.D.Measures))
	fmt.Fprintf(&b, "E = %s round trips/s (1 KiB each way, Unix socket, two processes; %s)\n",
		count(rep.E.Rate), measures(rep.E.Measures))
	if c := oneAppCeiling(rep.D.Rate, rep.E.Rate); c > 0 {
		fmt.Fprintf(&b, "one application waiting for each persistent put pays a sync and a round trip in turn: at most 1/(1/D+1/E) = %s/s = %.2fx D\n",
			count(c), c/rep.D.Rate)
	}
	b.WriteString("\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	width := len("scenario")
	for _, r := range rep.Rows {
		width = max(width, len(r.Scenario))
	}
	fmt.Fprintf(tw, "%-*s\tapps\tmsgs/s\tp50\tp99\tlimit\tratio\ttarget\tresult\tbusy\tother\tapp cpu/msg\tqm cpu/msg\t\n", width, "scenario")
	for _, r := range rep.Rows {
		fmt.Fprintln(tw, r.tableLine(width))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	var disturbed []string
	for _, r := range rep.Rows {
		if r.Error != "" {
			fmt.Fprintf(&b, "%s failed: %s\n", r.Scenario, r.Error)
		}
		if r.Other > disturbedShare {
			disturbed = append(disturbed, r.Scenario)
		}
	}
	if len(disturbed) > 0 {
		fmt.Fprintf(&b, "warning: other programs or kernel threads kept more than %.0f%% of the CPUs busy during %s\n",
			100*disturbedShare, strings.Join(disturbed, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// oneAppCeiling is the most put/persistent/1 can reach with limits d and
// e: each put waits for one log sync and one round trip, one after the
// other. 0 when either limit is unmeasured.
func oneAppCeiling(d, e float64) float64 {
	if d <= 0 || e <= 0 {
		return 0
	}
	return 1 / (1/d + 1/e)
}

// tableLine is a row's cells, tab-terminated for tabwriter.
// The scenario name is padded to width, so that it reads left-aligned.
func (r Row) tableLine(width int) string {
	target := "-"
	if r.Target > 0 {
		target = fmt.Sprintf(">=%.2fx", r.Target)
	}
	cells := []string{fmt.Sprintf("%-*s", width, r.Scenario), r.Apps, r.rateCell(), micros(r.P50), micros(r.P99),
		fmt.Sprintf("%s=%s", r.Limit, count(r.LimitRate)), fmt.Sprintf("%.2fx", r.Ratio), target, r.Verdict(),
		fmt.Sprintf("%.0f%%", 100*r.Busy), fmt.Sprintf("%.0f%%", 100*r.Other), micros(r.AppCPU), micros(r.QMgrCPU)}
	if r.Error != "" {
		for i := 2; i < len(cells); i++ {
			cells[i] = "-"
		}
		cells[8] = r.Verdict()
	}
	return strings.Join(cells, "\t") + "\t"
}

// rateCell is the rate, followed by the range of the runs when there
// were several: "5,336 (5,100-5,500)".
func (r Row) rateCell() string {
	if len(r.Runs) < 2 {
		return count(r.Rate)
	}
	return fmt.Sprintf("%s (%s-%s)", count(r.Rate), count(slices.Min(r.Runs)), count(slices.Max(r.Runs)))
}

// count formats a rate as a whole number with thousands separators.
func count(v float64) string {
	n := int64(v + 0.5)
	if v < 0 {
		n = int64(v - 0.5)
	}
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// micros formats a duration in microseconds: "135µs", "12.5µs", "1,250µs";
// "-" for zero.
func micros(d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	us := float64(d) / float64(time.Microsecond)
	if us < 100 {
		return fmt.Sprintf("%.1fµs", us)
	}
	return count(us) + "µs"
}

// measures lists the individual measurements of a limit.
func measures(ms []Measure) string {
	if len(ms) == 0 {
		return "not measured"
	}
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = fmt.Sprintf("%s/s p50 %s p99 %s", count(m.Rate), micros(m.P50), micros(m.P99))
	}
	return "runs: " + strings.Join(parts, "; ")
}
