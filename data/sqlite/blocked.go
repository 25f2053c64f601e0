package sqlite

import (
	"context"
	"fmt"
	"time"
)

// BlockedChats returns every chat marked blocked, in no particular order.
func (s *Store) BlockedChats(ctx context.Context) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT chat_id FROM blocked_chats`)
	if err != nil {
		return nil, fmt.Errorf("blocked chats: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("blocked chats: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("blocked chats: %w", err)
	}
	return ids, nil
}

// SetChatBlocked marks the chat blocked (the resident blocked the bot) or
// clears the mark (they came back). Marking twice keeps the first time.
func (s *Store) SetChatBlocked(ctx context.Context, chatID int64, blocked bool) error {
	var err error
	if blocked {
		_, err = s.db.ExecContext(ctx, `INSERT INTO blocked_chats (chat_id, blocked_at) VALUES (?, ?)
			ON CONFLICT (chat_id) DO NOTHING`, chatID, time.Now().Unix())
	} else {
		_, err = s.db.ExecContext(ctx, `DELETE FROM blocked_chats WHERE chat_id = ?`, chatID)
	}
	if err != nil {
		return fmt.Errorf("mark chat blocked=%v: %w", blocked, err)
	}
	return nil
}

// ChatBlocked reports whether the chat is marked blocked.
func (s *Store) ChatBlocked(ctx context.Context, chatID int64) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM blocked_chats WHERE chat_id = ?`, chatID).Scan(&n); err != nil {
		return false, fmt.Errorf("chat blocked: %w", err)
	}
	return n > 0, nil
}
