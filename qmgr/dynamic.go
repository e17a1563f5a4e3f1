package qmgr

import (
	"time"

	"github.com/gomqm/gomqm/internal/objects"
	"github.com/gomqm/gomqm/mqi"
)

// createDynamic makes a dynamic local queue from a model queue (MQOPEN of
// a QMODEL): its definition takes the model's attributes and is stored,
// so DISPLAY shows it with DEFTYPE(TEMPDYN) or DEFTYPE(PERMDYN). A
// temporary one is deleted when its creator closes it, and at the next
// start if the queue manager stopped first; a permanent one stays until
// MQCLOSE with MQCO_DELETE or DELETE QLOCAL.
func (qm *QueueManager) createDynamic(model queueDef, pattern string) (queueDef, int32) {
	mo, ok, err := objects.Load(qm.store, objects.SpaceQueue, model.Name)
	if err != nil || !ok {
		return queueDef{}, mqi.MQRC_UNKNOWN_OBJECT_NAME
	}
	base, _, _ := objects.Load(qm.store, objects.SpaceQueue, "SYSTEM.DEFAULT.LOCAL.QUEUE")
	attrs := map[string]string{}
	for k, v := range base.Attrs {
		attrs[k] = v
	}
	for k, v := range mo.Attrs {
		attrs[k] = v
	}
	now := time.Now()
	for _, kw := range []string{"CRDATE", "ALTDATE"} {
		attrs[kw] = now.Format("2006-01-02")
	}
	for _, kw := range []string{"CRTIME", "ALTTIME"} {
		attrs[kw] = now.Format("15.04.05")
	}
	var name string
	for range 10 {
		name = dynamicName(pattern)
		if _, taken, _ := objects.Load(qm.store, objects.SpaceQueue, name); !taken {
			break
		}
	}
	o := objects.Object{Type: objects.TypeQLocal, Name: name, Attrs: attrs}
	if err := objects.Save(qm.store, o); err != nil {
		qm.logFailure("create dynamic queue", err)
		return queueDef{}, mqi.MQRC_RESOURCE_PROBLEM
	}
	def := queueDefOf(&o)
	q := qm.queues.get(name)
	q.mu.Lock()
	q.temporary = def.DefType == "TEMPDYN"
	q.mu.Unlock()
	return def, mqi.MQRC_NONE
}

// deleteDynamic removes a dynamic queue's definition and state.
func (qm *QueueManager) deleteDynamic(name string) {
	if err := qm.store.DeleteObject(objects.SpaceQueue, name); err != nil {
		qm.logFailure("delete dynamic queue", err)
	}
	_ = qm.store.DeleteQueueMessages(name)
	qm.queues.remove(name)
}

// removeTemporaryQueues deletes the temporary dynamic queues a previous
// run of the queue manager left when it stopped.
func (qm *QueueManager) removeTemporaryQueues() error {
	all, err := objects.LoadAll(qm.store, objects.SpaceQueue)
	if err != nil {
		return err
	}
	for _, o := range all {
		if o.Type == objects.TypeQLocal && o.String("DEFTYPE") == "TEMPDYN" {
			qm.deleteDynamic(o.Name)
		}
	}
	return nil
}
