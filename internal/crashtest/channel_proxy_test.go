package crashtest

import (
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// tcpProxy stands between a sender channel and its partner's listener on
// 127.0.0.1, so that a test can cut every connection at a moment of its
// choosing, or drop what one side sends (a batch or a confirmation that
// never arrives).
type tcpProxy struct {
	ln       net.Listener
	target   string
	holdOut  atomic.Bool // drop what the sender sends
	holdBack atomic.Bool // drop what the partner answers

	mu    sync.Mutex
	conns map[net.Conn]bool
	wg    sync.WaitGroup
}

// startProxy listens on a free port of 127.0.0.1 and forwards each
// connection to target; it stops when the test ends.
func startProxy(t *testing.T, target string) *tcpProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tcpProxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(p.stop)
	return p
}

// port is the port the proxy listens on.
func (p *tcpProxy) port() int { return p.ln.Addr().(*net.TCPAddr).Port }

func (p *tcpProxy) accept() {
	defer p.wg.Done()
	for {
		in, err := p.ln.Accept()
		if err != nil {
			return
		}
		out, err := net.Dial("tcp", p.target)
		if err != nil {
			in.Close()
			continue
		}
		p.mu.Lock()
		p.conns[in], p.conns[out] = true, true
		p.mu.Unlock()
		p.wg.Add(2)
		go p.pipe(out, in, &p.holdOut)
		go p.pipe(in, out, &p.holdBack)
	}
}

// pipe copies from src to dst (dropping the bytes while hold is set)
// until either side ends, then closes both.
func (p *tcpProxy) pipe(dst, src net.Conn, hold *atomic.Bool) {
	defer p.wg.Done()
	buf := make([]byte, 64<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !hold.Load() {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	p.forget(src, dst)
}

func (p *tcpProxy) forget(conns ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range conns {
		c.Close()
		delete(p.conns, c)
	}
}

// active is the number of connections in flight.
func (p *tcpProxy) active() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns) / 2
}

// cut closes every connection in flight and returns how many there were.
func (p *tcpProxy) cut() int {
	p.mu.Lock()
	n := len(p.conns) / 2
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	return n
}

func (p *tcpProxy) stop() {
	p.ln.Close()
	p.cut()
	p.wg.Wait()
}
