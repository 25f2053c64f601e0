// Package kakaotest is a fake Kakao i Open Builder for the tests of the
// KakaoTalk channel: a client that posts real-shaped SkillPayloads to a
// skill, as Open Builder does for every utterance and tapped quick reply,
// checks every answer against the protocol's limits, and writes answers as
// text for golden transcripts.
package kakaotest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/bot/kakao"
)

// Client posts to one skill URL. With Secret set it sends the
// X-Dasi-Skill-Secret header; with InPath, the secret as the path's last
// segment instead.
type Client struct {
	URL    string // the skill's URL, such as http://127.0.0.1:8080/kakao/skill
	Secret string
	InPath bool
	HTTP   *http.Client // nil: http.DefaultClient
}

// Payload is a SkillPayload as Open Builder sends it, for a resident whose
// botUserKey is user: the utterance, and the tapped quick reply's extra
// (nil for typed text).
func Payload(user, utterance string, extra map[string]string) map[string]any {
	trigger := "TEXT_INPUT"
	clientExtra := map[string]any{}
	for k, v := range extra {
		clientExtra[k] = v
	}
	if extra != nil {
		trigger = "QUICKREPLY_BUTTON_MESSAGE"
	}
	block := map[string]any{"id": "5f0000000000000000000001", "name": "폴백 블록"}
	return map[string]any{
		"intent": block,
		"userRequest": map[string]any{
			"timezone":  "Asia/Seoul",
			"block":     block,
			"utterance": utterance,
			"lang":      "ko",
			"params":    map[string]any{"surface": "Kakaotalk.plusfriend"},
			"user": map[string]any{
				"id":   user,
				"type": "botUserKey",
				"properties": map[string]any{
					"plusfriendUserKey": "pf-" + user,
					"isFriend":          true,
				},
			},
		},
		"bot": map[string]any{"id": "5f00000000000000000000aa", "name": "다시"},
		"action": map[string]any{
			"id":           "5f00000000000000000000bb",
			"name":         "dasi_skill",
			"params":       map[string]any{},
			"detailParams": map[string]any{},
			"clientExtra":  clientExtra,
		},
		"contexts": []any{},
		"flow": map[string]any{
			"trigger":   map[string]any{"type": trigger, "referrerBlock": block},
			"lastBlock": block,
		},
	}
}

// Say posts what user typed and returns the answer.
func (c *Client) Say(ctx context.Context, user, utterance string) (kakao.Response, error) {
	return c.Send(ctx, Payload(user, utterance, nil))
}

// Tap posts user's tap of quick reply q (its messageText and extra).
func (c *Client) Tap(ctx context.Context, user string, q kakao.QuickReply) (kakao.Response, error) {
	return c.Send(ctx, Payload(user, q.MessageText, q.Extra))
}

// Send posts a payload (any JSON value, or raw bytes as []byte) and
// returns the decoded answer. It returns an error for an answer that is
// not HTTP 200 with a SkillResponse, or one that breaks a limit (Check).
func (c *Client) Send(ctx context.Context, payload any) (kakao.Response, error) {
	status, body, err := c.Post(ctx, payload)
	if err != nil {
		return kakao.Response{}, err
	}
	if status != http.StatusOK {
		return kakao.Response{}, fmt.Errorf("HTTP %d: %s", status, body)
	}
	var resp kakao.Response
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&resp); err != nil {
		return kakao.Response{}, fmt.Errorf("not a SkillResponse: %w: %s", err, body)
	}
	if bad := Check(resp); len(bad) > 0 {
		return resp, fmt.Errorf("the answer breaks the protocol's limits: %s\n%s", strings.Join(bad, "; "), body)
	}
	return resp, nil
}

