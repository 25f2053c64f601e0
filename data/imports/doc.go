// Package imports reads the public formats Seoul's catalog comes in and
// writes their items into the store through a small interface of its own
// (Store, Sink), which *sqlite.Store satisfies: the importers never see
// SQL or a transaction.
//
// The formats, one file each: fiftyplus.go (50plus.or.kr's course list,
// the 서울시50플러스재단 Open API, and 50plus.or.kr's announcements),
// seoul.go (the Seoul Open API GetJobInfo in JSON and XML, and the
// fetcher that pages through the API), work24.go (고용24's job list XML),
// csv.go (the operators' programs template and the layout of places.csv,
// which the seed uses too). detect.go recognises a format from the start
// of a file; json.go and jsonscan.go read JSON as a stream, csvscan.go cuts
// CSV into records, xmlinput.go holds XML to a budget, each keeping at most
// one record of at most MaxRecord bytes; charset.go reads UTF-8 and EUC-KR
// (CP949); limits.go holds every field to its limit (MaxTitle, MaxText);
// norm.go normalises dates, wages and addresses; places.go joins the
// organisation names of the sources to places; classify.go reads who a
// record is for (a district's residents, one sex, a licence, ages) from its
// title, beside the category table's data.Classify and data.NotProgramme
// (resident services, children's and hobby classes are skipped); batch.go
// counts what an import did and keeps the first MaxListed records it
// rejects and skips (report.go).
//
// File imports one file in one transaction; GetJobInfoAPI fetches every
// page first and then writes in one short transaction; ReadSeed reads the
// seed for the store. A file that cannot be used as a whole (over
// Options.MaxSize, not text, every record rejected…) changes nothing.
package imports
