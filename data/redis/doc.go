// Package redis keeps the sessions on Redis (github.com/redis/go-redis,
// imported as goredis): one key per resident, named by data.ResidentID
// ("dasi:session:telegram:123456"), with a sliding TTL, written once per
// update, so that a restart loses no half-finished conversation. A session
// an older dasi kept under a Telegram chat id alone ("dasi:session:123456")
// is found, and moved to its new key, on its first load. The package also
// holds the Lease an instance takes on its bot token, so that a second
// instance started by mistake refuses to run.
//
// Sessions and package inmem's keep one contract, tested once for both
// (internal/sessiontest).
package redis
