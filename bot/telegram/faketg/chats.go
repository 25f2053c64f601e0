package faketg

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"
)

// Message is a message the bot sent, as the chat shows it now (after edits).
type Message struct {
	ID int
	// Text is what the resident reads: for parse_mode HTML, the text with
	// its tags applied and its entities decoded.
	Text string
	// Raw is the text parameter as sent.
	Raw       string
	ParseMode string
	// Buttons is the inline keyboard under the message.
	Buttons [][]Button
	// Keyboard is a reply keyboard the message opened.
	Keyboard        [][]KeyButton
	OneTimeKeyboard bool
	// RemoveKeyboard is set when the message closed the reply keyboard.
	RemoveKeyboard bool
	Location       *Point
	Venue          *Venue
	Edits          int
}

// Button is an inline keyboard button.
type Button struct {
	Text string `json:"text"`
	Data string `json:"callback_data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// KeyButton is a reply keyboard button.
type KeyButton struct {
	Text            string `json:"text"`
	RequestLocation bool   `json:"request_location,omitempty"`
}

// Point is a map point.
type Point struct{ Lat, Lon float64 }

// Venue is a sendVenue pin.
type Venue struct {
	Point
	Title, Address string
}

// Event is one thing that happened in a chat, in order: a message sent, a
// message edited, a callback query answered.
type Event struct {
	Method string // sendMessage, editMessageText, sendLocation, sendVenue, answerCallbackQuery
	// Message is the message as it was right after the event (the zero
	// Message for answerCallbackQuery).
	Message Message
	// CallbackID is the query answered, for answerCallbackQuery.
	CallbackID string
	// Seq orders events across chats: it increases with every event.
	Seq int
}

type chat struct {
	nextID int // message ids are per chat, shared by both sides
	msgs   []*Message
	events []Event
}

func (s *Server) chatLocked(id int64) *chat {
	c := s.chats[id]
	if c == nil {
		c = &chat{}
		s.chats[id] = c
	}
	return c
}

func (c *chat) byID(id int) *Message {
	for _, m := range c.msgs {
		if m.ID == id {
			return m
		}
	}
	return nil
}

func (s *Server) addLocked(c *chat, method string, m *Message) {
	c.nextID++
	m.ID = c.nextID
	c.msgs = append(c.msgs, m)
	s.eventLocked(c, Event{Method: method, Message: m.clone()})
}

func (s *Server) eventLocked(c *chat, e Event) {
	s.seq++
	e.Seq = s.seq
	c.events = append(c.events, e)
	s.notifyLocked()
}

func (m *Message) clone() Message {
	c := *m
	c.Buttons = slices.Clone(m.Buttons)
	c.Keyboard = slices.Clone(m.Keyboard)
	return c
}

// messageJSON is the Message object the API answers with.
func messageJSON(chatID int64, m *Message) *jsonMessage {
	bot := theBot
	j := &jsonMessage{MessageID: m.ID, From: &bot, Chat: privateChat(chatID), Date: 1780000000, Text: m.Text}
	if len(m.Buttons) > 0 {
		j.ReplyMarkup = &jsonInlineMarkup{InlineKeyboard: m.Buttons}
	}
	if m.Location != nil {
		j.Location = &jsonLocation{Latitude: m.Location.Lat, Longitude: m.Location.Lon}
	}
	if m.Venue != nil {
		j.Location = &jsonLocation{Latitude: m.Venue.Lat, Longitude: m.Venue.Lon}
		j.Venue = &jsonVenue{Location: *j.Location, Title: m.Venue.Title, Address: m.Venue.Address}
	}
	if m.Edits > 0 {
		j.EditDate = 1780000001
	}
	return j
}

// knownChatLocked returns the chat if its resident has ever written: the bot
// cannot start a conversation, and Telegram answers "chat not found".
func (s *Server) knownChatLocked(chatID int64) (*chat, *apiError) {
	if chatID == 0 {
		return nil, &apiError{Status: 400, Description: "Bad Request: chat_id is empty"}
	}
	c := s.chats[chatID]
	if c == nil {
		return nil, &apiError{Status: 400, Description: "Bad Request: chat not found"}
	}
	return c, nil
}

// parseText validates and decodes the text and parse_mode parameters.
func parseText(p url.Values) (visible string, aerr *apiError) {
	raw, mode := p.Get("text"), p.Get("parse_mode")
	visible = raw
	switch mode {
	case "":
	case "HTML":
		v, err := parseHTML(raw)
		if err != nil {
			return "", &apiError{Status: 400, Description: "Bad Request: can't parse entities: " + err.Error()}
		}
		visible = v
	default:
		return "", &apiError{Status: 400, Description: "Bad Request: unsupported parse_mode " + strconv.Quote(mode)}
	}
	if visible == "" {
		return "", &apiError{Status: 400, Description: "Bad Request: message text is empty"}
	}
	if len(utf16.Encode([]rune(visible))) > 4096 {
		return "", &apiError{Status: 400, Description: "Bad Request: message is too long"}
	}
	return visible, nil
}

// markup is a reply_markup parameter.
type markup struct {
	InlineKeyboard  [][]Button    `json:"inline_keyboard"`
	Keyboard        [][]KeyButton `json:"keyboard"`
	OneTimeKeyboard bool          `json:"one_time_keyboard"`
	RemoveKeyboard  bool          `json:"remove_keyboard"`
}

// markups remembers the reply_markup parameters the fake has decoded: a
// bot sends the same few keyboards over and over, and the load generator
// has the fake decode thousands a second. The decoded keyboards are shared
// by the messages that carry them and never modified.
type markups struct {
	mu sync.Mutex
	m  map[string]markup
}

// maxMarkups bounds the remembered keyboards; beyond it they are forgotten.
const maxMarkups = 1024

func (c *markups) decode(raw string) (markup, error) {
	c.mu.Lock()
	mk, ok := c.m[raw]
	c.mu.Unlock()
	if ok {
		return mk, nil
	}
	if err := json.Unmarshal([]byte(raw), &mk); err != nil {
		return mk, err
	}
	c.mu.Lock()
	if len(c.m) >= maxMarkups || c.m == nil {
		c.m = make(map[string]markup)
	}
	c.m[raw] = mk
	c.mu.Unlock()
	return mk, nil
}

func (s *Server) parseMarkup(p url.Values, inlineOnly bool) (markup, *apiError) {
	raw := p.Get("reply_markup")
	if raw == "" || raw == "null" {
		return markup{}, nil
	}
	mk, err := s.markups.decode(raw)
	if err != nil {
		return mk, &apiError{Status: 400, Description: "Bad Request: can't parse reply keyboard markup JSON object"}
	}
	if inlineOnly && (mk.Keyboard != nil || mk.RemoveKeyboard) {
		return mk, &apiError{Status: 400, Description: "Bad Request: inline keyboard expected"}
	}
	for _, row := range mk.InlineKeyboard {
		for _, b := range row {
			if b.Text == "" {
				return mk, &apiError{Status: 400, Description: "Bad Request: text buttons are unallowed in the inline keyboard"}
			}
			if (b.Data == "") == (b.URL == "") || len(b.Data) > 64 {
				return mk, &apiError{Status: 400, Description: "Bad Request: BUTTON_DATA_INVALID"}
			}
		}
	}
	for _, row := range mk.Keyboard {
		for _, b := range row {
			if b.Text == "" {
				return mk, &apiError{Status: 400, Description: "Bad Request: keyboard button text is empty"}
			}
		}
	}
	return mk, nil
}

func (s *Server) sendMessage(chatID int64, p url.Values) (any, *apiError) {
	visible, aerr := parseText(p)
	if aerr != nil {
		return nil, aerr
	}
	mk, aerr := s.parseMarkup(p, false)
	if aerr != nil {
		return nil, aerr
	}
	return s.post(chatID, "sendMessage", &Message{Text: visible, Raw: p.Get("text"), ParseMode: p.Get("parse_mode"),
		Buttons: mk.InlineKeyboard, Keyboard: mk.Keyboard, OneTimeKeyboard: mk.OneTimeKeyboard, RemoveKeyboard: mk.RemoveKeyboard})
}

// post adds the bot's new message m to a chat whose resident has written,
// and answers with it.
func (s *Server) post(chatID int64, method string, m *Message) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, aerr := s.knownChatLocked(chatID)
	if aerr != nil {
		return nil, aerr
	}
	s.addLocked(c, method, m)
	return messageJSON(chatID, m), nil
}

func (s *Server) editMessageText(chatID int64, p url.Values) (any, *apiError) {
	visible, aerr := parseText(p)
	if aerr != nil {
		return nil, aerr
	}
	mk, aerr := s.parseMarkup(p, true)
	if aerr != nil {
		return nil, aerr
	}
	id, _ := strconv.Atoi(p.Get("message_id"))
	s.mu.Lock()
	defer s.mu.Unlock()
	c, aerr := s.knownChatLocked(chatID)
	if aerr != nil {
		return nil, aerr
	}
	m := c.byID(id)
	if m == nil {
		return nil, &apiError{Status: 400, Description: "Bad Request: message to edit not found"}
	}
	if m.Text == "" {
		return nil, &apiError{Status: 400, Description: "Bad Request: there is no text in the message to edit"}
	}
	if m.Text == visible && buttonsEqual(m.Buttons, mk.InlineKeyboard) {
		return nil, &apiError{Status: 400, Description: "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"}
	}
	m.Text, m.Raw, m.ParseMode, m.Buttons = visible, p.Get("text"), p.Get("parse_mode"), mk.InlineKeyboard
	m.Edits++
	s.eventLocked(c, Event{Method: "editMessageText", Message: m.clone()})
	return messageJSON(chatID, m), nil
}

func buttonsEqual(a, b [][]Button) bool {
	return slices.EqualFunc(a, b, func(x, y []Button) bool { return slices.Equal(x, y) })
}

func (s *Server) answerCallbackQuery(p url.Values) (any, *apiError) {
	qid := p.Get("callback_query_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.callback[qid]
	if q == nil || q.answered > 0 {
		if q != nil {
			q.answered++
		}
		return nil, &apiError{Status: 400, Description: "Bad Request: query is too old and response timeout expired or query ID is invalid"}
	}
	q.answered++
	q.text = p.Get("text")
	c := s.chatLocked(q.chat)
	s.eventLocked(c, Event{Method: "answerCallbackQuery", CallbackID: qid})
	return true, nil
}

func (s *Server) sendPlace(method string, chatID int64, p url.Values) (any, *apiError) {
	lat, err1 := strconv.ParseFloat(p.Get("latitude"), 64)
	lon, err2 := strconv.ParseFloat(p.Get("longitude"), 64)
	if err1 != nil || err2 != nil {
		return nil, &apiError{Status: 400, Description: "Bad Request: latitude and longitude are required"}
	}
	m := &Message{}
	if method == "sendVenue" {
		if p.Get("title") == "" || p.Get("address") == "" {
			return nil, &apiError{Status: 400, Description: "Bad Request: venue title and address are required"}
		}
		m.Venue = &Venue{Point: Point{lat, lon}, Title: p.Get("title"), Address: p.Get("address")}
	} else {
		m.Location = &Point{lat, lon}
	}
	if _, aerr := s.parseMarkup(p, false); aerr != nil {
		return nil, aerr
	}
	return s.post(chatID, method, m)
}

var commandRE = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

func (s *Server) setMyCommands(p url.Values) (any, *apiError) {
	var cmds []Command
	if err := json.Unmarshal([]byte(p.Get("commands")), &cmds); err != nil {
		return nil, &apiError{Status: 400, Description: "Bad Request: can't parse commands JSON object"}
	}
	if len(cmds) > 100 {
		return nil, &apiError{Status: 400, Description: "Bad Request: too many commands"}
	}
	for _, c := range cmds {
		if !commandRE.MatchString(c.Command) {
			return nil, &apiError{Status: 400, Description: "Bad Request: BOT_COMMAND_INVALID"}
		}
		if n := len([]rune(c.Description)); n < 1 || n > 256 {
			return nil, &apiError{Status: 400, Description: "Bad Request: command description must be 1-256 characters"}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands = cmds
	return true, nil
}

// View reads the server's state inside WaitUntil; outside it, use the
// Server's methods of the same names.
type View struct{ s *Server }

// Events returns what happened in chatID, in order.
func (v *View) Events(chatID int64) []Event {
	c := v.s.chats[chatID]
	if c == nil {
		return nil
	}
	return slices.Clone(c.events)
}

// Messages returns the bot's messages in chatID as the chat shows them now,
// oldest first.
func (v *View) Messages(chatID int64) []Message {
	c := v.s.chats[chatID]
	if c == nil {
		return nil
	}
	out := make([]Message, len(c.msgs))
	for i, m := range c.msgs {
		out[i] = m.clone()
	}
	return out
}

// Answered returns how many times the callback query qid was answered
// (Telegram accepts only the first).
func (v *View) Answered(qid string) int {
	if q := v.s.callback[qid]; q != nil {
		return q.answered
	}
	return 0
}

// Pending returns how many queued updates are not confirmed yet.
func (v *View) Pending() int { return len(v.s.updates) }

// Seq returns the Seq of the latest event in any chat.
func (v *View) Seq() int { return v.s.seq }

// Webhook returns the webhook set, or nil.
func (v *View) Webhook() *Webhook {
	if v.s.webhook == nil {
		return nil
	}
	w := *v.s.webhook
	return &w
}

// Calls returns how many times method was called.
func (v *View) Calls(method string) int { return v.s.calls[method] }

// Events returns what happened in chatID, in order.
func (s *Server) Events(chatID int64) []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return (&View{s}).Events(chatID)
}

// Messages returns the bot's messages in chatID as the chat shows them now.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return (&View{s}).Messages(chatID)
}

// FindButton returns the newest message of chatID with a callback button
// labelled label, and the button's data. Drivers press buttons with it.
func (s *Server) FindButton(chatID int64, label string) (msgID int, data string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return 0, "", false
	}
	for i := len(c.msgs) - 1; i >= 0; i-- {
		m := c.msgs[i]
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Text == label && b.Data != "" {
					return m.ID, b.Data, true
				}
			}
		}
	}
	return 0, "", false
}

// LastMessageID returns the id of the bot's newest message in chatID, 0 when
// there is none.
func (s *Server) LastMessageID(chatID int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil || len(c.msgs) == 0 {
		return 0
	}
	return c.msgs[len(c.msgs)-1].ID
}

// Seq returns the Seq of the latest event in any chat: events after a
// moment have a greater Seq than Seq returned at that moment.
func (s *Server) Seq() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seq
}

// Answered returns how many times the callback query qid was answered.
func (s *Server) Answered(qid string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return (&View{s}).Answered(qid)
}
