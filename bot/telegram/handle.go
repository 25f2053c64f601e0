package telegram

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/data"
)

// residentOf is the resident of a private chat: in Telegram, a private
// chat's id is its user's id.
func residentOf(chatID int64) data.ResidentID {
	return data.ResidentID(string(data.Telegram) + ":" + strconv.FormatInt(chatID, 10))
}

// chatOf is the private chat of a Telegram resident; false for a resident
// of another channel.
func chatOf(r data.ResidentID) (int64, bool) {
	if r.Channel() != data.Telegram {
		return 0, false
	}
	id, err := strconv.ParseInt(r.Key(), 10, 64)
	return id, err == nil
}

// handle handles one update. It never fails: whatever goes wrong is logged
// and, where a resident waits for an answer, answered by the Handler (or,
// after a panic, with TryAgainLater).
func (b *Channel) handle(ctx context.Context, in *incoming) {
	log := b.log.With("update_id", in.updateID, "chat_id", in.chatID)
	defer func() {
		if r := recover(); r != nil {
			log.ErrorContext(ctx, "panic while handling an update", "panic", r, "stack", string(debug.Stack()))
			if in.chatID != 0 {
				rep := &replier{b: b, chatID: in.chatID, log: log}
				rep.tryAgainLater(ctx)
			}
		}
		took := time.Since(in.received)
		b.m.handling.Observe(took.Seconds())
		if b.opt.OnHandled != nil {
			b.opt.OnHandled(in.updateID, took)
		}
	}()
	b.m.updates.WithLabelValues(in.kind).Inc()
	log.DebugContext(ctx, "update", "kind", in.kind)

	// Answer a button press first, whatever follows: the resident's phone
	// shows a spinner on the button until then.
	if in.callbackID != "" && !in.answered {
		b.answerCallback(ctx, in, log)
	}
	switch in.kind {
	case "ignored":
		return
	case "member":
		b.memberChanged(ctx, in, log)
		return
	}
	b.m.active.touch(in.chatID, in.received)
	if b.blocked.has(in.chatID) {
		// Whoever writes can be written to: the resident has come back.
		b.blocked.set(ctx, in.chatID, false)
		log.InfoContext(ctx, "resident came back; sending again")
	}

	in.input.Staff = b.staff[in.userID]
	t := bot.Turn{Resident: residentOf(in.chatID), Input: in.input, Log: log}
	b.handler.Handle(ctx, t, &replier{b: b, chatID: in.chatID, pressedID: in.pressedID, log: log})
}

// answerCallback answers a button press with no text: the reply that
// follows is the answer.
func (b *Channel) answerCallback(ctx context.Context, in *incoming, log *slog.Logger) {
	cfg := tgbotapi.NewCallback(in.callbackID, "")
	err := b.out.deliver(ctx, in.chatID, "answerCallbackQuery", func(ctx context.Context) error {
		return b.c.send(ctx, cfg)
	})
	var se *bot.SendError
	switch {
	case err == nil || errors.Is(err, bot.ErrBlocked) || ctx.Err() != nil:
	case errors.As(err, &se) && !se.Temporary:
		// A press older than Telegram keeps queries for (a button of
		// yesterday's message): routine, and the reply still follows.
		log.DebugContext(ctx, "button press too old to answer", "error", err)
	default:
		log.WarnContext(ctx, "cannot answer the button press", "error", err)
	}
}

// memberChanged records a resident blocking the bot (or deleting the chat)
// and coming back.
func (b *Channel) memberChanged(ctx context.Context, in *incoming, log *slog.Logger) {
	switch in.member {
	case "kicked":
		b.blocked.set(ctx, in.chatID, true)
		log.InfoContext(ctx, "resident blocked the bot; sending nothing more until they come back")
	case "member":
		b.blocked.set(ctx, in.chatID, false)
		log.InfoContext(ctx, "resident came back")
	}
}
