package faketg

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// htmlTags are the tags Telegram's parse_mode HTML accepts.
var htmlTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true, "strike": true,
	"del": true, "span": true, "tg-spoiler": true, "a": true, "code": true, "pre": true, "blockquote": true,
	"tg-emoji": true,
}

// parseHTML returns the text a reader sees, or the error Telegram gives for
// a text that is not valid for parse_mode HTML: every <, > and & that is not
// part of a tag or an entity must be escaped.
func parseHTML(s string) (string, error) {
	var out strings.Builder
	var open []string
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '<':
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				return "", fmt.Errorf("unclosed start tag at byte offset %d", i)
			}
			tag := s[i+1 : i+j]
			if strings.HasPrefix(tag, "/") {
				name := strings.TrimSpace(tag[1:])
				if len(open) == 0 || open[len(open)-1] != name {
					return "", fmt.Errorf("unexpected end tag at byte offset %d", i)
				}
				open = open[:len(open)-1]
			} else {
				name, _, _ := strings.Cut(tag, " ")
				if !htmlTags[name] {
					return "", fmt.Errorf("unsupported start tag %q at byte offset %d", name, i)
				}
				open = append(open, name)
			}
			i += j + 1
		case '>':
			return "", fmt.Errorf("character '>' is reserved and must be escaped, at byte offset %d", i)
		case '&':
			r, n := entity(s[i:])
			if n == 0 {
				out.WriteByte('&')
				i++
				continue
			}
			out.WriteString(r)
			i += n
		default:
			out.WriteByte(c)
			i++
		}
	}
	if len(open) > 0 {
		return "", errors.New("can't find end tag corresponding to start tag " + open[len(open)-1])
	}
	return out.String(), nil
}

// entity decodes the HTML entity at the start of s, returning its text and
// length, or 0 when s does not start with one Telegram knows.
func entity(s string) (string, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 10 {
		return "", 0
	}
	name := s[1:end]
	switch name {
	case "lt":
		return "<", end + 1
	case "gt":
		return ">", end + 1
	case "amp":
		return "&", end + 1
	case "quot":
		return `"`, end + 1
	}
	if strings.HasPrefix(name, "#") {
		base, digits := 10, name[1:]
		if strings.HasPrefix(digits, "x") || strings.HasPrefix(digits, "X") {
			base, digits = 16, digits[1:]
		}
		if n, err := strconv.ParseInt(digits, base, 32); err == nil {
			return string(rune(n)), end + 1
		}
	}
	return "", 0
}
