package session

import (
	"bytes"
	"io"
	"net"
	"path/filepath"
	"testing"
	"time"
)

// unixPair returns both ends of a real Unix socket connection.
func unixPair(t *testing.T) (client, server *net.UnixConn) {
	t.Helper()
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: filepath.Join(t.TempDir(), "s"), Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan *net.UnixConn, 1)
	go func() {
		c, _ := ln.AcceptUnix()
		accepted <- c
	}()
	client, err = net.DialUnix("unix", nil, ln.Addr().(*net.UnixAddr))
	if err != nil {
		t.Fatal(err)
	}
	server = <-accepted
	if server == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { client.Close(); server.Close() })
	return client, server
}

// TestPollReaderReadsShortAndLongWaits checks that a reply read gets data
// that arrives at once, data that arrives within the poll wait, data that
// arrives only after the wait has moved to the network poller, and the
// end of the connection.
func TestPollReaderReadsShortAndLongWaits(t *testing.T) {
	client, server := unixPair(t)
	raw, err := client.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	r := newPollReader(raw)
	buf := make([]byte, 64)
	for _, delay := range []time.Duration{0, 5 * time.Millisecond, 3 * pollWait * time.Millisecond} {
		want := []byte("reply after " + delay.String())
		go func() {
			time.Sleep(delay)
			server.Write(want)
		}()
		n, err := io.ReadAtLeast(r, buf, len(want))
		if err != nil || !bytes.Equal(buf[:n], want) {
			t.Fatalf("delay %v: read %q, %v; want %q", delay, buf[:n], err, want)
		}
	}
	server.Close()
	if n, err := r.Read(buf); n != 0 || err != io.EOF {
		t.Fatalf("after the peer closed: %d, %v; want 0, EOF", n, err)
	}
}

// TestPollReaderEndsWhenClosed checks that closing the connection ends a
// read that is waiting for a reply that never comes.
func TestPollReaderEndsWhenClosed(t *testing.T) {
	client, _ := unixPair(t)
	raw, err := client.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	r := newPollReader(raw)
	done := make(chan error, 1)
	go func() {
		_, err := r.Read(make([]byte, 8))
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	client.Close()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("read on a closed connection returned no error")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("read still waiting 5s after Close")
	}
}
