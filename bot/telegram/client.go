package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// client calls the Bot API through the Telegram library with what the
// library lacks: a context per call, a timeout, and errors that never carry
// the token (the library puts it in every request URL).
type client struct {
	api   *tgbotapi.BotAPI // a template: each call uses a copy bound to its context
	hc    *http.Client
	token string
	// urls are the hot methods' request URLs (see wire.go), by method.
	urls map[string]string
	// untimed is hc without its overall timeout, for calls whose context
	// has a deadline already: the client's timeout would put a second
	// timer and context on every request.
	untimed *http.Client
	bufs    sync.Pool // *[]byte, for the hot methods' bodies
	// hot carries the hot methods; nil sends them through hc (see
	// newHotTransport).
	hot *hotTransport
}

// clientTimeout bounds a call whose context has no deadline.
const clientTimeout = 5 * time.Minute

// jsonHeader is the header of every hot method's request; requests share
// it, and nothing writes to it.
var jsonHeader = http.Header{"Content-Type": {"application/json"}}

// hotMethods are the methods whose bodies wire.go writes.
var hotMethods = []string{"sendMessage", "editMessageText", "answerCallbackQuery", "sendVenue", "sendLocation", "getUpdates"}

// newHTTPClient returns the HTTP client for the Bot API: connections are
// reused by every chat's goroutine, and no request may hang forever even if
// a caller forgets a deadline.
func newHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 128
	t.IdleConnTimeout = 90 * time.Second
	return &http.Client{Transport: t, Timeout: clientTimeout}
}

// newClient calls getMe to check the token and the endpoint, as the library
// does. The error never contains the token.
func newClient(ctx context.Context, token, endpoint string, hc *http.Client, hot *hotTransport) (*client, error) {
	c := &client{hc: hc, token: token, hot: hot}
	api, err := tgbotapi.NewBotAPIWithClient(token, endpoint, ctxDoer{ctx: ctx, hc: hc})
	if err != nil {
		err = c.scrub(err)
		var te *tgbotapi.Error
		if errors.As(err, &te) && te.Code == http.StatusUnauthorized {
			return nil, fmt.Errorf("getMe: Telegram does not know this token (401 Unauthorized): check TELEGRAM_TOKEN, or ask @BotFather for the current one: %w", err)
		}
		return nil, fmt.Errorf("getMe: %w", err)
	}
	c.api = api
	untimed := *hc
	untimed.Timeout = 0
	c.untimed = &untimed
	c.urls = make(map[string]string, len(hotMethods))
	for _, m := range hotMethods {
		c.urls[m] = fmt.Sprintf(endpoint, token, m)
	}
	return c, nil
}

// bound returns a copy of the library's BotAPI whose requests use ctx and,
// when take is set, hand a successful answer's body to take (see
// ctxDoer). BotAPI holds no lock and no per-call state, so a shallow copy
// is safe; it is how a context reaches a library that has none.
func (c *client) bound(ctx context.Context, take func(body []byte) error) *tgbotapi.BotAPI {
	a := *c.api
	a.Client = ctxDoer{ctx: ctx, hc: c.hc, take: take}
	return &a
}

// request calls a method. Its result is left as raw JSON, for the caller
// to decode if it needs it.
func (c *client) request(ctx context.Context, ch tgbotapi.Chattable) (*tgbotapi.APIResponse, error) {
	resp, err := c.bound(ctx, nil).Request(ch)
	return resp, c.scrub(err)
}

// send calls a method whose result the bot does not read: a reply, an
// edit, an answered press. Telegram answers a send with the whole message,
// keyboard included, which the library would scan and copy; send reads
// past it instead.
func (c *client) send(ctx context.Context, ch tgbotapi.Chattable) error {
	if ok, err := c.fast(ctx, ch, skip); ok {
		return c.scrub(err)
	}
	_, err := c.bound(ctx, skip).Request(ch)
	return c.scrub(err)
}

