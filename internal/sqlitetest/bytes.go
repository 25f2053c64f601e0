package sqlitetest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"testing"
)

// FileMentions reads the SQLite file at path and its write-ahead log
// (path-wal) as bytes, below any SQL: free pages, deleted cells and old
// page images included, and describes every place that holds id, a
// resident's stored form ("telegram:1234567890"), its key's digits
// ("1234567890"), or that key as an integer in the encodings SQLite or a
// program would write it: big-endian in 4, 6 and 8 bytes (SQLite's record
// formats for integers), and as SQLite's and Go's varints. Pick a key of 10
// or more digits, which no page of a small database holds by chance. It
// fails the test when a file cannot be read (a missing WAL is no WAL).
func FileMentions(tb testing.TB, path, id, key string) []string {
	tb.Helper()
	needles := map[string][]byte{"text " + strconv.Quote(id): []byte(id), "digits " + key: []byte(key)}
	if n, err := strconv.ParseInt(key, 10, 64); err == nil {
		var be [8]byte
		binary.BigEndian.PutUint64(be[:], uint64(n))
		if n < 1<<31 {
			needles["big-endian int32"] = be[4:]
		}
		needles["big-endian int48"] = be[2:]
		needles["big-endian int64"] = be[:]
		needles["SQLite varint"] = sqliteVarint(uint64(n))
		needles["Go varint"] = binary.AppendVarint(nil, n)
		needles["Go uvarint"] = binary.AppendUvarint(nil, uint64(n))
	}
	var found []string
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) && f != path {
			continue
		}
		if err != nil {
			tb.Fatalf("read %s: %v", f, err)
		}
		for what, n := range needles {
			for off := 0; ; {
				i := bytes.Index(b[off:], n)
				if i < 0 {
					break
				}
				found = append(found, fmt.Sprintf("%s: %s at byte %d (page %d)", f, what, off+i, (off+i)/4096+1))
				off += i + 1
			}
		}
	}
	return found
}

// sqliteVarint encodes v as SQLite does in record headers and b-tree cells:
// big-endian groups of 7 bits with the high bit set on all but the last,
// the ninth byte holding 8 bits.
func sqliteVarint(v uint64) []byte {
	if v > 0x00ffffffffffffff {
		out := make([]byte, 9)
		out[8] = byte(v)
		v >>= 8
		for i := 7; i >= 0; i-- {
			out[i] = byte(v&0x7f) | 0x80
			v >>= 7
		}
		return out
	}
	var rev []byte
	for {
		rev = append(rev, byte(v&0x7f))
		v >>= 7
		if v == 0 {
			break
		}
	}
	out := make([]byte, len(rev))
	for i := range rev {
		out[i] = rev[len(rev)-1-i]
		if i < len(rev)-1 {
			out[i] |= 0x80
		}
	}
	return out
}
