package objects

import (
	"maps"
	"strconv"
	"strings"
	"time"
)

// QMgrOptions are the crtmqm options that shape the QMGR object.
// The zero value of each field means IBM's default.
type QMgrOptions struct {
	Description string // -c: DESCR
	DeadQ       string // -u: DEADQ (the queue itself is not created)
	DefXmitQ    string // -d: DEFXMITQ
	MaxHandles  int    // -h: MAXHANDS; 0 means 256
	TrigInt     int    // -t: TRIGINT in ms; 0 means 999999999 unless TrigIntSet
	TrigIntSet  bool   // TrigInt was given (so that -t 0 is possible)
	MaxUMsgs    int    // -x: MAXUMSGS; 0 means 10000
	CCSID       int    // CCSID; 0 means 1208
	Platform    string // PLATFORM; "" means UNIX
	// SSLKeyRepository is SSLKEYR: <data dir>/qmgrs/<dir>/ssl/key. "" means
	// /var/mqm/qmgrs/<name>/ssl/key.
	SSLKeyRepository string
	Created          time.Time // CRDATE, CRTIME and QMID; zero means time.Now()
}

// Fixed facts of this queue manager level (IBM MQ 9.4.0).
const (
	CommandLevel = "940"
	Version      = "09040000"
	CommandQueue = "SYSTEM.ADMIN.COMMAND.QUEUE"
)

// Date and time layouts of CRDATE/CRTIME, ALTDATE/ALTTIME.
const (
	dateLayout = "2006-01-02"
	timeLayout = "15.04.05"
)

// DefaultObjects returns everything crtmqm creates for a new queue
// manager: the QMGR object first, then the SYSTEM queues, channels,
// listener, process, namelists, services, authentication-information
// objects, topics and communication-information object, with IBM's
// attributes. crtmqm reports len(result) as "Default objects statistics :
// N created".
func DefaultObjects(qmgrName string, opts QMgrOptions) []Object {
	created := opts.Created
	if created.IsZero() {
		created = time.Now()
	}
	out := []Object{qmgrObject(qmgrName, opts)}
	out[0].Attrs["QMID"] = qmgrName + "_" + created.Format(dateLayout) + "_" + created.Format(timeLayout)
	stamp(out[0].Attrs, TypeQMgr, created, true)
	for _, d := range systemObjects {
		attrs := builtinDefaults(d.typ, d.sub)
		for k, v := range d.attrs {
			attrs[k] = v
		}
		stamp(attrs, d.typ, created, true)
		out = append(out, Object{Type: d.typ, Name: d.name, Attrs: attrs})
	}
	return out
}

// stamp sets ALTDATE/ALTTIME, and CRDATE/CRTIME when the type has them
// and create is set.
func stamp(attrs map[string]string, typ string, t time.Time, create bool) {
	d, tm := t.Format(dateLayout), t.Format(timeLayout)
	s := schemaOf(typ)
	if _, ok := s.attr("ALTDATE"); ok {
		attrs["ALTDATE"], attrs["ALTTIME"] = d, tm
	}
	if _, ok := s.attr("CRDATE"); ok && create {
		attrs["CRDATE"], attrs["CRTIME"] = d, tm
	}
}

// qmgrObject builds the QMGR object from the crtmqm options, without
// its creation stamps and QMID.
func qmgrObject(name string, opts QMgrOptions) Object {
	attrs := builtinDefaults(TypeQMgr, "")
	attrs["CERTLABL"] = "ibmwebspheremq" + strings.ToLower(name)
	attrs["SSLKEYR"] = opts.SSLKeyRepository
	if attrs["SSLKEYR"] == "" {
		attrs["SSLKEYR"] = "/var/mqm/qmgrs/" + name + "/ssl/key"
	}
	attrs["DESCR"] = opts.Description
	attrs["DEADQ"] = opts.DeadQ
	attrs["DEFXMITQ"] = opts.DefXmitQ
	setInt(attrs, "MAXHANDS", opts.MaxHandles, opts.MaxHandles != 0)
	setInt(attrs, "TRIGINT", opts.TrigInt, opts.TrigIntSet || opts.TrigInt != 0)
	setInt(attrs, "MAXUMSGS", opts.MaxUMsgs, opts.MaxUMsgs != 0)
	setInt(attrs, "CCSID", opts.CCSID, opts.CCSID != 0)
	platform := opts.Platform
	if platform == "" {
		platform = "UNIX"
	}
	maps.Copy(attrs, map[string]string{
		"ADVCAP": "ENABLED", "AMQPCAP": "NO", "CMDLEVEL": CommandLevel, "COMMANDQ": CommandQueue,
		"DISTL": "YES", "MAXPRTY": "9", "PLATFORM": platform, "SPLCAP": "DISABLED",
		"SYNCPT": "SYNCPT", "VERSION": Version, "XRCAP": "NO",
	})
	return Object{Type: TypeQMgr, Name: name, Attrs: attrs}
}

func setInt(attrs map[string]string, kw string, v int, set bool) {
	if set {
		attrs[kw] = strconv.Itoa(v)
	}
}

