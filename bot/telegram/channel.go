package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/data"
)

// Handler answers the inputs of residents: *bot.Bot, the channel-neutral
// core. The channel calls it for one chat's updates in order.
type Handler interface {
	// Handle answers one input through out; it never fails.
	Handle(ctx context.Context, t bot.Turn, out bot.Replier)
}

// Lease is this instance's claim on the bot token (*redis.Lease). Run renews
// it every third of its TTL and stops when another instance takes it.
type Lease interface {
	// Renew extends the lease by its TTL. It returns data.ErrLeaseLost when
	// another instance has taken it, and another error when the renewal
	// could not be made (it is tried again).
	Renew(ctx context.Context) error
	// Release gives the lease up, or returns why it could not.
	Release(ctx context.Context) error
	// TTL is how long the lease lasts after each renewal.
	TTL() time.Duration
}

// Webhook configures webhook mode.
type Webhook struct {
	// URL is the https address Telegram posts updates to; the bot's handler
	// answers on its path (see [Bot.WebhookHandler]).
	URL string
	// Secret is sent by Telegram in X-Telegram-Bot-Api-Secret-Token with
	// every update: 1-256 characters of A-Z a-z 0-9 _ -.
	Secret string
}

// Options configure a Channel. Token and Handler are required; every other
// zero field means its documented default.
type Options struct {
	// Token is the bot's token from @BotFather.
	Token string
	// Endpoint is the Bot API endpoint in the library's format, with two %s
	// (token, then method). Default https://api.telegram.org/bot%s/%s.
	Endpoint string
	// HTTPClient calls the Bot API. Default: a client that keeps
	// connections for every chat's goroutine, with the six hot methods
	// (replies, edits, answered presses, getUpdates) written on the
	// caller's goroutine instead (see hotTransport) unless a proxy is set
	// in the environment; a client given here carries every request.
	HTTPClient *http.Client

	// Handler answers every resident (*bot.Bot).
	Handler Handler
	// Chats keeps the blocked flags across restarts; nil keeps them in
	// memory only.
	Chats Chats
	// Lease is renewed while the channel runs and released when it stops;
	// nil without Redis (Telegram's 409 Conflict is then the only guard).
	Lease Lease

	// Webhook selects webhook mode; nil means long polling.
	Webhook *Webhook
	// Staff are the Telegram user ids whose Input.Staff is true.
	Staff []int64

	// Log receives the bot's log lines. Default: none.
	Log *slog.Logger
	// Registry receives the bot's metrics. Default: a registry of its own,
	// not served.
	Registry prometheus.Registerer

	// Workers bounds how many updates are handled at once. Default 64.
	Workers int
	// MaxPending bounds the updates waiting in all chats. Default 4096.
	MaxPending int
	// ChatQueue bounds the updates waiting in one chat; beyond it a flood
	// is dropped. Default 32.
	ChatQueue int
	// PollTimeout is getUpdates' long-poll timeout. Default 50s.
	PollTimeout time.Duration
	// DrainTimeout bounds how long Run waits, on shutdown, for the updates
	// already received. Default 10s.
	DrainTimeout time.Duration
	// HandleTimeout bounds the handling of one update, waits for 429 holds
	// included. Default 2 minutes.
	HandleTimeout time.Duration
	// SendAttempts is how many times a request to a chat is tried on 429s
	// and transient errors. Default 5.
	SendAttempts int
	// RetryBackoff is the first wait after a transient error; it doubles
	// with each attempt, up to 8s. Default 300ms.
	RetryBackoff time.Duration

	// OnHandled, when set, is called after each update is handled, with the
	// time from its arrival. The load generator measures with it.
	OnHandled func(updateID int, took time.Duration)
}

