// Package sqlite is dasi's store: one SQLite file (modernc.org/sqlite, pure
// Go, so the binary needs no cgo) holding the catalog and everything about
// residents that must outlive a restart. Open applies the embedded
// migrations (migrations/NNN_name.sql, in order, each once) and the
// embedded seed (data/seed), and sets up WAL, foreign keys and a busy
// timeout.
//
// The files are named for what they hold: catalog.go loads the catalog
// into a data.Catalog; writer.go is the import writer, the imports.Sink
// that upserts the importers' items by id with a content hash; seed.go
// applies the seed through the importers' CSV readers; residents.go,
// consents.go, blocked.go, broadcasts.go, drafts.go, pause.go,
// deliveries.go, alerts.go, retention.go and stats.go hold the SQL of
// their tables; resident_ids.go checks the ids they are given.
//
// Residents are keyed by data.ResidentID, a channel and the channel's id
// for them ("telegram:123456", "kakao:<botUserKey>"), in a column named
// resident in every table that holds something about one resident (Forget
// deletes from each). A method given an id that is not valid returns an
// error wrapping data.ErrResidentID and stores nothing. Databases written
// before channels, keyed by Telegram chat ids, are carried over by
// migration 009.
//
// A Store is safe for concurrent use. Every transaction takes the write
// lock when it begins, so that two writers queue instead of failing half
// way; an import's whole file is one transaction, which changes nothing
// when it fails.
package sqlite
