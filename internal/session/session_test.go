package session

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/gomqm/gomqm/internal/wire"
)

// pair returns the two ends of a Unix socket: the same kind of socket
// the queue manager serves bindings connections on.
func pair(t *testing.T) (client, server net.Conn) {
	t.Helper()
	l, err := net.Listen("unix", filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, _ := l.Accept()
		accepted <- c
	}()
	client, err = net.Dial("unix", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server = <-accepted
	t.Cleanup(func() { client.Close(); server.Close() })
	return client, server
}

func TestHandshakeAndCall(t *testing.T) {
	cc, sc := pair(t)
	done := make(chan error, 1)
	go func() {
		s, peer, err := Accept(sc, "QM1", func(*wire.InitialData) uint32 { return 0 })
		if err != nil {
			done <- err
			return
		}
		if peer.FapLevel != FapLevel || peer.CapFlags1&wire.ICF1MQRequest == 0 {
			done <- errors.New("initiator's ID not as sent")
			return
		}
		for i := 0; i < 3; i++ {
			req, err := s.ReadRequest()
			if err != nil {
				done <- err
				return
			}
			hdr, body, err := wire.SplitAPI(req)
			if err != nil {
				done <- err
				return
			}
			hdr.Hobj = int32(len(body))
			if err := s.Reply(req, hdr, append([]byte("echo:"), body...)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	c, peer, err := Dial(cc, "", "QM1")
	if err != nil {
		t.Fatal(err)
	}
	if peer.QMgrName != "QM1" || peer.ProductID != ProductID {
		t.Fatalf("responder's ID: qmgr %q product %q", peer.QMgrName, peer.ProductID)
	}
	for i, body := range []string{"a", "bb", string(make([]byte, 200_000))} {
		h, reply, err := c.Call(wire.SegMQPUT, wire.APIHeader{}, []byte(body))
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if h.Hobj != int32(len(body)) || string(reply) != "echo:"+body {
			t.Fatalf("call %d: reply header %+v, %d bytes", i, h, len(reply))
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestRefusedConnectionGetsStatus(t *testing.T) {
	cc, sc := pair(t)
	go Accept(sc, "QM1", func(*wire.InitialData) uint32 { return uint32(wire.StatusNoChannel) })
	_, _, err := Dial(cc, "NO.SUCH.CHL", "QM1")
	var se *StatusError
	if !errors.As(err, &se) || se.Code != uint32(wire.StatusNoChannel) || !errors.Is(err, ErrRefused) {
		t.Fatalf("Dial to a refusing peer: %v, want status %d", err, wire.StatusNoChannel)
	}
}

func TestReplyMustMatchRequest(t *testing.T) {
	cc, sc := pair(t)
	go func() {
		s, _, err := Accept(sc, "QM1", func(*wire.InitialData) uint32 { return 0 })
		if err != nil {
			return
		}
		req, err := s.ReadRequest()
		if err != nil {
			return
		}
		req.RequestID += 7 // a reply to some other request
		s.Reply(req, wire.APIHeader{}, nil)
	}()
	c, _, err := Dial(cc, "", "QM1")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Call(wire.SegMQGET, wire.APIHeader{}, binary.LittleEndian.AppendUint32(nil, 1)); err == nil {
		t.Fatal("a reply with another request id was accepted")
	}
}

// TestCallAnswersHeartbeats has the server check on the client three
// times while a call waits for its reply, as a queue manager does during
// a long MQGET: each heartbeat with CONFIRM_REQUEST gets a heartbeat back
// before the reply, and the call still returns its own reply.
func TestCallAnswersHeartbeats(t *testing.T) {
	cc, sc := pair(t)
	done := make(chan error, 1)
	go func() {
		done <- func() error {
			sc.SetReadDeadline(time.Now().Add(10 * time.Second))
			s, _, err := Accept(sc, "QM1", func(*wire.InitialData) uint32 { return 0 })
			if err != nil {
				return err
			}
			req, err := s.ReadRequest()
			if err != nil {
				return err
			}
			for i := range 3 {
				hb := &wire.Segment{TSH: req.TSH}
				hb.Type, hb.Flags1 = wire.SegHeartbeat, wire.Flag1ConfirmRequest
				if i == 1 {
					hb.Flags1 = 0 // no confirmation asked: none expected
				} else {
					if err := s.Send(hb); err != nil {
						return err
					}
					answer, err := wire.ReadSegment(s.br, s.limit())
					if err != nil {
						return fmt.Errorf("heartbeat %d: no answer: %w", i, err)
					}
					if answer.Type != wire.SegHeartbeat || answer.Flags1&wire.Flag1ConfirmRequest != 0 {
						return fmt.Errorf("heartbeat %d answered with %s, flags %#x", i, answer.Type, answer.Flags1)
					}
					continue
				}
				if err := s.Send(hb); err != nil {
					return err
				}
			}
			hdr, _, err := wire.SplitAPI(req)
			if err != nil {
				return err
			}
			return s.Reply(req, hdr, []byte("the message"))
		}()
	}()
	cc.SetReadDeadline(time.Now().Add(10 * time.Second))
	c, _, err := Dial(cc, "", "QM1")
	if err != nil {
		t.Fatal(err)
	}
	_, reply, err := c.Call(wire.SegMQGET, wire.APIHeader{}, []byte("get"))
	if err != nil || string(reply) != "the message" {
		t.Fatalf("call across heartbeats: %q, %v", reply, err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
