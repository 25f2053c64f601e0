package telegram

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// hotTransport carries the hot methods' requests (replies, edits, answered
// presses, getUpdates) to the Bot API on the calling goroutine, over kept-alive
// HTTP/1.1 connections. net/http's Transport hands every request to two
// goroutines of its connection (a writer and a reader) and back over
// channels; under load those hand-offs and their wake-ups cost as much CPU
// as the request itself (see README, Load test). Here a call writes its
// request and reads the answer itself; the answer is parsed by net/http
// (http.ReadResponse: lengths, chunks, Connection: close), so only the
// connection handling is this file's.
//
// A call ends at its context's deadline, or at once when the context is
// canceled: the connection's deadline is moved to the past, and the
// connection is dropped. It is safe for concurrent use.
type hotTransport struct {
	base   string // scheme://host of the endpoint: the prefix cut from a URL
	host   string // the Host header
	addr   string // host:port to dial
	tls    *tls.Config
	dialer net.Dialer
	// checkIdle is how long a connection may have waited before it is
	// checked for a close by the server before its next request.
	checkIdle time.Duration

	mu   sync.Mutex
	idle []*hotConn // newest last
}

// hotConn is one kept-alive connection.
type hotConn struct {
	nc     net.Conn
	br     *bufio.Reader
	bw     *bufio.Writer
	answer bytes.Buffer // the last answer's body, read again for the next
	since  time.Time    // idle since
}

const (
	// maxIdle bounds the connections kept between calls.
	maxIdle = 128
	// idleConn is how long a connection may wait for its next request. It
	// is shorter than the keep-alive of Telegram's front servers, so that
	// the bot, not the server, closes an idle connection; one the server
	// closed first is found before it is used (closedByServer).
	idleConn = 30 * time.Second
	// defaultCheckIdle is hotTransport.checkIdle: under load connections
	// wait far less, and go unchecked.
	defaultCheckIdle = time.Second
	// maxAnswer bounds an answer's body: a reply's answer is the message
	// sent, a few kilobytes.
	maxAnswer = 4 << 20
	// keptAnswer bounds the answer buffer a kept connection holds on to
	// (a long poll's answer can be larger; its buffer is not kept).
	keptAnswer = 64 << 10
)

// newHotTransport returns the transport for endpoint, or nil when the hot
// methods must go through net/http: an HTTP client given by the caller
// (its transport may do what this one does not), an endpoint that is not
// plain http(s), or a proxy named in the environment for the endpoint
// (HTTPS_PROXY, HTTP_PROXY), which only net/http speaks.
func newHotTransport(endpoint string, given *http.Client) *hotTransport {
	if given != nil {
		return nil
	}
	u, err := url.Parse(fmt.Sprintf(endpoint, "0", "getMe"))
	if err != nil || u.Host == "" || u.User != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	if p, err := http.ProxyFromEnvironment(&http.Request{URL: u}); err != nil || p != nil {
		return nil
	}
	h := &hotTransport{base: u.Scheme + "://" + u.Host, host: u.Host, addr: u.Host,
		dialer: net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}, checkIdle: defaultCheckIdle}
	if u.Port() == "" {
		port := "80"
		if u.Scheme == "https" {
			port = "443"
		}
		h.addr = net.JoinHostPort(u.Hostname(), port)
	}
	if u.Scheme == "https" {
		h.tls = &tls.Config{ServerName: u.Hostname(), NextProtos: []string{"http/1.1"}}
	}
	return h
}