// methodOf names the Bot API method of a hot method's config.
func methodOf(ch tgbotapi.Chattable) string {
	switch ch.(type) {
	case tgbotapi.MessageConfig:
		return "sendMessage"
	case tgbotapi.EditMessageTextConfig:
		return "editMessageText"
	case tgbotapi.CallbackConfig:
		return "answerCallbackQuery"
	case tgbotapi.VenueConfig:
		return "sendVenue"
	case tgbotapi.LocationConfig:
		return "sendLocation"
	case tgbotapi.UpdateConfig:
		return "getUpdates"
	}
	return ""
}

// fast makes a hot method's request with its body written by wire.go,
// through the hot transport when there is one, and reports false, having
// sent nothing, for a request it leaves to the library. A successful
// answer's body goes to take; a failed one gives the errors of
// readAnswer, or the transport's.
func (c *client) fast(ctx context.Context, ch tgbotapi.Chattable, take func([]byte) error) (bool, error) {
	u := c.urls[methodOf(ch)]
	if u == "" {
		return false, nil
	}
	bp, _ := c.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	body, ok := encodeRequest(*bp, ch)
	if !ok {
		c.bufs.Put(bp)
		return false, nil
	}
	defer func() {
		if cap(body) <= 64<<10 {
			*bp = body[:0]
			c.bufs.Put(bp)
		}
	}()
	if c.hot != nil {
		return true, c.hot.post(ctx, u, body, take)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return true, err
	}
	req.Header = jsonHeader
	hc := c.hc
	if _, ok := ctx.Deadline(); ok {
		hc = c.untimed
	}
	resp, err := hc.Do(req)
	if err != nil {
		return true, err
	}
	defer resp.Body.Close()
	answer, err := readBody(resp.Body)
	if err != nil {
		return true, err
	}
	return true, readAnswer(resp.StatusCode, resp.Header.Get("Content-Type"), answer, take)
}

// readBody reads an answer's whole body, of at most maxAnswer bytes. It
// returns the read's error, or one for a longer body.
func readBody(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxAnswer+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("bot api: read the answer: %w", err)
	case len(b) > maxAnswer:
		return nil, fmt.Errorf("bot api: an answer over %d bytes", maxAnswer)
	}
	return b, nil
}

// readAnswer reads a hot method's answer: a successful one's body goes to
// take, which must not keep it; a failed one gives the library's errors, a
// *tgbotapi.Error for the Bot API's answer, an *HTTPStatusError for one
// that is not its JSON (a proxy's error page), or the JSON decoder's for a
// body cut short.
func readAnswer(status int, contentType string, body []byte, take func([]byte) error) error {
	apiAnswer := isJSON(contentType)
	switch {
	case status == http.StatusOK && apiAnswer:
		// The Bot API answers 200 only with ok true.
		return take(body)
	case status >= 300 && !apiAnswer:
		return &HTTPStatusError{Code: status}
	}
	var answer tgbotapi.APIResponse
	if err := json.Unmarshal(body, &answer); err != nil {
		return err
	}
	if answer.Ok {
		return nil
	}
	e := &tgbotapi.Error{Code: answer.ErrorCode, Message: answer.Description}
	if answer.Parameters != nil {
		e.ResponseParameters = *answer.Parameters
	}
	return e
}

// raw calls a method the library does not know, or parameters it lacks
// (setWebhook's secret_token).
func (c *client) raw(ctx context.Context, method string, p tgbotapi.Params) (*tgbotapi.APIResponse, error) {
	resp, err := c.bound(ctx, nil).MakeRequest(method, p)
	return resp, c.scrub(err)
}

