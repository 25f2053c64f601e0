package imports

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

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
	if !utf8.Valid(head[:validPrefix(head)]) && !validEUCKR(head, false) {
		return "", fmt.Errorf("%w: the file is neither JSON, XML nor CSV text in UTF-8 or EUC-KR", ErrUnknownFormat)
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
	// Only the root's name matters here: the encoding is checked when the
	// file is read (newXMLInput).
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
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