// Post posts a payload and returns the HTTP status and body.
func (c *Client) Post(ctx context.Context, payload any) (int, []byte, error) {
	var b []byte
	switch p := payload.(type) {
	case []byte:
		b = p
	default:
		var err error
		if b, err = json.Marshal(payload); err != nil {
			return 0, nil, err
		}
	}
	u := c.URL
	if c.InPath {
		u += "/" + c.Secret
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(b))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	if c.Secret != "" && !c.InPath {
		req.Header.Set(kakao.SecretHeader, c.Secret)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	res, err := hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res.StatusCode, body, err
}

// Check returns every way resp breaks the SkillResponse 2.0 limits (the
// protocol's, and dasi's own bounds of kakao's constants): none for a
// valid answer.
func Check(resp kakao.Response) []string {
	var bad []string
	add := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	n := utf8.RuneCountInString
	if resp.Version != "2.0" {
		add("version %q", resp.Version)
	}
	outs := resp.Template.Outputs
	if len(outs) < 1 || len(outs) > kakao.MaxOutputs {
		add("%d outputs", len(outs))
	}
	buttons := func(where string, bs []kakao.Button) {
		if len(bs) > kakao.MaxCardButtons {
			add("%s: %d buttons", where, len(bs))
		}
		for _, b := range bs {
			if b.Label == "" || n(b.Label) > kakao.MaxLabel {
				add("%s: button label %q", where, b.Label)
			}
			switch b.Action {
			case "webLink":
				if !strings.HasPrefix(b.WebLinkURL, "https://") && !strings.HasPrefix(b.WebLinkURL, "http://") {
					add("%s: webLink %q", where, b.WebLinkURL)
				}
			case "phone":
				if b.PhoneNumber == "" {
					add("%s: phone button without a number", where)
				}
			case "message":
				if b.MessageText == "" {
					add("%s: message button without messageText", where)
				}
			default:
				add("%s: button action %q", where, b.Action)
			}
		}
	}
	for i, o := range outs {
		where := fmt.Sprintf("output %d", i+1)
		set := 0
		if o.SimpleText != nil {
			set++
			t := o.SimpleText.Text
			if strings.TrimSpace(t) == "" || n(t) > kakao.MaxSimpleText {
				add("%s: simpleText of %d characters", where, n(t))
			}
		}
		if c := o.TextCard; c != nil {
			set++
			if c.Title == "" && c.Description == "" {
				add("%s: empty textCard", where)
			}
			if n(c.Title) > kakao.MaxCardTitle || n(c.Title)+n(c.Description) > kakao.MaxTextCard {
				add("%s: textCard of %d+%d characters", where, n(c.Title), n(c.Description))
			}
			buttons(where, c.Buttons)
		}
		if c := o.ListCard; c != nil {
			set++
			if c.Header.Title == "" || n(c.Header.Title) > kakao.MaxListTitle {
				add("%s: listCard header %q", where, c.Header.Title)
			}
			if len(c.Items) < 1 || len(c.Items) > kakao.MaxListItems {
				add("%s: listCard of %d items", where, len(c.Items))
			}
			for _, it := range c.Items {
				if it.Title == "" || n(it.Title) > kakao.MaxListTitle || n(it.Description) > kakao.MaxListDescription {
					add("%s: list item %q (%d characters of description)", where, it.Title, n(it.Description))
				}
				if it.Link != nil && !strings.HasPrefix(it.Link.Web, "http") {
					add("%s: list item link %q", where, it.Link.Web)
				}
			}
			buttons(where, c.Buttons)
		}
		if set != 1 {
			add("%s: %d components", where, set)
		}
	}
	qs := resp.Template.QuickReplies
	if len(qs) > kakao.MaxQuickReplies {
		add("%d quick replies", len(qs))
	}
	for _, q := range qs {
		if q.Label == "" || n(q.Label) > kakao.MaxLabel || q.Action != "message" || q.MessageText == "" {
			add("quick reply %+v", q)
		}
	}
	return bad
}

// Describe writes an answer as a transcript reads it: each output, then
// the quick replies.
func Describe(resp kakao.Response) string {
	var b strings.Builder
	for _, o := range resp.Template.Outputs {
		switch {
		case o.SimpleText != nil:
			fmt.Fprintf(&b, "[text]\n%s\n", indent(o.SimpleText.Text))
		case o.TextCard != nil:
			c := o.TextCard
			fmt.Fprintf(&b, "[textCard] %s\n", c.Title)
			if c.Description != "" {
				fmt.Fprintf(&b, "%s\n", indent(c.Description))
			}
			describeButtons(&b, c.Buttons)
		case o.ListCard != nil:
			c := o.ListCard
			fmt.Fprintf(&b, "[listCard] %s\n", c.Header.Title)
			for _, it := range c.Items {
				fmt.Fprintf(&b, "  - %s\n", it.Title)
				if it.Description != "" {
					fmt.Fprintf(&b, "%s\n", indent(indent(it.Description)))
				}
				if it.Link != nil {
					fmt.Fprintf(&b, "    <%s>\n", it.Link.Web)
				}
			}
			describeButtons(&b, c.Buttons)
		}
	}
	if len(resp.Template.QuickReplies) > 0 {
		labels := make([]string, len(resp.Template.QuickReplies))
		for i, q := range resp.Template.QuickReplies {
			labels[i] = q.Label
		}
		fmt.Fprintf(&b, "(quick replies) %s\n", strings.Join(labels, " | "))
	}
	return b.String()
}

func describeButtons(b *strings.Builder, bs []kakao.Button) {
	for _, btn := range bs {
		switch btn.Action {
		case "phone":
			fmt.Fprintf(b, "  [%s: ☎ %s]\n", btn.Label, btn.PhoneNumber)
		case "webLink":
			fmt.Fprintf(b, "  [%s: %s]\n", btn.Label, btn.WebLinkURL)
		default:
			fmt.Fprintf(b, "  [%s]\n", btn.Label)
		}
	}
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

// Find returns the quick reply labelled label (a check mark before it
// ignored), and whether there is one.
func Find(resp kakao.Response, label string) (kakao.QuickReply, bool) {
	for _, q := range resp.Template.QuickReplies {
		if q.Label == label || strings.TrimPrefix(q.Label, "✓ ") == label {
			return q, true
		}
	}
	return kakao.QuickReply{}, false
}

// Text is every text of an answer in one string: simpleTexts, card titles
// and descriptions, list headers and items.
func Text(resp kakao.Response) string {
	return Describe(resp)
}
