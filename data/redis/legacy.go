package redis

import (
	"context"
	"errors"
	"fmt"
	"strings"

	goredis "github.com/redis/go-redis/v9"

	"github.com/dasi-seoul/dasi/data"
)

// legacyMarker is the key set once every session an older dasi kept under
// the chat id alone has been moved, so that later starts need not look
// again.
const legacyMarker = "session-keys"

// legacyMoved is legacyMarker's value: sessions are keyed by resident id.
const legacyMoved = "resident"

// MoveLegacySessions moves the sessions a dasi from before channels stored
// under the Telegram chat id alone ("dasi:session:123456") to their
// residents' keys ("dasi:session:telegram:123456"), keeping each value and
// its TTL, so that no resident mid-intake is sent back to the start by the
// upgrade; a session already under the new key wins, and the old one is
// dropped. Call it once at start, after taking the token's lease, before
// any update is handled. Once every old key is moved it marks the database
// and later calls cost one GET. It returns how many sessions it moved, and
// a wrapped Redis error (nothing is marked then; a later call resumes).
func (s *Sessions) MoveLegacySessions(ctx context.Context) (int, error) {
	marker := s.opt.Prefix + legacyMarker
	switch v, err := s.rdb.Get(ctx, marker).Result(); {
	case err == nil && v == legacyMoved:
		return 0, nil
	case err != nil && !errors.Is(err, goredis.Nil):
		return 0, fmt.Errorf("move old sessions: %w", err)
	}
	base := s.opt.Prefix + "session:"
	moved := 0
	var batch []string
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		renames := make([]*goredis.BoolCmd, len(batch))
		dels := make([]*goredis.IntCmd, len(batch))
		// The pipeline's own error is its first command's; each is read below.
		_, _ = s.rdb.Pipelined(ctx, func(p goredis.Pipeliner) error {
			for i, old := range batch {
				renames[i] = p.RenameNX(ctx, old, base+string(data.Telegram)+":"+strings.TrimPrefix(old, base))
				dels[i] = p.Del(ctx, old) // left only when the new key was there first
			}
			return nil
		})
		batch = batch[:0]
		for i, r := range renames {
			switch err := r.Err(); {
			case err == nil:
				if r.Val() {
					moved++
				}
			case !strings.Contains(err.Error(), "no such key"):
				// A key that expired between the scan and the rename has
				// nothing to move; any other error is Redis failing.
				return err
			}
			if err := dels[i].Err(); err != nil {
				return err
			}
		}
		return nil
	}
	iter := s.rdb.Scan(ctx, 0, base+"[0-9]*", 1000).Iterator()
	for iter.Next(ctx) {
		if key := iter.Val(); isChatID(strings.TrimPrefix(key, base)) {
			if batch = append(batch, key); len(batch) == 500 {
				if err := flush(); err != nil {
					return moved, fmt.Errorf("move old sessions: %w", err)
				}
			}
		}
	}
	if err := iter.Err(); err != nil {
		return moved, fmt.Errorf("move old sessions: %w", err)
	}
	if err := flush(); err != nil {
		return moved, fmt.Errorf("move old sessions: %w", err)
	}
	if err := s.rdb.Set(ctx, marker, legacyMoved, 0).Err(); err != nil {
		return moved, fmt.Errorf("move old sessions: %w", err)
	}
	return moved, nil
}

// isChatID reports whether s is a Telegram private chat's id in decimal,
// as the older keys ended.
func isChatID(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
