package faketg

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

func (s *Server) enqueueLocked(chatID int64, u jsonUpdate) int {
	u.UpdateID = s.nextUpd
	s.nextUpd++
	raw, err := json.Marshal(u)
	if err != nil {
		panic(err)
	}
	s.updates = append(s.updates, queued{id: u.UpdateID, chat: chatID, raw: raw})
	s.queueChangedLocked()
	return u.UpdateID
}

func (s *Server) message(chatID int64, m jsonMessage) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(chatID)
	c.nextID++
	from := user(chatID)
	m.MessageID, m.From, m.Chat, m.Date = c.nextID, &from, privateChat(chatID), time.Now().Unix()
	return s.enqueueLocked(chatID, jsonUpdate{Message: &m})
}

// SendText queues a message the resident of chatID typed, and returns its
// update id. Text starting with "/" carries a bot_command entity, as
// Telegram adds one.
func (s *Server) SendText(chatID int64, text string) int {
	m := jsonMessage{Text: text}
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		m.Entities = []jsonEntity{{Type: "bot_command", Offset: 0, Length: len(utf16.Encode([]rune(cmd)))}}
	}
	return s.message(chatID, m)
}

// SendLocation queues a shared location.
func (s *Server) SendLocation(chatID int64, lat, lon float64) int {
	return s.message(chatID, jsonMessage{Location: &jsonLocation{Latitude: lat, Longitude: lon}})
}

// SendSticker queues a sticker.
func (s *Server) SendSticker(chatID int64) int {
	return s.message(chatID, jsonMessage{Sticker: &jsonSticker{
		FileID: "CAACAgIAAxkBAAE", FileUniqueID: "AgADzQ", Width: 512, Height: 512, Emoji: "👍"}})
}

// Press queues a callback query: the resident of chatID pressed the button
// with data under the bot's message messageID. The query carries the message
// as the chat shows it; a message the chat never received (a forged press)
// is sent as a bare message. It returns the update id and the query id.
func (s *Server) Press(chatID int64, messageID int, data string) (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextCB++
	qid := "cb" + strconv.Itoa(s.nextCB)
	s.callback[qid] = &callbackQuery{chat: chatID}
	bot := theBot
	msg := &jsonMessage{MessageID: messageID, From: &bot, Chat: privateChat(chatID), Date: time.Now().Unix()}
	if m := s.chatLocked(chatID).byID(messageID); m != nil {
		msg.Text = m.Text
		if len(m.Buttons) > 0 {
			msg.ReplyMarkup = &jsonInlineMarkup{InlineKeyboard: m.Buttons}
		}
	}
	id := s.enqueueLocked(chatID, jsonUpdate{CallbackQuery: &jsonCallbackQuery{
		ID: qid, From: user(chatID), Message: msg, ChatInstance: "ci" + strconv.FormatInt(chatID, 10), Data: data,
	}})
	return id, qid
}

// ChatMember queues a my_chat_member update: status "kicked" when the
// resident blocks the bot or deletes the chat, "member" when they come back.
func (s *Server) ChatMember(chatID int64, status string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := "member"
	if status == "member" {
		old = "kicked"
	}
	return s.enqueueLocked(chatID, jsonUpdate{MyChatMember: &jsonChatMemberUpdated{
		Chat: privateChat(chatID), From: user(chatID), Date: time.Now().Unix(),
		OldChatMember: jsonChatMember{User: theBot, Status: old},
		NewChatMember: jsonChatMember{User: theBot, Status: status},
	}})
}

