package qmgr

import (
	"strings"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/objects"
)

// Channel authentication. Until CHLAUTH records can be defined (a later
// release), the queue manager applies the records IBM MQ creates by
// default, as long as its CHLAUTH attribute is ENABLED (the default):
//
//	CHLAUTH(SYSTEM.ADMIN.SVRCONN) TYPE(ADDRESSMAP) ADDRESS(*) USERSRC(CHANNEL)
//	CHLAUTH(SYSTEM.*)             TYPE(ADDRESSMAP) ADDRESS(*) USERSRC(NOACCESS)
//	CHLAUTH(*)                    TYPE(BLOCKUSER)  USERLIST(*MQADMIN)
//
// so that SYSTEM.DEF.SVRCONN and its like cannot be used and no client
// runs as an administrator. ALTER QMGR CHLAUTH(DISABLED) turns them off,
// as on IBM MQ.

// blockedChannel returns the AMQ message of the default record that
// refuses a client of channel running as user, or 0 when none does.
func (qm *QueueManager) blockedChannel(channel, user string) amqmsg.ID {
	if o, ok, err := objects.Load(qm.store, objects.TypeQMgr, qm.name); err == nil && ok && o.String("CHLAUTH") == "DISABLED" {
		return 0
	}
	switch {
	case strings.HasPrefix(channel, "SYSTEM.") && channel != "SYSTEM.ADMIN.SVRCONN":
		return amqmsg.AMQ9777E
	case qm.isAdminUser(user):
		return amqmsg.AMQ9776E
	}
	return 0
}
