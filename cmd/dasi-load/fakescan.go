package main

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// scanRequest reads the members of a JSON request that the fake needs
// (request's fields) from its top-level object, taking the others' extent
// without decoding them. It is the fake's, not Telegram's, cost: here it
// runs on the cores the bots are measured on, and encoding/json's decoder,
// which visits every byte of a message's text and keyboard through its
// state machine, made a JSON request cost the fake about twice a form one.
// ok is false for anything it does not follow (escaped keys, a value that
// is not the type the fake reads, a body cut short); readRequest then
// decodes the body with encoding/json, which names what is wrong.
func scanRequest(b []byte) (q request, ok bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return q, false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return q, true
	}
	for i < len(b) {
		if b[i] != '"' {
			return q, false
		}
		end := bytes.IndexByte(b[i+1:], '"')
		if end < 0 {
			return q, false
		}
		key := b[i+1 : i+1+end]
		if bytes.IndexByte(key, '\\') >= 0 {
			return q, false
		}
		i = skipSpace(b, i+end+2)
		if i >= len(b) || b[i] != ':' {
			return q, false
		}
		i = skipSpace(b, i+1)
		j := skipValue(b, i)
		if j < 0 {
			return q, false
		}
		if !q.set(string(key), b[i:j]) {
			return q, false
		}
		i = skipSpace(b, j)
		switch {
		case i >= len(b):
			return q, false
		case b[i] == '}':
			return q, skipSpace(b, i+1) == len(b)
		case b[i] != ',':
			return q, false
		}
		i = skipSpace(b, i+1)
	}
	return q, false
}

// set keeps one member's value v, as it came, in the field of request its
// key names; other keys are left. It reports false for a value of a type
// the field cannot hold.
func (q *request) set(key string, v []byte) bool {
	var err error
	switch key {
	case "chat_id":
		q.ChatID, err = strconv.ParseInt(string(v), 10, 64)
	case "message_id":
		q.MessageID, err = strconv.Atoi(string(v))
	case "offset":
		q.Offset, err = strconv.Atoi(string(v))
	case "timeout":
		q.Timeout, err = strconv.Atoi(string(v))
	case "latitude":
		q.Latitude, err = strconv.ParseFloat(string(v), 64)
	case "longitude":
		q.Longitude, err = strconv.ParseFloat(string(v), 64)
	case "text":
		if v[0] != '"' {
			return false
		}
		q.Text = bytes.Clone(v)
	case "reply_markup":
		q.ReplyMarkup = bytes.Clone(v)
	case "title":
		err = json.Unmarshal(v, &q.Title)
	}
	return err == nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value starting at b[i], or -1 when
// b ends first. It finds the end, and does not check what lies inside.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				if i = skipString(b, i); i < 0 {
					return -1
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return -1
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\n' && b[j] != '\r' && b[j] != '\t' {
		j++
	}
	if j == i || j == len(b) {
		return -1
	}
	return j
}

// skipString returns the end of the JSON string whose opening quote is
// b[i], or -1 when b ends first.
func skipString(b []byte, i int) int {
	for j := i + 1; j < len(b); {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return -1
		}
		q := j + k
		n := 0 // the backslashes before the quote: an odd count escapes it
		for p := q - 1; p > i && b[p] == '\\'; p-- {
			n++
		}
		if n%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
	return -1
}
