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
// buffer. The library builds each through a map of parameters, a
// url.Values, a sorted Encode and a reflective json.Marshal of the
// keyboard: a CPU profile of dasi serve under load (README, Load test)
// shows that as a tenth of the bot's work. The body is the same: the same
// parameters, escaped as url.QueryEscape escapes them, reply_markup the JSON
// encoding/json writes, but for the library's entities=null (a nil slice,
// which the Bot API reads as absent). wire_test.go holds it to the
// library's output.

// formBody appends an application/x-www-form-urlencoded body.
type formBody []byte

// add appends key=value, value escaped as url.QueryEscape does.
func (f *formBody) add(key, value string) {
	b := *f
	if len(b) > 0 {
		b = append(b, '&')
	}
	b = append(b, key...)
	b = append(b, '=')
	*f = appendQueryEscaped(b, value)
}

// addBytes is add for a value held in bytes (a JSON text).
func (f *formBody) addBytes(key string, value []byte) {
	b := *f
	if len(b) > 0 {
		b = append(b, '&')
	}
	b = append(b, key...)
	b = append(b, '=')
	*f = appendQueryEscaped(b, value)
}

func (f *formBody) addInt(key string, v int64) {
	b := *f
	if len(b) > 0 {
		b = append(b, '&')
	}
	b = append(b, key...)
	b = append(b, '=')
	*f = strconv.AppendInt(b, v, 10) // digits and '-' need no escape
}

const upperHex = "0123456789ABCDEF"

// appendQueryEscaped appends s escaped for a query component: letters,
// digits and -_.~ as they are, space as '+', every other byte %XX.
func appendQueryEscaped[T string | []byte](b []byte, s T) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
			b = append(b, c)
		case c == ' ':
			b = append(b, '+')
		default:
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return b
}

// encodeRequest writes the body of ch when it is one of the hot methods'
// configs holding nothing this encoder does not write, and reports whether
// it did; the caller falls back to the library otherwise.
func encodeRequest(buf []byte, ch tgbotapi.Chattable) (formBody, bool) {
	f := formBody(buf[:0])
	switch c := ch.(type) {
	case tgbotapi.MessageConfig:
		if len(c.Entities) > 0 || !f.baseChat(c.BaseChat) {
			return nil, false
		}
		if c.Text != "" {
			f.add("text", c.Text)
		}
		if c.DisableWebPagePreview {
			f.add("disable_web_page_preview", "true")
		}
		if c.ParseMode != "" {
			f.add("parse_mode", c.ParseMode)
		}
	case tgbotapi.EditMessageTextConfig:
		if len(c.Entities) > 0 || c.InlineMessageID != "" || c.ChannelUsername != "" {
			return nil, false
		}
		if c.ChatID != 0 {
			f.addInt("chat_id", c.ChatID)
		}
		if c.MessageID != 0 {
			f.addInt("message_id", int64(c.MessageID))
		}
		if c.ReplyMarkup != nil {
			mk, ok := appendInlineKeyboard(nil, c.ReplyMarkup.InlineKeyboard)
			if !ok {
				return nil, false
			}
			f.addBytes("reply_markup", mk)
		}
		f.add("text", c.Text)
		if c.ParseMode != "" {
			f.add("parse_mode", c.ParseMode)
		}
		if c.DisableWebPagePreview {
			f.add("disable_web_page_preview", "true")
		}
	case tgbotapi.CallbackConfig:
		if c.ShowAlert || c.URL != "" || c.CacheTime != 0 {
			return nil, false
		}
		f.add("callback_query_id", c.CallbackQueryID)
		if c.Text != "" {
			f.add("text", c.Text)
		}
	case tgbotapi.VenueConfig:
		if c.FoursquareID != "" || c.FoursquareType != "" || c.GooglePlaceID != "" || c.GooglePlaceType != "" || !f.baseChat(c.BaseChat) {
			return nil, false
		}
		f.addFloat("latitude", c.Latitude)
		f.addFloat("longitude", c.Longitude)
		f.add("title", c.Title)
		f.add("address", c.Address)
	case tgbotapi.LocationConfig:
		if c.HorizontalAccuracy != 0 || c.LivePeriod != 0 || c.Heading != 0 || c.ProximityAlertRadius != 0 || !f.baseChat(c.BaseChat) {
			return nil, false
		}
		f.addFloat("latitude", c.Latitude)
		f.addFloat("longitude", c.Longitude)
	case tgbotapi.UpdateConfig:
		if c.Offset != 0 {
			f.addInt("offset", int64(c.Offset))
		}
		if c.Limit != 0 {
			f.addInt("limit", int64(c.Limit))
		}
		if c.Timeout != 0 {
			f.addInt("timeout", int64(c.Timeout))
		}
		if c.AllowedUpdates != nil {
			b, err := json.Marshal(c.AllowedUpdates)
			if err != nil {
				return nil, false
			}
			f.addBytes("allowed_updates", b)
		}
	default:
		return nil, false
	}
	return f, true
}

// addFloat writes a coordinate as the library does (six decimals), and
// nothing for zero.
func (f *formBody) addFloat(key string, v float64) {
	if v != 0 {
		f.add(key, strconv.FormatFloat(v, 'f', 6, 64))
	}
}

// baseChat writes the parameters of a message to a chat, and reports false
// for what only the library writes (a channel's username, a reply to a
// message, a keyboard of another kind).
func (f *formBody) baseChat(c tgbotapi.BaseChat) bool {
	if c.ChannelUsername != "" || c.ReplyToMessageID != 0 || c.AllowSendingWithoutReply {
		return false
	}
	if c.ChatID != 0 {
		f.addInt("chat_id", c.ChatID)
	}
	if c.DisableNotification {
		f.add("disable_notification", "true")
	}
	switch mk := c.ReplyMarkup.(type) {
	case nil:
	case tgbotapi.InlineKeyboardMarkup:
		b, ok := appendInlineKeyboard(nil, mk.InlineKeyboard)
		if !ok {
			return false
		}
		f.addBytes("reply_markup", b)
	case *tgbotapi.InlineKeyboardMarkup:
		if mk == nil {
			break
		}
		b, ok := appendInlineKeyboard(nil, mk.InlineKeyboard)
		if !ok {
			return false
		}
		f.addBytes("reply_markup", b)
	case tgbotapi.ReplyKeyboardRemove:
		if mk.RemoveKeyboard && !mk.Selective {
			f.add("reply_markup", `{"remove_keyboard":true}`)
			break
		}
		return false
	default:
		// The location keyboard and anything rarer: the library's way.
		b, err := json.Marshal(mk)
		if err != nil {
			return false
		}
		f.addBytes("reply_markup", b)
	}
	return true
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
