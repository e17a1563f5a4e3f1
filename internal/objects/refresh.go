package objects

import (
	"strings"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
	"github.com/gomqm/gomqm/ssl"
)

// msgSecurityRefreshed is REFRESH SECURITY's reply.
const msgSecurityRefreshed amqmsg.ID = 8560

// SSLRefresher is implemented by a Runtime that keeps the queue manager's
// key repository in memory (an ssl.KeyStore): REFRESH SECURITY TYPE(SSL)
// then reads it again, from the SSLKEYR the QMGR has now, so that a
// changed repository or a changed SSLKEYR applies to channels started
// afterwards. Without it the command is not available.
type SSLRefresher interface {
	// RefreshSSL reads the key repository of stem again. A failure is an
	// *ssl.Error (AMQ9657E, AMQ9660E, AMQ9661E).
	RefreshSSL(stem string) error
}

// refreshSecurity runs REFRESH SECURITY TYPE(SSL).
func (e *Executor) refreshSecurity(cmd *mqsc.Command) ([]string, *cmdError) {
	p, ok := cmd.Param("TYPE")
	r, can := e.rt.(SSLRefresher)
	if !ok || !strings.EqualFold(p.Value.Text, "SSL") || !can {
		return nil, failure(mqi.MQRCCF_COMMAND_FAILED, msgNotAvailableHere)
	}
	q, cerr := e.loadQMgr()
	if cerr != nil {
		return nil, cerr
	}
	if err := r.RefreshSSL(q.Attrs["SSLKEYR"]); err != nil {
		id := ssl.IDOf(err)
		if id == 0 {
			return nil, internalError(err)
		}
		return nil, &cmdError{lines: []string{err.Error()}, reason: mqi.MQRCCF_COMMAND_FAILED, cause: err}
	}
	return []string{message(msgSecurityRefreshed)}, nil
}
