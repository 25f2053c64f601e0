package telegram

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// The request bodies of the methods every update uses (sendMessage,
// editMessageText, answerCallbackQuery, sendVenue, sendLocation,
// getUpdates), written from the library's own config types into one
// buffer, as JSON (which the Bot API takes as well as forms). The library
// builds each through a map of parameters, a url.Values, a sorted Encode
// and a reflective json.Marshal of the keyboard, and percent-escapes every
// byte of Korean text, tripling it: a CPU profile of dasi serve under load
// (README, Load test) shows the building as a tenth of the bot's work, and
// the tripled bodies in its write system calls. The parameters are the
// library's, with the same values (reply_markup the JSON encoding/json
// writes, as an object rather than a string in a form), but for the
// library's entities=null (a nil slice, which the Bot API reads as
// absent). wire_test.go holds them to the library's.

// jsonBody appends a JSON object's members.
type jsonBody []byte

// key starts a member.
func (j *jsonBody) key(k string) {
	b := *j
	if len(b) > 1 {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, k...)
	*j = append(b, '"', ':')
}

func (j *jsonBody) str(k, v string) {
	j.key(k)
	*j = appendJSONString(*j, v)
}

// raw adds a member whose value is JSON already.
func (j *jsonBody) raw(k string, v []byte) {
	j.key(k)
	*j = append(*j, v...)
}

func (j *jsonBody) int(k string, v int64) {
	j.key(k)
	*j = strconv.AppendInt(*j, v, 10)
}

func (j *jsonBody) yes(k string) {
	j.key(k)
	*j = append(*j, "true"...)
}

// float writes a coordinate as the library does (six decimals), and
// nothing for zero.
func (j *jsonBody) float(k string, v float64) {
	if v != 0 {
		j.key(k)
		*j = strconv.AppendFloat(*j, v, 'f', 6, 64)
	}
}

// encodeRequest writes the JSON body of ch when it is one of the hot
// methods' configs holding nothing this encoder does not write, and
// reports whether it did; the caller falls back to the library otherwise.
func encodeRequest(buf []byte, ch tgbotapi.Chattable) ([]byte, bool) {
	j := jsonBody(append(buf[:0], '{'))
	switch c := ch.(type) {
	case tgbotapi.MessageConfig:
		if len(c.Entities) > 0 || !j.baseChat(c.BaseChat) {
			return nil, false
		}
		if c.Text != "" {
			j.str("text", c.Text)
		}
		if c.DisableWebPagePreview {
			j.yes("disable_web_page_preview")
		}
		if c.ParseMode != "" {
			j.str("parse_mode", c.ParseMode)
		}
	case tgbotapi.EditMessageTextConfig:
		if len(c.Entities) > 0 || c.InlineMessageID != "" || c.ChannelUsername != "" {
			return nil, false
		}
		if c.ChatID != 0 {
			j.int("chat_id", c.ChatID)
		}
		if c.MessageID != 0 {
			j.int("message_id", int64(c.MessageID))
		}
		if c.ReplyMarkup != nil && !j.inlineKeyboard(c.ReplyMarkup.InlineKeyboard) {
			return nil, false
		}
		j.str("text", c.Text)
		if c.ParseMode != "" {
			j.str("parse_mode", c.ParseMode)
		}
		if c.DisableWebPagePreview {
			j.yes("disable_web_page_preview")
		}
	case tgbotapi.CallbackConfig:
		if c.ShowAlert || c.URL != "" || c.CacheTime != 0 {
			return nil, false
		}
		j.str("callback_query_id", c.CallbackQueryID)
		if c.Text != "" {
			j.str("text", c.Text)
		}
	case tgbotapi.VenueConfig:
		if c.FoursquareID != "" || c.FoursquareType != "" || c.GooglePlaceID != "" || c.GooglePlaceType != "" || !j.baseChat(c.BaseChat) {
			return nil, false
		}
		j.float("latitude", c.Latitude)
		j.float("longitude", c.Longitude)
		j.str("title", c.Title)
		j.str("address", c.Address)
	case tgbotapi.LocationConfig:
		if c.HorizontalAccuracy != 0 || c.LivePeriod != 0 || c.Heading != 0 || c.ProximityAlertRadius != 0 || !j.baseChat(c.BaseChat) {
			return nil, false
		}
		j.float("latitude", c.Latitude)
		j.float("longitude", c.Longitude)
	case tgbotapi.UpdateConfig:
		if c.Offset != 0 {
			j.int("offset", int64(c.Offset))
		}
		if c.Limit != 0 {
			j.int("limit", int64(c.Limit))
		}
		if c.Timeout != 0 {
			j.int("timeout", int64(c.Timeout))
		}
		if c.AllowedUpdates != nil {
			b, err := json.Marshal(c.AllowedUpdates)
			if err != nil {
				return nil, false
			}
			j.raw("allowed_updates", b)
		}
	default:
		return nil, false
	}
	return append(j, '}'), true
}

