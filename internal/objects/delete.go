package objects

import (
	"errors"

	"github.com/gomqm/gomqm/mqi"
	"github.com/gomqm/gomqm/mqsc"
)

// delete runs DELETE of every definable object type. DELETE QLOCAL asks
// the runtime first: the queue must not be open and, unless PURGE is
// given, must be empty.
func (e *Executor) delete(cmd *mqsc.Command) ([]string, *cmdError) {
	typ := cmd.Object
	name, cerr := objectName(cmd, typ)
	if cerr != nil {
		return nil, cerr
	}
	obj, found, cerr := e.findForDelete(cmd, typ, name)
	if cerr != nil {
		return nil, cerr
	}
	if !found {
		return nil, notFound(name)
	}
	if obj.Type != typ {
		return nil, wrongType()
	}
	if typ == TypeQLocal {
		if cerr := e.releaseQueue(name, cmd.Has("PURGE")); cerr != nil {
			return nil, cerr
		}
	}
	if err := e.store.DeleteObject(obj.Space(), name); err != nil {
		return nil, internalError(err)
	}
	return []string{message(repliesOf(typ).deleted)}, nil
}

// findForDelete finds the object a DELETE names. Channels are looked up
// in the table CHLTABLE names: QMGRTBL (default) for every type but
// CLNTCONN, CLNTTBL for client-connection channels.
func (e *Executor) findForDelete(cmd *mqsc.Command, typ, name string) (Object, bool, *cmdError) {
	if typ != TypeChannel {
		return e.findDefined(typ, "", name)
	}
	sub := ""
	if p, ok := cmd.Param("CHLTABLE"); ok && p.Value.Text == "CLNTTBL" {
		sub = "CLNTCONN"
	}
	return e.findDefined(typ, sub, name)
}

// releaseQueue asks the runtime whether a local queue may go.
func (e *Executor) releaseQueue(name string, purge bool) *cmdError {
	if e.rt == nil {
		return nil
	}
	err := e.rt.QueueDeleted(name, purge)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotEmpty):
		return failure(mqi.MQRC_Q_NOT_EMPTY, msgQueueNotEmpty)
	case errors.Is(err, ErrInUse):
		return failure(mqi.MQRCCF_OBJECT_OPEN, msgInUse)
	}
	return internalError(err)
}

// clear runs CLEAR QLOCAL: the runtime removes the messages unless the
// queue is open or has uncommitted messages.
func (e *Executor) clear(cmd *mqsc.Command) ([]string, *cmdError) {
	name, cerr := objectName(cmd, TypeQLocal)
	if cerr != nil {
		return nil, cerr
	}
	obj, found, cerr := e.findDefined(TypeQLocal, "", name)
	if cerr != nil {
		return nil, cerr
	}
	if !found {
		return nil, notFound(name)
	}
	if obj.Type != TypeQLocal {
		return nil, failure(mqi.MQRCCF_Q_WRONG_TYPE, msgDifferentType)
	}
	if e.rt == nil {
		return nil, failure(mqi.MQRCCF_OBJECT_OPEN, msgInUse)
	}
	if err := e.rt.ClearQueue(name); err != nil {
		if errors.Is(err, ErrInUse) {
			return nil, failure(mqi.MQRCCF_OBJECT_OPEN, msgInUse)
		}
		return nil, internalError(err)
	}
	return []string{message(msgQueueCleared)}, nil
}
