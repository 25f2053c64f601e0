package telegram

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// libraryBody returns the body the Telegram library sends for ch.
func libraryBody(t *testing.T, ch tgbotapi.Chattable) url.Values {
	t.Helper()
	var body []byte
	api := &tgbotapi.BotAPI{Token: "1:T", Client: doerFunc(func(r *http.Request) (*http.Response, error) {
		body, _ = io.ReadAll(r.Body)
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"ok":true,"result":true}`))}, nil
	})}
	api.SetAPIEndpoint(tgbotapi.APIEndpoint)
	if _, err := api.Request(ch); err != nil {
		t.Fatalf("the library's request: %v", err)
	}
	v, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatalf("the library's body %q: %v", body, err)
	}
	return v
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// TestWireBodiesAreTheLibrarys holds the hot methods' bodies to what the
// library sends for the same configs: the same parameters with the same
// values, reply_markup byte for byte, whatever the text holds; only the
// library's entities=null and allowed_updates=null (a nil slice, which
// the Bot API reads as absent) are left out.
func TestWireBodiesAreTheLibrarys(t *testing.T) {
	text := "알려 주신 것: 55~59세 <b>&</b> \"따옴표\" \\ 줄\n바꿈\t탭 😀 \u2028 \x01 é"
	kb := tgbotapi.NewInlineKeyboardMarkup(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("동의해요", "consent:yes"), tgbotapi.NewInlineKeyboardButtonData("<&>", "a b&c=d")),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL("안내 페이지", "https://example.org/a?b=c&d=e")),
	)
	msg := func(mk any) tgbotapi.MessageConfig {
		m := tgbotapi.NewMessage(123456789, text)
		m.ParseMode, m.DisableWebPagePreview, m.ReplyMarkup = tgbotapi.ModeHTML, true, mk
		return m
	}
	quiet := tgbotapi.NewMessage(-42, "")
	quiet.DisableNotification = true
	edit := tgbotapi.NewEditMessageText(123, 77, text)
	edit.ParseMode, edit.DisableWebPagePreview, edit.ReplyMarkup = tgbotapi.ModeHTML, true, &kb
	bare := tgbotapi.NewEditMessageText(123, 77, "")
	cases := map[string]tgbotapi.Chattable{
		"message with buttons":           msg(kb),
		"message with a pointer":         msg(&kb),
		"message with a nil pointer":     msg((*tgbotapi.InlineKeyboardMarkup)(nil)),
		"message closing a keyboard":     msg(tgbotapi.NewRemoveKeyboard(false)),
		"message with a location button": msg(locationKeyboard()),
		"message without markup":         msg(nil),
		"empty rows":                     msg(tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{{}}}),
		"quiet empty message":            quiet,
		"edit with buttons":              edit,
		"edit without buttons":           bare,
		"answered press":                 tgbotapi.NewCallback("4382bfdwdsb323b2d9", ""),
		"answered press with text":       tgbotapi.NewCallback("q1", text),
		"venue":                          tgbotapi.NewVenue(5, "서울시50플러스 중부캠퍼스", "마포구 백범로31길 21 (공덕동)", 37.546677, 126.949727),
		"location":                       tgbotapi.NewLocation(5, -37.5, 0),
		"poll":                           tgbotapi.UpdateConfig{Offset: 100001, Limit: 100, Timeout: 50, AllowedUpdates: allowedUpdates},
		"first poll":                     tgbotapi.UpdateConfig{Limit: 1},
	}
	for name, ch := range cases {
		t.Run(name, func(t *testing.T) {
			body, ok := encodeRequest(nil, ch)
			if !ok {
				t.Fatal("left to the library")
			}
			got := jsonAsForm(t, body)
			want := libraryBody(t, ch)
			for _, k := range []string{"entities", "allowed_updates"} {
				if want.Get(k) == "null" {
					delete(want, k)
				}
			}
			for k, w := range want {
				if g := got[k]; len(g) != 1 || g[0] != w[0] {
					t.Errorf("%s = %q, want the library's %q", k, g, w)
				}
			}
			for k := range got {
				if _, ok := want[k]; !ok {
					t.Errorf("%s = %q, which the library does not send", k, got[k])
				}
			}
		})
	}
}

// TestWireLeavesTheRestToTheLibrary: configs with parameters wire.go does
// not write go the library's way.
func TestWireLeavesTheRestToTheLibrary(t *testing.T) {
	reply := tgbotapi.NewMessage(1, "x")
	reply.ReplyToMessageID = 3
	login := tgbotapi.NewMessage(1, "x")
	login.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.InlineKeyboardButton{Text: "x", LoginURL: &tgbotapi.LoginURL{URL: "https://a"}}))
	alert := tgbotapi.NewCallbackWithAlert("q", "x")
	for name, ch := range map[string]tgbotapi.Chattable{
		"a reply": reply, "a login button": login, "an alert": alert,
		"commands": tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "start", Description: "시작"}),
	} {
		if _, ok := encodeRequest(nil, ch); ok {
			t.Errorf("%s: written by wire.go; want it left to the library", name)
		}
	}
}

// jsonAsForm reads a JSON body as the form the library would send:
// strings as their text, anything else as its JSON.
func jsonAsForm(t *testing.T, body []byte) url.Values {
	t.Helper()
	var members map[string]json.RawMessage
	if err := json.Unmarshal(body, &members); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	v := url.Values{}
	for k, raw := range members {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			v.Set(k, s)
		} else {
			v.Set(k, string(raw))
		}
	}
	return v
}

// TestWireEscapesAsTheStandardLibrary compares the JSON strings with
// encoding/json's on random strings.
func TestWireEscapesAsTheStandardLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 14))
	alphabet := []string{"a", "Z", "0", " ", "-", "_", ".", "~", "+", "%", "&", "=", "<", ">", "\"", "\\", "\n", "\x00", "\x1f", "\x7f", "\xff", "\xe2\x80", "가", "😀", "\u2028", "\u2029", "é"}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(20) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("JSON of %q = %s, want %s", s, got, want)
		}
	}
}
