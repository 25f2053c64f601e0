// Package faketg is a fake Telegram Bot API server for tests and the load
// generator. It speaks the real wire format (form-encoded requests with
// reply_markup and other objects as JSON strings; JSON answers with ok,
// result, error_code, description and parameters) for the methods dasi
// uses, queues updates for getUpdates with long-poll semantics (or delivers
// them to a webhook, secret header included), records what every chat
// received in order, and can be scripted to answer 429 with retry_after,
// 403, 5xx, a dropped connection or a slow answer.
//
// Requests may be forms or JSON objects, as the Bot API takes both.
//
// It imports no project package and not the Telegram library: its JSON is
// written from the Bot API documentation, so the library is tested against
// the wire format, not against itself. It lives beside package bot, whose
// counterpart it is, so that both bot's tests and cmd's load generator can
// use it.
package faketg

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// BotID is the fake bot's user id; getMe answers with it.
const BotID = 777000

// BotUsername is the fake bot's username.
const BotUsername = "dasi_test_bot"

// Server is a fake Bot API. It is safe for concurrent use.
type Server struct {
	http  *httptest.Server
	token string

	mu sync.Mutex
	// changed fires whenever anything changes, for WaitUntil; queue fires
	// when what getUpdates and the webhook deliveries wait for changes
	// (updates queued or confirmed, a webhook set or deleted, a newer
	// poll, a delivery target), so that sends do not wake a waiting poll.
	changed, queue signal
	updates        []queued // not yet confirmed
	nextUpd        int
	nextCB         int
	seq            int
	confirm        int // the offset last confirmed by getUpdates
	pollGen        int // increases with every getUpdates; a waiting poll with an older one gets 409
	maxWait        time.Duration
	chats          map[int64]*chat
	faults         []*Fault
	calls          map[string]int
	webhookAnswers int // methods carried out from answers to deliveries
	commands       []Command
	webhook        *Webhook
	deliver        string // base URL webhook deliveries go to instead of the webhook's host
	// delivering is set while a webhook delivery loop runs.
	delivering bool
	callback   map[string]*callbackQuery
	blocked    map[int64]bool
	stop       chan struct{}
	wg         sync.WaitGroup
	// buffers keeps the answers' buffers: the load generator has the fake
	// write thousands of answers a second.
	buffers sync.Pool
	markups markups
}

// signal wakes the goroutines waiting for it. It is used under Server.mu,
// and makes a channel only when someone waits: a fake under load (the load
// generator) fires far more often than anyone waits.
type signal struct{ ch chan struct{} }

// wait returns a channel closed at the next fire.
func (g *signal) wait() <-chan struct{} {
	if g.ch == nil {
		g.ch = make(chan struct{})
	}
	return g.ch
}

// fire wakes the waiters.
func (g *signal) fire() {
	if g.ch != nil {
		close(g.ch)
		g.ch = nil
	}
}

type queued struct {
	id   int
	chat int64
	raw  json.RawMessage
}

type callbackQuery struct {
	chat     int64
	answered int
	text     string
}

// Options configure a Server. The zero value is usable.
type Options struct {
	// Token is the token the fake accepts; requests with another get 401.
	// Default "123456:TEST-token".
	Token string
	// MaxWait caps how long getUpdates waits for an update, whatever
	// timeout the bot asks for. Default 2s: long enough to see the bot wait,
	// short enough for tests.
	MaxWait time.Duration
}

// DefaultToken is the token a Server accepts unless Options say otherwise.
const DefaultToken = "123456:TEST-token"

// New starts a fake Bot API on a local port; Close stops it.
func New(opt Options) *Server {
	if opt.Token == "" {
		opt.Token = DefaultToken
	}
	if opt.MaxWait <= 0 {
		opt.MaxWait = 2 * time.Second
	}
	s := &Server{
		token:    opt.Token,
		nextUpd:  100001,
		maxWait:  opt.MaxWait,
		chats:    make(map[int64]*chat),
		calls:    make(map[string]int),
		callback: make(map[string]*callbackQuery),
		blocked:  make(map[int64]bool),
		stop:     make(chan struct{}),
	}
	s.http = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close stops the server and its webhook deliveries.
func (s *Server) Close() {
	close(s.stop)
	s.http.CloseClientConnections()
	s.http.Close()
	s.wg.Wait()
}

// Token returns the token the server accepts.
func (s *Server) Token() string { return s.token }

// Endpoint returns the Bot API endpoint in the Telegram library's format
// (two %s: token, then method), as TELEGRAM_API_ENDPOINT takes it.
func (s *Server) Endpoint() string { return s.http.URL + "/bot%s/%s" }

// notifyLocked wakes the WaitUntil callers: something changed. s.mu must
// be held.
func (s *Server) notifyLocked() { s.changed.fire() }

// queueChangedLocked wakes the waiting poll and the webhook deliveries, and
// the WaitUntil callers. s.mu must be held.
func (s *Server) queueChangedLocked() {
	s.queue.fire()
	s.changed.fire()
}

// WaitUntil calls cond, under the server's lock, every time the server's
// state changes, until cond returns true or ctx is done. Use it with the
// accessors' unlocked forms, such as View.
func (s *Server) WaitUntil(ctx context.Context, cond func(v *View) bool) error {
	for {
		s.mu.Lock()
		ok := cond(&View{s: s})
		ch := s.changed.wait()
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("faketg: waiting: %w", context.Cause(ctx))
		}
	}
}

