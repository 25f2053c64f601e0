package telegram

import (
	"context"
	"errors"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// errNotTelegram is the answer for a resident of another channel.
var errNotTelegram = errors.New("not a Telegram resident")

// Push makes one attempt to send r's text, with its buttons, to a
// resident who did not just write: a broadcast or an alert digest
// (bot.Sender). It returns nil once Telegram accepted the message,
// bot.ErrBlocked for a chat marked blocked (nothing is sent), a
// *bot.RetryAfterError on a 429 (the chat is held as every send's is), a
// *bot.SendError otherwise, or ctx's error. The broadcast worker decides
// what to do next; each outcome is counted under method "broadcast".
func (b *Channel) Push(ctx context.Context, to data.ResidentID, r dialogs.Reply) error {
	chatID, ok := chatOf(to)
	if !ok {
		return &bot.SendError{Method: "sendMessage", Err: fmt.Errorf("%s: %w", to, errNotTelegram)}
	}
	msg := tgbotapi.NewMessage(chatID, escapeHTML(r.Text))
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	if kb := inlineKeyboard(ctx, b.log, r.Buttons); kb != nil {
		msg.ReplyMarkup = *kb
	}
	err := b.out.attempt(ctx, chatID, "sendMessage", func(ctx context.Context) error {
		return b.c.send(ctx, msg)
	})
	var (
		ra *bot.RetryAfterError
		se *bot.SendError
	)
	switch {
	case err == nil:
		b.m.sends.WithLabelValues("broadcast", "ok").Inc()
	case errors.Is(err, bot.ErrBlocked):
		b.m.sends.WithLabelValues("broadcast", "blocked").Inc()
	case ctx.Err() != nil:
	case errors.As(err, &ra):
		b.m.retries.WithLabelValues("rate_limited").Inc()
	case errors.As(err, &se) && se.Temporary:
		b.m.retries.WithLabelValues("transient").Inc()
	default:
		b.m.sends.WithLabelValues("broadcast", "failed").Inc()
	}
	return err
}

// Edit replaces the text and buttons of a message the bot sent to a
// resident (a staff member's broadcast progress), retrying under the send
// policy (bot.Sender). An edit that changes nothing is not an error. It
// returns bot.ErrBlocked, a *bot.SendError or ctx's error.
func (b *Channel) Edit(ctx context.Context, to data.ResidentID, messageID int, r dialogs.Reply) error {
	chatID, ok := chatOf(to)
	if !ok {
		return &bot.SendError{Method: "editMessageText", Err: fmt.Errorf("%s: %w", to, errNotTelegram)}
	}
	cfg := tgbotapi.NewEditMessageText(chatID, messageID, escapeHTML(r.Text))
	cfg.ParseMode = tgbotapi.ModeHTML
	cfg.DisableWebPagePreview = true
	cfg.ReplyMarkup = inlineKeyboard(ctx, b.log, r.Buttons) // nil removes the stop button
	err := b.out.deliver(ctx, chatID, "editMessageText", func(ctx context.Context) error {
		return b.c.send(ctx, cfg)
	})
	if isNotModified(err) {
		return nil
	}
	return err
}

// The Channel is the broadcast worker's way to residents.
var _ bot.Sender = (*Channel)(nil)
