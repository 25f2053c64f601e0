// Package seed holds the catalog dasi ships, embedded in the binary:
// places.csv (the open and unverified places of the shared places.csv, in
// its layout) and programs.csv (the standing programmes, in the operators'
// programs template, each with its source; SOURCES.md cites them). The
// store (data/sqlite) applies it, with the district table of package data,
// when it opens a database that does not hold this very seed yet.
//
// The files live here, beside the code that embeds them, so that a
// newcomer finds the seed under data/seed; edit them as CSV, and the next
// start of dasi brings every database up to them.
package seed
