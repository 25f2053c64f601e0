package imports

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The limits of an import. A record over a limit is rejected, naming the
// field and the limit; a file over MaxSize is refused whole. They keep a
// hostile or broken file from filling memory, the catalog or a resident's
// chat: a title is shown on every results page, so it is kept short.
const (
	// MaxTitle is the most characters an item's title (or a place's name)
	// may hold.
	MaxTitle = 300
	// MaxText is the most characters any other text field may hold.
	MaxText = 4000
	// MaxRecord is the most bytes one record (a JSON object of the row
	// list, an XML row, a CSV line) may take in the file.
	MaxRecord = 64 << 10
	// DefaultMaxSize is the largest file an import reads when
	// Options.MaxSize is zero: 256 MB.
	DefaultMaxSize = 256 << 20
	// MaxListed is how many rejected records, and how many skipped ones, a
	// Report keeps with their reasons; the rest are only counted.
	MaxListed = 100
)

// ErrTooLarge is wrapped by the error of an import whose input is larger
// than its Options.MaxSize.
var ErrTooLarge = errors.New("larger than the limit")

// ErrAllRejected is wrapped by the error of an import whose every record
// was rejected: nothing is written and the catalog version does not move.
var ErrAllRejected = errors.New("every record was rejected")

// ErrBadText is wrapped by the error of an import refused whole because a
// field is neither UTF-8 nor EUC-KR text (or already holds U+FFFD, the
// mark of text a wrong conversion damaged upstream).
var ErrBadText = errors.New("not UTF-8 or EUC-KR text")

// titleFields are the source fields that hold an item's title or a place's
// name, in every format: they are held to MaxTitle.
var titleFields = map[string]bool{
	"title": true, "name": true, // 50plus-lectures, work24, the CSV templates
	"lctNm":  true, // 50plus-openapi
	"ANN_NM": true, // 50plus-announcements
	"JO_SJ":  true, // getjobinfo
}

// checkField returns the reason the text of a field named name cannot be
// stored, or "" when it can: over its limit (MaxTitle for a title, MaxText
// otherwise). bad is set when the text holds U+FFFD: the file is not
// readable text, and is refused whole.
func checkField(name, text string) (reason string, bad bool) {
	if strings.ContainsRune(text, utf8.RuneError) {
		return "", true
	}
	limit, what := MaxText, "text"
	if titleFields[name] {
		limit, what = MaxTitle, "a title"
	}
	if len(text) <= limit { // every character takes at least a byte
		return "", false
	}
	if n := utf8.RuneCountInString(text); n > limit {
		return fmt.Sprintf("%s characters, over the limit of %s for %s", thousands(n), thousands(limit), what), false
	}
	return "", false
}

// thousands writes n with commas: 4,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// badTextError is the error of a file refused whole for its text, naming
// the first record (or line) and field that shows it.
func badTextError(n int, line bool, field string, enc string) error {
	unit := "record"
	if line {
		unit = "line"
	}
	how := "not UTF-8 text, nor EUC-KR (CP949)"
	if enc == encEUCKR {
		how = "bytes that are not EUC-KR (CP949) text"
	}
	return fmt.Errorf("%s %d: %s: %w: %s, or U+FFFD from a wrong conversion upstream; nothing was imported (save the file as UTF-8)", unit, n, field, ErrBadText, how)
}

// textFields lists, for a record type, the index paths and source names of
// its text fields (string kinds, jtext among them), and of its slices of
// structs, which are walked in turn.
type textField struct {
	index []int
	name  string
	slice bool // a slice of structs
}

// fieldCache holds textFields per type, computed once.
var fieldCache sync.Map // reflect.Type -> []textField

// fieldsOf returns the text fields of struct type t.
func fieldsOf(t reflect.Type) []textField {
	if v, ok := fieldCache.Load(t); ok {
		return v.([]textField)
	}
	var out []textField
	for i := range t.NumField() {
		f := t.Field(i)
		name := sourceName(f)
		switch {
		case f.Type.Kind() == reflect.String:
			out = append(out, textField{index: f.Index, name: name})
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			out = append(out, textField{index: f.Index, name: name, slice: true})
		}
	}
	fieldCache.Store(t, out)
	return out
}

// sourceName is a struct field's name in its source: its json or xml tag.
func sourceName(f reflect.StructField) string {
	for _, tag := range []string{"json", "xml"} {
		if n, _, _ := strings.Cut(f.Tag.Get(tag), ","); n != "" && n != "-" {
			return n
		}
	}
	return f.Name
}

// checkRecord holds every text field of rec (a pointer to a record struct)
// to its limit. It returns the first field over its limit with the reason,
// or, with bad set, the first field whose text is unreadable.
func checkRecord(rec any) (field, reason string, bad bool) {
	v := reflect.ValueOf(rec)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return "", "", false
	}
	for _, f := range fieldsOf(v.Type()) {
		fv := v.FieldByIndex(f.index)
		if f.slice {
			for i := range fv.Len() {
				if field, reason, bad := checkRecord(fv.Index(i).Addr().Interface()); field != "" {
					return field, reason, bad
				}
			}
			continue
		}
		if reason, bad := checkField(f.name, fv.String()); reason != "" || bad {
			return f.name, reason, bad
		}
	}
	return "", "", false
}

// ParseSize reads a size such as Options.MaxSize takes from an operator:
// bytes, or a whole number with KB, MB or GB (powers of 1,024). ok is false
// for anything else, zero or negative.
func ParseSize(s string) (n int64, ok bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<50)/mult {
		return 0, false
	}
	return n * mult, true
}

// SizeText writes a size the way ParseSize reads it: 256MB, 64KB, 1GB
// (1.5MB, 300 bytes when it is no whole unit).
func SizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	case n >= 1<<20:
		return fmt.Sprintf("%.1fMB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}
