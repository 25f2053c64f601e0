package data

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// ImportKind is what an import loads: programs, jobs or places.
type ImportKind string

// The import kinds of "dasi import KIND FILE".
const (
	ImportPrograms ImportKind = "programs"
	ImportJobs     ImportKind = "jobs"
	ImportPlaces   ImportKind = "places"
)

// The formats the importers read. Each is also the Source.Format of the
// items it writes.
const (
	Format50PlusLectures      = "50plus-lectures"      // 50plus.or.kr course-list JSON
	Format50PlusOpenAPI       = "50plus-openapi"       // 서울시50플러스재단 Open API education/list JSON
	FormatProgramsCSV         = "programs-csv"         // the operators' CSV template
	FormatGetJobInfo          = "getjobinfo"           // Seoul Open API GetJobInfo, JSON or XML
	FormatWork24              = "work24"               // 고용24 job list XML
	Format50PlusAnnouncements = "50plus-announcements" // 50plus.or.kr in_appListAjax JSON
	FormatPlacesCSV           = "places-csv"           // the layout of places.csv
	FormatSeed                = "seed"                 // the embedded seed
)

// importFormats lists the formats "dasi import" reads, in the order usage
// messages give them, with the kind that loads each.
var importFormats = [...]struct {
	name string
	kind ImportKind
}{
	{Format50PlusLectures, ImportPrograms},
	{Format50PlusOpenAPI, ImportPrograms},
	{FormatProgramsCSV, ImportPrograms},
	{FormatGetJobInfo, ImportJobs},
	{FormatWork24, ImportJobs},
	{Format50PlusAnnouncements, ImportJobs},
	{FormatPlacesCSV, ImportPlaces},
}

// Formats returns the formats that load kind, none for an unknown kind.
func Formats(kind ImportKind) []string {
	var out []string
	for _, f := range importFormats {
		if f.kind == kind {
			out = append(out, f.name)
		}
	}
	return out
}

// formatKind returns the kind that loads format; ok is false for a format
// dasi does not import.
func formatKind(format string) (kind ImportKind, ok bool) {
	for _, f := range importFormats {
		if f.name == format {
			return f.kind, true
		}
	}
	return "", false
}

// ImportOptions describes one import.
type ImportOptions struct {
	Kind ImportKind
	// Format forces a format; empty means recognise it from the content.
	Format string
	// File names the input in messages and in the imports log: the file
	// name, or "-" (the default) for standard input.
	File string
	// Today is the day deadlines are judged against (items past their
	// deadline are stored and counted as expired) and the day recorded as
	// each written item's ImportedAt. Zero means the real date.
	Today Date
}

// ImportReport counts what an import did. Every usable record lands in
// exactly one of Added, Updated, Unchanged and Expired; Expired items are
// stored (new or not) but past their deadline on ImportOptions.Today.
type ImportReport struct {
	Format                                       string
	Added, Updated, Unchanged, Expired, Rejected int
	// Removed counts the items a complete listing of their source no
	// longer holds, deleted: only ImportGetJobInfoAPI reads one. A file
	// never removes anything.
	Removed int
	// Rejects explains every rejected record, in input order.
	Rejects []Reject
}

// String returns the counts as the last line of "dasi import" prints them:
// "added=N updated=N unchanged=N expired=N rejected=N".
func (r ImportReport) String() string {
	return fmt.Sprintf("added=%d updated=%d unchanged=%d expired=%d rejected=%d",
		r.Added, r.Updated, r.Unchanged, r.Expired, r.Rejected)
}

// Reject says why one record of an import could not be used.
type Reject struct {
	File   string // file name, "-" for standard input
	N      int    // 1-based record number, or line number when Line is set
	Line   bool   // N is a line (CSV) rather than a record (JSON, XML)
	Field  string // the source's field name
	Reason string
}

// String returns "FILE:record N: FIELD: reason" ("FILE:line N: …" for CSV).
func (r Reject) String() string {
	unit := "record"
	if r.Line {
		unit = "line"
	}
	return fmt.Sprintf("%s:%s %d: %s: %s", r.File, unit, r.N, r.Field, r.Reason)
}

