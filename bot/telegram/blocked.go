package telegram

import (
	"context"
	"log/slog"
	"sync"

	"github.com/dasi-seoul/dasi/data"
)

// Chats keeps, across restarts, which residents blocked the bot.
// *sqlite.Store satisfies it.
type Chats interface {
	// BlockedChats returns every resident marked blocked, of every channel,
	// or the store's error.
	BlockedChats(ctx context.Context) ([]data.ResidentID, error)
	// SetChatBlocked marks the resident blocked or not, or returns the
	// store's error.
	SetChatBlocked(ctx context.Context, r data.ResidentID, blocked bool) error
}

// blocklist is the set of blocked chats, in memory for every send to check,
// written through to Chats when the bot has one.
type blocklist struct {
	store Chats // nil: in memory only
	log   *slog.Logger
	m     *metrics

	mu  sync.RWMutex
	ids map[int64]bool
}

func newBlocklist(store Chats, log *slog.Logger, m *metrics) *blocklist {
	return &blocklist{store: store, log: log, m: m, ids: make(map[int64]bool)}
}

// load reads the blocked chats of the store.
func (l *blocklist) load(ctx context.Context) error {
	if l.store == nil {
		return nil
	}
	ids, err := l.store.BlockedChats(ctx)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range ids {
		if id, ok := chatOf(r); ok {
			l.ids[id] = true
		}
	}
	l.m.blocked.Set(float64(len(l.ids)))
	return nil
}

func (l *blocklist) has(chatID int64) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.ids[chatID]
}

// set marks the chat. The mark holds in memory even when the store cannot
// be written; the failure is logged.
func (l *blocklist) set(ctx context.Context, chatID int64, blocked bool) {
	l.mu.Lock()
	changed := l.ids[chatID] != blocked
	if blocked {
		l.ids[chatID] = true
	} else {
		delete(l.ids, chatID)
	}
	l.m.blocked.Set(float64(len(l.ids)))
	l.mu.Unlock()
	if !changed || l.store == nil {
		return
	}
	// The mark is written even when the request that learnt it is being
	// cancelled (a shutdown): it was learnt at the cost of a 403.
	if err := l.store.SetChatBlocked(context.WithoutCancel(ctx), residentOf(chatID), blocked); err != nil {
		l.log.ErrorContext(ctx, "cannot record the chat's blocked flag", "chat_id", chatID, "blocked", blocked, "error", err)
	}
}
