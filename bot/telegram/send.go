package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/dasi-seoul/dasi/bot"
)

// sender carries out DESIGN.md's one policy for Telegram's answers, for
// every request that goes to a chat (replies, edits, callback answers, and
// the broadcast worker's messages):
//
//   - 429: every request to that chat waits until retry_after has passed
//     (one hold per chat, shared by every goroutine), then the request is
//     retried;
//   - 5xx and network errors: retried with exponential backoff and jitter,
//     up to a limit;
//   - 403 (blocked by the user, deactivated) or 400 "chat not found": the
//     chat is marked blocked and nothing more is sent to it until the
//     resident comes back;
//   - any other 400: our request is wrong; it is not retried.
//
// sender is safe for concurrent use.
type sender struct {
	c       *client
	log     *slog.Logger
	m       *metrics
	holds   *holds
	blocked *blocklist

	policy      bot.RetryPolicy // what to do after a failed attempt
	callTimeout time.Duration   // one HTTP call
}

// attempt makes one call to the chat under the policy's bookkeeping: it
// waits out the chat's 429 hold, records a new hold, and marks the chat
// blocked. It returns nil, bot.ErrBlocked, a *bot.RetryAfterError, a
// *bot.SendError, or the context's error. Push calls it, for the broadcast
// worker to decide retries itself; replies go through deliver.
func (s *sender) attempt(ctx context.Context, chatID int64, method string, call func(context.Context) error) error {
	if s.blocked.has(chatID) {
		return bot.ErrBlocked
	}
	if err := s.holds.wait(ctx, chatID); err != nil {
		return err
	}
	cctx, cancel := context.WithTimeout(ctx, s.callTimeout)
	err := call(cctx)
	cancel()
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	kind, after := classify(err)
	switch kind {
	case failRateLimited:
		s.holds.hold(chatID, time.Now().Add(after))
		return &bot.RetryAfterError{After: after}
	case failBlocked:
		s.log.WarnContext(ctx, "chat blocked the bot; sending nothing more until the resident comes back",
			"chat_id", chatID, "method", method, "error", err)
		s.blocked.set(ctx, chatID, true)
		return bot.ErrBlocked
	case failTransient:
		return &bot.SendError{Method: method, Temporary: true, Err: err}
	}
	return &bot.SendError{Method: method, Err: err}
}

// deliver makes the call to the chat, retrying as the policy says (429s
// after their hold, transient failures after a backoff), up to its
// attempts. It returns nil, bot.ErrBlocked, the last *bot.RetryAfterError
// or *bot.SendError, or the context's error; each outcome is counted.
func (s *sender) deliver(ctx context.Context, chatID int64, method string, call func(context.Context) error) error {
	for try := 1; ; try++ {
		err := s.attempt(ctx, chatID, method, call)
		switch {
		case err == nil:
			s.m.sends.WithLabelValues(method, "ok").Inc()
			return nil
		case errors.Is(err, bot.ErrBlocked):
			s.m.sends.WithLabelValues(method, "blocked").Inc()
			return err
		case ctx.Err() != nil:
			s.m.sends.WithLabelValues(method, "canceled").Inc()
			return err
		}
		again, wait := s.policy.Retry(err, try)
		if !again {
			s.m.sends.WithLabelValues(method, "failed").Inc()
			return fmt.Errorf("after %d attempts: %w", try, err)
		}
		var ra *bot.RetryAfterError
		if errors.As(err, &ra) {
			s.m.retries.WithLabelValues("rate_limited").Inc()
			s.log.WarnContext(ctx, "telegram asked to slow down; holding the chat",
				"chat_id", chatID, "method", method, "retry_after", ra.After.String())
			continue // the next attempt waits out the hold
		}
		s.m.retries.WithLabelValues("transient").Inc()
		s.log.WarnContext(ctx, "telegram request failed; retrying",
			"chat_id", chatID, "method", method, "attempt", try, "backoff", wait.Round(time.Millisecond).String(), "error", err)
		if err := bot.Sleep(ctx, wait); err != nil {
			s.m.sends.WithLabelValues(method, "canceled").Inc()
			return err
		}
	}
}

// holds is the per-chat 429 hold: the time before which nothing may be sent
// to the chat.
type holds struct {
	mu    sync.Mutex
	until map[int64]time.Time
}

func newHolds() *holds { return &holds{until: make(map[int64]time.Time)} }

// hold records a 429's hold. Holds that have passed are forgotten here
// (429s are rare, and few chats are held at once), so a chat that never
// sends again leaves nothing behind.
func (h *holds) hold(chatID int64, until time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	now := time.Now()
	for id, u := range h.until {
		if !now.Before(u) {
			delete(h.until, id)
		}
	}
	if until.After(h.until[chatID]) {
		h.until[chatID] = until
	}
}

// wait returns when the chat's hold has passed. It fails at once when the
// hold outlasts ctx's deadline: waiting could not help.
func (h *holds) wait(ctx context.Context, chatID int64) error {
	for {
		h.mu.Lock()
		until, ok := h.until[chatID]
		now := time.Now()
		if ok && !now.Before(until) {
			delete(h.until, chatID)
			ok = false
		}
		h.mu.Unlock()
		if !ok {
			return nil
		}
		if dl, has := ctx.Deadline(); has && dl.Before(until) {
			return &bot.RetryAfterError{After: until.Sub(now).Round(time.Second)}
		}
		if err := bot.Sleep(ctx, until.Sub(now)); err != nil {
			return err
		}
	}
}
