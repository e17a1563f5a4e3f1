package bench

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gomqm/gomqm/mqi"
)

// Role is what one worker process does in its loop.
type Role string

// The worker roles.
const (
	RolePut    Role = "put"    // MQPUT, one after another
	RoleGet    Role = "get"    // MQGET with wait
	RolePutGet Role = "putget" // MQPUT then MQGET of the same message
)

// WorkerConfig is one application process's work.
type WorkerConfig struct {
	QMgr       string
	Queue      string
	Role       Role
	Persistent bool
	Size       int           // message length in bytes
	Warmup     time.Duration // loop before the measured window, not counted
	Window     time.Duration // the measured window
	MaxOps     int           // stop after this many verbs (or pairs) whatever the time
	// ConnName is host(port) of a listener to connect to as a client
	// through ClientChannel; "" connects in bindings mode.
	ConnName string
}

// ClientChannel is the SVRCONN channel client workers connect through.
const ClientChannel = "MQBENCH.SVRCONN"

// WorkerResult is what a worker reports: the operations that completed
// inside its measured window and their latencies. For RoleGet the latency
// is a message's time from just before its MQPUT to the return of the
// MQGET that received it.
type WorkerResult struct {
	Role     Role       `json:"role"`
	Ops      uint64     `json:"ops"`
	WindowNS int64      `json:"window_ns"`
	Latency  *Histogram `json:"latency"`
	// EmptyGets counts MQGETs that waited and found no message (2033).
	EmptyGets uint64 `json:"empty_gets,omitempty"`
	// CPUNS is the process's user+system CPU time over the window.
	CPUNS int64  `json:"cpu_ns"`
	Error string `json:"error,omitempty"`
}

// workerArgs returns the command line (after the program name) that runs
// cfg in a worker process.
func workerArgs(cfg WorkerConfig) []string {
	return []string{"worker",
		"-m", cfg.QMgr, "-q", cfg.Queue, "-role", string(cfg.Role),
		"-persistent=" + strconv.FormatBool(cfg.Persistent), "-size", strconv.Itoa(cfg.Size),
		"-warmup", cfg.Warmup.String(), "-d", cfg.Window.String(), "-maxops", strconv.Itoa(cfg.MaxOps),
		"-client", cfg.ConnName}
}

