package qmgr

import (
	"sort"
	"strings"
	"time"

	"github.com/gomqm/gomqm/internal/objects"
)

// The queue manager is the executor's objects.ChannelRuntime: DISPLAY
// CHSTATUS shows the running SVRCONN instances (here) and the message
// channels (channels.go); STOP CHANNEL ends them and START CHANNEL starts
// a sender or lets a stopped channel accept its partners again.

// Channels implements objects.ChannelRuntime.
func (qm *QueueManager) Channels(saved bool) []objects.ChannelStatus {
	if saved {
		return qm.savedStatuses()
	}
	qm.chl.mu.Lock()
	insts := make([]*svrconnInstance, 0, len(qm.chl.instances))
	for inst := range qm.chl.instances {
		if inst.running.Load() {
			insts = append(insts, inst)
		}
	}
	qm.chl.mu.Unlock()
	out := make([]objects.ChannelStatus, 0, len(insts))
	for _, inst := range insts {
		out = append(out, inst.status())
	}
	out = append(out, qm.messageChannelStatuses(false)...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Channel != out[j].Channel {
			return out[i].Channel < out[j].Channel
		}
		return out[i].Started.Before(out[j].Started)
	})
	return out
}

// status is the instance's DISPLAY CHSTATUS record.
func (inst *svrconnInstance) status() objects.ChannelStatus {
	st := objects.ChannelStatus{
		Channel: inst.channel, ChlType: "SVRCONN", ConnName: inst.conname, Status: "RUNNING",
		SubState: "RECEIVE", Started: inst.started, Msgs: inst.msgs.Load(),
		BytsRcvd: inst.bytsRcvd.Load(), BufsRcvd: inst.bufsRcvd.Load(),
		HBInt: int(inst.limits.HeartbeatInterval), MaxMsgL: int(inst.limits.MaxMsgSize),
		MaxShCnv: int(inst.limits.ConvPerSocket), CurShCnv: 1,
	}
	st.BytsSent, st.BufsSent = inst.s.Sent()
	SetTLSStatus(&st, inst.tls)
	if inst.inGet.Load() {
		st.SubState = "MQGET"
	}
	if n := inst.lastMsg.Load(); n != 0 {
		st.LastMsg = time.Unix(0, n)
	}
	if u, ok := inst.user.Load().(string); ok {
		st.MCAUser = u
	}
	if a, ok := inst.applName.Load().(string); ok {
		st.RAppltag = a
	}
	if len(inst.product) >= 4 {
		st.RProduct, st.RVersion = inst.product[:4], inst.product[4:]
	}
	if inst.quiesce.Load() {
		st.Status = "STOPPING"
	}
	return st
}

// StartChannel implements objects.ChannelRuntime: a SVRCONN channel left
// STOPPED accepts clients again.
func (qm *QueueManager) StartChannel(def objects.Object) error {
	if def.String("CHLTYPE") != "SVRCONN" {
		return qm.startMessageChannel(def.Name)
	}
	qm.chl.mu.Lock()
	delete(qm.chl.stopped, def.Name)
	qm.chl.mu.Unlock()
	return nil
}

// StopChannel implements objects.ChannelRuntime. MODE(QUIESCE) ends each
// instance once its call in progress is answered (a sender: once the
// batch in flight is confirmed); FORCE and TERMINATE break the connection
// now, backing out a client's unit of work and leaving a sender's batch in
// doubt for the next start to resolve. Without a
// CONNAME or CLIENTID filter, STATUS(STOPPED) also refuses new clients
// until START CHANNEL.
func (qm *QueueManager) StopChannel(def objects.Object, req objects.StopChannel) error {
	if def.String("CHLTYPE") != "SVRCONN" {
		return qm.stopMessageChannel(def.Name, req.Status == "INACTIVE", req.Mode != "QUIESCE")
	}
	cs := qm.chl
	cs.mu.Lock()
	var hit []*svrconnInstance
	for inst := range cs.instances {
		if inst.channel != def.Name || !inst.running.Load() {
			continue
		}
		if req.ConnName != "" && !matchConnName(req.ConnName, inst.conname) {
			continue
		}
		if a, _ := inst.applName.Load().(string); req.ClientID != "" && req.ClientID != a {
			continue
		}
		hit = append(hit, inst)
	}
	wasStopped := cs.stopped[def.Name]
	if req.Status == "STOPPED" && req.ConnName == "" && req.ClientID == "" {
		cs.stopped[def.Name] = true
	}
	cs.mu.Unlock()
	if len(hit) == 0 && (wasStopped || req.ConnName != "" || req.ClientID != "" || req.Status != "STOPPED") {
		return objects.ErrNotRunning
	}
	for _, inst := range hit {
		inst.quiesce.Store(true)
		if req.Mode != "QUIESCE" || !inst.inCall.Load() {
			inst.nc.Close()
		}
	}
	return nil
}

// matchConnName compares STOP CHANNEL's CONNAME with an instance's
// address; a port in parentheses is ignored.
func matchConnName(want, have string) bool {
	if i := strings.IndexByte(want, '('); i >= 0 {
		want = want[:i]
	}
	return want == have
}

var _ objects.ChannelRuntime = (*QueueManager)(nil)

// quiesceAll ends every client instance as STOP CHANNEL MODE(QUIESCE)
// does: a controlled end of the queue manager does not wait for clients
// (IBM's endmqm -c and -w quiesce the server-connection channels).
func (cs *channelServer) quiesceAll() {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for inst := range cs.instances {
		if !inst.running.Load() {
			continue
		}
		inst.quiesce.Store(true)
		if !inst.inCall.Load() {
			inst.nc.Close()
		}
	}
}
