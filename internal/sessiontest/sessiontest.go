// Package sessiontest holds the one contract both session stores keep,
// the Redis one (data/redis) and the in-process one (data/inmem): each
// store's tests call [Run] with a function that opens a fresh store. What
// the contract says is what package bot relies on: a missing session is
// data.ErrNoSession, stored bytes come back as they were saved and are not
// shared with the caller, chats are separate, Delete forgets (twice is
// fine), and concurrent chats do not disturb one another.
package sessiontest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// Store is what the bot needs of a session store: both stores keep this
// contract.
type Store interface {
	Load(ctx context.Context, chatID int64) ([]byte, error)
	Save(ctx context.Context, chatID int64, state []byte) error
	Delete(ctx context.Context, chatID int64) error
	Ping(ctx context.Context) error
}

// Run runs the contract against the store open returns: open is called once
// per subtest and returns a new, empty store for it (closed when t ends).
func Run(t *testing.T, open func(t *testing.T) Store) {
	t.Run("missing session is ErrNoSession", func(t *testing.T) {
		s := open(t)
		if _, err := s.Load(t.Context(), 1); !errors.Is(err, data.ErrNoSession) {
			t.Fatalf("Load of a new chat: err = %v, want ErrNoSession", err)
		}
	})
	t.Run("save then load returns the bytes", func(t *testing.T) {
		s := open(t)
		MustSave(t, s, 7, `{"v":1,"step":"age"}`)
		MustLoad(t, s, 7, `{"v":1,"step":"age"}`)
		MustSave(t, s, 7, `{"v":1,"step":"field"}`)
		MustLoad(t, s, 7, `{"v":1,"step":"field"}`)
	})
	t.Run("chats are separate", func(t *testing.T) {
		s := open(t)
		MustSave(t, s, 1, "one")
		MustSave(t, s, -1001, "group")
		MustLoad(t, s, 1, "one")
		MustLoad(t, s, -1001, "group")
		if _, err := s.Load(t.Context(), 2); !errors.Is(err, data.ErrNoSession) {
			t.Fatalf("Load of chat 2: err = %v, want ErrNoSession", err)
		}
	})
	t.Run("delete forgets, twice is fine", func(t *testing.T) {
		s := open(t)
		MustSave(t, s, 3, "x")
		for range 2 {
			if err := s.Delete(t.Context(), 3); err != nil {
				t.Fatalf("Delete: %v", err)
			}
		}
		if _, err := s.Load(t.Context(), 3); !errors.Is(err, data.ErrNoSession) {
			t.Fatalf("Load after Delete: err = %v, want ErrNoSession", err)
		}
	})
	t.Run("empty and large values survive", func(t *testing.T) {
		s := open(t)
		MustSave(t, s, 4, "")
		MustLoad(t, s, 4, "")
		big := bytes.Repeat([]byte("상태"), 20000)
		MustSave(t, s, 5, string(big))
		MustLoad(t, s, 5, string(big))
	})
	t.Run("stored bytes are not shared with the caller", func(t *testing.T) {
		s := open(t)
		in := []byte("abc")
		if err := s.Save(t.Context(), 6, in); err != nil {
			t.Fatal(err)
		}
		in[0] = 'X'
		got, err := s.Load(t.Context(), 6)
		if err != nil {
			t.Fatal(err)
		}
		got[1] = 'Y'
		MustLoad(t, s, 6, "abc")
	})
	t.Run("concurrent chats", func(t *testing.T) {
		s := open(t)
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for g := range 16 {
			wg.Go(func() {
				chat := int64(100 + g)
				for i := range 50 {
					want := fmt.Sprintf("chat %d step %d", chat, i)
					if err := s.Save(t.Context(), chat, []byte(want)); err != nil {
						errs <- err
						return
					}
					got, err := s.Load(t.Context(), chat)
					if err != nil || string(got) != want {
						errs <- fmt.Errorf("chat %d: Load = %q, %v; want %q", chat, got, err, want)
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
	t.Run("ping", func(t *testing.T) {
		if err := open(t).Ping(t.Context()); err != nil {
			t.Fatalf("Ping: %v", err)
		}
	})
}

// MustSave saves v as chat's session in s, failing t when Save fails.
func MustSave(t *testing.T, s Store, chat int64, v string) {
	t.Helper()
	if err := s.Save(t.Context(), chat, []byte(v)); err != nil {
		t.Fatalf("Save(%d): %v", chat, err)
	}
}

// MustLoad loads chat's session from s, failing t when Load fails or the
// session is not want.
func MustLoad(t *testing.T, s Store, chat int64, want string) {
	t.Helper()
	got, err := s.Load(t.Context(), chat)
	if err != nil {
		t.Fatalf("Load(%d): %v", chat, err)
	}
	if string(got) != want {
		t.Fatalf("Load(%d) = %.40q, want %.40q", chat, got, want)
	}
}
