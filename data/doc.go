// Package data holds dasi's domain: the resident's profile (age band, field,
// years of experience, goals, district), the catalog of places, programs and
// job openings with the source of every item, the SQLite store with its
// embedded migrations and seed, the importers of the formats Seoul publishes,
// matching, and the session stores (Redis and in-process).
//
// Data imports none of the project's other packages. Types here are plain
// values; the Korean labels of the fixed choices (fields, goals, districts)
// live here because they are the domain's names, while every sentence a
// resident reads lives in package dialogs.
package data
