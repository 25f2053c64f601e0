// Package redis keeps the sessions on Redis (github.com/redis/go-redis,
// imported as goredis): one key per chat with a sliding TTL, written once
// per update, so that a restart loses no half-finished conversation. It
// also holds the Lease an instance takes on its bot token, so that a
// second instance started by mistake refuses to run.
//
// Sessions and package inmem's keep one contract, tested once for both
// (internal/sessiontest).
package redis
