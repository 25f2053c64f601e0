package telegram

import tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

// The part of getUpdates' answer that parse reads, decoded into the
// library's own types. Decoding into the library's Update whole builds
// every message a pressed button sits under (its text, its keyboard),
// which nothing reads: a tenth of the bot's work under load, by a CPU
// profile of dasi serve (README, Load test). Every other kind of update
// (edited messages, channel posts, inline queries) decodes to an update
// with none of the three kinds parse serves, as before: parse ignores it.

type wireUpdate struct {
	UpdateID      int                         `json:"update_id"`
	Message       *wireMessage                `json:"message"`
	CallbackQuery *wireCallback               `json:"callback_query"`
	MyChatMember  *tgbotapi.ChatMemberUpdated `json:"my_chat_member"`
}

type wireMessage struct {
	MessageID int                      `json:"message_id"`
	From      *tgbotapi.User           `json:"from"`
	Chat      *tgbotapi.Chat           `json:"chat"`
	Text      string                   `json:"text"`
	Entities  []tgbotapi.MessageEntity `json:"entities"`
	Location  *tgbotapi.Location       `json:"location"`
}

type wireCallback struct {
	ID      string         `json:"id"`
	From    *tgbotapi.User `json:"from"`
	Message *struct {
		MessageID int            `json:"message_id"`
		Chat      *tgbotapi.Chat `json:"chat"`
	} `json:"message"`
	Data string `json:"data"`
}

// update returns the library's Update holding what was decoded.
func (w *wireUpdate) update() tgbotapi.Update {
	u := tgbotapi.Update{UpdateID: w.UpdateID, MyChatMember: w.MyChatMember}
	if m := w.Message; m != nil {
		u.Message = &tgbotapi.Message{MessageID: m.MessageID, From: m.From, Chat: m.Chat, Text: m.Text, Entities: m.Entities, Location: m.Location}
	}
	if q := w.CallbackQuery; q != nil {
		u.CallbackQuery = &tgbotapi.CallbackQuery{ID: q.ID, From: q.From, Data: q.Data}
		if q.Message != nil {
			u.CallbackQuery.Message = &tgbotapi.Message{MessageID: q.Message.MessageID, Chat: q.Message.Chat}
		}
	}
	return u
}
