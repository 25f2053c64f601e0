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

// The JSON sources are read as a stream: the envelope token by token, each
// record of the row array into its own buffer and then into its struct, so
// that a record of the wrong shape is rejected alone while a file cut short
// or broken fails as a whole.

// walkObject reads the JSON object at dec's position, calling fn with each
// key; fn must consume the value (skipValue when it has no use for it).
func walkObject(dec *json.Decoder, where string, fn func(key string) error) error {
	tok, err := dec.Token()
	if err != nil {
		return jsonErr(dec, err, where)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("%s: want a JSON object, found %v", where, tok)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return jsonErr(dec, err, where)
		}
		if err := fn(tok.(string)); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return jsonErr(dec, err, where)
	}
	return nil
}

// walkArray reads the JSON array at dec's position, calling fn with each
// element's number (first+1, first+2…); fn must consume the element,
// normally with decodeRecord. A null is an empty array.
func walkArray(dec *json.Decoder, where string, first int, fn func(n int) error) (int, error) {
	tok, err := dec.Token()
	if err != nil {
		return 0, jsonErr(dec, err, where)
	}
	if tok == nil {
		return 0, nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return 0, fmt.Errorf("%s: want a JSON array, found %v", where, tok)
	}
	n := 0
	for dec.More() {
		n++
		if err := fn(first + n); err != nil {
			return n, err
		}
	}
	if _, err := dec.Token(); err != nil {
		return n, jsonErr(dec, err, where)
	}
	return n, nil
}

// decodeRecord decodes record n, the value at dec's position, into v. A
// record of the wrong shape (an object where text belongs…) is consumed
// and comes back as the field and reason to reject it; a syntax error or
// an early end fails the whole file (err).
func decodeRecord(dec *json.Decoder, n int, v any) (field, reason string, err error) {
	// Decode reads the whole value before it fills v, so after a type
	// error the decoder stands at the next record.
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field, reason := recordErr(err)
			return field, reason, nil
		}
		return "", "", jsonErr(dec, err, fmt.Sprintf("in record %d", n))
	}
	return "", "", nil
}

// skipValue consumes the value at dec's position.
func skipValue(dec *json.Decoder, where string) error {
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		return jsonErr(dec, err, where)
	}
	return nil
}

// expectEOF checks that nothing but white space follows the document.
func expectEOF(dec *json.Decoder) error {
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("unexpected content after the JSON document (at byte %d)", dec.InputOffset())
	}
	return nil
}

// jsonErr describes a decoding error of the whole file.
func jsonErr(dec *json.Decoder, err error, where string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: the file ends %s; nothing was imported", errTruncated, where)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("not valid JSON %s at byte %d: %w", where, se.Offset, se)
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
