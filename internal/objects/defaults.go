package objects

import (
	"maps"

	"github.com/gomqm/gomqm/mqsc"
)

// defaultOverrides correct or complete the grammar's defaults where IBM's
// shipped default objects differ. Keys are TYPE or TYPE/SUBTYPE.
var defaultOverrides = map[string]map[string]string{
	// A 9.x DISPLAY of SYSTEM.DEFAULT.LOCAL.QUEUE shows HARDENBO although
	// the syntax diagram marks NOHARDENBO as the default.
	TypeQLocal:               {"HARDENBO": "HARDENBO"},
	TypeQModel:               {"HARDENBO": "HARDENBO"},
	TypeProcess:              {"APPLTYPE": "UNIX"},
	TypeChannel + "/SVRCONN": {"DISCINT": "0"},
	TypeChannel + "/MQTT":    {"PORT": "1883"},
}

// builtinDefaults returns IBM's default attributes of an object of type
// typ and subtype sub (CHLTYPE or AUTHTYPE; "" for other types). These are
// the attributes of the shipped SYSTEM.DEFAULT.* and SYSTEM.DEF.* objects
// and what dmpmqcfg compares with to find non-default attributes.
func builtinDefaults(typ, sub string) map[string]string {
	s := schemaOf(typ)
	m := map[string]string{}
	for _, a := range s.settableFor(sub) {
		m[a.Name] = defaultValue(s, a)
	}
	maps.Copy(m, defaultOverrides[typ])
	if sub != "" {
		maps.Copy(m, defaultOverrides[typ+"/"+sub])
		m[subtypeKeyword(typ)] = sub
	}
	if typ == TypeQLocal {
		m["DEFTYPE"] = "PREDEFINED"
	}
	return m
}

// defaultValue returns the grammar default of one attribute in its
// stored form.
func defaultValue(s *schema, a *attr) string {
	kw := a.KW
	if a.isPair() {
		if neg, ok := s.negKeyword(a); ok && neg.HasDefault && neg.Default == a.Neg {
			return a.Neg
		}
		if kw.HasDefault && kw.Default == a.Name {
			return a.Name
		}
		return a.Neg
	}
	if kw.Kind == mqsc.KindList && kw.Default == "( )" {
		return ""
	}
	return kw.Default
}

// negKeyword returns the grammar row of the negative keyword of a pair.
func (s *schema) negKeyword(a *attr) (*mqsc.Keyword, bool) {
	verb := "DEFINE"
	if s.Type == TypeQMgr {
		verb = "ALTER"
	}
	spec, ok := mqsc.Lookup(verb, s.Type)
	if !ok {
		return nil, false
	}
	return spec.Keyword(a.Neg)
}

// defaultObjectName is the object whose attributes DEFINE copies for the
// attributes it does not specify (IBM's SYSTEM.DEFAULT.* and SYSTEM.DEF.*
// objects); "" when there is none.
func defaultObjectName(typ, sub string) string {
	switch typ {
	case TypeQLocal:
		return "SYSTEM.DEFAULT.LOCAL.QUEUE"
	case TypeQRemote:
		return "SYSTEM.DEFAULT.REMOTE.QUEUE"
	case TypeQAlias:
		return "SYSTEM.DEFAULT.ALIAS.QUEUE"
	case TypeQModel:
		return "SYSTEM.DEFAULT.MODEL.QUEUE"
	case TypeProcess:
		return "SYSTEM.DEFAULT.PROCESS"
	case TypeNamelist:
		return "SYSTEM.DEFAULT.NAMELIST"
	case TypeListener:
		return "SYSTEM.DEFAULT.LISTENER.TCP"
	case TypeService:
		return "SYSTEM.DEFAULT.SERVICE"
	case TypeTopic:
		return "SYSTEM.DEFAULT.TOPIC"
	case TypeCommInfo:
		return "SYSTEM.DEFAULT.COMMINFO.MULTICAST"
	case TypeAuthInfo:
		if sub != "" {
			return "SYSTEM.DEFAULT.AUTHINFO." + sub
		}
	case TypeChannel:
		return defaultChannels[sub]
	}
	return ""
}

// defaultChannels maps a CHLTYPE to its SYSTEM.DEF channel.
var defaultChannels = map[string]string{
	"SDR": "SYSTEM.DEF.SENDER", "SVR": "SYSTEM.DEF.SERVER", "RCVR": "SYSTEM.DEF.RECEIVER",
	"RQSTR": "SYSTEM.DEF.REQUESTER", "SVRCONN": "SYSTEM.DEF.SVRCONN", "CLNTCONN": "SYSTEM.DEF.CLNTCONN",
	"CLUSSDR": "SYSTEM.DEF.CLUSSDR", "CLUSRCVR": "SYSTEM.DEF.CLUSRCVR", "AMQP": "SYSTEM.DEF.AMQP",
}
