package imports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// The JSON sources are read as a stream (jsonStream): the envelope byte by
// byte, each record of the row array into its own buffer of at most
// MaxRecord bytes and then into its struct, so that a record of the wrong
// shape or over a limit is rejected alone while a file cut short or broken
// fails as a whole.

// walkObject reads the JSON object at dec's position, calling fn with each
// key; fn must consume the value (skipValue when it has no use for it).
func walkObject(dec *jsonStream, where string, fn func(key string) error) error {
	c, err := dec.peek()
	if err != nil {
		return jsonErr(dec, err, where)
	}
	if c != '{' {
		return fmt.Errorf("%s: want a JSON object, found %s", where, found(c))
	}
	dec.next()
	first := true
	for {
		c, err := dec.peek()
		if err != nil {
			return jsonErr(dec, err, where)
		}
		if c == '}' && first {
			dec.next()
			return nil
		}
		if c != '"' {
			return jsonErr(dec, dec.syntax("unexpected %q where a key belongs", c), where)
		}
		v, err := dec.scanValue(maxKey)
		if err != nil {
			return jsonErr(dec, err, where)
		}
		var key string
		if v.raw == nil {
			return jsonErr(dec, errKeyTooLong, where)
		}
		if err := json.Unmarshal(v.raw, &key); err != nil {
			return jsonErr(dec, dec.syntax("%v", err), where)
		}
		if c, err := dec.next(); err != nil {
			return jsonErr(dec, err, where)
		} else if c != ':' {
			return jsonErr(dec, dec.syntax("unexpected %q after a key, want ':'", c), where)
		}
		if err := fn(key); err != nil {
			return err
		}
		c, err = dec.next()
		switch {
		case err != nil:
			return jsonErr(dec, err, where)
		case c == '}':
			return nil
		case c != ',':
			return jsonErr(dec, dec.syntax("unexpected %q after a value, want ',' or '}'", c), where)
		}
		first = false
	}
}

// found describes the first byte of a value in an error: "an array"…
func found(c byte) string {
	switch {
	case c == '[':
		return "an array"
	case c == '{':
		return "an object"
	case c == '"':
		return "text"
	case c == 'n':
		return "null"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == '-' || ('0' <= c && c <= '9'):
		return "a number"
	}
	return fmt.Sprintf("%q", c)
}

// walkArray reads the JSON array at dec's position, calling fn with each
// element's number (first+1, first+2…); fn must consume the element,
// normally with decodeRecord. A null is an empty array.
func walkArray(dec *jsonStream, where string, first int, fn func(n int) error) (int, error) {
	c, err := dec.peek()
	if err != nil {
		return 0, jsonErr(dec, err, where)
	}
	if c == 'n' {
		v, err := dec.scanValue(8)
		if err != nil {
			return 0, jsonErr(dec, err, where)
		}
		if string(v.raw) != "null" {
			return 0, fmt.Errorf("%s: want a JSON array, found %s", where, found(c))
		}
		return 0, nil
	}
	if c != '[' {
		return 0, fmt.Errorf("%s: want a JSON array, found %s", where, found(c))
	}
	dec.next()
	if c, err := dec.peek(); err != nil {
		return 0, jsonErr(dec, err, where)
	} else if c == ']' {
		dec.next()
		return 0, nil
	}
	n := 0
	for {
		n++
		if err := fn(first + n); err != nil {
			return n, err
		}
		c, err := dec.next()
		switch {
		case err != nil:
			return n, jsonErr(dec, err, where)
		case c == ']':
			return n, nil
		case c != ',':
			return n, jsonErr(dec, dec.syntax("unexpected %q after record %d, want ',' or ']'", c, first+n), where)
		}
	}
}

// decodeRecord decodes record n, the value at dec's position, into v. A
// record of the wrong shape (an object where text belongs…), over
// MaxRecord bytes, or with a field over its limit (checkRecord) is
// consumed and comes back as the field and reason to reject it; a syntax
// error, an early end, or a field that is not text (ErrBadText) fails the
// whole file (err).
func decodeRecord(dec *jsonStream, n int, v any) (field, reason string, err error) {
	where := fmt.Sprintf("in record %d", n)
	sv, err := dec.scanValue(MaxRecord)
	if err != nil {
		return "", "", jsonErr(dec, err, where)
	}
	if sv.raw == nil {
		return overRecord(sv.size, sv.field, sv.fieldSz)
	}
	if err := json.Unmarshal(sv.raw, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field, reason := recordErr(err)
			return field, reason, nil
		}
		return "", "", jsonErr(dec, err, where)
	}
	field, reason, bad := checkRecord(v)
	if bad {
		return "", "", badTextError(n, false, field, dec.enc())
	}
	return field, reason, nil
}

