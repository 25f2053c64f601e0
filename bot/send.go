package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"
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

	attempts    int           // tries per request, 429s and transient errors together
	backoff     time.Duration // first wait after a transient error; doubles each time
	maxBackoff  time.Duration
	callTimeout time.Duration // one HTTP call
}

// SendError is a failed request that is neither a 429 (RetryAfterError)
// nor a blocked chat (ErrBlocked).
type SendError struct {
	Method string // the Bot API method, such as sendMessage
	// Temporary is set for 5xx and network errors: a later attempt may
	// succeed. Otherwise Telegram refused the request itself.
	Temporary bool
	Err       error // the library's *tgbotapi.Error, or the network's
}

// Error names the method and what went wrong.
func (e *SendError) Error() string { return e.Method + ": " + e.Err.Error() }

// Unwrap returns Err.
func (e *SendError) Unwrap() error { return e.Err }

// attempt makes one call to the chat under the policy's bookkeeping: it
// waits out the chat's 429 hold, records a new hold, and marks the chat
// blocked. It returns nil, ErrBlocked, a *RetryAfterError, a *SendError, or
// the context's error. The broadcast worker calls it to decide retries
// itself; replies go through deliver.
func (s *sender) attempt(ctx context.Context, chatID int64, method string, call func(context.Context) error) error {
	if s.blocked.has(chatID) {
		return ErrBlocked
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
		return &RetryAfterError{After: after}
	case failBlocked:
		s.log.WarnContext(ctx, "chat blocked the bot; sending nothing more until the resident comes back",
			"chat_id", chatID, "method", method, "error", err)
		s.blocked.set(ctx, chatID, true)
		return ErrBlocked
	case failTransient:
		return &SendError{Method: method, Temporary: true, Err: err}
	}
	return &SendError{Method: method, Err: err}
}

// deliver makes the call to the chat, retrying 429s after their hold and
// transient failures with backoff, up to s.attempts tries. It returns nil,
// ErrBlocked, the last *RetryAfterError or *SendError, or the context's
// error; each outcome is counted.
func (s *sender) deliver(ctx context.Context, chatID int64, method string, call func(context.Context) error) error {
	var err error
	for try := 1; ; try++ {
		err = s.attempt(ctx, chatID, method, call)
		var ra *RetryAfterError
		var se *SendError
		switch {
		case err == nil:
			s.m.sends.WithLabelValues(method, "ok").Inc()
			return nil
		case errors.Is(err, ErrBlocked):
			s.m.sends.WithLabelValues(method, "blocked").Inc()
			return err
		case ctx.Err() != nil:
			s.m.sends.WithLabelValues(method, "canceled").Inc()
			return err
		case try >= s.attempts:
		case errors.As(err, &ra):
			s.m.retries.WithLabelValues("rate_limited").Inc()
			s.log.WarnContext(ctx, "telegram asked to slow down; holding the chat",
				"chat_id", chatID, "method", method, "retry_after", ra.After.String())
			continue // the next attempt waits out the hold
		case errors.As(err, &se) && se.Temporary:
			s.m.retries.WithLabelValues("transient").Inc()
			d := jitter(min(s.backoff<<(try-1), s.maxBackoff))
			s.log.WarnContext(ctx, "telegram request failed; retrying",
				"chat_id", chatID, "method", method, "attempt", try, "backoff", d.Round(time.Millisecond).String(), "error", err)
			if err := sleep(ctx, d); err != nil {
				s.m.sends.WithLabelValues(method, "canceled").Inc()
				return err
			}
			continue
		}
		s.m.sends.WithLabelValues(method, "failed").Inc()
		return fmt.Errorf("after %d attempts: %w", try, err)
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
			return &RetryAfterError{After: until.Sub(now).Round(time.Second)}
		}
		if err := sleep(ctx, until.Sub(now)); err != nil {
			return err
		}
	}
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// jitter spreads retries of many goroutines: a duration in [d/2, d).
func jitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	return d/2 + rand.N(d/2)
}
