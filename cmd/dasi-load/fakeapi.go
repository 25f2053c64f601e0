package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// fakeAPI is the lean fake Bot API of the separate-process mode: it serves
// one bot's token over HTTP as Telegram does (form-encoded requests with
// reply_markup as a JSON string, or JSON ones; JSON answers holding the whole message
// sent, as Telegram's do), queues the residents' updates for a long poll,
// and tells each resident when the bot's answer shows what they wait for.
// It keeps only what the residents need (each chat's buttons, newest
// first) and forgets a chat once its intake is over, so that it costs
// little next to the bots it measures. It is safe for concurrent use.
type fakeAPI struct {
	token string
	srv   *http.Server
	ln    net.Listener

	mu      sync.Mutex
	updates []queuedUpdate // not yet confirmed by an offset
	nextUpd int
	nextCB  int
	polled  bool          // a getUpdates has arrived: the bot is up
	arrived chan struct{} // closed when updates are queued; nil when no poll waits
	chats   map[int64]*fakeChat
	calls   map[string]int // requests by method
	closed  chan struct{}
	markups sync.Map  // raw reply_markup -> []fakeButton, decoded once
	bodies  sync.Pool // *bytes.Buffer a JSON request is read into
}

type queuedUpdate struct {
	id  int
	raw []byte
}

// fakeChat is what a resident's chat shows of the bot's messages: the
// buttons of each message, and a version that moves at every message or
// edit.
type fakeChat struct {
	nextMsg  int
	version  int
	messages map[int]*fakeMessage
	changed  chan struct{} // closed at the next change; nil when nobody waits
}

type fakeMessage struct {
	text    []byte // as a JSON string
	markup  string // reply_markup as sent
	buttons []fakeButton
	version int // of the chat, when last sent or edited
}

type fakeButton struct {
	Text string `json:"text"`
	Data string `json:"callback_data"`
}

// newFakeAPI listens on a local port for token's bot.
func newFakeAPI(token string) (*fakeAPI, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	f := &fakeAPI{token: token, ln: ln, nextUpd: 1, chats: make(map[int64]*fakeChat),
		calls: make(map[string]int), closed: make(chan struct{})}
	f.srv = &http.Server{Handler: f, ReadHeaderTimeout: 10 * time.Second}
	go f.srv.Serve(ln)
	return f, nil
}

// endpoint is the Bot API endpoint in the library's format, for
// TELEGRAM_API_ENDPOINT.
func (f *fakeAPI) endpoint() string { return "http://" + f.ln.Addr().String() + "/bot%s/%s" }

// Close stops serving; waiting polls end.
func (f *fakeAPI) Close() {
	close(f.closed)
	f.srv.Close()
}

// requests returns the bot's requests so far by method, getUpdates
// included.
func (f *fakeAPI) requests() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.calls)
}

// isPolling reports whether the bot has asked for updates.
func (f *fakeAPI) isPolling() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.polled
}

const (
	fakeBotUser = `{"id":777000,"is_bot":true,"first_name":"다시","username":"dasi_load_bot"}`
	fakeDate    = "1780000000"
)

func residentJSON(chat int64) string {
	id := strconv.FormatInt(chat, 10)
	return `{"id":` + id + `,"is_bot":false,"first_name":"주민","language_code":"ko"}`
}

func chatJSON(chat int64) string {
	return `{"id":` + strconv.FormatInt(chat, 10) + `,"first_name":"주민","type":"private"}`
}

// jsonString returns s as a JSON string.
func jsonString(s string) []byte {
	b, _ := json.Marshal(s) // a string always encodes
	return b
}

// enqueue queues an update, built by body from its id, and wakes the poll.
func (f *fakeAPI) enqueue(chat int64, body func(id int) []byte) (updateID, version int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.chatLocked(chat)
	id := f.nextUpd
	f.nextUpd++
	f.updates = append(f.updates, queuedUpdate{id: id, raw: body(id)})
	if f.arrived != nil {
		close(f.arrived)
		f.arrived = nil
	}
	return id, c.version
}

