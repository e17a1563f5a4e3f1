package qmgr

import (
	"errors"
	"fmt"
	"net"
	"os"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/errlog"
	"github.com/gomqm/gomqm/internal/objects"
)

// DefaultPort is the TCP port of a listener defined with PORT(0), as on
// IBM MQ.
const DefaultPort = 1414

// AdhocListenerPrefix starts the name of a listener that runmqlsr starts
// without a definition: RUNMQLSR.<port>.
const AdhocListenerPrefix = "RUNMQLSR."

// channelServer runs the queue manager's TCP listeners and the channel
// instances they accept. mu guards every map; a listener's goroutine and
// each connection's goroutine are started with QueueManager.wg.
type channelServer struct {
	qm       *QueueManager
	messages MessageChannelHandler

	mu        sync.Mutex
	listeners map[string]*tcpListener
	instances map[*svrconnInstance]struct{}
	stopped   map[string]bool // SVRCONN channels STOP CHANNEL left STOPPED
}

// tcpListener is one running listener, or one started with the queue
// manager that is retrying a port it could not bind (ln nil, status
// RETRYING). ln and status are guarded by channelServer.mu.
type tcpListener struct {
	ln     net.Listener
	status objects.ListenerStatus
	owner  int           // runmqlsr's process: the listener ends with it; 0 none
	closed chan struct{} // closed when the accept loop has ended
	cancel chan struct{} // closed by stop while the port is retried
	kick   chan struct{} // START LISTENER while retrying: try again now
}

// Bind retries of a listener started with the queue manager: the first
// after bindRetryFirst, each later one twice as late, up to bindRetryMax.
const (
	bindRetryFirst = time.Second
	bindRetryMax   = 30 * time.Second
)

func newChannelServer(qm *QueueManager, h MessageChannelHandler) *channelServer {
	if h == nil {
		h = qm.receiveChannel
	}
	return &channelServer{
		qm: qm, messages: h,
		listeners: map[string]*tcpListener{},
		instances: map[*svrconnInstance]struct{}{},
		stopped:   map[string]bool{},
	}
}

// startAutomatic starts the listeners defined with CONTROL(QMGR) or
// CONTROL(STARTONLY) as the queue manager starts. One that cannot bind
// its port is logged (AMQ9218E), shows STATUS(RETRYING) in DISPLAY
// LSSTATUS and keeps trying the port; the queue manager goes on.
func (cs *channelServer) startAutomatic() {
	defs, err := objects.LoadAll(cs.qm.store, objects.TypeListener)
	if err != nil {
		cs.qm.logFailure("start listeners", err)
		return
	}
	for i := range defs {
		switch defs[i].String("CONTROL") {
		case "QMGR", "STARTONLY":
			_ = cs.start(&defs[i], true)
		}
	}
}

// start binds and runs a listener from its definition; with retry, a
// port it cannot bind is tried again until it binds or the listener is
// stopped.
func (cs *channelServer) start(def *objects.Object, retry bool) error {
	port, _ := def.Int("PORT")
	if port == 0 {
		port = DefaultPort
	}
	backlog, _ := def.Int("BACKLOG")
	return cs.listen(objects.ListenerStatus{
		Name: def.Name, Descr: def.String("DESCR"), TrpType: "TCP", Control: def.String("CONTROL"),
		IPAddr: def.String("IPADDR"), Port: port, Backlog: backlog,
	}, retry)
}

