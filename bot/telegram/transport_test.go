package telegram

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// collect is a take that keeps a copy of the answer's body.
func collect(dst *string) func([]byte) error {
	return func(b []byte) error {
		*dst = string(b)
		return nil
	}
}

// countingServer starts a test server of handler and counts the
// connections it accepts.
func countingServer(t *testing.T, handler http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(handler)
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &conns
}

// TestHotTransportReadsEveryAnswerForm: answers with a length, in chunks
// (a proxy's way), and with Connection: close are each read whole; the
// connection is kept between calls unless the server closes it, and a
// failed answer gives the Bot API's error.
func TestHotTransportReadsEveryAnswerForm(t *testing.T) {
	srv, conns := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || string(body) != `{"chat_id":1}` {
			http.Error(w, "bad request", http.StatusTeapot)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/bot1:T/chunked":
			w.Write([]byte(`{"ok":true,`))
			w.(http.Flusher).Flush()
			w.Write([]byte(`"result":1}`))
		case "/bot1:T/close":
			w.Header().Set("Connection", "close")
			w.Write([]byte(`{"ok":true,"result":2}`))
		case "/bot1:T/refused":
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`))
		default:
			w.Write([]byte(`{"ok":true,"result":0}`))
		}
	})

	h := newHotTransport(srv.URL+"/bot%s/%s", nil)
	if h == nil {
		t.Fatal("no hot transport for a plain http endpoint")
	}
	call := func(method string) (string, error) {
		var got string
		err := h.post(t.Context(), srv.URL+"/bot1:T/"+method, []byte(`{"chat_id":1}`), collect(&got))
		return got, err
	}
	for _, tc := range []struct{ method, want string }{
		{"sendMessage", `{"ok":true,"result":0}`},
		{"chunked", `{"ok":true,"result":1}`},
		{"sendMessage", `{"ok":true,"result":0}`},
		{"close", `{"ok":true,"result":2}`},
		{"sendMessage", `{"ok":true,"result":0}`},
	} {
		got, err := call(tc.method)
		if err != nil || got != tc.want {
			t.Fatalf("%s: answer %q, %v; want %q", tc.method, got, err, tc.want)
		}
	}
	if n := conns.Load(); n != 2 {
		t.Errorf("%d connections for five calls, one answer closing its connection; want 2", n)
	}
	_, err := call("refused")
	if kind, _ := classify(err); kind != failBlocked {
		t.Errorf("a 400 chat not found gives %v (%v), want the chat marked blocked", kind, err)
	}
}

// TestHotTransportStopsWhenCanceled: a call Telegram does not answer ends
// as soon as its context is canceled, with the context's error, and the
// next call works on a new connection.
func TestHotTransportStopsWhenCanceled(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/stuck") {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ok":true,"result":true}`))
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	h := newHotTransport(srv.URL+"/bot%s/%s", nil)

	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	var got string
	err := h.post(ctx, srv.URL+"/bot1:T/stuck", []byte(`{}`), collect(&got))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a canceled call returned %v, want context.Canceled", err)
	}
	if err := h.post(t.Context(), srv.URL+"/bot1:T/answerCallbackQuery", []byte(`{}`), collect(&got)); err != nil || got != `{"ok":true,"result":true}` {
		t.Fatalf("the call after a canceled one: %q, %v", got, err)
	}
}

// TestHotTransportSkipsAConnectionTheServerClosed: a kept-alive
// connection the server closed while it waited is not used: the next call
// goes out on a new one and is answered, where a request on the closed
// one would fail without knowing whether the server had read it.
func TestHotTransportSkipsAConnectionTheServerClosed(t *testing.T) {
	srv, conns := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ok":true,"result":true}`))
	})
	h := newHotTransport(srv.URL+"/bot%s/%s", nil)
	h.checkIdle = 0 // check every connection taken
	var got string
	if err := h.post(t.Context(), srv.URL+"/bot1:T/sendMessage", []byte(`{}`), collect(&got)); err != nil {
		t.Fatal(err)
	}
	srv.CloseClientConnections()
	time.Sleep(50 * time.Millisecond) // for the close to reach this side
	if err := h.post(t.Context(), srv.URL+"/bot1:T/sendMessage", []byte(`{}`), collect(&got)); err != nil {
		t.Fatalf("the call after the server closed the idle connection: %v", err)
	}
	if n := conns.Load(); n != 2 {
		t.Errorf("%d connections, want 2", n)
	}
}

// TestHotTransportLeavesWhatItCannotCarry: a caller's own HTTP client, a
// URL that is not http(s), or a malformed endpoint keep every request on
// net/http.
func TestHotTransportLeavesWhatItCannotCarry(t *testing.T) {
	for _, tc := range []struct {
		endpoint string
		given    *http.Client
	}{
		{"https://api.telegram.org/bot%s/%s", &http.Client{}},
		{"unix:///run/bot%s/%s", nil},
		{"http://bad host/bot%s/%s", nil},
	} {
		if h := newHotTransport(tc.endpoint, tc.given); h != nil {
			t.Errorf("%s (client given: %v): a hot transport, want net/http", tc.endpoint, tc.given != nil)
		}
	}
	h := newHotTransport("https://api.telegram.org/bot%s/%s", nil)
	if h == nil || h.addr != "api.telegram.org:443" || h.tls == nil || h.tls.ServerName != "api.telegram.org" {
		t.Errorf("Telegram's endpoint: %+v, want TLS to api.telegram.org:443", h)
	}
}
