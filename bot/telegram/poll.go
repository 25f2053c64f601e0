package telegram

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dasi-seoul/dasi/bot"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// emptyFast is how quick an empty getUpdates answer must be to count as a
// server that does not long-poll; the loop then waits before asking again
// instead of spinning.
const emptyFast = 250 * time.Millisecond

// pollGap is the least time between the starts of two getUpdates when the
// first brought updates but not a full batch. Against api.telegram.org a
// round trip takes longer and the gap never binds; against a Bot API
// server next door (a local telegram-bot-api, the load test's fake), a
// loop asking again at once would spend a request on every update or
// two under load, where waiting this long (far below what a resident can
// notice) lets a batch gather.
const pollGap = 5 * time.Millisecond

// poll is the long-polling loop. It asks getUpdates for the updates after
// the last one it took (which confirms those to Telegram), waits up to
// PollTimeout for new ones, and hands each to its chat's queue in order,
// waiting when the queues are full. On errors it backs off with jitter,
// obeys retry_after, and explains a 409 Conflict. It returns when ctx ends,
// with the offset of the next update to confirm, or with an error when
// Telegram refuses the token.
func (b *Channel) poll(ctx context.Context) (int, error) {
	offset, failures, empties := 0, 0, 0
	var notBefore time.Time // the next getUpdates starts no sooner (pollGap)
	for {
		if ctx.Err() != nil {
			return offset, nil
		}
		if wait := time.Until(notBefore); wait > 0 && bot.Sleep(ctx, wait) != nil {
			return offset, nil
		}
		start := time.Now()
		cfg := tgbotapi.UpdateConfig{Offset: offset, Limit: 100, Timeout: int(b.opt.PollTimeout / time.Second), AllowedUpdates: allowedUpdates}
		cctx, cancel := context.WithTimeout(ctx, b.opt.PollTimeout+15*time.Second)
		updates, err := b.c.getUpdates(cctx, cfg)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return offset, nil
			}
			failures++
			delay, fatal := b.pollFailed(ctx, err, failures)
			if fatal != nil {
				return offset, fatal
			}
			if bot.Sleep(ctx, delay) != nil {
				return offset, nil
			}
			continue
		}
		if failures > 0 {
			b.log.InfoContext(ctx, "receiving updates again", "after_failures", failures)
			failures = 0
		}
		if len(updates) == 0 {
			if time.Since(start) >= emptyFast {
				empties = 0
				continue
			}
			empties++
			b.m.polls.WithLabelValues("empty_fast").Inc()
			if bot.Sleep(ctx, backoff(empties, time.Second, 30*time.Second)) != nil {
				return offset, nil
			}
			continue
		}
		empties = 0
		if len(updates) < cfg.Limit {
			notBefore = start.Add(pollGap)
		}
		now := time.Now()
		for i := range updates {
			u := &updates[i]
			if u.UpdateID < offset {
				continue // already taken
			}
			if err := b.disp.submit(ctx, parse(u, now)); err != nil {
				// Shutting down: this update and the rest stay unconfirmed,
				// and Telegram hands them to the next start.
				return offset, nil
			}
			offset = u.UpdateID + 1
		}
	}
}

// pollFailed logs a getUpdates failure and returns how long to wait, or an
// error that must stop the bot.
func (b *Channel) pollFailed(ctx context.Context, err error, failures int) (time.Duration, error) {
	kind, after := classify(err)
	delay := backoff(failures, time.Second, 30*time.Second)
	switch kind {
	case failRateLimited:
		b.m.polls.WithLabelValues("rate_limited").Inc()
		b.log.WarnContext(ctx, "getUpdates: telegram asked to slow down", "retry_after", after.String())
		return after, nil
	case failConflict:
		b.m.polls.WithLabelValues("conflict").Inc()
		what := "another process is polling this bot token (a second dasi, or a script using the same token): stop it; one token is served by one instance"
		if strings.Contains(err.Error(), "webhook") {
			what = "a webhook is still set for this bot token: if no dasi runs in webhook mode any more, delete it with the Bot API method deleteWebhook (https://api.telegram.org/bot<TOKEN>/deleteWebhook); otherwise stop this instance"
		}
		b.log.ErrorContext(ctx, "getUpdates: 409 Conflict: another consumer has this bot token", "what_to_do", what, "error", err, "retry_in", delay.String())
		return delay, nil
	case failUnauthorized:
		return 0, fmt.Errorf("getUpdates: Telegram refuses the token (%w): it was revoked or changed; get the current one from @BotFather", err)
	}
	b.m.polls.WithLabelValues("transient").Inc()
	b.log.WarnContext(ctx, "getUpdates failed; retrying", "error", err, "retry_in", delay.String(), "failures", failures)
	return delay, nil
}

// confirmOffset tells Telegram that every update before offset was handled,
// so that the next start does not receive them again. A getUpdates with
// timeout 0 confirms; whatever it returns stays unconfirmed.
func (b *Channel) confirmOffset(ctx context.Context, offset int) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err := b.c.getUpdates(ctx, tgbotapi.UpdateConfig{Offset: offset, Limit: 1, AllowedUpdates: allowedUpdates})
	if err != nil && !errors.Is(err, context.Canceled) {
		b.log.WarnContext(ctx, "cannot confirm the last updates; Telegram will send them again at the next start", "error", err)
	}
}

// backoff returns a jittered exponential delay: base, 2·base... up to max.
func backoff(attempt int, base, max time.Duration) time.Duration {
	return bot.RetryPolicy{Backoff: base, MaxBackoff: max}.BackoffAfter(attempt)
}
