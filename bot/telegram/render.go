package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/dialogs"
)

// maxText is Telegram's limit on a message's text, in UTF-16 code units
// after entity parsing.
const maxText = 4096

// maxCallbackData is Telegram's limit on a button's callback data, in bytes.
const maxCallbackData = 64

// replier shows the answers of one update in its chat (bot.Replier).
type replier struct {
	b         *Channel
	chatID    int64
	pressedID int  // the message whose button was pressed, if any
	edited    bool // an Edit reply has used pressedID
	log       *slog.Logger
}

// tryAgainLater tells the resident the bot cannot answer right now.
func (t *replier) tryAgainLater(ctx context.Context) {
	err := t.Reply(ctx, dialogs.Reply{Kind: dialogs.ReplyText, Text: dialogs.TryAgainLater()})
	if err != nil && !errors.Is(err, bot.ErrBlocked) && ctx.Err() == nil {
		t.log.ErrorContext(ctx, "cannot send the replies", "error", err)
	}
}

// Reply shows replies in the chat, in order, as messages: text (escaped for
// parse_mode HTML, split at 4096 characters on line boundaries) with its
// inline keyboard under the last part, the location button as a one-time
// reply keyboard, and map pins. A reply with Edit replaces the message
// whose button was pressed, once per turn, and falls back to a new message
// when Telegram refuses the edit. Reply stops at the first reply that could
// not be delivered and returns its error (bot.ErrBlocked when the resident
// blocked the bot).
func (t *replier) Reply(ctx context.Context, replies ...dialogs.Reply) error {
	for _, r := range replies {
		var err error
		switch r.Kind {
		case dialogs.ReplyText:
			err = t.sendText(ctx, r)
		case dialogs.ReplyPlace:
			err = t.sendPlace(ctx, r)
		default:
			t.log.WarnContext(ctx, "a reply the bot cannot show was skipped", "reply_kind", int(r.Kind))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (t *replier) sendText(ctx context.Context, r dialogs.Reply) error {
	parts := splitText(htmlOf(r), maxText)
	if len(parts) == 0 {
		t.log.WarnContext(ctx, "an empty text reply was skipped")
		return nil
	}
	kb := inlineKeyboard(ctx, t.log, r.Buttons)
	b := t.b

	if r.Edit && t.pressedID != 0 && !t.edited && len(parts) == 1 && !r.AskLocation {
		t.edited = true
		cfg := tgbotapi.NewEditMessageText(t.chatID, t.pressedID, parts[0])
		cfg.ParseMode = tgbotapi.ModeHTML
		cfg.DisableWebPagePreview = true
		cfg.ReplyMarkup = kb // nil removes the answered question's buttons
		err := b.out.deliver(ctx, t.chatID, "editMessageText", func(ctx context.Context) error {
			return b.c.send(ctx, cfg)
		})
		if err == nil || errors.Is(err, bot.ErrBlocked) || ctx.Err() != nil {
			return err
		}
		// Not modified, too old to edit, deleted: a new message reads as well.
		t.log.DebugContext(ctx, "edit refused; sending a new message", "error", err, "not_modified", isNotModified(err))
	}

	for i, part := range parts {
		msg := tgbotapi.NewMessage(t.chatID, part)
		msg.ParseMode = tgbotapi.ModeHTML
		msg.DisableWebPagePreview = true
		if i == len(parts)-1 {
			switch {
			case kb != nil:
				msg.ReplyMarkup = *kb
			case r.AskLocation:
				msg.ReplyMarkup = locationKeyboard()
			default:
				// Closes a location keyboard left open by an earlier
				// question; nothing happens when none is open.
				msg.ReplyMarkup = tgbotapi.NewRemoveKeyboard(false)
			}
		}
		if err := t.sendMessage(ctx, msg); err != nil {
			return err
		}
	}
	if r.AskLocation && kb != nil {
		// A message carries one keyboard: the location button comes next.
		msg := tgbotapi.NewMessage(t.chatID, escapeHTML(dialogs.ShareLocationHint()))
		msg.ParseMode = tgbotapi.ModeHTML
		msg.ReplyMarkup = locationKeyboard()
		return t.sendMessage(ctx, msg)
	}
	return nil
}

func (t *replier) sendMessage(ctx context.Context, msg tgbotapi.MessageConfig) error {
	return t.b.out.deliver(ctx, t.chatID, "sendMessage", func(ctx context.Context) error {
		return t.b.c.send(ctx, msg)
	})
}

// sendPlace pins the place on a map: a venue with its name and address, or
// a bare location when it has no address. A place without coordinates gets
// no pin (its address is in the text already).
func (t *replier) sendPlace(ctx context.Context, r dialogs.Reply) error {
	p := r.Place
	if p == nil || !p.At.Valid() {
		return nil
	}
	var ch tgbotapi.Chattable
	method := "sendVenue"
	if p.Name != "" && p.Address != "" {
		ch = tgbotapi.NewVenue(t.chatID, p.Name, p.Address, p.At.Lat, p.At.Lon)
	} else {
		ch, method = tgbotapi.NewLocation(t.chatID, p.At.Lat, p.At.Lon), "sendLocation"
	}
	return t.b.out.deliver(ctx, t.chatID, method, func(ctx context.Context) error {
		return t.b.c.send(ctx, ch)
	})
}

// Track sends one text reply as one message and returns its id, for a
// message the bot edits later (bot.Replier). It returns the send's error,
// or one saying Telegram's answer held no message id.
func (t *replier) Track(ctx context.Context, r dialogs.Reply) (int, error) {
	msg := tgbotapi.NewMessage(t.chatID, escapeHTML(r.Text))
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	if kb := inlineKeyboard(ctx, t.log, r.Buttons); kb != nil {
		msg.ReplyMarkup = *kb
	}
	var resp *tgbotapi.APIResponse
	err := t.b.out.deliver(ctx, t.chatID, "sendMessage", func(ctx context.Context) error {
		var err error
		resp, err = t.b.c.request(ctx, msg)
		return err
	})
	if err != nil {
		return 0, err
	}
	var sent struct {
		MessageID int `json:"message_id"`
	}
	if err := json.Unmarshal(resp.Result, &sent); err != nil {
		return 0, fmt.Errorf("sendMessage: read Telegram's answer: %w", err)
	}
	if sent.MessageID == 0 {
		return 0, errors.New("sendMessage: no message_id in Telegram's answer")
	}
	return sent.MessageID, nil
}

// inlineKeyboard builds the buttons. A button Telegram would refuse (no
// label, callback data over 64 bytes, neither data nor URL) would make the
// whole message fail, so it is left out and logged: it is a bug in the
// conversation, and the resident can still type the answer.
func inlineKeyboard(ctx context.Context, log *slog.Logger, rows [][]dialogs.Button) *tgbotapi.InlineKeyboardMarkup {
	out := make([][]tgbotapi.InlineKeyboardButton, 0, len(rows))
	for _, row := range rows {
		r := make([]tgbotapi.InlineKeyboardButton, 0, len(row))
		for _, btn := range row {
			switch {
			case btn.Label == "":
			case btn.URL != "":
				r = append(r, tgbotapi.NewInlineKeyboardButtonURL(btn.Label, btn.URL))
				continue
			case btn.Data != "" && len(btn.Data) <= maxCallbackData:
				r = append(r, tgbotapi.NewInlineKeyboardButtonData(btn.Label, btn.Data))
				continue
			}
			log.ErrorContext(ctx, "a button Telegram would refuse was left out", "data_bytes", len(btn.Data))
		}
		if len(r) > 0 {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: out}
}

func locationKeyboard() tgbotapi.ReplyKeyboardMarkup {
	kb := tgbotapi.NewOneTimeReplyKeyboard(tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButtonLocation(dialogs.ShareLocationButton())))
	kb.ResizeKeyboard = true
	return kb
}

// escapeHTML escapes what parse_mode HTML reserves: <, > and &.
// htmlOf is a reply's text for parse_mode HTML: escaped, and for a
// results message laid out with each item's title a link to its official
// page (a button per item would crowd the turn).
func htmlOf(r dialogs.Reply) string {
	if len(r.Items) == 0 {
		return escapeHTML(r.Text)
	}
	return r.Layout(escapeHTML, func(it dialogs.Item) string {
		if !strings.HasPrefix(it.URL, "https://") && !strings.HasPrefix(it.URL, "http://") {
			return escapeHTML(it.Title)
		}
		return `<a href="` + strings.ReplaceAll(escapeHTML(it.URL), `"`, "&quot;") + `">` + escapeHTML(it.Title) + "</a>"
	})
}

func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "<>&") {
		return s
	}
	return htmlEscaper.Replace(s)
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// splitText cuts s into parts of at most limit UTF-16 code units (what
// Telegram counts), at line ends where it can, else at a space, else
// anywhere between two characters. Blank space at the cuts is dropped; a
// text of only blank space gives no part.
func splitText(s string, limit int) []string {
	s = strings.TrimSpace(s)
	var parts []string
	for s != "" {
		if utf16Len(s) <= limit {
			parts = append(parts, s)
			break
		}
		cut := prefixBytes(s, limit) // the longest prefix that fits
		head, next := s[:cut], s[cut]
		switch {
		case next == '\n': // the line ends right there
		case strings.LastIndexByte(head, '\n') > 0:
			cut = strings.LastIndexByte(head, '\n')
		case next == ' ' || next == '\t': // a word ends right there
		case strings.LastIndexAny(head, " \t") > 0:
			cut = strings.LastIndexAny(head, " \t")
		}
		parts = append(parts, strings.TrimRight(s[:cut], " \t\n"))
		s = strings.TrimLeft(s[cut:], " \t\n")
	}
	return parts
}

// utf16Len returns the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// prefixBytes returns the byte length of the longest prefix of s that is at
// most limit UTF-16 code units, cut between characters.
func prefixBytes(s string, limit int) int {
	n := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if n+w > limit {
			return i
		}
		n += w
	}
	return len(s)
}