// ErrUnknownFormat is wrapped by the error of an import whose format
// could not be recognised.
var ErrUnknownFormat = errors.New("unknown format")

// APIError is a source's error envelope: the Seoul Open API's RESULT (such
// as INFO-200 "해당하는 데이터가 없습니다" or ERROR-336), the 50플러스 Open
// API's header, or 고용24's messageCd.
type APIError struct {
	Code, Message string
}

// Error returns the code and message: "the source answered with an
// error: INFO-200 해당하는 데이터가 없습니다.".
func (e *APIError) Error() string {
	return fmt.Sprintf("the source answered with an error: %s %s", e.Code, e.Message)
}

// Import reads one file of kind opt.Kind from r and writes its items into
// the catalog in one transaction, with a row in the imports log. Records
// that cannot be used are skipped and listed in the report's Rejects. It
// returns an error, and changes nothing, when the input cannot be used as a
// whole: unreadable, of an unknown format or one that does not load this
// kind, truncated or malformed, or an error envelope (*APIError). The error
// names opt.File.
func (s *Store) Import(ctx context.Context, r io.Reader, opt ImportOptions) (ImportReport, error) {
	var rep ImportReport
	if opt.File == "" {
		opt.File = "-"
	}
	if opt.Today.IsZero() {
		opt.Today = DateOf(time.Now())
	}
	if len(Formats(opt.Kind)) == 0 {
		return rep, fmt.Errorf("import: unknown kind %q: want programs, jobs or places", opt.Kind)
	}
	br := bufio.NewReaderSize(r, 64<<10)
	format := opt.Format
	if format == "" {
		f, err := detectFormat(br)
		if err != nil {
			return rep, fmt.Errorf("%s: %w", opt.File, err)
		}
		format = f
	}
	kind, ok := formatKind(format)
	if !ok {
		return rep, fmt.Errorf("%s: %w %q: want one of %s", opt.File, ErrUnknownFormat, format, strings.Join(Formats(opt.Kind), ", "))
	}
	if kind != opt.Kind {
		return rep, fmt.Errorf("%s: this is a %s file, which \"dasi import %s\" loads, not %s", opt.File, format, kind, opt.Kind)
	}
	rep.Format = format
	err := s.importTx(ctx, string(opt.Kind), opt.File, opt.Today, &rep, func(ctx context.Context, w *writer) error {
		return readFormat(ctx, w, format, br)
	})
	if err != nil {
		return ImportReport{}, fmt.Errorf("%s: %w", opt.File, err)
	}
	return rep, nil
}

// readFormat reads r in the given format, writing through w.
func readFormat(ctx context.Context, w *writer, format string, r *bufio.Reader) error {
	switch format {
	case Format50PlusLectures:
		return read50PlusLectures(ctx, w, r)
	case Format50PlusOpenAPI:
		return read50PlusOpenAPI(ctx, w, r)
	case FormatProgramsCSV:
		return readProgramsCSV(ctx, w, r, FormatProgramsCSV)
	case FormatGetJobInfo:
		if c, _ := firstByte(r); c == '<' {
			return readGetJobInfoXML(r, w.putJobInfo(ctx))
		}
		_, err := readGetJobInfoJSON(r, 0, w.putJobInfo(ctx))
		return err
	case FormatWork24:
		return readWork24(ctx, w, r)
	case Format50PlusAnnouncements:
		return read50PlusAnnouncements(ctx, w, r)
	case FormatPlacesCSV:
		return readPlacesCSV(ctx, w, r, FormatPlacesCSV, false)
	}
	return fmt.Errorf("%w %q", ErrUnknownFormat, format)
}

