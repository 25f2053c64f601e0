package data

import (
	"errors"
	"strconv"
	"time"
)

// ErrNoSession is returned by the session stores' Load when a chat has no
// session: a new resident, one who asked to be forgotten, or one silent for
// longer than the session TTL.
var ErrNoSession = errors.New("data: no session")

// DefaultSessionTTL is how long a session lives after its last use: a
// half-finished intake is kept through 30 days of silence (DESIGN.md).
const DefaultSessionTTL = 30 * 24 * time.Hour

// DefaultKeyPrefix starts every Redis key dasi writes.
const DefaultKeyPrefix = "dasi:"

// SessionOptions configure a session store. The zero value means the
// defaults: DefaultSessionTTL and DefaultKeyPrefix.
type SessionOptions struct {
	// TTL is how long a session lives after it was last loaded or saved.
	TTL time.Duration
	// Prefix starts every key (Redis only): tests sharing a server, or two
	// deployments sharing a database, keep apart with it.
	Prefix string
}

func (o SessionOptions) withDefaults() SessionOptions {
	if o.TTL <= 0 {
		o.TTL = DefaultSessionTTL
	}
	if o.Prefix == "" {
		o.Prefix = DefaultKeyPrefix
	}
	return o
}

// sessionKey is the one key of a chat's session.
func sessionKey(prefix string, chatID int64) string {
	return prefix + "session:" + strconv.FormatInt(chatID, 10)
}