// Channel is the Telegram channel: it receives updates (long polling or
// webhook), hands each chat's inputs in order to the Handler, and sends its
// replies, and the broadcast worker's messages (as a bot.Sender), under the
// one policy for Telegram's answers. It is safe for concurrent use; Run
// runs it.
type Channel struct {
	c        *client
	log      *slog.Logger
	m        *metrics
	handler  Handler
	opt      Options
	out      *sender
	blocked  *blocklist
	disp     *dispatcher
	staff    map[int64]bool
	username string // from getMe, for the log

	webhookPath string
	recent      *recentIDs
	stopping    atomic.Bool
	running     atomic.Bool
}

var (
	errBusy    = errors.New("telegram: too many updates waiting")
	errStopped = errors.New("telegram: stopped")
)

// New checks the token with getMe, loads the chats marked blocked, and
// returns a Channel ready to Run and to send. Errors name what is wrong in
// plain words and never contain the token.
func New(ctx context.Context, opt Options) (*Channel, error) {
	if opt.Token == "" || opt.Handler == nil {
		return nil, errors.New("telegram.New: Token and Handler are required")
	}
	given := opt.HTTPClient
	opt = withDefaults(opt)
	hot := newHotTransport(opt.Endpoint, given)
	var webhookPath string
	if opt.Webhook != nil {
		u, err := url.Parse(opt.Webhook.URL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return nil, errors.New("webhook URL: want an https:// URL Telegram can reach")
		}
		if opt.Webhook.Secret == "" {
			return nil, errors.New("webhook secret: required in webhook mode")
		}
		webhookPath = u.EscapedPath()
		if webhookPath == "" {
			webhookPath = "/"
		}
	}
	c, err := newClient(ctx, opt.Token, opt.Endpoint, opt.HTTPClient, hot)
	if err != nil {
		return nil, err
	}
	m := newMetrics(opt.Registry)
	b := &Channel{
		c:           c,
		log:         opt.Log,
		m:           m,
		handler:     opt.Handler,
		opt:         opt,
		staff:       make(map[int64]bool),
		username:    c.api.Self.UserName,
		webhookPath: webhookPath,
		recent:      newRecentIDs(4096),
	}
	for _, id := range opt.Staff {
		b.staff[id] = true
	}
	// The marks are loaded before anything can be sent: the broadcast
	// worker may start sending before Run.
	b.blocked = newBlocklist(opt.Chats, opt.Log, m)
	if err := b.blocked.load(ctx); err != nil {
		return nil, fmt.Errorf("load blocked chats: %w", err)
	}
	b.out = &sender{
		c: c, log: opt.Log, m: m, holds: newHolds(), blocked: b.blocked,
		policy:      bot.RetryPolicy{Attempts: opt.SendAttempts, Backoff: opt.RetryBackoff, MaxBackoff: 8 * time.Second},
		callTimeout: 20 * time.Second,
	}
	b.disp = newDispatcher(b.handle, m, opt.Workers, opt.MaxPending, opt.ChatQueue, opt.HandleTimeout)
	return b, nil
}