// importTx runs fill in one transaction with a writer, then logs the import
// and commits. Any error rolls everything back.
func (s *Store) importTx(ctx context.Context, kind, file string, today Date, rep *ImportReport, fill func(context.Context, *writer) error) error {
	started := time.Now()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := newWriter(tx, file, today, rep)
	defer w.close()
	if err := fill(ctx, w); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO imports (kind, file, format, added, updated, unchanged, expired, rejected,
			started_at, finished_at, digest)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		kind, file, rep.Format, rep.Added, rep.Updated, rep.Unchanged, rep.Expired, rep.Rejected,
		started.UTC().Format(time.RFC3339Nano), time.Now().UTC().Format(time.RFC3339Nano), w.digest)
	if err != nil {
		return fmt.Errorf("imports log: %w", err)
	}
	w.close()
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// firstByte returns the first byte of r that is not white space or a
// byte-order mark, without consuming it.
func firstByte(r *bufio.Reader) (byte, error) {
	for {
		b, err := r.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			r.ReadByte()
			continue
		case 0xEF:
			if bom, _ := r.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
				r.Discard(3)
				continue
			}
		}
		return b[0], nil
	}
}

// detectFormat recognises the format from the start of the content: the
// first key of a JSON object, the first element of an XML document, or the
// header of a CSV file. It consumes only white space and a byte-order mark.
func detectFormat(r *bufio.Reader) (string, error) {
	c, err := firstByte(r)
	if err == io.EOF {
		return "", errors.New("the file is empty")
	}
	if err != nil {
		return "", err
	}
	head, _ := r.Peek(r.Size())
	switch c {
	case '{':
		return detectJSON(head)
	case '<':
		return detectXML(head)
	}
	if !utf8.Valid(head[:validPrefix(head)]) {
		return "", fmt.Errorf("%w: the file is neither JSON, XML nor UTF-8 CSV (%s)", ErrUnknownFormat, saveAsUTF8)
	}
	line, _, _ := strings.Cut(string(head), "\n")
	cols := map[string]bool{}
	for _, c := range strings.Split(strings.TrimRight(line, "\r"), ",") {
		cols[strings.TrimSpace(c)] = true
	}
	switch {
	case cols["id"] && cols["title"] && cols["goals"]:
		return FormatProgramsCSV, nil
	case cols["id"] && cols["name"] && cols["kind"] && cols["status"]:
		return FormatPlacesCSV, nil
	}
	return "", fmt.Errorf("%w: not JSON or XML, and the first line is not the header of the programs or places CSV template", ErrUnknownFormat)
}

// validPrefix returns the length of b without a UTF-8 sequence cut at its end.
func validPrefix(b []byte) int {
	n := len(b)
	for i := 0; i < utf8.UTFMax && n-i > 0; i++ {
		if utf8.RuneStart(b[n-i-1]) {
			if !utf8.FullRune(b[n-i-1:]) {
				return n - i - 1
			}
			break
		}
	}
	return n
}

// jsonMarkers maps a top-level key to the format it announces.
var jsonMarkers = map[string]string{
	"GetJobInfo":     FormatGetJobInfo,
	"RESULT":         FormatGetJobInfo, // the Seoul Open API's bare error envelope
	"content":        Format50PlusLectures,
	"totalElements":  Format50PlusLectures,
	"totalPages":     Format50PlusLectures,
	"list":           Format50PlusAnnouncements,
	"paginationInfo": Format50PlusAnnouncements,
	"response":       Format50PlusOpenAPI,
}

// detectJSON names the format of a JSON object by its first key that
// jsonMarkers knows.
func detectJSON(head []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(head))
	if _, err := dec.Token(); err != nil {
		return "", fmt.Errorf("%w: %w", ErrUnknownFormat, err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		key, _ := tok.(string)
		if f, ok := jsonMarkers[key]; ok {
			return f, nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			break
		}
	}
	return "", fmt.Errorf("%w: a JSON object without GetJobInfo, content, list or response", ErrUnknownFormat)
}

// detectXML names the format of an XML document by its root element.
func detectXML(head []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(head))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", fmt.Errorf("%w: no XML root element: %w", ErrUnknownFormat, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "GetJobInfo", "RESULT":
				return FormatGetJobInfo, nil
			case "wantedRoot", "error":
				return FormatWork24, nil
			}
			return "", fmt.Errorf("%w: XML with root element <%s>", ErrUnknownFormat, se.Name.Local)
		}
	}
}
