// Package judged holds the test that scores matching against the judged
// set of data/testdata/judged: labels a careers counsellor wrote on every
// catalog item (the seed and the real 50플러스 files of ../shared/data) and
// the residents whose answers must hold given items. The test imports the
// real files into a real store, matches every resident, prints per group
// the figures issue 9 names (precision, recall, false reasons, short
// answers, relevant job openings, first place) and fails below the targets:
//
//	go test -v -run Judged ./data/judged
//
// It has no code of its own: the package is its test. It reads
// ../shared/data through internal/sharedtest, so it skips where that folder
// is absent, and fails when CI is set and the folder is missing.
package judged