func (f *fakeAPI) chatLocked(chat int64) *fakeChat {
	c := f.chats[chat]
	if c == nil {
		c = &fakeChat{messages: make(map[int]*fakeMessage)}
		f.chats[chat] = c
	}
	return c
}

// sendText queues a message the resident typed; a leading / makes it a
// command, with the entity Telegram adds. It returns the chat's version
// before the bot answers.
func (f *fakeAPI) sendText(chat int64, text string) int {
	_, v := f.enqueue(chat, func(id int) []byte {
		var b bytes.Buffer
		b.WriteString(`{"update_id":` + strconv.Itoa(id) + `,"message":{"message_id":` + strconv.Itoa(id) +
			`,"from":` + residentJSON(chat) + `,"chat":` + chatJSON(chat) + `,"date":` + fakeDate + `,"text":`)
		b.Write(jsonString(text))
		if strings.HasPrefix(text, "/") {
			cmd, _, _ := strings.Cut(text, " ")
			b.WriteString(`,"entities":[{"offset":0,"length":` + strconv.Itoa(len([]rune(cmd))) + `,"type":"bot_command"}]`)
		}
		b.WriteString(`}}`)
		return b.Bytes()
	})
	return v
}

// press queues a callback query: the resident pressed the button with data
// under message msg, which the query carries as the chat shows it. It
// returns the chat's version before the bot answers.
func (f *fakeAPI) press(chat int64, msg int, data string) int {
	f.mu.Lock()
	f.nextCB++
	qid := "q" + strconv.Itoa(f.nextCB)
	var text []byte
	var markup string
	if c := f.chats[chat]; c != nil {
		if m := c.messages[msg]; m != nil {
			text, markup = m.text, m.markup
		}
	}
	f.mu.Unlock()
	_, v := f.enqueue(chat, func(id int) []byte {
		var b bytes.Buffer
		b.WriteString(`{"update_id":` + strconv.Itoa(id) + `,"callback_query":{"id":"` + qid + `","from":` + residentJSON(chat) +
			`,"message":{"message_id":` + strconv.Itoa(msg) + `,"from":` + fakeBotUser + `,"chat":` + chatJSON(chat) + `,"date":` + fakeDate)
		if text != nil {
			b.WriteString(`,"text":`)
			b.Write(text)
		}
		if markup != "" {
			b.WriteString(`,"reply_markup":` + markup)
		}
		b.WriteString(`},"chat_instance":"ci` + strconv.FormatInt(chat, 10) + `","data":`)
		b.Write(jsonString(data))
		b.WriteString(`}}`)
		return b.Bytes()
	})
	return v
}

// forget drops a chat whose intake is over; later messages to it are
// answered and not kept.
func (f *fakeAPI) forget(chat int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.chats, chat)
}

// errNotShown is waitFor's answer when the bot's answer never showed.
type errNotShown struct{ last string }

func (e errNotShown) Error() string { return e.last }

// waitFor waits until the chat shows, in a message sent or edited after
// version, a button labelled label ("" for any message), and returns that
// message and the button's data. It gives up after timeout, naming the
// bot's newest message.
func (f *fakeAPI) waitFor(chat int64, version int, label string, timeout time.Duration) (msg int, data string, err error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		c := f.chatLocked(chat)
		best := 0
		for id, m := range c.messages {
			if m.version <= version || id < best {
				continue
			}
			if label == "" {
				best = id
				continue
			}
			for _, b := range m.buttons {
				if b.Text == label && b.Data != "" {
					best, data = id, b.Data
					break
				}
			}
		}
		if best != 0 {
			f.mu.Unlock()
			return best, data, nil
		}
		if c.changed == nil {
			c.changed = make(chan struct{})
		}
		ch := c.changed
		f.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			return 0, "", errNotShown{f.newest(chat)}
		case <-f.closed:
			return 0, "", errNotShown{"the fake Bot API closed"}
		}
	}
}

