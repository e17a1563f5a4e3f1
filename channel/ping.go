package channel

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/gomqm/gomqm/internal/amqmsg"
	"github.com/gomqm/gomqm/internal/wire"
)

// Ping is PING CHANNEL: it connects as sender channel name, negotiates,
// sends dataLen bytes in a PING_DATA segment and checks that the partner
// echoes them, then ends the conversation. No message moves and no
// sequence number changes.
func Ping(ctx context.Context, qm QueueManager, name string, dataLen int, opts *SenderOptions) error {
	if opts == nil {
		opts = &SenderOptions{}
	}
	def, ok := qm.Channel(name)
	if !ok {
		return fail(qm, nil, amqmsg.AMQ9519E, name)
	}
	if def.Type != "SDR" && def.Type != "SVR" {
		return fail(qm, fmt.Errorf("channel type %s cannot be pinged", def.Type), amqmsg.AMQ9547E)
	}
	l, err := connect(ctx, qm, def.ConnName, opts.Dial)
	if err != nil {
		return err
	}
	defer l.close()
	stop := context.AfterFunc(ctx, l.stop)
	defer stop()
	s := &sender{qm: qm, def: def.withDefaults(), l: l, st: &Status{}}
	if err := s.negotiate(); err != nil {
		return s.failed(err)
	}
	data := bytes.Repeat([]byte("gomqm ping "), dataLen/11+1)[:dataLen]
	pd := wire.PingData{Data: data}
	if err := l.send(wire.SegPingData, wire.Flag1ConfirmRequest, [8]byte{}, pd.Marshal(order)); err != nil {
		return s.failed(err)
	}
	seg, err := l.receive(time.Minute)
	if err != nil {
		return s.failed(err)
	}
	var echo wire.PingData
	if seg.Type != wire.SegPingData {
		return s.failed(s.unexpected(seg, "PING_DATA"))
	}
	if _, err := echo.Unmarshal(seg.Body, seg.Order()); err != nil || !bytes.Equal(echo.Data, data) {
		return s.failed(fmt.Errorf("channel: %w: the ping came back changed", errProtocol))
	}
	_ = l.sendStatus(wire.StatusUserClosed, 0, false, wire.Flag1CloseChannel)
	return nil
}
