package data

import (
	"errors"
	"fmt"
	"strings"
)

// Channel names a messaging service residents reach dasi on.
type Channel string

// The channels dasi serves.
const (
	// Telegram: the id is the private chat's id (the user's id), in decimal.
	Telegram Channel = "telegram"
	// Kakao: the id is Open Builder's botUserKey (userRequest.user.id), up
	// to 70 characters.
	Kakao Channel = "kakao"
)

// Valid reports whether c is one of the channels dasi serves.
func (c Channel) Valid() bool { return c == Telegram || c == Kakao }

// CanPush reports whether dasi may message a resident of c first
// (broadcasts, alerts, reminders): KakaoTalk cannot without its paid
// Event API.
func (c Channel) CanPush() bool { return c == Telegram }

// MaxResidentKey is the longest id a channel may give a resident: Kakao's
// botUserKey is at most 70 characters.
const MaxResidentKey = 70

// ResidentID names one resident everywhere dasi keeps something about them
// (sessions, residents' rows, consents, deliveries, alerts, /forget): the
// channel and the channel's id for them, as "telegram:123456" or
// "kakao:<botUserKey>". The zero ResidentID names nobody.
type ResidentID string

// ErrResidentID is wrapped by the errors of NewResidentID and
// ParseResidentID.
var ErrResidentID = errors.New("not a resident id")

// NewResidentID returns the id of the resident that channel ch knows as
// key. It returns an error wrapping ErrResidentID when ch is not a channel
// dasi serves, or key is empty, longer than MaxResidentKey, or holds a
// character outside printable ASCII.
func NewResidentID(ch Channel, key string) (ResidentID, error) {
	if !ch.Valid() {
		return "", fmt.Errorf("%w: unknown channel %q", ErrResidentID, ch)
	}
	if key == "" || len(key) > MaxResidentKey {
		return "", fmt.Errorf("%w: a %s id has 1 to %d characters", ErrResidentID, ch, MaxResidentKey)
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c <= ' ' || c > '~' {
			return "", fmt.Errorf("%w: a %s id holds printable ASCII only", ErrResidentID, ch)
		}
	}
	return ResidentID(string(ch) + ":" + key), nil
}

// ParseResidentID reads an id written by ResidentID.String. It returns an
// error wrapping ErrResidentID when s is not one.
func ParseResidentID(s string) (ResidentID, error) {
	ch, key, ok := strings.Cut(s, ":")
	if !ok {
		return "", fmt.Errorf("%w: %q has no channel", ErrResidentID, s)
	}
	return NewResidentID(Channel(ch), key)
}

// Validate returns nil when r is an id NewResidentID could have returned,
// and an error wrapping ErrResidentID otherwise (the zero ResidentID
// included). The stores call it before they use an id, so that they never
// keep one that names nobody.
func (r ResidentID) Validate() error {
	if _, err := ParseResidentID(string(r)); err != nil {
		return err
	}
	return nil
}

// Channel returns the channel the resident writes on.
func (r ResidentID) Channel() Channel {
	ch, _, _ := strings.Cut(string(r), ":")
	return Channel(ch)
}

// Key returns the channel's id for the resident.
func (r ResidentID) Key() string {
	_, key, _ := strings.Cut(string(r), ":")
	return key
}

// String returns the id as it is stored: "telegram:123456".
func (r ResidentID) String() string { return string(r) }
