package imports

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// jsonStream reads one JSON document as a stream: the envelope byte by
// byte, each record into a buffer of at most MaxRecord bytes (a larger one
// is scanned to its end and rejected, never held), so that memory does not
// grow with the file or with a record. The syntax of what it skips is
// checked as it goes (strings, escapes, nesting, literals); what it keeps
// is checked again by encoding/json.
type jsonStream struct {
	r   *bufio.Reader
	off int64  // bytes consumed
	buf []byte // the value being kept
	sc  jsonScan
	enc func() string // the input's encoding, for messages
}

// newJSONStream reads r; enc names its encoding in messages (nil: a
// textReader's, else UTF-8).
func newJSONStream(r io.Reader, enc func() string) *jsonStream {
	if t, ok := r.(*textReader); ok && enc == nil {
		enc = t.encoding
	}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	if enc == nil {
		enc = func() string { return encUTF8 }
	}
	return &jsonStream{r: br, enc: enc}
}

// jsonSyntaxError is a syntax error at a byte of the document.
type jsonSyntaxError struct {
	off int64
	msg string
}

func (e *jsonSyntaxError) Error() string { return e.msg }

// syntax returns a syntax error at the current byte.
func (s *jsonStream) syntax(format string, a ...any) error {
	return &jsonSyntaxError{off: s.off, msg: fmt.Sprintf(format, a...)}
}

// peek returns the next byte that is not white space, without consuming it.
func (s *jsonStream) peek() (byte, error) {
	for {
		b, err := s.r.Peek(1)
		if err != nil {
			if err == io.EOF {
				return 0, io.ErrUnexpectedEOF
			}
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			s.r.Discard(1)
			s.off++
			continue
		}
		return b[0], nil
	}
}

// next consumes and returns the next byte that is not white space.
func (s *jsonStream) next() (byte, error) {
	c, err := s.peek()
	if err == nil {
		s.r.Discard(1)
		s.off++
	}
	return c, err
}

// scanned is what scanValue found.
type scanned struct {
	raw     []byte // the value, when it fits the limit (nil otherwise)
	size    int64  // its size in bytes
	field   string // for an object over the limit: its largest field
	fieldSz int64  // that field's size
}

// scanValue reads the value at the stream's position, keeping it in raw
// when it takes at most limit bytes (never, for limit 0). raw is reused by
// the next call.
func (s *jsonStream) scanValue(limit int) (scanned, error) {
	if _, err := s.peek(); err != nil {
		return scanned{}, err
	}
	s.sc.reset()
	s.buf = s.buf[:0]
	start := s.off
	keep := limit > 0
	for {
		chunk, perr := s.r.Peek(max(1, s.r.Buffered()))
		if len(chunk) == 0 {
			if perr == io.EOF {
				if s.sc.lit && len(s.sc.stack) == 0 {
					if err := s.sc.endLit(s, 0); err != nil {
						return scanned{}, err
					}
					break
				}
				perr = io.ErrUnexpectedEOF
			}
			return scanned{}, perr
		}
		n, done, err := s.sc.feed(s, chunk)
		if keep {
			if len(s.buf)+n > limit {
				keep = false
				s.buf = s.buf[:0]
			} else {
				s.buf = append(s.buf, chunk[:n]...)
			}
		}
		s.r.Discard(n)
		s.off += int64(n)
		if err != nil {
			return scanned{}, err
		}
		if done {
			break
		}
	}
	v := scanned{size: s.off - start, field: string(s.sc.bigKey), fieldSz: s.sc.bigSize}
	if keep {
		v.raw = s.buf
	}
	return v, nil
}

// The states of jsonScan between tokens.
const (
	stValue      = iota // a value is expected
	stKeyOrEnd          // after '{': a key or '}'
	stKey               // after ',' in an object: a key
	stColon             // after a key
	stValueOrEnd        // after '[': a value or ']'
	stCommaOrEnd        // after a value in a container
)

// jsonScan is the state of scanning one value: nesting, whether it is
// inside a string (a key or not) or a literal, and, in an object at the
// top, the key of its largest field.
type jsonScan struct {
	stack []byte // '{' and '['
	st    int
	str   bool // inside a string
	key   bool // the string is an object's key
	esc   bool // after a backslash
	hex   int  // hex digits of a \u escape still to read
	lit   bool // inside a number or true, false, null
	word  []byte

	curKey   []byte // the key of the top object's current field
	valStart int64  // where that field's value starts
	bigKey   []byte // the key of its largest field so far
	bigSize  int64
}

// reset prepares the scan of a new value.
func (sc *jsonScan) reset() {
	sc.stack, sc.st = sc.stack[:0], stValue
	sc.str, sc.key, sc.esc, sc.hex, sc.lit = false, false, false, 0, false
	sc.curKey, sc.bigKey, sc.bigSize = sc.curKey[:0], sc.bigKey[:0], 0
}

// top reports whether the scan is directly inside the value's own object.
func (sc *jsonScan) top() bool { return len(sc.stack) == 1 && sc.stack[0] == '{' }

// endValue notes that a value ended; done when it was the whole value.
func (sc *jsonScan) endValue() (done bool) {
	if len(sc.stack) == 0 {
		return true
	}
	sc.st = stCommaOrEnd
	return false
}

// endField measures the field of the top object that ends at off.
func (sc *jsonScan) endField(off int64) {
	if size := off - sc.valStart; size > sc.bigSize {
		sc.bigSize = size
		sc.bigKey = append(sc.bigKey[:0], sc.curKey...)
	}
}

// endLit checks the literal that ended before the byte at i.
func (sc *jsonScan) endLit(s *jsonStream, i int) error {
	sc.lit = false
	if !validLiteral(sc.word) {
		return &jsonSyntaxError{off: s.off + int64(i), msg: fmt.Sprintf("invalid literal %q", shorten(string(sc.word), 20))}
	}
	return nil
}