// listen binds st's address and starts its accept loop. A port it
// cannot bind is logged with AMQ9218E; with retry the listener stays,
// RETRYING, and a goroutine tries the port again.
func (cs *channelServer) listen(st objects.ListenerStatus, retry bool) error {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if l, ok := cs.listeners[st.Name]; ok {
		if l.ln == nil && l.kick != nil {
			// START LISTENER of a listener that is retrying its port:
			// accepted, and the port is tried at once.
			select {
			case l.kick <- struct{}{}:
			default:
			}
			return nil
		}
		return objects.ErrInUse
	}
	select {
	case <-cs.qm.quit:
		return ErrEnding
	default:
	}
	if st.Backlog == 0 {
		st.Backlog = 100 // what IBM shows for BACKLOG(0)
	}
	owner := st.PID
	st.PID, st.Started = os.Getpid(), time.Now()
	if owner > 0 {
		st.PID = owner // DISPLAY LSSTATUS shows runmqlsr's process, as IBM's
	}
	addr := net.JoinHostPort(st.IPAddr, strconv.Itoa(st.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		cs.qm.writeLog(errlog.Entry{ID: amqmsg.AMQ9218E, Inserts: []string{strconv.Itoa(st.Port), st.Name, err.Error()}})
		lerr := &objects.ListenerError{ID: amqmsg.AMQ9218E, Inserts: []string{strconv.Itoa(st.Port)}, Err: err}
		if !retry {
			return lerr
		}
		st.Status, st.Reason = "RETRYING", amqmsg.Format(lerr.ID, lerr.Inserts...)
		l := &tcpListener{status: st, owner: owner, closed: make(chan struct{}),
			cancel: make(chan struct{}), kick: make(chan struct{}, 1)}
		cs.listeners[st.Name] = l
		cs.qm.wg.Add(1)
		go func() {
			defer cs.qm.wg.Done()
			defer close(l.closed)
			if cs.retryBind(l, addr) {
				cs.acceptLoop(l)
			}
		}()
		return nil
	}
	st.Status = "RUNNING"
	l := &tcpListener{ln: ln, status: st, owner: owner, closed: make(chan struct{})}
	cs.listeners[st.Name] = l
	cs.qm.wg.Add(1)
	go func() {
		defer cs.qm.wg.Done()
		defer close(l.closed)
		cs.acceptLoop(l)
	}()
	if owner > 0 {
		cs.qm.wg.Add(1)
		go func() {
			defer cs.qm.wg.Done()
			cs.watchOwner(l)
		}()
	}
	return nil
}

// retryBind tries addr for listener l, on the bindRetry schedule or at
// once when START LISTENER kicks it, until it binds (true: l is RUNNING)
// or l is stopped or the queue manager ends (false).
func (cs *channelServer) retryBind(l *tcpListener, addr string) bool {
	delay := bindRetryFirst
	t := time.NewTimer(delay)
	defer t.Stop()
	for {
		select {
		case <-cs.qm.quit:
			return false
		case <-l.cancel:
			return false
		case <-l.kick:
		case <-t.C:
			delay = min(delay*2, bindRetryMax)
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			if !t.Stop() {
				select {
				case <-t.C:
				default:
				}
			}
			t.Reset(delay)
			continue
		}
		cs.mu.Lock()
		if cs.listeners[l.status.Name] != l {
			cs.mu.Unlock() // stopped while binding
			ln.Close()
			return false
		}
		l.ln = ln
		l.status.Status, l.status.Reason, l.status.Started = "RUNNING", "", time.Now()
		cs.mu.Unlock()
		return true
	}
}

// ownerPoll is how often a runmqlsr listener checks that its process runs.
const ownerPoll = 500 * time.Millisecond

// watchOwner stops listener l once the runmqlsr process that asked for it
// has gone (ended, or killed without a chance to stop it), so that a
// listener never outlives its command. It returns when l closes.
func (cs *channelServer) watchOwner(l *tcpListener) {
	tick := time.NewTicker(ownerPoll)
	defer tick.Stop()
	for {
		select {
		case <-l.closed:
			return
		case <-tick.C:
			if processAlive(l.owner) {
				continue
			}
			cs.mu.Lock()
			if cs.listeners[l.status.Name] == l {
				delete(cs.listeners, l.status.Name)
			}
			cs.mu.Unlock()
			l.ln.Close()
			return
		}
	}
}

// processAlive reports whether process pid exists (one of another user's
// counts too).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// acceptLoop accepts TCP connections until the listener closes, backing
// off on temporary errors.
func (cs *channelServer) acceptLoop(l *tcpListener) {
	delay := 5 * time.Millisecond
	for {
		nc, err := l.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				cs.forget(l)
				return
			}
			time.Sleep(delay)
			delay = min(delay*2, time.Second)
			continue
		}
		delay = 5 * time.Millisecond
		cs.qm.wg.Add(1)
		go func() {
			defer cs.qm.wg.Done()
			cs.serveTCP(nc, l.status.Name)
		}()
	}
}

// forget removes a listener whose socket has closed.
func (cs *channelServer) forget(l *tcpListener) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.listeners[l.status.Name] == l {
		delete(cs.listeners, l.status.Name)
	}
}

// stop closes a running listener; the channels it accepted go on.
func (cs *channelServer) stop(name string) error {
	cs.mu.Lock()
	l, ok := cs.listeners[name]
	delete(cs.listeners, name)
	cs.mu.Unlock()
	if !ok {
		return objects.ErrNotRunning
	}
	return l.close()
}

// close ends l: its socket, or its bind retries. The caller holds cs.mu
// or has removed l from cs.listeners under it.
func (l *tcpListener) close() error {
	if l.ln == nil {
		close(l.cancel)
		return nil
	}
	return l.ln.Close()
}

// closeListeners stops every listener (the queue manager is ending).
func (cs *channelServer) closeListeners() {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for name, l := range cs.listeners {
		l.close()
		delete(cs.listeners, name)
	}
}

// StartListener implements objects.ChannelRuntime.
func (qm *QueueManager) StartListener(name string) error {
	def, ok, err := objects.Load(qm.store, objects.TypeListener, name)
	if err != nil {
		return fmt.Errorf("qmgr: load listener %s: %w", name, err)
	}
	if !ok {
		return objects.ErrNotRunning
	}
	return qm.chl.start(&def, false)
}

// StopListener implements objects.ChannelRuntime.
func (qm *QueueManager) StopListener(name string) error { return qm.chl.stop(name) }

// Listeners implements objects.ChannelRuntime.
func (qm *QueueManager) Listeners() []objects.ListenerStatus {
	qm.chl.mu.Lock()
	defer qm.chl.mu.Unlock()
	out := make([]objects.ListenerStatus, 0, len(qm.chl.listeners))
	for _, l := range qm.chl.listeners {
		out = append(out, l.status)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// StartAdhocListener starts a listener with no definition, as runmqlsr
// does: named RUNMQLSR.<port>, on ip (blank: every address); it ends when
// process owner does (0: when it is stopped).
func (qm *QueueManager) StartAdhocListener(ip string, port, backlog, owner int) (string, error) {
	if port == 0 {
		port = DefaultPort
	}
	name := AdhocListenerPrefix + strconv.Itoa(port)
	return name, qm.chl.listen(objects.ListenerStatus{
		Name: name, TrpType: "TCP", Control: "MANUAL", IPAddr: ip, Port: port, Backlog: backlog, PID: owner,
	}, false)
}

// StopAllListeners stops every running listener (endmqlsr) and returns
// how many there were.
func (qm *QueueManager) StopAllListeners() int {
	qm.chl.mu.Lock()
	n := len(qm.chl.listeners)
	qm.chl.mu.Unlock()
	qm.chl.closeListeners()
	return n
}

// writeLog writes a prepared entry to the error log.
func (qm *QueueManager) writeLog(e errlog.Entry) {
	if qm.log == nil {
		return
	}
	_ = qm.log.Write(e)
}
