package bench

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// The E measurement: an echo server process and a client process on one
// Unix socket, 1 KiB each way, Go's net package on both sides.

// echoBound is the longest an echo server lives, whatever happens.
const echoBound = 60 * time.Second

// MeasureE runs "exe echo-server" and "exe echo-client" and returns the
// client's round trips per second over window, after warmup. sockDir is
// where the socket is made.
func MeasureE(exe string, env []string, sockDir string, size int, warmup, window time.Duration) (Measure, error) {
	dir, err := os.MkdirTemp(sockDir, "mqbench-e-")
	if err != nil {
		return Measure{}, fmt.Errorf("bench: %w", err)
	}
	defer os.RemoveAll(dir)
	sock := filepath.Join(dir, "echo.sock")
	srv, err := startChild(exe, env, []string{"echo-server", "-socket", sock, "-size", strconv.Itoa(size)}, echoBound)
	if err != nil {
		return Measure{}, err
	}
	defer srv.stop()
	if err := srv.expect(readyLine); err != nil {
		return Measure{}, err
	}
	args := []string{"echo-client", "-socket", sock, "-size", strconv.Itoa(size),
		"-warmup", warmup.String(), "-d", window.String()}
	cli, err := startChild(exe, env, args, warmup+window+30*time.Second)
	if err != nil {
		return Measure{}, err
	}
	defer cli.stop()
	var res WorkerResult
	if err := cli.result(&res); err != nil {
		return Measure{}, err
	}
	if res.Error != "" {
		return Measure{}, fmt.Errorf("%w: echo client: %s", errResult, res.Error)
	}
	return measureOf(res.Latency, time.Duration(res.WindowNS)), nil
}

// runEchoServer is "mqbench echo-server -socket PATH -size N": it listens,
// says "ready", serves one connection by echoing each size-byte message,
// and ends when the client closes or echoBound passes.
func runEchoServer(args []string, out, stderr io.Writer) int {
	fs := flag.NewFlagSet("mqbench echo-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sock := fs.String("socket", "", "socket path")
	size := fs.Int("size", 1024, "message length")
	if err := fs.Parse(args); err != nil || *sock == "" || *size < 1 {
		fmt.Fprintln(stderr, "mqbench echo-server: bad arguments")
		return 2
	}
	if err := echoServe(*sock, *size, out); err != nil {
		fmt.Fprintln(stderr, "mqbench echo-server:", err)
		return 1
	}
	return 0
}

func echoServe(sock string, size int, out io.Writer) error {
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: sock, Net: "unix"})
	if err != nil {
		return err
	}
	defer ln.Close()
	deadline := time.Now().Add(echoBound)
	if err := ln.SetDeadline(deadline); err != nil {
		return err
	}
	if _, err := io.WriteString(out, readyLine+"\n"); err != nil {
		return err
	}
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.SetDeadline(deadline); err != nil {
		return err
	}
	buf := make([]byte, size)
	for {
		if _, err := io.ReadFull(c, buf); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if _, err := c.Write(buf); err != nil {
			return err
		}
	}
}

// runEchoClient is "mqbench echo-client": it connects, does closed-loop
// round trips through a warm-up and a window, and writes a WorkerResult.
func runEchoClient(args []string, out, stderr io.Writer) int {
	fs := flag.NewFlagSet("mqbench echo-client", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sock := fs.String("socket", "", "socket path")
	size := fs.Int("size", 1024, "message length")
	warmup := fs.Duration("warmup", 500*time.Millisecond, "warm-up")
	window := fs.Duration("d", 2*time.Second, "measured window")
	maxOps := fs.Int("maxops", defaultMaxOps, "round-trip bound")
	if err := fs.Parse(args); err != nil || *sock == "" || *size < 1 || *window <= 0 {
		fmt.Fprintln(stderr, "mqbench echo-client: bad arguments")
		return 2
	}
	res, err := echoClient(*sock, *size, *warmup, *window, *maxOps)
	if err != nil {
		res.Error = err.Error()
	}
	if err := json.NewEncoder(out).Encode(res); err != nil || res.Error != "" {
		return 1
	}
	return 0
}

func echoClient(sock string, size int, warmup, window time.Duration, maxOps int) (WorkerResult, error) {
	res := WorkerResult{Role: "echo", Latency: &Histogram{}, WindowNS: int64(window)}
	c, err := net.Dial("unix", sock)
	if err != nil {
		return res, err
	}
	defer c.Close()
	msg, buf := make([]byte, size), make([]byte, size)
	start := time.Now()
	from, end := start.Add(warmup), start.Add(warmup+window)
	if err := c.SetDeadline(end.Add(10 * time.Second)); err != nil {
		return res, err
	}
	for range maxOps {
		t0 := time.Now()
		if !t0.Before(end) {
			break
		}
		if _, err := c.Write(msg); err != nil {
			return res, err
		}
		if _, err := io.ReadFull(c, buf); err != nil {
			return res, err
		}
		if done := time.Now(); !done.Before(from) && done.Before(end) {
			res.Ops++
			res.Latency.Record(done.Sub(t0))
		}
	}
	return res, nil
}