// sysObject is one entry of the crtmqm object list: attributes that
// differ from builtinDefaults of its type.
type sysObject struct {
	typ, sub, name string
	attrs          map[string]string
}

// Attribute sets shared by several system objects.
var (
	tempdyn = map[string]string{"DEFTYPE": "TEMPDYN"}
	persist = map[string]string{"DEFPSIST": "YES"}
)

func q(name string, attrs map[string]string) sysObject {
	return sysObject{typ: TypeQLocal, name: name, attrs: attrs}
}

func model(name string, attrs map[string]string) sysObject {
	return sysObject{typ: TypeQModel, name: name, attrs: attrs}
}

func chl(sub, name string, attrs map[string]string) sysObject {
	return sysObject{typ: TypeChannel, sub: sub, name: name, attrs: attrs}
}

func topic(name, str string, attrs map[string]string) sysObject {
	a := map[string]string{"TOPICSTR": str}
	maps.Copy(a, attrs)
	return sysObject{typ: TypeTopic, name: name, attrs: a}
}

// baseTopic holds the concrete values of SYSTEM.BASE.TOPIC, the root
// that ASPARENT attributes of every other topic resolve to.
var baseTopic = map[string]string{
	"CAPEXPRY": "NOLIMIT", "DEFPRESP": "SYNC", "DEFPRTY": "0", "DEFPSIST": "NO", "DURSUB": "YES",
	"MCAST": "DISABLED", "MDURMDL": "SYSTEM.DURABLE.MODEL.QUEUE", "MNDURMDL": "SYSTEM.NDURABLE.MODEL.QUEUE",
	"NPMSGDLV": "ALLAVAIL", "PMSGDLV": "ALLDUR", "PUB": "ENABLED", "PUBSCOPE": "ALL",
	"SUB": "ENABLED", "SUBSCOPE": "ALL", "USEDLQ": "YES", "COMMINFO": "SYSTEM.DEFAULT.COMMINFO.MULTICAST",
	"DESCR": "Base topic for resolving attributes",
}

