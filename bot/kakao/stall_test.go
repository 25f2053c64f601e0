package kakao_test

import (
	"context"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dasi-seoul/dasi/bot/kakao"
	"github.com/dasi-seoul/dasi/bot/kakao/kakaotest"
	"github.com/dasi-seoul/dasi/dialogs"
	"github.com/dasi-seoul/dasi/internal/redistest"
)

// stallProxy is a TCP proxy to a real Redis that can stall: it then
// accepts connections, reads what they send, and never answers, as a
// Redis stuck on a full disk or a frozen host does.
type stallProxy struct {
	ln      net.Listener
	target  string
	stalled atomic.Bool
	mu      sync.Mutex
	ups     []net.Conn
}

func newStallProxy(t *testing.T, target string) *stallProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stallProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.stall() })
	go p.serve()
	return p
}

func (p *stallProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.pipe(c)
	}
}

func (p *stallProxy) pipe(c net.Conn) {
	defer c.Close()
	if p.stalled.Load() {
		_, _ = io.Copy(io.Discard, c)
		return
	}
	up, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	p.mu.Lock()
	p.ups = append(p.ups, up)
	p.mu.Unlock()
	go func() { _, _ = io.Copy(c, up) }() // ends when up is closed; c stays open
	_, _ = io.Copy(up, c)
	_, _ = io.Copy(io.Discard, c) // stalled: read, never answer
}

// stall cuts every connection from Redis, keeping the clients' open.
func (p *stallProxy) stall() {
	p.stalled.Store(true)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, up := range p.ups {
		up.Close()
	}
	p.ups = nil
}

// TestKakaoRedisStalled: with Redis accepting connections and never
// answering, the skill answers a valid 2.0 "잠시 후 다시 시도해 주세요"
// (before Open Builder gives up), and answers as before once Redis is
// back.
func TestKakaoRedisStalled(t *testing.T) {
	rs := redistest.Start(t)
	u, err := url.Parse(rs.URL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := newStallProxy(t, u.Host)
	u.Host = proxy.ln.Addr().String()
	e := startOn(t, u.String(), rs.Prefix(t))
	ctx := context.Background()
	if _, err := e.client.Say(ctx, "ustall", "시작하기"); err != nil {
		t.Fatal(err)
	}
	proxy.stall()
	var resp kakao.Response
	for _, say := range []string{"동의해요", "52세"} {
		resp, err = e.client.Say(ctx, "ustall", say)
		if err != nil {
			t.Fatal(err)
		}
		if got := kakaotest.Describe(resp); !strings.Contains(got, dialogs.TryAgainLater()) {
			t.Errorf("with Redis stalled, %q is answered\n%s\nwant %q", say, got, dialogs.TryAgainLater())
		}
	}

	// Redis answers again through a new proxy: the client reconnects.
	e.halt()
	e.redisURL = rs.URL()
	e.boot()
	resp, err = e.client.Say(ctx, "ustall", "동의해요")
	if err != nil {
		t.Fatal(err)
	}
	if got := kakaotest.Describe(resp); !strings.Contains(got, "1/4단계") {
		t.Errorf("after Redis came back, 동의해요 is answered\n%s\nwant the age question", got)
	}
}
