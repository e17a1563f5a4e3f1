package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// child is a re-executed mqbench process (worker, echo server or client)
// talking over its standard streams. Its context kills it when its time
// bound passes.
type child struct {
	cmd    *exec.Cmd
	cancel context.CancelFunc
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *limitedBuffer
}

// startChild runs exe with args and env, killed when bound passes.
func startChild(exe string, env, args []string, bound time.Duration) (*child, error) {
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = env
	cmd.WaitDelay = time.Second
	c := &child{cmd: cmd, cancel: cancel, stderr: &limitedBuffer{max: 16 << 10}}
	cmd.Stderr = c.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		return nil, fmt.Errorf("bench: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, fmt.Errorf("bench: %w", err)
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("bench: start %s %s: %w", exe, args[0], err)
	}
	c.stdin, c.stdout = in, bufio.NewReader(out)
	return c, nil
}

// readLine returns the child's next line of output without its newline.
func (c *child) readLine() (string, error) {
	line, err := c.stdout.ReadString('\n')
	if err != nil {
		return "", c.failure(err)
	}
	return strings.TrimSuffix(line, "\n"), nil
}

// expect reads a line and checks that it is want.
func (c *child) expect(want string) error {
	line, err := c.readLine()
	if err != nil {
		return err
	}
	if line != want {
		return fmt.Errorf("bench: %s said %q, want %q", c.name(), line, want)
	}
	return nil
}

// result reads the child's JSON result line into v and waits for it to
// end. A result that carries an error is returned with it.
func (c *child) result(v any) error {
	line, err := c.readLine()
	if err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(line), v); err != nil {
		return fmt.Errorf("bench: %s result %q: %w", c.name(), line, err)
	}
	werr := c.cmd.Wait()
	c.cancel()
	if werr != nil {
		return c.failure(werr)
	}
	return nil
}

// stop kills the child if it still runs and reaps it.
func (c *child) stop() {
	c.cancel()
	_ = c.cmd.Wait()
}

func (c *child) name() string { return "mqbench " + c.cmd.Args[1] }

// failure describes why the child did not answer, with what it wrote to
// standard error.
func (c *child) failure(err error) error {
	msg := strings.TrimSpace(c.stderr.String())
	if msg != "" {
		return fmt.Errorf("bench: %s: %w: %s", c.name(), err, msg)
	}
	return fmt.Errorf("bench: %s: %w", c.name(), err)
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *limitedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// errResult is returned when a child reports an error in its result.
var errResult = errors.New("bench: application failed")