func withDefaults(o Options) Options {
	if o.Endpoint == "" {
		o.Endpoint = "https://api.telegram.org/bot%s/%s"
	}
	if o.HTTPClient == nil {
		o.HTTPClient = newHTTPClient()
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Registry == nil {
		o.Registry = prometheus.NewRegistry()
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Workers, 64)
	def(&o.MaxPending, 4096)
	def(&o.ChatQueue, 32)
	def(&o.SendAttempts, 5)
	defd := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	defd(&o.PollTimeout, 50*time.Second)
	defd(&o.DrainTimeout, 10*time.Second)
	defd(&o.HandleTimeout, 2*time.Minute)
	defd(&o.RetryBackoff, 300*time.Millisecond)
	return o
}

// Run serves until ctx is done, then shuts down in order: it stops taking
// updates, lets the chats finish what they received (up to DrainTimeout),
// confirms the last update to Telegram (long polling) and releases the
// lease. The caller closes the session store and the database after Run
// returns. Run returns an error when it cannot start (setWebhook refused),
// when Telegram refuses the token, or when another instance takes the
// lease; it can be called once.
func (b *Channel) Run(ctx context.Context) error {
	if !b.running.CompareAndSwap(false, true) {
		return errors.New("bot: Run called twice")
	}
	b.setCommands(ctx)
	mode := "long polling"
	if b.opt.Webhook != nil {
		if err := b.setWebhook(ctx); err != nil {
			return err
		}
		mode = "webhook"
	}

	// Handlers run on a context of their own, so that stopping the intake
	// does not cut a reply in half; it ends after the drain.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	drained := make(chan struct{})
	go func() { b.disp.run(work); close(drained) }()

	intake, stopIntake := context.WithCancel(ctx)
	defer stopIntake()
	var wg sync.WaitGroup
	errc := make(chan error, 2)
	var offset int
	if b.opt.Webhook == nil {
		wg.Go(func() {
			var err error
			offset, err = b.poll(intake)
			errc <- err
		})
	}
	if b.opt.Lease != nil {
		wg.Go(func() { errc <- b.keepLease(intake) })
	}
	b.log.InfoContext(ctx, "bot running", "mode", mode, "bot", b.username, "workers", b.opt.Workers)

	var runErr error
wait:
	for {
		select {
		case <-ctx.Done():
			break wait
		case err := <-errc:
			if err != nil {
				runErr = err
				break wait
			}
		}
	}

	b.log.InfoContext(ctx, "bot stopping: no new updates; finishing the ones received")
	stopIntake()
	b.stopping.Store(true)
	wg.Wait()
	b.disp.stop()
	clean := true
	select {
	case <-drained:
	case <-time.After(b.opt.DrainTimeout):
		clean = false
		b.log.WarnContext(ctx, "drain timeout: cutting the updates still being handled short", "timeout", b.opt.DrainTimeout.String())
		cancelWork()
		<-drained
	}
	// What is left to do must happen even though ctx is done.
	final := context.WithoutCancel(ctx)
	if b.opt.Webhook == nil && clean && offset > 0 {
		b.confirmOffset(final, offset)
	}
	if b.opt.Lease != nil {
		rctx, cancel := context.WithTimeout(final, 3*time.Second)
		if err := b.opt.Lease.Release(rctx); err != nil {
			b.log.WarnContext(final, "cannot release the lease; the next start waits for it to expire", "error", err)
		}
		cancel()
		b.m.lease.Set(0)
	}
	b.log.InfoContext(final, "bot stopped")
	return runErr
}

// keepLease renews the lease every third of its TTL. It returns nil when
// ctx ends, and an error when another instance has taken the lease.
func (b *Channel) keepLease(ctx context.Context) error {
	l := b.opt.Lease
	b.m.lease.Set(1)
	for {
		if err := bot.Sleep(ctx, l.TTL()/3); err != nil {
			return nil
		}
		err := l.Renew(ctx)
		switch {
		case err == nil:
			b.m.lease.Set(1)
		case errors.Is(err, data.ErrLeaseLost):
			b.m.lease.Set(0)
			return errors.New("another dasi instance took over this bot token's lease in Redis: stopping, so that residents are not answered twice")
		case ctx.Err() != nil:
			return nil
		default:
			b.log.WarnContext(ctx, "cannot renew the lease; Redis unreachable? retrying", "error", err)
		}
	}
}

// recentIDs remembers the last update ids the webhook accepted, to ignore
// Telegram's redeliveries. It is a fixed-size ring with an index.
type recentIDs struct {
	mu   sync.Mutex
	ring []int
	next int
	slot map[int]int // id -> its place in ring
}

func newRecentIDs(n int) *recentIDs {
	return &recentIDs{ring: make([]int, n), slot: make(map[int]int, n)}
}

// add records id and reports whether it is new.
func (r *recentIDs) add(id int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.slot[id]; ok {
		return false
	}
	if old := r.ring[r.next]; r.slot[old] == r.next {
		delete(r.slot, old)
	}
	r.ring[r.next] = id
	r.slot[id] = r.next
	r.next = (r.next + 1) % len(r.ring)
	return true
}

// remove forgets id, so that a redelivery is handled.
func (r *recentIDs) remove(id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.slot, id)
}
