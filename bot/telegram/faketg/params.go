package faketg

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
)

// params reads a request's parameters as the Bot API takes them: a form
// (the library's way: objects such as reply_markup as JSON strings) or a
// JSON object, whose strings count as their text and whose numbers,
// booleans, objects and arrays as their JSON, as a form would carry them.
func params(r *http.Request) (url.Values, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/json" {
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		return r.PostForm, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 10<<20))
	if err != nil {
		return nil, err
	}
	return jsonParams(body)
}

// jsonParams turns a JSON object into parameters.
func jsonParams(body []byte) (url.Values, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(body, &members); err != nil {
		return nil, fmt.Errorf("can't parse JSON object: %w", err)
	}
	p := make(url.Values, len(members))
	for k, raw := range members {
		raw = bytes.TrimSpace(raw)
		if len(raw) > 0 && raw[0] == '"' {
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil, fmt.Errorf("parameter %s: %w", k, err)
			}
			p.Set(k, s)
			continue
		}
		p.Set(k, string(raw))
	}
	return p, nil
}