// getUpdates answers a long poll: the queued updates from offset on, at
// once if there are any, else when one arrives or the wait (the smaller of
// the asked timeout and MaxWait) ends. A newer poll ends an older one with
// 409, as two bot instances polling one token see.
func (s *Server) getUpdates(ctx context.Context, p url.Values) (any, *apiError) {
	offset, _ := strconv.Atoi(p.Get("offset"))
	limit, _ := strconv.Atoi(p.Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(p.Get("timeout"))
	wait := min(time.Duration(timeout)*time.Second, s.maxWait)
	deadline := time.NewTimer(wait)
	defer deadline.Stop()

	s.mu.Lock()
	if s.webhook != nil {
		s.mu.Unlock()
		return nil, &apiError{Status: 409, Description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	s.pollGen++
	gen := s.pollGen
	if offset > 0 {
		s.confirm = offset
		i := 0
		for i < len(s.updates) && s.updates[i].id < offset {
			i++
		}
		s.updates = s.updates[i:]
	}
	s.queueChangedLocked() // an older poll waiting ends with 409
	for {
		if s.pollGen != gen {
			s.mu.Unlock()
			return nil, &apiError{Status: 409, Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		}
		if len(s.updates) > 0 {
			n := min(limit, len(s.updates))
			out := make([]json.RawMessage, n)
			for i := range n {
				out[i] = s.updates[i].raw
			}
			s.mu.Unlock()
			return out, nil
		}
		ch := s.queue.wait()
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			return []json.RawMessage{}, nil
		case <-ctx.Done():
			return nil, &apiError{Status: 499, Description: "client went away"}
		case <-s.stop:
			return []json.RawMessage{}, nil
		}
		s.mu.Lock()
	}
}

func (s *Server) setWebhook(p url.Values) (any, *apiError) {
	u := p.Get("url")
	if u == "" {
		s.mu.Lock()
		s.webhook = nil
		s.queueChangedLocked()
		s.mu.Unlock()
		return true, nil
	}
	if !strings.HasPrefix(u, "https://") {
		return nil, &apiError{Status: 400, Description: "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"}
	}
	secret := p.Get("secret_token")
	for _, r := range secret {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return nil, &apiError{Status: 400, Description: "Bad Request: secret token contains unallowed characters"}
		}
	}
	var allowed []string
	if a := p.Get("allowed_updates"); a != "" {
		if err := json.Unmarshal([]byte(a), &allowed); err != nil {
			return nil, &apiError{Status: 400, Description: "Bad Request: can't parse allowed_updates JSON array"}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = &Webhook{URL: u, SecretToken: secret, AllowedUpdates: allowed}
	s.pollGen++ // a waiting poll ends with 409, as on Telegram
	s.queueChangedLocked()
	if !s.delivering {
		s.delivering = true
		s.wg.Add(1)
		go s.deliverLoop()
	}
	return true, nil
}

// deliverLoop posts queued updates to the webhook one at a time, in order,
// retrying an update until the bot answers 2xx, while a webhook is set.
// One runs at a time (s.delivering).
func (s *Server) deliverLoop() {
	defer s.wg.Done()
	client := &http.Client{Timeout: 10 * time.Second}
	for {
		s.mu.Lock()
		if s.webhook == nil {
			s.delivering = false
			s.mu.Unlock()
			return
		}
		if len(s.updates) == 0 || s.deliver == "" {
			ch := s.queue.wait()
			s.mu.Unlock()
			select {
			case <-ch:
				continue
			case <-s.stop:
				return
			}
		}
		u := s.updates[0]
		wh := *s.webhook
		target := s.deliver
		s.mu.Unlock()

		if pu, err := url.Parse(wh.URL); err == nil {
			target += pu.EscapedPath()
		}
		req, _ := http.NewRequest(http.MethodPost, target, bytes.NewReader(u.raw))
		req.Header.Set("Content-Type", "application/json")
		if wh.SecretToken != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", wh.SecretToken)
		}
		resp, err := client.Do(req)
		ok := err == nil && resp.StatusCode/100 == 2
		if err == nil {
			if ok {
				s.webhookAnswer(resp)
			}
			resp.Body.Close()
		}
		if ok {
			s.mu.Lock()
			if len(s.updates) > 0 && s.updates[0].id == u.id {
				s.updates = s.updates[1:]
			}
			s.queueChangedLocked()
			s.mu.Unlock()
			continue
		}
		select {
		case <-time.After(50 * time.Millisecond):
		case <-s.stop:
			return
		}
	}
}

// webhookAnswer carries out a method the bot put in its answer to a
// delivery, as Telegram does ("reply directly to the webhook"): the
// answer's JSON object names it in "method" beside its parameters. The
// bot cannot learn whether it succeeded. Only answerCallbackQuery is
// carried out; any other is counted and ignored.
func (s *Server) webhookAnswer(resp *http.Response) {
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		return
	}
	var m map[string]any
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&m); err != nil {
		return
	}
	method, _ := m["method"].(string)
	if method == "" {
		return
	}
	s.mu.Lock()
	s.webhookAnswers++ // not a request of the bot's: Calls leaves it out
	s.mu.Unlock()
	if method == "answerCallbackQuery" {
		qid, _ := m["callback_query_id"].(string)
		s.answerCallbackQuery(url.Values{"callback_query_id": {qid}})
	}
}

// WebhookAnswers returns how many methods the bot put in its answers to
// deliveries.
func (s *Server) WebhookAnswers() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookAnswers
}

func itoa(n int) string { return strconv.Itoa(n) }
