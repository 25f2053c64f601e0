package bot

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// Conversation is the resident's conversation: *dialogs.Machine.
type Conversation interface {
	// Step answers one input in a state with the next state, the replies
	// to show and the effects to apply first (dialogs, Effects); it cannot
	// fail.
	Step(dialogs.State, dialogs.Input) (dialogs.State, []dialogs.Reply, []dialogs.Effect)
}

// Sessions keeps each resident's encoded conversation state.
// *redis.Sessions and *inmem.Sessions satisfy it.
type Sessions interface {
	// Load returns the resident's state, data.ErrNoSession when there is
	// none, or the store's error (Redis unreachable).
	Load(ctx context.Context, r data.ResidentID) ([]byte, error)
	// Save stores the resident's state, or returns the store's error.
	Save(ctx context.Context, r data.ResidentID, state []byte) error
	// SaveFor is Save for a state that must not be kept longer than ttl
	// (answers typed before the consent: dialogs.State.Pending).
	SaveFor(ctx context.Context, r data.ResidentID, state []byte, ttl time.Duration) error
	// Delete removes the resident's state (none is not an error), or
	// returns the store's error.
	Delete(ctx context.Context, r data.ResidentID) error
}

// Options configure a Bot. Conversation and Sessions are required; every
// other zero field means its documented default.
type Options struct {
	// Conversation answers every resident (*dialogs.Machine).
	Conversation Conversation
	// Sessions keeps each resident's conversation state between inputs.
	Sessions Sessions
	// Residents records consents, profiles and each resident's use, and
	// forgets them on /forget. nil keeps nothing beyond the session (the
	// load test's baseline measures the channel and conversation alone).
	Residents *Residents
	// Broadcasts answers the staff commands and stops, on /forget, the
	// messages its worker already claimed for the resident. nil: staff
	// commands reach the resident's conversation, which does not know them.
	Broadcasts *Broadcasts
	// Today returns the date taken as today (DASI_NOW). Default: the real
	// date in Seoul.
	Today func() data.Date
	// Log receives the bot's log lines. Default: none.
	Log *slog.Logger
	// Registry receives the bot's metrics. Default: a registry of its own,
	// not served.
	Registry prometheus.Registerer
}

// Bot is dasi's channel-neutral core: for every input a channel hands it
// ([Bot.Handle]) it loads the resident's session, steps the conversation
// (or, for staff, the staff conversation), applies the effects (consents,
// profile, /forget, broadcasts), saves the session and hands the replies
// back to the channel to show. It knows a channel only through [Replier]
// (the answers of one turn) and [Sender] (messages the resident did not
// ask for, sent by the broadcast worker). It is safe for concurrent use;
// the channel keeps one resident's inputs in order.
type Bot struct {
	conv      Conversation
	sessions  Sessions
	residents *Residents
	bc        *Broadcasts
	today     func() data.Date
	log       *slog.Logger
	m         *metrics
}

// New returns a Bot over opt. It returns an error when a required option
// is missing.
func New(opt Options) (*Bot, error) {
	if opt.Conversation == nil || opt.Sessions == nil {
		return nil, errors.New("bot.New: Conversation and Sessions are required")
	}
	if opt.Today == nil {
		opt.Today = data.Today
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Registry == nil {
		opt.Registry = prometheus.NewRegistry()
	}
	return &Bot{
		conv:      opt.Conversation,
		sessions:  opt.Sessions,
		residents: opt.Residents,
		bc:        opt.Broadcasts,
		today:     opt.Today,
		log:       opt.Log,
		m:         newMetrics(opt.Registry),
	}, nil
}