// overRecord rejects a record of size bytes, over MaxRecord, naming its
// largest field (field, of fieldSize bytes) when it has one.
func overRecord(size int64, field string, fieldSize int64) (string, string, error) {
	reason := fmt.Sprintf("the record takes %s bytes, over the limit of 64 KB", thousands(int(size)))
	if field == "" {
		return "record", reason, nil
	}
	return field, fmt.Sprintf("%s; this field alone takes %s", reason, thousands(int(fieldSize))), nil
}

// decodeValue decodes the value at dec's position, of at most MaxRecord
// bytes, into v: an envelope's count or RESULT.
func decodeValue(dec *jsonStream, where string, v any) error {
	sv, err := dec.scanValue(MaxRecord)
	if err != nil {
		return jsonErr(dec, err, where)
	}
	if sv.raw == nil {
		return fmt.Errorf("%s: a value over 64 KB", where)
	}
	if err := json.Unmarshal(sv.raw, v); err != nil {
		return jsonErr(dec, err, where)
	}
	return nil
}

// skipValue consumes the value at dec's position.
func skipValue(dec *jsonStream, where string) error {
	if _, err := dec.scanValue(0); err != nil {
		return jsonErr(dec, err, where)
	}
	return nil
}

// expectEOF checks that nothing but white space follows the document.
func expectEOF(dec *jsonStream) error {
	if _, err := dec.peek(); err != io.ErrUnexpectedEOF {
		if err != nil {
			return fmt.Errorf("reading after the JSON document: %w", err)
		}
		return fmt.Errorf("unexpected content after the JSON document (at byte %d)", dec.off)
	}
	return nil
}

// jsonErr describes a decoding error of the whole file.
func jsonErr(dec *jsonStream, err error, where string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: the file ends %s; nothing was imported", errTruncated, where)
	}
	var js *jsonSyntaxError
	if errors.As(err, &js) {
		return fmt.Errorf("not valid JSON %s at byte %d: %s", where, js.off, js.msg)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("not valid JSON %s (near byte %d): %w", where, dec.off, se)
	}
	if errors.Is(err, errKeyTooLong) {
		return fmt.Errorf("%s at byte %d: %w", where, dec.off, err)
	}
	return fmt.Errorf("reading %s: %w", where, err)
}

// recordErr turns the error of decoding one record into its field and reason.
func recordErr(err error) (field, reason string) {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field = te.Field
		if i := strings.LastIndexByte(field, '.'); i >= 0 {
			field = field[i+1:]
		}
		if field == "" {
			return "record", fmt.Sprintf("want a JSON object, found %s", withArticle(te.Value))
		}
		return field, fmt.Sprintf("want %s, found %s", jsonKind(te.Type.Kind().String()), withArticle(te.Value))
	}
	return "record", err.Error()
}

// withArticle puts "a" or "an" before a JSON kind: "an object", "a number 1.5".
func withArticle(v string) string {
	if strings.HasPrefix(v, "a") || strings.HasPrefix(v, "o") {
		return "an " + v
	}
	return "a " + v
}

// jsonKind names a Go kind as the JSON value it decodes: "a number", "text"…
func jsonKind(k string) string {
	switch {
	case strings.HasPrefix(k, "int"), strings.HasPrefix(k, "uint"), strings.HasPrefix(k, "float"):
		return "a number"
	case k == "string":
		return "text"
	case k == "slice":
		return "a list"
	case k == "struct", k == "map":
		return "an object"
	}
	return k
}

// jtext is a JSON value read as text: a string, a number (kept as written),
// a boolean, or null (empty). The Seoul and 50플러스 sources write the same
// field as a string in one record and a number in the next.
type jtext string

// UnmarshalJSON implements json.Unmarshaler.
func (t *jtext) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*t = ""
	case b[0] == '"' && bytes.IndexByte(b, '\\') < 0 && utf8.Valid(b):
		// The decoder has checked the syntax: with no escape and valid
		// UTF-8, the text is what lies between the quotes.
		*t = jtext(b[1 : len(b)-1])
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = jtext(s)
	case b[0] == '{':
		return &json.UnmarshalTypeError{Value: "object", Type: reflect.TypeFor[string]()}
	case b[0] == '[':
		return &json.UnmarshalTypeError{Value: "array", Type: reflect.TypeFor[string]()}
	default:
		*t = jtext(b)
	}
	return nil
}

// String returns the text cleaned of extra white space.
func (t jtext) String() string { return data.CleanText(string(t)) }

// Int parses the text as a whole number; ok is false when it is empty, and
// err is set when it is something else.
func (t jtext) Int() (n int64, ok bool, err error) {
	s := strings.TrimSpace(string(t))
	if s == "" {
		return 0, false, nil
	}
	n, err = strconv.ParseInt(s, 10, 64)
	if err != nil {
		if f, ferr := strconv.ParseFloat(s, 64); ferr == nil && f == float64(int64(f)) {
			return int64(f), true, nil
		}
		return 0, false, fmt.Errorf("%q is not a whole number", s)
	}
	return n, true, nil
}
