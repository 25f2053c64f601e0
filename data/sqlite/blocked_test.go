package sqlite_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
)

func TestBlockedChats(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dasi.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	kakao := data.ResidentID("kakao:8")
	for _, id := range []data.ResidentID{tg(7), kakao, tg(7)} {
		if err := s.SetChatBlocked(ctx, id, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetChatBlocked(ctx, tg(9), false); err != nil {
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
	if !slices.Equal(ids, []data.ResidentID{kakao, tg(7)}) {
		t.Fatalf("BlockedChats = %v, want [kakao:8 telegram:7]", ids)
	}
	if err := s.SetChatBlocked(ctx, tg(7), false); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.ChatBlocked(ctx, tg(7)); b {
		t.Error("telegram:7 still blocked after it came back")
	}
	if b, _ := s.ChatBlocked(ctx, kakao); !b {
		t.Error("kakao:8 not blocked")
	}
	if b, _ := s.ChatBlocked(ctx, tg(8)); b {
		t.Error("telegram:8 is blocked: the mark of kakao:8 leaked to another channel")
	}
	// Forgetting a resident deletes the mark too.
	if _, err := s.Forget(ctx, kakao); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.ChatBlocked(ctx, kakao); b {
		t.Error("Forget left the blocked mark")
	}
}