// systemObjects is what crtmqm creates besides the QMGR object
// (ibm-mq-surface.md §4).
var systemObjects = []sysObject{
	q("SYSTEM.ADMIN.ACCOUNTING.QUEUE", nil),
	q("SYSTEM.ADMIN.ACTIVITY.QUEUE", nil),
	q("SYSTEM.ADMIN.CHANNEL.EVENT", nil),
	q("SYSTEM.ADMIN.COMMAND.EVENT", nil),
	q("SYSTEM.ADMIN.COMMAND.QUEUE", map[string]string{"MAXDEPTH": "3000"}),
	q("SYSTEM.ADMIN.CONFIG.EVENT", nil),
	q("SYSTEM.ADMIN.LOGGER.EVENT", nil),
	q("SYSTEM.ADMIN.PERFM.EVENT", nil),
	q("SYSTEM.ADMIN.PUBSUB.EVENT", nil),
	q("SYSTEM.ADMIN.QMGR.EVENT", nil),
	q("SYSTEM.ADMIN.STATISTICS.QUEUE", nil),
	q("SYSTEM.ADMIN.TRACE.ACTIVITY.QUEUE", nil),
	q("SYSTEM.ADMIN.TRACE.ROUTE.QUEUE", nil),
	q("SYSTEM.AUTH.DATA.QUEUE", persist),
	q("SYSTEM.BROKER.ADMIN.STREAM", nil),
	q("SYSTEM.BROKER.DEFAULT.STREAM", nil),
	q("SYSTEM.BROKER.DEFAULT.SUBPOINT", nil),
	q("SYSTEM.CHANNEL.INITQ", nil),
	q("SYSTEM.CHANNEL.SYNCQ", persist),
	q("SYSTEM.CHLAUTH.DATA.QUEUE", persist),
	q("SYSTEM.CICS.INITIATION.QUEUE", nil),
	q("SYSTEM.CLUSTER.COMMAND.QUEUE", nil),
	q("SYSTEM.CLUSTER.HISTORY.QUEUE", nil),
	q("SYSTEM.CLUSTER.REPOSITORY.QUEUE", persist),
	model("SYSTEM.CLUSTER.TRANSMIT.MODEL.QUEUE", map[string]string{"DEFTYPE": "PERMDYN", "USAGE": "XMITQ"}),
	q("SYSTEM.CLUSTER.TRANSMIT.QUEUE", map[string]string{"USAGE": "XMITQ", "MAXDEPTH": "999999999"}),
	q("SYSTEM.DDELAY.LOCAL.QUEUE", nil),
	q("SYSTEM.DEAD.LETTER.QUEUE", nil),
	{typ: TypeQAlias, name: "SYSTEM.DEFAULT.ALIAS.QUEUE"},
	q("SYSTEM.DEFAULT.INITIATION.QUEUE", nil),
	q("SYSTEM.DEFAULT.LOCAL.QUEUE", nil),
	model("SYSTEM.DEFAULT.MODEL.QUEUE", tempdyn),
	{typ: TypeQRemote, name: "SYSTEM.DEFAULT.REMOTE.QUEUE"},
	model("SYSTEM.DURABLE.MODEL.QUEUE", map[string]string{"DEFTYPE": "PERMDYN", "DEFPSIST": "YES"}),
	q("SYSTEM.DURABLE.SUBSCRIBER.QUEUE", persist),
	q("SYSTEM.HIERARCHY.STATE", persist),
	q("SYSTEM.INTER.QMGR.CONTROL", nil),
	q("SYSTEM.INTER.QMGR.FANREQ", nil),
	q("SYSTEM.INTER.QMGR.PUBS", nil),
	q("SYSTEM.INTERNAL.REPLY.QUEUE", nil),
	model("SYSTEM.JMS.TEMPQ.MODEL", tempdyn),
	model("SYSTEM.MQEXPLORER.REPLY.MODEL", tempdyn),
	model("SYSTEM.MQSC.REPLY.QUEUE", tempdyn),
	model("SYSTEM.NDURABLE.MODEL.QUEUE", tempdyn),
	q("SYSTEM.PENDING.DATA.QUEUE", persist),
	q("SYSTEM.PROTECTION.ERROR.QUEUE", nil),
	q("SYSTEM.PROTECTION.POLICY.QUEUE", persist),
	q("SYSTEM.RETAINED.PUB.QUEUE", persist),
	q("SYSTEM.SELECTION.EVALUATION.QUEUE", nil),
	q("SYSTEM.SELECTION.VALIDATION.QUEUE", nil),

	chl("RCVR", "SYSTEM.AUTO.RECEIVER", map[string]string{"DESCR": "Auto-defined by"}),
	chl("SVRCONN", "SYSTEM.AUTO.SVRCONN", map[string]string{"DESCR": "Auto-defined by"}),
	chl("AMQP", "SYSTEM.DEF.AMQP", nil),
	chl("CLNTCONN", "SYSTEM.DEF.CLNTCONN", nil),
	chl("CLUSRCVR", "SYSTEM.DEF.CLUSRCVR", nil),
	chl("CLUSSDR", "SYSTEM.DEF.CLUSSDR", nil),
	chl("RCVR", "SYSTEM.DEF.RECEIVER", nil),
	chl("RQSTR", "SYSTEM.DEF.REQUESTER", nil),
	chl("SDR", "SYSTEM.DEF.SENDER", nil),
	chl("SVR", "SYSTEM.DEF.SERVER", nil),
	chl("SVRCONN", "SYSTEM.DEF.SVRCONN", nil),

	{typ: TypeListener, name: "SYSTEM.DEFAULT.LISTENER.TCP"},
	{typ: TypeProcess, name: "SYSTEM.DEFAULT.PROCESS"},
	{typ: TypeNamelist, name: "SYSTEM.DEFAULT.NAMELIST"},
	{typ: TypeNamelist, name: "SYSTEM.QPUBSUB.QUEUE.NAMELIST", attrs: map[string]string{
		"NAMES": "SYSTEM.BROKER.DEFAULT.STREAM,SYSTEM.BROKER.ADMIN.STREAM",
		"DESCR": "A list of queues for the queued Pub/Sub interface to monitor"}},
	{typ: TypeNamelist, name: "SYSTEM.QPUBSUB.SUBPOINT.NAMELIST", attrs: map[string]string{
		"NAMES": "SYSTEM.BROKER.DEFAULT.SUBPOINT",
		"DESCR": "A list of topic objects used by the queued Pub/Sub interface"}},
	{typ: TypeService, name: "SYSTEM.DEFAULT.SERVICE"},
	{typ: TypeService, name: "SYSTEM.BROKER", attrs: map[string]string{"CONTROL": "QMGR", "SERVTYPE": "SERVER"}},

	{typ: TypeAuthInfo, sub: "CRLLDAP", name: "SYSTEM.DEFAULT.AUTHINFO.CRLLDAP"},
	{typ: TypeAuthInfo, sub: "IDPWLDAP", name: "SYSTEM.DEFAULT.AUTHINFO.IDPWLDAP"},
	{typ: TypeAuthInfo, sub: "IDPWOS", name: "SYSTEM.DEFAULT.AUTHINFO.IDPWOS", attrs: map[string]string{
		"CHCKCLNT": "REQDADM", "ADOPTCTX": "YES"}},
	{typ: TypeAuthInfo, sub: "OCSP", name: "SYSTEM.DEFAULT.AUTHINFO.OCSP"},

	topic("SYSTEM.ADMIN.TOPIC", "$SYS/MQ", nil),
	topic("SYSTEM.BASE.TOPIC", "", baseTopic),
	topic("SYSTEM.BROKER.ADMIN.STREAM", "SYSTEM.BROKER.ADMIN.STREAM", nil),
	topic("SYSTEM.BROKER.DEFAULT.STREAM", "", nil),
	topic("SYSTEM.BROKER.DEFAULT.SUBPOINT", "", nil),
	topic("SYSTEM.DEFAULT.TOPIC", "", nil),

	{typ: TypeCommInfo, name: "SYSTEM.DEFAULT.COMMINFO.MULTICAST"},
}
