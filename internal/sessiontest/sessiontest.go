// Package sessiontest holds the one contract both session stores keep,
// the Redis one (data/redis) and the in-process one (data/inmem): each
// store's tests call [Run] with a function that opens a fresh store. What
// the contract says is what package bot relies on: a missing session is
// data.ErrNoSession, stored bytes come back as they were saved and are not
// shared with the caller, residents are separate (the same key on two
// channels included), Delete forgets (twice is fine), an invalid resident
// id is refused, and concurrent residents do not disturb one another.
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
	Load(ctx context.Context, id data.ResidentID) ([]byte, error)
	Save(ctx context.Context, id data.ResidentID, state []byte) error
	Delete(ctx context.Context, id data.ResidentID) error
	Ping(ctx context.Context) error
}

// Run runs the contract against the store open returns: open is called once
// per subtest and returns a new, empty store for it (closed when t ends).
func Run(t *testing.T, open func(t *testing.T) Store) {
	t.Run("missing session is ErrNoSession", func(t *testing.T) {
		s := open(t)
		for _, id := range []data.ResidentID{"telegram:1", "kakao:1"} {
			if _, err := s.Load(t.Context(), id); !errors.Is(err, data.ErrNoSession) {
				t.Fatalf("Load of new %s: err = %v, want ErrNoSession", id, err)
			}
		}
	})
	t.Run("save then load returns the bytes", func(t *testing.T) {
		s := open(t)
		MustSave(t, s, "telegram:7", `{"v":1,"step":"age"}`)
		MustLoad(t, s, "telegram:7", `{"v":1,"step":"age"}`)
		MustSave(t, s, "telegram:7", `{"v":1,"step":"field"}`)
		MustLoad(t, s, "telegram:7", `{"v":1,"step":"field"}`)
	})
	t.Run("residents are separate", func(t *testing.T) {
		s := open(t)
		MustSave(t, s, "telegram:1", "one")
		MustSave(t, s, "kakao:1", "kakao one")
		MustSave(t, s, "kakao:a8f3_Zx-0", "kakao user")
		MustLoad(t, s, "telegram:1", "one")
		MustLoad(t, s, "kakao:1", "kakao one")
		MustLoad(t, s, "kakao:a8f3_Zx-0", "kakao user")
		if _, err := s.Load(t.Context(), "telegram:2"); !errors.Is(err, data.ErrNoSession) {
			t.Fatalf("Load of telegram:2: err = %v, want ErrNoSession", err)
		}
	})
	t.Run("delete forgets, twice is fine", func(t *testing.T) {
		s := open(t)
		MustSave(t, s, "telegram:3", "x")
		MustSave(t, s, "kakao:3", "y")
		for range 2 {
			if err := s.Delete(t.Context(), "telegram:3"); err != nil {
				t.Fatalf("Delete: %v", err)
			}
		}
		if _, err := s.Load(t.Context(), "telegram:3"); !errors.Is(err, data.ErrNoSession) {
			t.Fatalf("Load after Delete: err = %v, want ErrNoSession", err)
		}
		MustLoad(t, s, "kakao:3", "y")
	})
	t.Run("an invalid resident id is refused", func(t *testing.T) {
		s := open(t)
		for _, id := range []data.ResidentID{"", "123456", "telegram:", "sms:1", "kakao:a b"} {
			if err := s.Save(t.Context(), id, []byte("x")); !errors.Is(err, data.ErrResidentID) {
				t.Errorf("Save(%q): err = %v, want ErrResidentID", id, err)
			}
			if _, err := s.Load(t.Context(), id); !errors.Is(err, data.ErrResidentID) {
				t.Errorf("Load(%q): err = %v, want ErrResidentID", id, err)
			}
			if err := s.Delete(t.Context(), id); !errors.Is(err, data.ErrResidentID) {
				t.Errorf("Delete(%q): err = %v, want ErrResidentID", id, err)
			}
		}
	})
	t.Run("empty and large values survive", func(t *testing.T) {
		s := open(t)
		MustSave(t, s, "telegram:4", "")
		MustLoad(t, s, "telegram:4", "")
		big := bytes.Repeat([]byte("상태"), 20000)
		MustSave(t, s, "kakao:5", string(big))
		MustLoad(t, s, "kakao:5", string(big))
	})
	t.Run("stored bytes are not shared with the caller", func(t *testing.T) {
		s := open(t)
		in := []byte("abc")
		if err := s.Save(t.Context(), "telegram:6", in); err != nil {
			t.Fatal(err)
		}
		in[0] = 'X'
		got, err := s.Load(t.Context(), "telegram:6")
		if err != nil {
			t.Fatal(err)
		}
		got[1] = 'Y'
		MustLoad(t, s, "telegram:6", "abc")
	})
	t.Run("concurrent residents", func(t *testing.T) {
		s := open(t)
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for g := range 16 {
			wg.Go(func() {
				id := data.ResidentID(fmt.Sprintf("telegram:%d", 100+g))
				if g%2 == 1 {
					id = data.ResidentID(fmt.Sprintf("kakao:user-%d", 100+g))
				}
				for i := range 50 {
					want := fmt.Sprintf("%s step %d", id, i)
					if err := s.Save(t.Context(), id, []byte(want)); err != nil {
						errs <- err
						return
					}
					got, err := s.Load(t.Context(), id)
					if err != nil || string(got) != want {
						errs <- fmt.Errorf("%s: Load = %q, %v; want %q", id, got, err, want)
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

// MustSave saves v as the resident's session in s, failing t when Save
// fails.
func MustSave(t *testing.T, s Store, id data.ResidentID, v string) {
	t.Helper()
	if err := s.Save(t.Context(), id, []byte(v)); err != nil {
		t.Fatalf("Save(%s): %v", id, err)
	}
}

// MustLoad loads the resident's session from s, failing t when Load fails
// or the session is not want.
func MustLoad(t *testing.T, s Store, id data.ResidentID, want string) {
	t.Helper()
	got, err := s.Load(t.Context(), id)
	if err != nil {
		t.Fatalf("Load(%s): %v", id, err)
	}
	if string(got) != want {
		t.Fatalf("Load(%s) = %.40q, want %.40q", id, got, want)
	}
}
