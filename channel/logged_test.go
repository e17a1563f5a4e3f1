package channel_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gomqm/gomqm/channel"
	"github.com/gomqm/gomqm/internal/amqmsg"
)

// TestDialFailureAlreadyLogged: a Dial whose failure the queue manager
// logged itself (a TLS handshake) marks it with ErrLogged; the sender
// returns that failure's id, shows RETRYING and logs no AMQ9202E. A
// plain dial failure still gets AMQ9202E.
func TestDialFailureAlreadyLogged(t *testing.T) {
	p := newPair(t, "", nil, nil)
	st := &channel.Status{}
	tlsFailure := &channel.Error{ID: amqmsg.AMQ9642E, Inserts: []string{"QM1.TO.QM2", "no certificate"}}
	dial := func(ctx context.Context, addr string) (net.Conn, error) {
		return nil, fmt.Errorf("%w: %w", channel.ErrLogged, tlsFailure)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := channel.RunSender(ctx, p.qm1.MCA(), "QM1.TO.QM2", &channel.SenderOptions{Dial: dial, Status: st})
	if !errors.Is(err, &channel.Error{ID: amqmsg.AMQ9642E}) {
		t.Fatalf("RunSender: %v, want the dialer's AMQ9642E", err)
	}
	if got := st.Values().State; got != channel.StateRetrying {
		t.Errorf("STATUS(%s), want RETRYING", got)
	}
	if log := p.errorLog(t, p.qm1); strings.Contains(log, "AMQ9202E") || strings.Contains(log, "AMQ9642E") {
		t.Errorf("the sender logged a failure its dialer had logged:\n%s", log)
	}

	refused := func(ctx context.Context, addr string) (net.Conn, error) {
		return nil, errors.New("connection refused")
	}
	err = channel.RunSender(ctx, p.qm1.MCA(), "QM1.TO.QM2", &channel.SenderOptions{Dial: refused, Status: st})
	if !errors.Is(err, &channel.Error{ID: amqmsg.AMQ9202E}) || !strings.Contains(p.errorLog(t, p.qm1), "AMQ9202E") {
		t.Fatalf("plain dial failure: %v, want AMQ9202E logged", err)
	}
}