// parseWorkerArgs reads what workerArgs wrote (without "worker").
func parseWorkerArgs(args []string, stderr io.Writer) (WorkerConfig, error) {
	var cfg WorkerConfig
	var role string
	fs := flag.NewFlagSet("mqbench worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.QMgr, "m", "", "queue manager")
	fs.StringVar(&cfg.Queue, "q", "", "queue")
	fs.StringVar(&role, "role", "", "put, get or putget")
	fs.BoolVar(&cfg.Persistent, "persistent", false, "persistent messages")
	fs.IntVar(&cfg.Size, "size", 1024, "message length")
	fs.DurationVar(&cfg.Warmup, "warmup", time.Second, "warm-up")
	fs.DurationVar(&cfg.Window, "d", 5*time.Second, "measured window")
	fs.IntVar(&cfg.MaxOps, "maxops", defaultMaxOps, "operation bound")
	fs.StringVar(&cfg.ConnName, "client", "", "connect as a client to this host(port)")
	if err := fs.Parse(args); err != nil {
		return cfg, fmt.Errorf("bench: worker: %w", err)
	}
	cfg.Role = Role(role)
	switch {
	case cfg.Role != RolePut && cfg.Role != RoleGet && cfg.Role != RolePutGet:
		return cfg, fmt.Errorf("bench: worker: unknown role %q", role)
	case cfg.Queue == "" || cfg.Size < 0 || cfg.Window <= 0 || cfg.Warmup < 0 || cfg.MaxOps < 1:
		return cfg, errors.New("bench: worker: bad arguments")
	}
	return cfg, nil
}

// runWorker is "mqbench worker": connect and open, say "ready", read
// "go <unix ns>" from in, run the loop, write the result as one JSON line.
func runWorker(args []string, in io.Reader, out, stderr io.Writer) int {
	cfg, err := parseWorkerArgs(args, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	res, err := work(cfg, in, out)
	if err != nil {
		res.Error = err.Error()
	}
	if err := json.NewEncoder(out).Encode(res); err != nil {
		fmt.Fprintln(stderr, "mqbench worker:", err)
		return 1
	}
	if res.Error != "" {
		return 1
	}
	return 0
}

func work(cfg WorkerConfig, in io.Reader, out io.Writer) (WorkerResult, error) {
	res := WorkerResult{Role: cfg.Role, Latency: &Histogram{}}
	qm, err := connectWorker(cfg)
	if err != nil {
		return res, fmt.Errorf("connect to %q: %w", cfg.QMgr, err)
	}
	defer qm.Disc()
	obj, err := openFor(&qm, cfg)
	if err != nil {
		return res, err
	}
	defer obj.Close(0)
	if _, err := io.WriteString(out, readyLine+"\n"); err != nil {
		return res, err
	}
	start, err := readGo(in)
	if err != nil {
		return res, err
	}
	l := newLoop(cfg, obj)
	err = l.run(start, &res)
	return res, err
}

// connectWorker connects in bindings mode, or as a client through
// ClientChannel when cfg names a listener.
func connectWorker(cfg WorkerConfig) (mqi.MQQueueManager, error) {
	cno := mqi.NewMQCNO()
	cno.Options = mqi.MQCNO_LOCAL_BINDING
	if cfg.ConnName != "" {
		cd := mqi.NewMQCD()
		cd.ChannelName, cd.ConnectionName = ClientChannel, cfg.ConnName
		cno.Options, cno.ClientConn = mqi.MQCNO_CLIENT_BINDING, cd
	}
	return mqi.Connx(cfg.QMgr, cno)
}

// readyLine and goWord are the start handshake between mqbench and its
// workers.
const (
	readyLine = "ready"
	goWord    = "go"
)

// readGo waits for "go <unix ns>" and returns that instant as a time with
// a monotonic reading.
func readGo(in io.Reader) (time.Time, error) {
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil {
		return time.Time{}, fmt.Errorf("waiting for the start: %w", err)
	}
	f := strings.Fields(line)
	if len(f) != 2 || f[0] != goWord {
		return time.Time{}, fmt.Errorf("bad start line %q", line)
	}
	ns, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad start line %q", line)
	}
	return time.Now().Add(time.Until(time.Unix(0, ns))), nil
}

func openFor(qm *mqi.MQQueueManager, cfg WorkerConfig) (mqi.MQObject, error) {
	od := mqi.NewMQOD()
	od.ObjectName = cfg.Queue
	var opts int32
	switch cfg.Role {
	case RolePut:
		opts = mqi.MQOO_OUTPUT
	case RoleGet:
		opts = mqi.MQOO_INPUT_SHARED
	case RolePutGet:
		opts = mqi.MQOO_OUTPUT | mqi.MQOO_INPUT_SHARED
	}
	obj, err := qm.Open(od, opts)
	if err != nil {
		return obj, fmt.Errorf("open %s: %w", cfg.Queue, err)
	}
	return obj, nil
}

// stampLen is the size of the put time written at the start of a message
// whose length allows it, so that a getter can measure its journey.
const stampLen = 8

// loop is one worker's closed loop and the MQI structures it reuses.
type loop struct {
	cfg  WorkerConfig
	obj  mqi.MQObject
	data []byte
	buf  []byte
	md   *mqi.MQMD
	pmo  *mqi.MQPMO
	gmd  *mqi.MQMD
	gmo  *mqi.MQGMO
}

func newLoop(cfg WorkerConfig, obj mqi.MQObject) *loop {
	l := &loop{cfg: cfg, obj: obj, data: make([]byte, cfg.Size), buf: make([]byte, cfg.Size+1024)}
	for i := range l.data {
		l.data[i] = byte('A' + i%26)
	}
	l.md = mqi.NewMQMD()
	l.md.Persistence = mqi.MQPER_NOT_PERSISTENT
	if cfg.Persistent {
		l.md.Persistence = mqi.MQPER_PERSISTENT
	}
	l.pmo = mqi.NewMQPMO()
	l.pmo.Options = mqi.MQPMO_NO_SYNCPOINT | mqi.MQPMO_NEW_MSG_ID | mqi.MQPMO_FAIL_IF_QUIESCING
	l.gmd = mqi.NewMQMD()
	l.gmo = mqi.NewMQGMO()
	l.gmo.Options = mqi.MQGMO_NO_SYNCPOINT | mqi.MQGMO_FAIL_IF_QUIESCING
	l.gmo.MatchOptions = mqi.MQMO_NONE
	if cfg.Role == RolePutGet {
		l.gmo.MatchOptions = mqi.MQMO_MATCH_MSG_ID
	}
	return l
}

// run loops from start through the warm-up and the window, counting the
// operations that complete inside the window.
func (l *loop) run(start time.Time, res *WorkerResult) error {
	from := start.Add(l.cfg.Warmup)
	end := from.Add(l.cfg.Window)
	res.WindowNS = int64(l.cfg.Window)
	time.Sleep(time.Until(start))
	cpu0, measuring := int64(0), false
	for range l.cfg.MaxOps {
		now := time.Now()
		if !now.Before(end) {
			break
		}
		if !measuring && !now.Before(from) {
			cpu0, measuring = cpuTime(), true
		}
		lat, got, err := l.once(now, end)
		if err != nil {
			return err
		}
		done := time.Now()
		if !got {
			if !done.Before(from) && done.Before(end) {
				res.EmptyGets++
			}
			continue
		}
		if !done.Before(from) && done.Before(end) {
			res.Ops++
			res.Latency.Record(lat)
		}
	}
	if measuring {
		res.CPUNS = cpuTime() - cpu0
	}
	return nil
}

// once does one operation started at t0 and returns its latency and
// whether a message was moved (a waiting get may find none).
func (l *loop) once(t0, end time.Time) (time.Duration, bool, error) {
	switch l.cfg.Role {
	case RolePut:
		if err := l.put(); err != nil {
			return 0, false, err
		}
		return time.Since(t0), true, nil
	case RolePutGet:
		if err := l.put(); err != nil {
			return 0, false, err
		}
		copy(l.gmd.MsgId, l.md.MsgId)
		if _, _, err := l.obj.GetSlice(l.gmd, l.gmo, l.buf); err != nil {
			return 0, false, fmt.Errorf("get the message just put: %w", err)
		}
		return time.Since(t0), true, nil
	default:
		return l.get(t0, end)
	}
}

func (l *loop) put() error {
	if len(l.data) >= stampLen {
		binary.LittleEndian.PutUint64(l.data, uint64(time.Now().UnixNano()))
	}
	if err := l.obj.Put(l.md, l.pmo, l.data); err != nil {
		return fmt.Errorf("put: %w", err)
	}
	return nil
}

// maxGetWait bounds one MQGET's wait, so a getter notices the end of its
// window soon after it passes.
const maxGetWait = 200 * time.Millisecond

func (l *loop) get(t0, end time.Time) (time.Duration, bool, error) {
	wait := min(max(time.Until(end), time.Millisecond), maxGetWait)
	l.gmo.Options = mqi.MQGMO_NO_SYNCPOINT | mqi.MQGMO_FAIL_IF_QUIESCING | mqi.MQGMO_WAIT
	l.gmo.WaitInterval = int32(wait / time.Millisecond)
	data, _, err := l.obj.GetSlice(l.gmd, l.gmo, l.buf)
	if errors.Is(err, mqi.ErrNoMsgAvailable) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("get: %w", err)
	}
	if len(data) >= stampLen {
		put := time.Unix(0, int64(binary.LittleEndian.Uint64(data)))
		return time.Since(put), true, nil
	}
	return time.Since(t0), true, nil
}
