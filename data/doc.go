// Package data is dasi's domain, in the standard library only: the
// resident's profile (age band, field, years of experience, goals,
// district, a shared location), Seoul's 25 districts, dates in Seoul's
// time zone, distances, the catalog items (places, programs, job openings)
// with the source of each, the in-memory Catalog and its matching (the
// score of match_score.go, the tables of fields of match_table.go), the
// category table that maps the words of Seoul's sources to categories and
// goals and tells a programme from a resident service or a hobby class,
// the one text fold that every comparison of labels and keywords
// uses, and the plain records the other packages exchange with the store
// (residents, consents, broadcasts, deliveries, alerts, stats) with the
// errors the stores return. Everything about a resident is keyed by a
// ResidentID: the channel they write on and the channel's id for them
// ("telegram:123456", "kakao:<botUserKey>").
//
// The packages beneath it hold what depends on something else, each named
// for it: data/sqlite (the store), data/imports (the formats Seoul
// publishes), data/redis and data/inmem (the session stores), data/seed
// (the catalog dasi ships). Data imports none of them, nor any other
// package of the project. Types here are plain values; the Korean labels of
// the fixed choices (fields, goals, districts) live here because they are
// the domain's names, while every sentence a resident reads lives in
// package dialogs.
package data