// post sends body to u as JSON and hands the answer to readAnswer. It
// returns the context's error when the context ended the call, the
// network's error (a refused connection, a connection closed before the
// answer), or readAnswer's.
func (h *hotTransport) post(ctx context.Context, u string, body []byte, take func([]byte) error) error {
	path, ok := strings.CutPrefix(u, h.base)
	if !ok {
		return errors.New("bot api: a request URL outside the endpoint")
	}
	cn, err := h.get(ctx)
	if err != nil {
		return err
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(clientTimeout)
	}
	cn.nc.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { cn.nc.SetDeadline(time.Unix(1, 0)) })

	status, contentType, keep, err := h.roundTrip(cn, path, body)
	if !stop() {
		cn.nc.Close()
		return ctx.Err()
	}
	if err != nil {
		cn.nc.Close()
		return err
	}
	// The answer is read before the connection, and its buffer, go back.
	err = readAnswer(status, contentType, cn.answer.Bytes(), take)
	if cn.answer.Cap() > keptAnswer {
		cn.answer = bytes.Buffer{}
	}
	if keep {
		h.put(cn)
	} else {
		cn.nc.Close()
	}
	return err
}

// roundTrip writes one request and reads its whole answer into
// cn.answer; keep reports whether the connection may carry the next
// request.
func (h *hotTransport) roundTrip(cn *hotConn, path string, body []byte) (status int, contentType string, keep bool, err error) {
	w := cn.bw
	w.WriteString("POST ")
	w.WriteString(path)
	w.WriteString(" HTTP/1.1\r\nHost: ")
	w.WriteString(h.host)
	w.WriteString("\r\nContent-Type: application/json\r\nContent-Length: ")
	w.WriteString(strconv.Itoa(len(body)))
	w.WriteString("\r\n\r\n")
	w.Write(body)
	if err := w.Flush(); err != nil {
		return 0, "", false, fmt.Errorf("bot api: send the request: %w", err)
	}
	resp, err := http.ReadResponse(cn.br, nil)
	if err != nil {
		return 0, "", false, fmt.Errorf("bot api: read the answer: %w", err)
	}
	cn.answer.Reset()
	n, err := cn.answer.ReadFrom(io.LimitReader(resp.Body, maxAnswer+1))
	resp.Body.Close()
	switch {
	case err != nil:
		return 0, "", false, fmt.Errorf("bot api: read the answer: %w", err)
	case n > maxAnswer:
		return 0, "", false, fmt.Errorf("bot api: an answer over %d bytes", maxAnswer)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), !resp.Close, nil
}

// get takes the newest idle connection that has not waited too long, or
// dials a new one.
func (h *hotTransport) get(ctx context.Context) (*hotConn, error) {
	now := time.Now()
	h.mu.Lock()
	for len(h.idle) > 0 {
		cn := h.idle[len(h.idle)-1]
		h.idle = h.idle[:len(h.idle)-1]
		if idle := now.Sub(cn.since); idle < idleConn {
			h.mu.Unlock()
			// A connection idle for a while may have been closed by the
			// server; a request sent on it would fail, and could not tell
			// whether the server had read it.
			if idle < h.checkIdle || !closedByServer(cn.nc) {
				return cn, nil
			}
			cn.nc.Close()
			h.mu.Lock()
			continue
		}
		cn.nc.Close()
	}
	h.mu.Unlock()

	var nc net.Conn
	var err error
	if h.tls != nil {
		d := tls.Dialer{NetDialer: &h.dialer, Config: h.tls}
		nc, err = d.DialContext(ctx, "tcp", h.addr)
	} else {
		nc, err = h.dialer.DialContext(ctx, "tcp", h.addr)
	}
	if err != nil {
		return nil, fmt.Errorf("bot api: connect: %w", err)
	}
	return &hotConn{nc: nc, br: bufio.NewReaderSize(nc, 16<<10), bw: bufio.NewWriterSize(nc, 8<<10)}, nil
}

// put keeps a connection for the next call, closing the oldest when too
// many wait.
func (h *hotTransport) put(cn *hotConn) {
	cn.since = time.Now()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.idle) == maxIdle {
		h.idle[0].nc.Close()
		h.idle = append(h.idle[:0], h.idle[1:]...)
	}
	h.idle = append(h.idle, cn)
}
