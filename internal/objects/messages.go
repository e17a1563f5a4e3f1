package objects

import (
	"fmt"
	"strings"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/mqi"
)

// Message ids of the executor's replies.
const (
	msgQMgrChanged      amqmsg.ID = 8005
	msgQueueCleared     amqmsg.ID = 8022
	msgQueueNotEmpty    amqmsg.ID = 8143
	msgNotFound         amqmsg.ID = 8147
	msgInUse            amqmsg.ID = 8148
	msgDamaged          amqmsg.ID = 8149
	msgAlreadyExists    amqmsg.ID = 8150
	msgDifferentType    amqmsg.ID = 8151
	msgSyntaxError      amqmsg.ID = 8405
	msgDisplayQMgr      amqmsg.ID = 8408
	msgNameError        amqmsg.ID = 8424
	msgDisplayQStatus   amqmsg.ID = 8450
	msgFilterError      amqmsg.ID = 8569
	msgNotAvailableHere amqmsg.ID = 8999
)

// fallbackMessages holds replies the amqmsg catalogue does not have (yet).
// The catalogue wins when it has the id. Entries marked [M] are from
// memory and not confirmed by a transcript or IBM page; the others were
// seen in runmqsc transcripts.
var fallbackMessages = map[amqmsg.ID]string{
	8143: "E IBM MQ queue not empty.",
	8151: "E IBM MQ object has different type.", // [M]
	8407: "I Display Process details.",          // [M]
	8552: "I IBM MQ namelist created.",
	8553: "I IBM MQ namelist deleted.", // [M]
	8563: "I IBM MQ authentication information object created.",
	8564: "I IBM MQ authentication information object deleted.", // [M]
	8566: "I Display authentication information details.",       // [M]
	8569: "E Error in filter specification.",
	8623: "I IBM MQ listener changed.",
	8624: "I IBM MQ service changed.", // [M]
	8625: "I IBM MQ service created.",
	8627: "I IBM MQ listener deleted.",             // [M]
	8628: "I IBM MQ service deleted.",              // [M]
	8629: "I Display service information details.", // [M]
	8633: "I Display topic details.",
	8692: "I IBM MQ topic deleted.",    // [M]
	8857: "I IBM MQ comminfo changed.", // [M]
	8858: "I IBM MQ comminfo created.",
	8859: "I IBM MQ comminfo deleted.",  // [M]
	8860: "I Display comminfo details.", // [M]
	8999: "E The command is not available in this release of the queue manager.",
}

// message formats one reply line: "AMQ8006I: IBM MQ queue created.".
func message(id amqmsg.ID, inserts ...string) string {
	if _, ok := amqmsg.Lookup(id); ok {
		return amqmsg.Format(id, inserts...)
	}
	fb, ok := fallbackMessages[id]
	if !ok {
		return amqmsg.Format(id, inserts...)
	}
	text := fb[2:]
	for i, s := range inserts {
		text = strings.ReplaceAll(text, fmt.Sprintf("<insert%d>", i+1), s)
	}
	return fmt.Sprintf("AMQ%04d%c: %s", int(id), fb[0], text)
}

// objectMessages are the replies of one object type.
type objectMessages struct {
	created, deleted, changed, display amqmsg.ID
}

var replies = map[string]objectMessages{
	SpaceQueue:   {8006, 8007, 8008, 8409},
	TypeProcess:  {8010, 8011, 8012, 8407},
	TypeNamelist: {8552, 8553, 8551, 8550},
	TypeChannel:  {8014, 8015, 8016, 8414},
	TypeListener: {8626, 8627, 8623, 8630},
	TypeService:  {8625, 8628, 8624, 8629},
	TypeTopic:    {8690, 8692, 8691, 8633},
	TypeAuthInfo: {8563, 8564, 8567, 8566},
	TypeCommInfo: {8858, 8859, 8857, 8860},
	TypeQMgr:     {0, 0, msgQMgrChanged, msgDisplayQMgr},
}

// repliesOf returns the replies for an object type (queues share one set).
func repliesOf(typ string) objectMessages {
	if IsQueue(typ) {
		return replies[SpaceQueue]
	}
	return replies[typ]
}

// cmdError is a failed command: the reply lines and the PCF reason.
type cmdError struct {
	lines  []string
	reason int32
	cause  error // an internal failure behind the reply, for the error log
}

func (e *cmdError) Error() string { return strings.Join(e.lines, "\n") }

func failure(reason int32, id amqmsg.ID, inserts ...string) *cmdError {
	return &cmdError{lines: []string{message(id, inserts...)}, reason: reason}
}

func notFound(name string) *cmdError {
	return failure(mqi.MQRC_UNKNOWN_OBJECT_NAME, msgNotFound, name)
}

func nameError() *cmdError {
	return failure(mqi.MQRCCF_OBJECT_NAME_ERROR, msgNameError)
}

func wrongType() *cmdError {
	return failure(mqi.MQRCCF_OBJECT_WRONG_TYPE, msgDifferentType)
}

// syntaxError is runmqsc's reply to a command it cannot accept: AMQ8405I
// and the command text up to the offending keyword.
func syntaxError(reason int32, segment string) *cmdError {
	lines := []string{message(msgSyntaxError)}
	if segment != "" {
		lines = append(lines, segment)
	}
	return &cmdError{lines: lines, reason: reason}
}

// internalError reports a store failure as a failed command.
func internalError(err error) *cmdError {
	return &cmdError{
		lines:  []string{message(msgDamaged)},
		reason: mqi.MQRCCF_COMMAND_FAILED,
		cause:  err,
	}
}