// baseChat writes the members of a message to a chat, and reports false
// for what only the library writes (a channel's username, a reply to a
// message).
func (j *jsonBody) baseChat(c tgbotapi.BaseChat) bool {
	if c.ChannelUsername != "" || c.ReplyToMessageID != 0 || c.AllowSendingWithoutReply {
		return false
	}
	if c.ChatID != 0 {
		j.int("chat_id", c.ChatID)
	}
	if c.DisableNotification {
		j.yes("disable_notification")
	}
	switch mk := c.ReplyMarkup.(type) {
	case nil:
	case tgbotapi.InlineKeyboardMarkup:
		return j.inlineKeyboard(mk.InlineKeyboard)
	case *tgbotapi.InlineKeyboardMarkup:
		return mk == nil || j.inlineKeyboard(mk.InlineKeyboard)
	case tgbotapi.ReplyKeyboardRemove:
		if !mk.RemoveKeyboard || mk.Selective {
			return false
		}
		j.raw("reply_markup", []byte(`{"remove_keyboard":true}`))
	default:
		// The location keyboard and anything rarer: the library's way.
		b, err := json.Marshal(mk)
		if err != nil {
			return false
		}
		j.raw("reply_markup", b)
	}
	return true
}

// inlineKeyboard adds reply_markup, an inline keyboard, and reports false
// for a button it does not write.
func (j *jsonBody) inlineKeyboard(rows [][]tgbotapi.InlineKeyboardButton) bool {
	j.key("reply_markup")
	b, ok := appendInlineKeyboard(*j, rows)
	*j = b
	return ok
}

// appendInlineKeyboard appends the JSON of an inline keyboard whose
// buttons carry callback data or a URL, as encoding/json writes it, and
// reports false for a button with anything else.
func appendInlineKeyboard(b []byte, rows [][]tgbotapi.InlineKeyboardButton) ([]byte, bool) {
	b = append(b, `{"inline_keyboard":`...)
	if rows == nil {
		return append(b, "null}"...), true
	}
	b = append(b, '[')
	for i, row := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		if row == nil {
			b = append(b, "null"...)
			continue
		}
		b = append(b, '[')
		for j, btn := range row {
			if btn.LoginURL != nil || btn.SwitchInlineQuery != nil || btn.SwitchInlineQueryCurrentChat != nil || btn.CallbackGame != nil || btn.Pay {
				return nil, false
			}
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"text":`...)
			b = appendJSONString(b, btn.Text)
			if btn.URL != nil {
				b = append(b, `,"url":`...)
				b = appendJSONString(b, *btn.URL)
			}
			if btn.CallbackData != nil {
				b = append(b, `,"callback_data":`...)
				b = appendJSONString(b, *btn.CallbackData)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, "]}"...), true
}

// appendJSONString appends s as encoding/json writes a string: quoted,
// with <, > and & escaped for HTML, invalid UTF-8 as U+FFFD, and U+2028
// and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
