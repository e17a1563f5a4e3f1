package session

import (
	"bytes"
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

// TestRawWriterWaitsForAFullSocket checks that a frame larger than the
// socket's buffers is written whole while the peer reads it slowly, and
// that rawReader reads it back byte for byte and then sees the end.
func TestRawWriterWaitsForAFullSocket(t *testing.T) {
	client, server := unixPair(t)
	wraw, err := client.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	rraw, err := server.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	frame := make([]byte, 4<<20)
	for i := range frame {
		frame[i] = byte(i * 7)
	}
	wrote := make(chan error, 1)
	go func() {
		n, err := newRawWriter(wraw).Write(frame)
		if err == nil && n != len(frame) {
			err = io.ErrShortWrite
		}
		client.CloseWrite()
		wrote <- err
	}()
	time.Sleep(20 * time.Millisecond) // let the writer fill the socket
	got, err := io.ReadAll(newRawReader(rraw))
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if err := <-wrote; err != nil {
		t.Fatalf("write: %v", err)
	}
	if !bytes.Equal(got, frame) {
		t.Fatalf("read %d bytes that differ from the %d written", len(got), len(frame))
	}
}

// TestRawReaderEndsWhenClosed checks that closing the connection ends a
// read waiting in the network poller, with net.ErrClosed.
func TestRawReaderEndsWhenClosed(t *testing.T) {
	client, _ := unixPair(t)
	raw, err := client.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := newRawReader(raw).Read(make([]byte, 8))
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	client.Close()
	select {
	case err := <-done:
		if !errors.Is(err, net.ErrClosed) {
			t.Fatalf("read after close: %v; want net.ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the read did not end when the connection was closed")
	}
}