// newest returns the text of the chat's newest message, for an error.
func (f *fakeAPI) newest(chat int64) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.chats[chat]
	if c == nil || len(c.messages) == 0 {
		return "no message"
	}
	last := 0
	for id := range c.messages {
		last = max(last, id)
	}
	return string(c.messages[last].text)
}

// lastMessage returns the id of the chat's newest message.
func (f *fakeAPI) lastMessage(chat int64) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	last := 0
	if c := f.chats[chat]; c != nil {
		for id := range c.messages {
			last = max(last, id)
		}
	}
	return last
}

// request is what the fake reads of a request's parameters.
type request struct {
	ChatID      int64           `json:"chat_id"`
	MessageID   int             `json:"message_id"`
	Text        json.RawMessage `json:"text"` // a JSON string, kept as it came
	ReplyMarkup json.RawMessage `json:"reply_markup"`
	Offset      int             `json:"offset"`
	Timeout     int             `json:"timeout"`
	Title       string          `json:"title"`
	Latitude    float64         `json:"latitude"`
	Longitude   float64         `json:"longitude"`
}

// readRequest reads a form (the library's way, objects as JSON strings) or
// a JSON object, as the Bot API takes both.
func (f *fakeAPI) readRequest(r *http.Request) (request, error) {
	var q request
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		body, _ := f.bodies.Get().(*bytes.Buffer)
		if body == nil {
			body = new(bytes.Buffer)
		}
		defer f.bodies.Put(body)
		body.Reset()
		if _, err := body.ReadFrom(r.Body); err != nil {
			return q, err
		}
		if q, ok := scanRequest(body.Bytes()); ok {
			return q, nil
		}
		err := json.Unmarshal(body.Bytes(), &q)
		return q, err
	}
	if err := r.ParseForm(); err != nil {
		return q, err
	}
	p := r.PostForm
	q.ChatID, _ = strconv.ParseInt(p.Get("chat_id"), 10, 64)
	q.MessageID, _ = strconv.Atoi(p.Get("message_id"))
	q.Text, q.Title = jsonString(p.Get("text")), p.Get("title")
	if m := p.Get("reply_markup"); m != "" {
		q.ReplyMarkup = json.RawMessage(m)
	}
	q.Offset, _ = strconv.Atoi(p.Get("offset"))
	q.Timeout, _ = strconv.Atoi(p.Get("timeout"))
	q.Latitude, _ = strconv.ParseFloat(p.Get("latitude"), 64)
	q.Longitude, _ = strconv.ParseFloat(p.Get("longitude"), 64)
	return q, nil
}

// ServeHTTP answers one Bot API request.
func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tok, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !ok || tok != f.token {
		writeAnswer(w, http.StatusUnauthorized, []byte(`{"ok":false,"error_code":401,"description":"Unauthorized"}`))
		return
	}
	q, err := f.readRequest(r)
	if err != nil {
		writeAnswer(w, http.StatusBadRequest, []byte(`{"ok":false,"error_code":400,"description":"Bad Request: can't parse the parameters"}`))
		return
	}
	f.mu.Lock()
	f.calls[method]++
	f.mu.Unlock()
	switch method {
	case "getMe":
		writeResult(w, fakeBotUser)
	case "getUpdates":
		f.getUpdates(w, r, q.Offset, q.Timeout)
	case "sendMessage", "editMessageText":
		f.message(w, method, q.ChatID, q.MessageID, q.Text, string(q.ReplyMarkup))
	case "sendVenue", "sendLocation":
		f.message(w, method, q.ChatID, 0, jsonString("📍 "+q.Title+" "+strconv.FormatFloat(q.Latitude, 'f', 6, 64)+","+strconv.FormatFloat(q.Longitude, 'f', 6, 64)), "")
	case "answerCallbackQuery", "setMyCommands", "deleteWebhook", "setWebhook":
		writeResult(w, "true")
	default:
		writeAnswer(w, http.StatusNotFound, []byte(`{"ok":false,"error_code":404,"description":"Not Found: method not found"}`))
	}
}