// maxDepth is the deepest a value may nest, as encoding/json's 10,000
// bounds it: the records of the sources nest two or three levels.
const maxDepth = 1000

// maxWord is how much of a literal the scan keeps to check it.
const maxWord = 64

// feed scans b, the next bytes of the stream. It returns how many it
// consumed and done when the value ended (a literal ends before the byte
// that ends it, which is left).
func (sc *jsonScan) feed(s *jsonStream, b []byte) (n int, done bool, err error) {
	bad := func(i int, format string, a ...any) (int, bool, error) {
		return i, false, &jsonSyntaxError{off: s.off + int64(i), msg: fmt.Sprintf(format, a...)}
	}
	for i := 0; i < len(b); i++ {
		if sc.str && !sc.esc && sc.hex == 0 && !sc.key {
			// The body of a value's string: most of a file, skipped fast.
			for i < len(b) && b[i] != '"' && b[i] != '\\' && b[i] >= 0x20 {
				i++
			}
			if i == len(b) {
				break
			}
		}
		c := b[i]
		if sc.str {
			switch {
			case sc.hex > 0:
				if !isHex(c) {
					return bad(i, "invalid \\u escape in a string")
				}
				sc.hex--
			case sc.esc:
				sc.esc = false
				switch c {
				case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				case 'u':
					sc.hex = 4
				default:
					return bad(i, "invalid escape \\%c in a string", c)
				}
			case c == '\\':
				sc.esc = true
			case c == '"':
				sc.str = false
				if sc.key {
					sc.key = false
					sc.st = stColon
					continue
				}
				if sc.endValue() {
					return i + 1, true, nil
				}
			case c < 0x20:
				return bad(i, "control character in a string")
			default:
				if sc.key && sc.top() && len(sc.curKey) < maxWord {
					sc.curKey = append(sc.curKey, c)
				}
			}
			continue
		}
		if sc.lit {
			if isWordByte(c) {
				if len(sc.word) < maxWord {
					sc.word = append(sc.word, c)
				}
				continue
			}
			if err := sc.endLit(s, i); err != nil {
				return i, false, err
			}
			if sc.endValue() {
				return i, true, nil
			}
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		switch sc.st {
		case stValue, stValueOrEnd:
			switch {
			case c == ']' && sc.st == stValueOrEnd:
				sc.stack = sc.stack[:len(sc.stack)-1]
				if sc.endValue() {
					return i + 1, true, nil
				}
			case c == '"':
				sc.str = true
			case (c == '{' || c == '[') && len(sc.stack) == maxDepth:
				return bad(i, "nested deeper than %d levels", maxDepth)
			case c == '{':
				sc.stack = append(sc.stack, c)
				sc.st = stKeyOrEnd
			case c == '[':
				sc.stack = append(sc.stack, c)
				sc.st = stValueOrEnd
			case c == '-' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z'):
				sc.lit = true
				sc.word = append(sc.word[:0], c)
			default:
				return bad(i, "unexpected %q where a value belongs", c)
			}
		case stKeyOrEnd, stKey:
			switch {
			case c == '}' && sc.st == stKeyOrEnd:
				sc.stack = sc.stack[:len(sc.stack)-1]
				if sc.endValue() {
					return i + 1, true, nil
				}
			case c == '"':
				sc.str, sc.key = true, true
				if sc.top() {
					sc.curKey = sc.curKey[:0]
				}
			default:
				return bad(i, "unexpected %q where a key belongs", c)
			}
		case stColon:
			if c != ':' {
				return bad(i, "unexpected %q after a key, want ':'", c)
			}
			sc.st = stValue
			if sc.top() {
				sc.valStart = s.off + int64(i) + 1
			}
		case stCommaOrEnd:
			open := sc.stack[len(sc.stack)-1]
			switch {
			case c == ',':
				if sc.top() {
					sc.endField(s.off + int64(i))
				}
				sc.st = stValue
				if open == '{' {
					sc.st = stKey
				}
			case (c == '}' && open == '{') || (c == ']' && open == '['):
				if sc.top() {
					sc.endField(s.off + int64(i))
				}
				sc.stack = sc.stack[:len(sc.stack)-1]
				if sc.endValue() {
					return i + 1, true, nil
				}
			default:
				return bad(i, "unexpected %q after a value, want ',' or '%c'", c, closer(open))
			}
		}
	}
	return len(b), false, nil
}

// closer returns the bracket that closes open.
func closer(open byte) byte {
	if open == '{' {
		return '}'
	}
	return ']'
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

// isWordByte reports whether c may continue a number or a literal.
func isWordByte(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || c == '.' || c == '+' || c == '-'
}

// validLiteral reports whether w (at most maxWord bytes of it) is true,
// false, null or a JSON number.
func validLiteral(w []byte) bool {
	switch string(w) {
	case "true", "false", "null":
		return true
	}
	i := 0
	digits := func() int {
		j := i
		for i < len(w) && '0' <= w[i] && w[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(w) && w[i] == '-' {
		i++
	}
	if i < len(w) && w[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(w) && w[i] == '.' {
		i++
		if digits() == 0 {
			return len(w) == maxWord
		}
	}
	if i < len(w) && (w[i] == 'e' || w[i] == 'E') {
		i++
		if i < len(w) && (w[i] == '+' || w[i] == '-') {
			i++
		}
		if digits() == 0 {
			return len(w) == maxWord && i == len(w)
		}
	}
	return i == len(w)
}

// errKeyTooLong is the error of an object key over maxKey bytes.
var errKeyTooLong = errors.New("an object key over 1 KB")

// maxKey is the longest key walkObject reads.
const maxKey = 1 << 10