// getUpdates asks for the updates cfg describes (a long poll when its
// Timeout is set). The updates are decoded from the answer in one pass,
// and only what parse reads (updates_wire.go); the library's GetUpdates
// decodes them whole, twice (into a raw result, then into its types).
func (c *client) getUpdates(ctx context.Context, cfg tgbotapi.UpdateConfig) ([]tgbotapi.Update, error) {
	var wire []wireUpdate
	take := func(body []byte) error {
		answer := struct {
			Result *[]wireUpdate `json:"result"`
		}{&wire}
		return json.Unmarshal(body, &answer)
	}
	ok, err := c.fast(ctx, cfg, take)
	if !ok {
		_, err = c.bound(ctx, take).Request(cfg)
	}
	if err != nil {
		return nil, c.scrub(err)
	}
	updates := make([]tgbotapi.Update, len(wire))
	for i := range wire {
		updates[i] = wire[i].update()
	}
	return updates, nil
}

// skip takes an answer's body without decoding it.
func skip([]byte) error { return nil }

// scrub hides the token in err: every error a client method returns goes
// through it, whether the library made it (a malformed endpoint's URL,
// which holds the token) or the HTTP client did (a *url.Error).
func (c *client) scrub(err error) error { return scrub(err, c.token) }

// ctxDoer is the library's HTTPClient for one call: it attaches the call's
// context, and turns an answer that is not the Bot API's JSON (a proxy's
// 502 page) into an HTTPStatusError.
type ctxDoer struct {
	ctx context.Context
	hc  *http.Client
	// take, when set, reads a successful answer's body in the library's
	// place, which then decodes {"ok":true,"result":null}: the Bot API
	// answers 200 only with ok true. Failures keep their body, for the
	// library's *tgbotapi.Error.
	take func(body []byte) error
}

// okTaken is what the library decodes for an answer whose body was taken.
const okTaken = `{"ok":true,"result":null}`

// Do sends req with the call's context. It returns the HTTP client's error,
// an *HTTPStatusError for a failed answer that is not JSON, or take's.
func (d ctxDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.hc.Do(req.WithContext(d.ctx))
	if err != nil {
		return nil, err
	}
	apiAnswer := isJSON(resp.Header.Get("Content-Type"))
	switch {
	case resp.StatusCode >= 300 && !apiAnswer:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		return nil, &HTTPStatusError{Code: resp.StatusCode}
	case d.take != nil && resp.StatusCode == http.StatusOK && apiAnswer:
		body, err := readBody(resp.Body)
		resp.Body.Close()
		if err == nil {
			err = d.take(body)
		}
		if err != nil {
			return nil, err
		}
		resp.Body = io.NopCloser(strings.NewReader(okTaken))
	}
	return resp, nil
}

func isJSON(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "application/json")
}

// HTTPStatusError is an answer from the Bot API's address that is not the
// Bot API's JSON: a proxy or load balancer failing. 5xx is worth a retry.
type HTTPStatusError struct {
	Code int // the HTTP status
}

// Error says which status came back, without the request's URL.
func (e *HTTPStatusError) Error() string {
	return fmt.Sprintf("bot api answered HTTP %d without a Bot API body", e.Code)
}

// scrub replaces the token in err's message. A *url.Error stays one, its
// URL scrubbed, so that callers can still tell a network error; any other
// error that shows the token is wrapped, keeping its chain for errors.As.
func scrub(err error, token string) error {
	if err == nil || token == "" {
		return err
	}
	if ue, ok := err.(*url.Error); ok {
		inner := ue.Err
		if inner != nil && strings.Contains(inner.Error(), token) {
			inner = scrubbed{inner, token}
		}
		return &url.Error{Op: ue.Op, URL: strings.ReplaceAll(ue.URL, token, "<token>"), Err: inner}
	}
	if strings.Contains(err.Error(), token) {
		return scrubbed{err, token}
	}
	return err
}

// scrubbed hides the token in an error's message while keeping the chain.
type scrubbed struct {
	err   error
	token string
}

func (s scrubbed) Error() string { return strings.ReplaceAll(s.err.Error(), s.token, "<token>") }

func (s scrubbed) Unwrap() error { return s.err }
