package bench

import (
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

// Channel scenarios: messages moved from one queue manager to another
// over a sender/receiver channel on 127.0.0.1 with BATCHSZ(50), measured
// at the receiving queue. The transmission queue is filled while the
// channel is stopped; the channel is then started and the rate is the
// number of messages that arrived over the time from the first arrival
// to the last. Each rate is compared with D measured in the same run
// (persistent messages: a batch needs a few syncs at each end, not one
// per message) or with a fixed rate (non-persistent).

// ChannelScenario is one channel measurement.
type ChannelScenario struct {
	Size       int
	Persistent bool
	Messages   int     // how many are moved
	TargetD    float64 // the rate should reach TargetD x D; 0 for none
	TargetRate float64 // the rate should reach this many per second; 0 for none
}

// ID names the scenario, e.g. "channel/persistent/1KiB".
func (s ChannelScenario) ID() string {
	p := "nonpersistent"
	if s.Persistent {
		p = "persistent"
	}
	return fmt.Sprintf("channel/%s/%dKiB", p, s.Size/1024)
}

// ChannelScenarios are the four measurements of the distributed-queuing
// requirements: 1 KiB and 64 KiB, persistent and non-persistent, with the
// targets persistent 1 KiB >= 3 x D and non-persistent 1 KiB >= 50,000
// messages/s.
func ChannelScenarios() []ChannelScenario {
	return []ChannelScenario{
		{Size: 1024, Persistent: true, Messages: 20000, TargetD: 3},
		{Size: 1024, Messages: 60000, TargetRate: 50000},
		{Size: 64 << 10, Persistent: true, Messages: 2000},
		{Size: 64 << 10, Messages: 2000},
	}
}

// SelectChannels returns the scenarios of all whose IDs expr names:
// "all" (or "targets"), or comma-separated IDs or prefixes such as
// "channel/nonpersistent".
func SelectChannels(all []ChannelScenario, expr string) ([]ChannelScenario, error) {
	if expr == "all" || expr == "targets" {
		return all, nil
	}
	var out []ChannelScenario
	for _, t := range strings.Split(expr, ",") {
		t = strings.TrimSpace(t)
		found := false
		for _, s := range all {
			if t != "" && strings.HasPrefix(s.ID(), t) && !slices.Contains(out, s) {
				out = append(out, s)
			}
			found = found || (t != "" && strings.HasPrefix(s.ID(), t))
		}
		if !found {
			return nil, fmt.Errorf("bench: no channel scenario named %q", t)
		}
	}
	return out, nil
}

// ChannelRow is the result of one channel scenario.
type ChannelRow struct {
	Scenario string  `json:"scenario"`
	Messages int     `json:"messages"`
	Rate     float64 `json:"per_s"`
	RatioD   float64 `json:"ratio_d"`
	Target   string  `json:"target,omitempty"`
	Met      *bool   `json:"met,omitempty"`
	Error    string  `json:"error,omitempty"`
}

// ChannelReport is a channel run: D before and after, and the rows.
type ChannelReport struct {
	D    Limit        `json:"d"`
	DDir string       `json:"d_dir"`
	Rows []ChannelRow `json:"rows"`
}

// Names of the channel run's objects.
const (
	chlSender   = "MQBENCH"
	chlReceiver = "MQBENCH2"
	chlName     = "MQBENCH.TO.MQBENCH2"
	chlRemoteQ  = "MQBENCH.REMOTE"
	chlTargetQ  = "MQBENCH.IN"
	// chlBound bounds the wait for one scenario's messages.
	chlBound = 3 * time.Minute
)

// RunChannels creates two temporary queue managers joined by a channel,
// measures D, runs the scenarios and measures D again.
func RunChannels(cfg Config, scenarios []ChannelScenario) (rep *ChannelReport, err error) {
	cfg.defaults()
	send, err := createTarget(cfg.Bin, cfg.TempParent, cfg.Environ)
	if err != nil {
		return nil, err
	}
	recv := &target{name: chlReceiver, bin: send.bin, env: send.env}
	defer func() {
		recv.command(nil, "endmqm", "-i", recv.name)
		for start := time.Now(); time.Since(start) < deleteBound; time.Sleep(100 * time.Millisecond) {
			if _, derr := recv.command(nil, "dltmqm", recv.name); derr == nil {
				break
			}
		}
		if cerr := send.close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	if _, err := recv.command(nil, "crtmqm", recv.name); err != nil {
		return nil, err
	}
	if _, err := recv.command(nil, "strmqm", recv.name); err != nil {
		return nil, err
	}
	port, err := freeLoopbackPort()
	if err != nil {
		return nil, err
	}
	if err := recv.mqsc(
		fmt.Sprintf("DEFINE LISTENER(MQBENCH.TCP) TRPTYPE(TCP) PORT(%d) IPADDR(127.0.0.1) CONTROL(QMGR)", port),
		"START LISTENER(MQBENCH.TCP)",
		"DEFINE CHANNEL("+chlName+") CHLTYPE(RCVR)"); err != nil {
		return nil, err
	}
	if err := send.mqsc(
		fmt.Sprintf("DEFINE QLOCAL(%s) USAGE(XMITQ) MAXDEPTH(%d)", chlReceiver, maxDepth),
		fmt.Sprintf("DEFINE QREMOTE(%s) RNAME(%s) RQMNAME(%s) XMITQ(%s)", chlRemoteQ, chlTargetQ, chlReceiver, chlReceiver),
		fmt.Sprintf("DEFINE CHANNEL(%s) CHLTYPE(SDR) CONNAME('127.0.0.1(%d)') XMITQ(%s) BATCHSZ(50)", chlName, port, chlReceiver)); err != nil {
		return nil, err
	}
	// The puts and the depth inquiries are made from this process.
	restore := setenvFor("MQ_OVERRIDE_DATA_PATH", send.temp)
	defer restore()

	rep = &ChannelReport{DDir: send.logDir}
	measureD := func() error {
		cfg.progress("measuring D in %s", send.logDir)
		m, err := MeasureD(send.logDir, cfg.LimitWindow, dMaxOps)
		if err != nil {
			return err
		}
		rep.D.add(m)
		return nil
	}
	if err := measureD(); err != nil {
		return nil, err
	}
	for _, s := range scenarios {
		cfg.progress("running %s (%d messages)", s.ID(), s.Messages)
		row := ChannelRow{Scenario: s.ID(), Messages: s.Messages}
		rate, err := runChannelScenario(send, recv, s)
		if err != nil {
			row.Error = err.Error()
		}
		row.Rate = rate
		rep.Rows = append(rep.Rows, row)
	}
	if err := measureD(); err != nil {
		return nil, err
	}
	for i, s := range scenarios {
		r := &rep.Rows[i]
		r.RatioD = ratio(r.Rate, rep.D.Rate)
		var met bool
		switch {
		case s.TargetD > 0:
			r.Target, met = fmt.Sprintf(">= %g x D", s.TargetD), r.RatioD >= s.TargetD
		case s.TargetRate > 0:
			r.Target, met = fmt.Sprintf(">= %s/s", count(s.TargetRate)), r.Rate >= s.TargetRate
		default:
			continue
		}
		if r.Error == "" {
			r.Met = &met
		}
	}
	return rep, nil
}

// runChannelScenario fills the transmission queue with the channel
// stopped, starts the channel and times the arrivals at the receiving
// queue (from the first arrival to the last); it returns messages per
// second.
func runChannelScenario(send, recv *target, s ChannelScenario) (float64, error) {
	if err := recv.mqsc(fmt.Sprintf("DEFINE QLOCAL(%s) MAXDEPTH(%d) REPLACE", chlTargetQ, maxDepth), "CLEAR QLOCAL("+chlTargetQ+")"); err != nil {
		return 0, err
	}
	if err := fillRemote(send.name, s); err != nil {
		return 0, err
	}
	qm, err := mqi.Conn(recv.name)
	if err != nil {
		return 0, fmt.Errorf("bench: MQCONN %s: %w", recv.name, err)
	}
	defer qm.Disc()
	od := mqi.NewMQOD()
	od.ObjectName = chlTargetQ
	obj, err := qm.Open(od, mqi.MQOO_INQUIRE)
	if err != nil {
		return 0, fmt.Errorf("bench: MQOPEN %s: %w", chlTargetQ, err)
	}
	defer obj.Close(0)
	if err := send.mqsc("START CHANNEL(" + chlName + ")"); err != nil {
		return 0, err
	}
	defer stopChannel(send)
	// A batch that is all there at the first look is timed from the
	// start of the channel.
	first, firstDepth := time.Now(), 0
	seen := false
	deadline := time.Now().Add(chlBound)
	for time.Now().Before(deadline) {
		v, err := obj.Inq([]int32{mqi.MQIA_CURRENT_Q_DEPTH})
		if err != nil {
			return 0, fmt.Errorf("bench: MQINQ %s: %w", chlTargetQ, err)
		}
		depth, _ := v[mqi.MQIA_CURRENT_Q_DEPTH].(int32)
		now := time.Now()
		if int(depth) >= s.Messages {
			return float64(s.Messages-firstDepth) / now.Sub(first).Seconds(), nil
		}
		if depth > 0 && !seen {
			first, firstDepth, seen = now, int(depth), true
		}
		time.Sleep(2 * time.Millisecond)
	}
	return 0, fmt.Errorf("bench: %d messages did not arrive within %v", s.Messages, chlBound)
}

// fillRemote puts the scenario's messages to the remote queue at qmgr
// (onto the transmission queue) in units of work of 50.
func fillRemote(qmgr string, s ChannelScenario) error {
	qm, err := mqi.Conn(qmgr)
	if err != nil {
		return fmt.Errorf("bench: MQCONN %s: %w", qmgr, err)
	}
	defer qm.Disc()
	od := mqi.NewMQOD()
	od.ObjectName = chlRemoteQ
	obj, err := qm.Open(od, mqi.MQOO_OUTPUT)
	if err != nil {
		return fmt.Errorf("bench: MQOPEN %s: %w", chlRemoteQ, err)
	}
	defer obj.Close(0)
	body := make([]byte, s.Size)
	for i := range body {
		body[i] = byte('a' + i%26)
	}
	for i := range s.Messages {
		md := mqi.NewMQMD()
		md.Persistence = mqi.MQPER_NOT_PERSISTENT
		if s.Persistent {
			md.Persistence = mqi.MQPER_PERSISTENT
		}
		pmo := mqi.NewMQPMO()
		pmo.Options = mqi.MQPMO_SYNCPOINT
		if err := obj.Put(md, pmo, body); err != nil {
			return fmt.Errorf("bench: MQPUT %d: %w", i+1, err)
		}
		if i%50 == 49 || i == s.Messages-1 {
			if err := qm.Cmit(); err != nil {
				return fmt.Errorf("bench: MQCMIT: %w", err)
			}
		}
	}
	return nil
}

// stopChannel stops the sender and waits (bounded) until it has stopped.
func stopChannel(send *target) {
	send.mqsc("STOP CHANNEL(" + chlName + ")")
	for start := time.Now(); time.Since(start) < 30*time.Second; time.Sleep(50 * time.Millisecond) {
		out, _ := send.command([]byte("DISPLAY CHSTATUS("+chlName+") STATUS\n"), "runmqsc", send.name)
		if !strings.Contains(out, "STATUS(RUNNING)") && !strings.Contains(out, "STATUS(STOPPING)") {
			return
		}
	}
}

func freeLoopbackPort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("bench: a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// setenvFor sets an environment variable of this process and returns a
// function that puts the old value back.
func setenvFor(key, value string) func() {
	old, had := os.LookupEnv(key)
	os.Setenv(key, value)
	return func() {
		if had {
			os.Setenv(key, old)
		} else {
			os.Unsetenv(key)
		}
	}
}

// WriteTable writes the channel report as a table.
func (rep *ChannelReport) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Channel scenarios: sender -> receiver on 127.0.0.1, BATCHSZ(50), measured at the receiving queue\n")
	fmt.Fprintf(&b, "D = %s/s (4 KiB overwrite+fdatasync in %s; %s)\n\n", count(rep.D.Rate), rep.DDir, measures(rep.D.Measures))
	fmt.Fprintf(&b, "%-28s %9s %10s %10s %-12s %s\n", "scenario", "messages", "msgs/s", "x D", "target", "verdict")
	for _, r := range rep.Rows {
		verdict := "-"
		switch {
		case r.Error != "":
			verdict = "FAILED: " + r.Error
		case r.Met != nil && *r.Met:
			verdict = "met"
		case r.Met != nil:
			verdict = "MISSED"
		}
		fmt.Fprintf(&b, "%-28s %9d %10s %10.2f %-12s %s\n", r.Scenario, r.Messages, count(r.Rate), r.RatioD, r.Target, verdict)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as indented JSON.
func (rep *ChannelReport) WriteJSON(w io.Writer) error { return writeJSON(w, rep) }

// mainChannels is Main for -channels.
func mainChannels(cfg Config, asJSON bool, env *Env) int {
	if cfg.QMgr != "" {
		fmt.Fprintln(env.Stderr, "mqbench: -channels makes its own two queue managers; -m is not used with it")
		return 2
	}
	rep, err := RunChannels(cfg, cfg.ChannelSelect)
	if err != nil {
		fmt.Fprintln(env.Stderr, "mqbench:", err)
		return 1
	}
	failed := false
	for _, r := range rep.Rows {
		failed = failed || r.Error != ""
	}
	return printReport(env, rep, asJSON, failed)
}