// message records a message sent or edited and answers with it whole.
func (f *fakeAPI) message(w http.ResponseWriter, method string, chat int64, editID int, jtext []byte, markup string) {
	var buttons []fakeButton
	if markup != "" && markup != "null" {
		buttons = f.buttons(markup)
	}
	if len(jtext) == 0 {
		jtext = []byte(`""`)
	}
	f.mu.Lock()
	c := f.chats[chat]
	id := 0
	if c == nil {
		id = 1 // the intake is over: answered, not kept
	} else {
		c.version++
		if method == "editMessageText" {
			id = editID
		} else {
			c.nextMsg++
			id = 1_000_000 + c.nextMsg // apart from the residents' message ids
		}
		c.messages[id] = &fakeMessage{text: jtext, markup: markup, buttons: buttons, version: c.version}
		if c.changed != nil {
			close(c.changed)
			c.changed = nil
		}
	}
	f.mu.Unlock()
	var b bytes.Buffer
	b.Grow(len(jtext) + len(markup) + 256)
	b.WriteString(`{"message_id":` + strconv.Itoa(id) + `,"from":` + fakeBotUser + `,"chat":` + chatJSON(chat) + `,"date":` + fakeDate)
	if method == "editMessageText" {
		b.WriteString(`,"edit_date":` + fakeDate)
	}
	b.WriteString(`,"text":`)
	b.Write(jtext)
	if len(buttons) > 0 {
		b.WriteString(`,"reply_markup":` + markup)
	}
	b.WriteByte('}')
	writeResult(w, b.String())
}

// buttons decodes an inline keyboard's buttons, once per keyboard: bots
// send the same few over and over.
func (f *fakeAPI) buttons(markup string) []fakeButton {
	if v, ok := f.markups.Load(markup); ok {
		return v.([]fakeButton)
	}
	var mk struct {
		InlineKeyboard [][]fakeButton `json:"inline_keyboard"`
	}
	_ = json.Unmarshal([]byte(markup), &mk) // a reply keyboard has no buttons to press
	var out []fakeButton
	for _, row := range mk.InlineKeyboard {
		out = append(out, row...)
	}
	f.markups.Store(markup, out)
	return out
}

// getUpdates answers a long poll: the updates from offset on, at once if
// there are any, else when one is queued or timeout seconds (at most 1:
// a bot asked to stop leaves at its next poll) have passed.
func (f *fakeAPI) getUpdates(w http.ResponseWriter, r *http.Request, offset, timeout int) {
	deadline := time.NewTimer(min(time.Duration(timeout)*time.Second, time.Second))
	defer deadline.Stop()
	f.mu.Lock()
	f.polled = true
	if offset > 0 {
		i := 0
		for i < len(f.updates) && f.updates[i].id < offset {
			i++
		}
		f.updates = f.updates[i:]
	}
	for len(f.updates) == 0 {
		if f.arrived == nil {
			f.arrived = make(chan struct{})
		}
		ch := f.arrived
		f.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			writeResult(w, "[]")
			return
		case <-r.Context().Done():
			return
		case <-f.closed:
			writeResult(w, "[]")
			return
		}
		f.mu.Lock()
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for i, u := range f.updates[:min(len(f.updates), 100)] {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(u.raw)
	}
	f.mu.Unlock()
	b.WriteByte(']')
	writeResult(w, b.String())
}

func writeResult(w http.ResponseWriter, result string) {
	writeAnswer(w, http.StatusOK, []byte(`{"ok":true,"result":`+result+`}`))
}

// writeAnswer writes a whole answer with its length, as Telegram's servers
// do.
func writeAnswer(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}
