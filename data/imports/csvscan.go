package imports

import (
	"bufio"
	"encoding/csv"
	"io"
)

// csvSplitter cuts a CSV stream into records, at the line ends outside
// quotes, keeping at most MaxRecord bytes of one: a larger record is read
// to its end and measured, never held. encoding/csv then parses each record
// it keeps (through feed), so the CSV rules stay the library's.
type csvSplitter struct {
	r    *bufio.Reader
	line int    // the line the next record starts on, from 1
	buf  []byte // the record being kept
	feed csvFeed
	cr   *csv.Reader
}

// csvOver describes a record over MaxRecord: its size and its largest
// field (by position) with that field's size.
type csvOver struct {
	size, fieldSize int64
	field           int
}

// newCSVSplitter reads r.
func newCSVSplitter(r io.Reader) *csvSplitter {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	s := &csvSplitter{r: br, line: 1}
	s.cr = csv.NewReader(&s.feed)
	s.cr.FieldsPerRecord = -1
	return s
}

// next returns the bytes of the next record and the line it starts on, or,
// for a record over MaxRecord, nil and its measure. It returns io.EOF at
// the end of the input.
func (s *csvSplitter) next() (rec []byte, line int, over *csvOver, err error) {
	line = s.line
	s.buf = s.buf[:0]
	var (
		size, fieldStart, big int64
		field, bigField       int
		quoted, keep          = false, true
	)
	endField := func(at int64) {
		if n := at - fieldStart; n > big {
			big, bigField = n, field
		}
	}
	for {
		chunk, perr := s.r.Peek(max(1, s.r.Buffered()))
		if len(chunk) == 0 {
			if perr == io.EOF && size > 0 {
				break
			}
			if perr == nil {
				perr = io.ErrNoProgress
			}
			return nil, line, nil, perr
		}
		n, done := 0, false
		for n < len(chunk) && !done {
			c := chunk[n]
			n++
			switch {
			case c == '"':
				quoted = !quoted
			case c == ',' && !quoted:
				endField(size + int64(n) - 1)
				field++
				fieldStart = size + int64(n)
			case c == '\n':
				s.line++
				done = !quoted
			}
		}
		if keep && len(s.buf)+n > MaxRecord {
			keep = false
		} else if keep {
			s.buf = append(s.buf, chunk[:n]...)
		}
		s.r.Discard(n)
		size += int64(n)
		if done {
			break
		}
	}
	if !keep {
		endField(size)
		return nil, line, &csvOver{size: size, field: bigField, fieldSize: big}, nil
	}
	return s.buf, line, nil, nil
}

// parse reads rec, one record of next, with encoding/csv. A blank line
// comes back as io.EOF.
func (s *csvSplitter) parse(rec []byte) ([]string, error) {
	s.feed.b = rec
	return s.cr.Read()
}

// csvFeed is what the csv.Reader reads: one record at a time, then io.EOF.
type csvFeed struct{ b []byte }

// Read implements io.Reader.
func (f *csvFeed) Read(p []byte) (int, error) {
	if len(f.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, f.b)
	f.b = f.b[n:]
	return n, nil
}
