package data

import "time"

// DefaultSessionTTL is how long a session lives after its last use: a
// half-finished intake is kept through 30 days of silence (DESIGN.md).
// Both session stores (data/redis, data/inmem) use it when given no TTL.
const DefaultSessionTTL = 30 * 24 * time.Hour
