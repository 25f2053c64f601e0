package imports

import (
	"bufio"
	"encoding/xml"
	"errors"
)

// errRecordTooLarge is the error of an XML element over MaxRecord bytes.
var errRecordTooLarge = errors.New("larger than 64 KB, the limit of a record")

// xmlInput is what an XML import decodes: the file in UTF-8 (an EUC-KR one
// turned into UTF-8 as its declaration says), read by encoding/xml one
// byte at a time through a budget, so that one row, one envelope element
// or the text between them never takes more than MaxRecord bytes of memory.
// encoding/xml holds a whole element's text before it returns it: the
// budget stops it at the limit instead.
type xmlInput struct {
	r    *bufio.Reader
	left int
	text *textReader
}

// newXMLInput reads the XML document at r's position, in the encoding its
// declaration names (when it names none, UTF-8 or EUC-KR as its bytes
// show). It returns an error for an encoding dasi does not read.
func newXMLInput(r *bufio.Reader) (*xmlInput, error) {
	head, _ := r.Peek(r.Size())
	enc, name, ok := xmlEncoding(head)
	if !ok {
		return nil, &unknownCharsetError{name}
	}
	t := newTextReader(r, enc)
	return &xmlInput{r: bufio.NewReaderSize(t, 64<<10), left: MaxRecord, text: t}, nil
}

// decoder returns an xml.Decoder over x.
func (x *xmlInput) decoder() *xml.Decoder {
	dec := xml.NewDecoder(x)
	dec.CharsetReader = xmlCharsetReader
	return dec
}

// encoding returns the document's encoding, for messages.
func (x *xmlInput) encoding() string { return x.text.encoding() }

// reset gives the next element (or token) a budget of MaxRecord bytes.
func (x *xmlInput) reset() { x.left = MaxRecord }

// ReadByte implements io.ByteReader, which encoding/xml reads through.
func (x *xmlInput) ReadByte() (byte, error) {
	if x.left <= 0 {
		return 0, errRecordTooLarge
	}
	x.left--
	return x.r.ReadByte()
}

// Read implements io.Reader.
func (x *xmlInput) Read(p []byte) (int, error) {
	if x.left <= 0 {
		return 0, errRecordTooLarge
	}
	n, err := x.r.Read(p[:min(len(p), x.left)])
	x.left -= n
	return n, err
}
