package imports

import (
	"bufio"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/transform"
)

// The encodings an import reads. Korean public files come in UTF-8 or in
// EUC-KR: Excel's plain "CSV" and many 고용24 XML files are EUC-KR, which
// Windows extends as CP949 (x/text's korean.EUCKR decodes that extension).
const (
	encUTF8  = "UTF-8"
	encEUCKR = "EUC-KR"
)

// sniffWindow is how many bytes from the first non-ASCII byte decide a
// file's encoding.
const sniffWindow = 4 << 10

// textReader turns an input in UTF-8 or EUC-KR (CP949) into UTF-8. ASCII
// is the same in both, so the encoding is decided at the first byte that is
// not ASCII, from the window that follows it: UTF-8 when the window is
// valid UTF-8, EUC-KR when it is valid EUC-KR, else UTF-8. Bytes that are
// not text in the chosen encoding come out as U+FFFD, which the importers
// refuse (checkField): nothing unreadable reaches the catalog.
type textReader struct {
	r    *bufio.Reader
	enc  string    // "" until decided
	kr   io.Reader // the EUC-KR decoder, once chosen
	pend []byte    // output that did not fit the last Read
}

// newTextReader reads r, in enc when it is set (an XML declaration), else
// in the encoding the content shows.
func newTextReader(r *bufio.Reader, enc string) *textReader {
	t := &textReader{r: r}
	if enc != "" {
		t.choose(enc)
	}
	return t
}

// encoding returns the encoding chosen: UTF-8 until a byte showed otherwise.
func (t *textReader) encoding() string {
	if t.enc == "" {
		return encUTF8
	}
	return t.enc
}

// choose settles the encoding.
func (t *textReader) choose(enc string) {
	t.enc = enc
	if enc == encEUCKR {
		t.kr = transform.NewReader(t.r, korean.EUCKR.NewDecoder())
	}
}

// replacement is U+FFFD in UTF-8.
var replacement = []byte(string(utf8.RuneError))

// Read implements io.Reader.
func (t *textReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if len(t.pend) > 0 {
		n := copy(p, t.pend)
		t.pend = t.pend[n:]
		return n, nil
	}
	if t.kr != nil {
		return t.kr.Read(p)
	}
	_, err := t.r.Peek(utf8.UTFMax)
	b, _ := t.r.Peek(t.r.Buffered())
	if len(b) == 0 {
		return 0, err
	}
	eof := err != nil
	n, i := 0, 0
	for i < len(b) && n < len(p) {
		c := b[i]
		if c < utf8.RuneSelf {
			p[n] = c
			n++
			i++
			continue
		}
		if len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:]) && !eof {
			break // the rest of the character is yet to be read
		}
		if t.enc == "" {
			if i > 0 {
				break // decide with the window starting here, next Read
			}
			t.choose(sniff(t.r))
			if t.kr != nil {
				return t.kr.Read(p)
			}
			return t.Read(p)
		}
		r, size := utf8.DecodeRune(b[i:])
		out := b[i : i+size]
		if r == utf8.RuneError && size == 1 {
			out = replacement
		}
		if n+len(out) > len(p) {
			if n == 0 {
				t.pend = append(t.pend[:0], out[copy(p, out):]...)
				n, i = len(p), i+size
			}
			break
		}
		n += copy(p[n:], out)
		i += size
	}
	t.r.Discard(i)
	return n, nil
}

// sniff decides the encoding from the window at r's position, whose first
// byte is not ASCII.
func sniff(r *bufio.Reader) string {
	w, err := r.Peek(min(sniffWindow, r.Size()))
	eof := err != nil
	if utf8.Valid(w[:validPrefix(w)]) {
		return encUTF8
	}
	if validEUCKR(w, eof) {
		return encEUCKR
	}
	return encUTF8
}

// validEUCKR reports whether b is EUC-KR (CP949) text; a character cut at
// the end of b counts as valid unless eof says b is the end of the input.
func validEUCKR(b []byte, eof bool) bool {
	dec := korean.EUCKR.NewDecoder()
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		if i+1 >= len(b) {
			return !eof
		}
		s, err := dec.String(string(b[i : i+2]))
		if err != nil || strings.ContainsRune(s, utf8.RuneError) {
			return false
		}
		i += 2
	}
	return true
}

// xmlEncodingRE finds the encoding of an XML declaration.
var xmlEncodingRE = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// xmlEncoding returns the encoding head's XML declaration names, mapped to
// encUTF8 or encEUCKR; name is the declared name ("" when none is); ok is
// false for an encoding dasi does not read.
func xmlEncoding(head []byte) (enc, name string, ok bool) {
	m := xmlEncodingRE.FindSubmatch(head)
	if m == nil {
		return "", "", true
	}
	name = string(m[1])
	enc = charsetOf(name)
	return enc, name, enc != ""
}

// charsetOf maps the name of a character set to encUTF8 or encEUCKR, or
// "" for one dasi does not read.
func charsetOf(name string) string {
	switch strings.ToLower(strings.ReplaceAll(name, "_", "-")) {
	case "utf-8", "utf8":
		return encUTF8
	case "euc-kr", "euckr", "cp949", "ms949", "uhc", "windows-949", "x-windows-949", "ks-c-5601-1987", "ks-c-5601", "ksc5601", "korean":
		return encEUCKR
	}
	return ""
}

// xmlCharsetReader is the xml.Decoder's CharsetReader: the textReader
// under the decoder has already turned a declared EUC-KR into UTF-8, so a
// Korean declaration reads the bytes as they are.
func xmlCharsetReader(label string, r io.Reader) (io.Reader, error) {
	if charsetOf(label) == "" {
		return nil, &unknownCharsetError{label}
	}
	return r, nil
}

// unknownCharsetError is an XML declaration's encoding that dasi does not read.
type unknownCharsetError struct{ name string }

// Error names the encoding and the ones dasi reads.
func (e *unknownCharsetError) Error() string {
	return "the XML declares encoding \"" + e.name + "\": dasi reads UTF-8 and EUC-KR (CP949); save the file as UTF-8"
}
