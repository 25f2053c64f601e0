package sqlite_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/dasi-seoul/dasi/data/sqlite"
)

func TestBlockedChats(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dasi.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	for _, id := range []int64{7, 8, 7} {
		if err := s.SetChatBlocked(ctx, id, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetChatBlocked(ctx, 9, false); err != nil {
		t.Fatalf("clearing a chat that was never blocked: %v", err)
	}
	s.Close()

	// The marks outlive a restart.
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ids, err := s.BlockedChats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []int64{7, 8}) {
		t.Fatalf("BlockedChats = %v, want [7 8]", ids)
	}
	if err := s.SetChatBlocked(ctx, 7, false); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.ChatBlocked(ctx, 7); b {
		t.Error("chat 7 still blocked after it came back")
	}
	if b, _ := s.ChatBlocked(ctx, 8); !b {
		t.Error("chat 8 not blocked")
	}
	// Forgetting a resident deletes the mark too.
	if _, err := s.Forget(ctx, 8); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.ChatBlocked(ctx, 8); b {
		t.Error("Forget left the blocked mark")
	}
}