// Calls returns how many times the bot called method, whatever the answer.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// Commands returns the commands of the last setMyCommands.
func (s *Server) Commands() []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Command(nil), s.commands...)
}

// Command is one entry of setMyCommands.
type Command struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// Webhook is what the last setWebhook asked for.
type Webhook struct {
	URL            string
	SecretToken    string   // secret_token
	AllowedUpdates []string // allowed_updates
}

// Webhook returns the webhook set, or nil when none is.
func (s *Server) Webhook() *Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.webhook == nil {
		return nil
	}
	w := *s.webhook
	return &w
}

// SetWebhookForTest sets a webhook as if a previous deployment had left one,
// so that getUpdates answers 409.
func (s *Server) SetWebhookForTest(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = &Webhook{URL: url}
	s.queueChangedLocked()
}

// DeliverTo makes webhook deliveries go to base (scheme and host, such as
// http://127.0.0.1:8080) with the path of the registered webhook URL, since
// a test cannot listen on the https host the bot registers.
func (s *Server) DeliverTo(base string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deliver = strings.TrimRight(base, "/")
	s.queueChangedLocked()
}

// Pending returns how many queued updates the bot has not confirmed.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

// Block makes every later send to chatID fail with 403 "bot was blocked by
// the user", as when a resident blocks the bot; Unblock undoes it.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// Unblock lets sends to chatID through again.
func (s *Server) Unblock(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

// serve answers one Bot API request.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	tok, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !ok || !strings.HasPrefix(r.URL.Path, "/bot") {
		s.writeError(w, apiError{Status: 404, Description: "Not Found"})
		return
	}
	if tok != s.token {
		s.writeError(w, apiError{Status: 401, Description: "Unauthorized"})
		return
	}
	p, err := params(r)
	if err != nil {
		s.writeError(w, apiError{Status: 400, Description: "Bad Request: " + err.Error()})
		return
	}
	chatID, _ := strconv.ParseInt(p.Get("chat_id"), 10, 64)

	s.mu.Lock()
	s.calls[method]++
	f := s.takeFaultLocked(method, chatID)
	s.notifyLocked()
	s.mu.Unlock()
	if f != nil {
		if f.Delay > 0 {
			select {
			case <-time.After(f.Delay):
			case <-r.Context().Done():
				return
			}
		}
		if f.Drop {
			hijackAndClose(w)
			return
		}
		if f.Status != 0 {
			s.writeError(w, f.apiError())
			return
		}
	}

	var result any
	var aerr *apiError
	switch method {
	case "getMe":
		result = theBot
	case "getUpdates":
		result, aerr = s.getUpdates(r.Context(), p)
	case "sendMessage":
		result, aerr = s.sendMessage(chatID, p)
	case "editMessageText":
		result, aerr = s.editMessageText(chatID, p)
	case "answerCallbackQuery":
		result, aerr = s.answerCallbackQuery(p)
	case "sendLocation", "sendVenue":
		result, aerr = s.sendPlace(method, chatID, p)
	case "setMyCommands":
		result, aerr = s.setMyCommands(p)
	case "setWebhook":
		result, aerr = s.setWebhook(p)
	default:
		aerr = &apiError{Status: 404, Description: "Not Found: method not found"}
	}
	if aerr != nil {
		s.writeError(w, *aerr)
		return
	}
	s.writeResult(w, result)
}

// apiError is a failed answer.
type apiError struct {
	Status      int
	Description string
	RetryAfter  int
}

// errorJSON is a failed answer as the Bot API writes it.
type errorJSON struct {
	OK          bool            `json:"ok"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  *parametersJSON `json:"parameters,omitempty"`
}

type parametersJSON struct {
	RetryAfter int `json:"retry_after"`
}

func (s *Server) writeError(w http.ResponseWriter, e apiError) {
	body := errorJSON{ErrorCode: e.Status, Description: e.Description}
	if e.RetryAfter > 0 {
		body.Parameters = &parametersJSON{RetryAfter: e.RetryAfter}
	}
	buf := s.buffer()
	defer s.release(buf)
	encode(buf, body)
	writeJSON(w, e.Status, buf.Bytes())
}

// writeResult writes {"ok":true,"result":...}. Updates are JSON already
// and are written as they are.
func (s *Server) writeResult(w http.ResponseWriter, result any) {
	buf := s.buffer()
	defer s.release(buf)
	buf.WriteString(`{"ok":true,"result":`)
	if updates, ok := result.([]json.RawMessage); ok {
		buf.WriteByte('[')
		for i, u := range updates {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.Write(u)
		}
		buf.WriteByte(']')
	} else {
		encode(buf, result)
	}
	buf.WriteByte('}')
	writeJSON(w, http.StatusOK, buf.Bytes())
}

// encode appends v's JSON to buf.
func encode(buf *bytes.Buffer, v any) {
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		panic(err) // the fake's own types always encode
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
}

// writeJSON writes a whole answer with its length, as Telegram's servers
// do (not chunked).
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// buffer returns an empty buffer for an answer; release gives it back.
func (s *Server) buffer() *bytes.Buffer {
	if b, ok := s.buffers.Get().(*bytes.Buffer); ok {
		b.Reset()
		return b
	}
	return new(bytes.Buffer)
}

func (s *Server) release(b *bytes.Buffer) {
	if b.Cap() <= 64<<10 {
		s.buffers.Put(b)
	}
}

func hijackAndClose(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("faketg: response writer cannot hijack")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		conn.Close()
	}
}
