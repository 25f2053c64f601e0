// Package inmem keeps the sessions in the process, for running without
// Redis: they are lost when the process stops. It keeps the contract of
// the sessions on Redis (data/redis), sliding TTL included, tested once for
// both (internal/sessiontest).
package inmem
