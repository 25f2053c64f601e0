package telegram

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// TestWireUpdatesParseAsTheLibrarys: an update decoded in part
// (updates_wire.go) is handled exactly as the library's whole Update is.
func TestWireUpdatesParseAsTheLibrarys(t *testing.T) {
	user := `"from":{"id":42,"is_bot":false,"first_name":"주민","language_code":"ko"}`
	private := `"chat":{"id":42,"first_name":"주민","type":"private"}`
	group := `"chat":{"id":-100,"title":"모임","type":"group"}`
	bot := `"from":{"id":777,"is_bot":true,"first_name":"다시"}`
	for name, raw := range map[string]string{
		"text":      `{"update_id":1,"message":{"message_id":5,` + user + `,` + private + `,"date":1,"text":"57세예요"}}`,
		"command":   `{"update_id":2,"message":{"message_id":5,` + user + `,` + private + `,"date":1,"text":"/start c50_west","entities":[{"offset":0,"length":6,"type":"bot_command"}]}}`,
		"location":  `{"update_id":3,"message":{"message_id":5,` + user + `,` + private + `,"date":1,"location":{"latitude":37.5,"longitude":126.9}}}`,
		"sticker":   `{"update_id":4,"message":{"message_id":5,` + user + `,` + private + `,"date":1,"sticker":{"file_id":"x","file_unique_id":"y","width":1,"height":1,"is_animated":false}}}`,
		"group":     `{"update_id":5,"message":{"message_id":5,` + user + `,` + group + `,"date":1,"text":"안녕"}}`,
		"no sender": `{"update_id":6,"message":{"message_id":5,` + private + `,"date":1,"text":"x"}}`,
		"press": `{"update_id":7,"callback_query":{"id":"q1",` + user + `,"message":{"message_id":9,` + bot + `,` + private +
			`,"date":1,"text":"나이가 어떻게 되세요?","reply_markup":{"inline_keyboard":[[{"text":"55~59세","callback_data":"age:55"}]]}},"chat_instance":"ci","data":"age:55"}}`,
		"inline press": `{"update_id":8,"callback_query":{"id":"q2",` + user + `,"inline_message_id":"im","chat_instance":"ci","data":"x"}}`,
		"group press":  `{"update_id":9,"callback_query":{"id":"q3",` + user + `,"message":{"message_id":9,` + group + `,"date":1},"chat_instance":"ci","data":"x"}}`,
		"blocked": `{"update_id":10,"my_chat_member":{` + private + `,` + user + `,"date":1,"old_chat_member":{"user":{"id":777,"is_bot":true,"first_name":"다시"},"status":"member"},` +
			`"new_chat_member":{"user":{"id":777,"is_bot":true,"first_name":"다시"},"status":"kicked","until_date":0}}}`,
		"edited":  `{"update_id":11,"edited_message":{"message_id":5,` + user + `,` + private + `,"date":1,"edit_date":2,"text":"x"}}`,
		"unknown": `{"update_id":12,"message_reaction":{"chat":{"id":42,"type":"private"}}}`,
	} {
		t.Run(name, func(t *testing.T) {
			var whole tgbotapi.Update
			if err := json.Unmarshal([]byte(raw), &whole); err != nil {
				t.Fatal(err)
			}
			var part wireUpdate
			if err := json.Unmarshal([]byte(raw), &part); err != nil {
				t.Fatal(err)
			}
			lean := part.update()
			at := time.Unix(1780000000, 0)
			if got, want := parse(&lean, at), parse(&whole, at); !reflect.DeepEqual(got, want) {
				t.Errorf("parsed from the part decoded: %+v\nfrom the whole update: %+v", got, want)
			}
		})
	}
}

// TestWireUpdatesParseAsTheLibrarysOnTheFuzzCorpus runs the comparison
// over the webhook fuzzer's corpus: every body both decode is handled
// alike (a panic included, which the dispatcher recovers).
func TestWireUpdatesParseAsTheLibrarysOnTheFuzzCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/fuzz/FuzzWebhookUpdate/*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	compared := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			q, ok := strings.CutPrefix(line, "[]byte(")
			if !ok {
				continue
			}
			raw, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
			if err != nil {
				continue
			}
			var whole tgbotapi.Update
			var part wireUpdate
			if json.Unmarshal([]byte(raw), &whole) != nil || json.Unmarshal([]byte(raw), &part) != nil {
				continue
			}
			lean := part.update()
			at := time.Unix(1780000000, 0)
			got, gotPanic := parseRecovered(&lean, at)
			want, wantPanic := parseRecovered(&whole, at)
			if gotPanic != wantPanic || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: parsed from the part decoded: %+v (panic %v)\nfrom the whole update: %+v (panic %v)", f, got, gotPanic, want, wantPanic)
			}
			compared++
		}
	}
	if compared == 0 {
		t.Fatal("no body of the corpus decoded")
	}
}

func parseRecovered(u *tgbotapi.Update, at time.Time) (in *incoming, panicked bool) {
	defer func() {
		if recover() != nil {
			in, panicked = nil, true
		}
	}()
	return parse(u, at), false
}
