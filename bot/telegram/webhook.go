package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// secretHeader carries the webhook's secret_token on every delivery.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// setWebhook registers the webhook with its secret, through MakeRequest:
// the library's WebhookConfig predates secret_token.
func (b *Channel) setWebhook(ctx context.Context) error {
	p := tgbotapi.Params{
		"url":             b.opt.Webhook.URL,
		"secret_token":    b.opt.Webhook.Secret,
		"max_connections": "40",
	}
	if err := p.AddInterface("allowed_updates", allowedUpdates); err != nil {
		return fmt.Errorf("setWebhook: %w", err)
	}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := b.c.raw(cctx, "setWebhook", p); err != nil {
		return fmt.Errorf("setWebhook: Telegram refused the webhook (check DASI_WEBHOOK_URL: https, port 443, 80, 88 or 8443, reachable from the internet): %w", err)
	}
	return nil
}

// WebhookPath returns the path the webhook handler serves: the path of the
// webhook URL. It is empty in long-polling mode.
func (b *Channel) WebhookPath() string { return b.webhookPath }

// webhookBodyTimeout is how long a delivery may take to send its body once
// its secret is checked: Telegram sends a few kilobytes at once.
const webhookBodyTimeout = 10 * time.Second

// WebhookHandler returns the handler for Telegram's webhook deliveries, to
// be served at WebhookPath. It answers 401 to a request without the right
// secret (compared in constant time, from the headers alone: the body of a
// request refused is never read, and its connection is closed), 200 at once
// to an update it queued or has already seen (Telegram redelivers), with
// the answer to a button press in the body (Telegram carries it out, so
// the press costs no request of the bot's), and 503
// while the queues are full or the bot stops, so that Telegram delivers the
// update again later. The body of an authorised delivery must arrive within
// 10 seconds and hold at most 1 MB.
func (b *Channel) WebhookHandler() http.Handler {
	secret := []byte("")
	if b.opt.Webhook != nil {
		secret = []byte(b.opt.Webhook.Secret)
	}
	refused := b.m.dropped.WithLabelValues("bad_secret")
	// lastWarned throttles the warning about refused requests: anyone who
	// finds the URL could otherwise fill the log. The metric counts them all.
	var lastWarned atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			refuse(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get(secretHeader))
		if len(secret) == 0 || subtle.ConstantTimeCompare(got, secret) != 1 {
			refused.Inc()
			now := time.Now().UnixNano()
			if last := lastWarned.Load(); now-last >= int64(time.Minute) && lastWarned.CompareAndSwap(last, now) {
				b.log.WarnContext(r.Context(), "webhook requests without the right secret refused (logged at most once a minute; all are counted in dasi_updates_dropped_total{reason=\"bad_secret\"})")
			}
			refuse(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if b.stopping.Load() {
			refuse(w, "stopping", http.StatusServiceUnavailable)
			return
		}
		// The server's read timeout is for whole requests; an authorised
		// body gets less, so that a slow one frees its connection soon.
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(webhookBodyTimeout)) // not every connection supports it
		var u tgbotapi.Update
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&u); err != nil {
			http.Error(w, "not an update", http.StatusBadRequest)
			return
		}
		if !b.recent.add(u.UpdateID) {
			// Telegram delivers again when it missed the first answer,
			// which may have held the press's answer.
			b.m.dropped.WithLabelValues("duplicate").Inc()
			if q := u.CallbackQuery; q != nil && q.ID != "" {
				b.answerInWebhook(w, q.ID)
				return
			}
			w.WriteHeader(http.StatusOK)
			return
		}
		in := parse(&u, time.Now())
		// A button press is answered in this answer to the delivery, which
		// Telegram carries out as a request of the bot's: the resident's
		// spinner stops at once, and the bot makes one request less.
		answer := in.callbackID != ""
		in.answered = answer
		if err := b.disp.trySubmit(in); err != nil {
			b.recent.remove(u.UpdateID)
			if errors.Is(err, errBusy) {
				b.log.WarnContext(r.Context(), "webhook: too many updates waiting; Telegram will deliver again")
			}
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		if !answer {
			w.WriteHeader(http.StatusOK)
			return
		}
		b.answerInWebhook(w, in.callbackID)
	})
}

// answerInWebhook answers a delivery with 200 and the button press's
// answer, which Telegram carries out as the bot's answerCallbackQuery
// ("reply directly to the webhook"; whether it succeeded is not told).
func (b *Channel) answerInWebhook(w http.ResponseWriter, queryID string) {
	body := appendJSONString([]byte(`{"method":"answerCallbackQuery","callback_query_id":`), queryID)
	body = append(body, '}')
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
	b.m.sends.WithLabelValues("answerCallbackQuery", "in_webhook_answer").Inc()
}

// refuse answers a request whose body is not read, and closes its
// connection after the answer. Left to itself, the server would read up to
// 256 KB of the unread body first, at whatever pace its sender chooses: the
// read deadline set to now makes that read fail at once.
func refuse(w http.ResponseWriter, msg string, code int) {
	w.Header().Set("Connection", "close")
	_ = http.NewResponseController(w).SetReadDeadline(time.Now()) // not every connection supports it
	http.Error(w, msg, code)
}
