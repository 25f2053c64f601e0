package kakao

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// maxData is the longest button data read from clientExtra, in bytes: the
// conversation's buttons carry at most 64.
const maxData = 64

// residentOf is the resident who sent p: "kakao:" + userRequest.user.id.
// It returns an error wrapping data.ErrResidentID when the id is missing
// or not one Open Builder gives.
func residentOf(p *Payload) (data.ResidentID, error) {
	id, err := data.NewResidentID(data.Kakao, p.UserRequest.User.ID)
	if err != nil {
		return "", fmt.Errorf("userRequest.user.id: %w", err)
	}
	return id, nil
}

// inputOf is what the resident did: a tapped quick reply whose extra
// carries button data is a button press; 시작하기 and a typed /command are
// commands; anything else, the empty utterance of the welcome block too,
// is typed text, which the conversation reads (and greets, from someone
// it has never seen).
func inputOf(p *Payload) dialogs.Input {
	if d := pressData(p.Action.ClientExtra); d != "" {
		return dialogs.Input{Kind: dialogs.InputButton, Text: d}
	}
	u := strings.TrimSpace(p.UserRequest.Utterance)
	if u == dialogs.StartWord() {
		return dialogs.Input{Kind: dialogs.InputCommand, Command: "start"}
	}
	if name, args, ok := command(u); ok {
		return dialogs.Input{Kind: dialogs.InputCommand, Command: name, Text: args}
	}
	return dialogs.Input{Kind: dialogs.InputText, Text: u}
}

// pressData is the button data of a clientExtra: its "data" string, or
// the "step" and "value" strings joined as "step:value". Anything else
// (none, too long, not text) is no press: the utterance is read instead.
func pressData(extra map[string]any) string {
	if len(extra) == 0 {
		return ""
	}
	d, _ := extra[extraKey].(string)
	if d == "" {
		step, _ := extra["step"].(string)
		value, _ := extra["value"].(string)
		if step != "" && value != "" {
			d = step + ":" + value
		}
	}
	if d == "" || len(d) > maxData || !utf8.ValidString(d) {
		return ""
	}
	return d
}

// command reads a typed command such as "/start" or "/profile": its name
// in lower case, and its arguments.
func command(u string) (name, args string, ok bool) {
	rest, ok := strings.CutPrefix(u, "/")
	if !ok || rest == "" {
		return "", "", false
	}
	name, args, _ = strings.Cut(rest, " ")
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return "", "", false
		}
	}
	return strings.ToLower(name), strings.TrimSpace(args), true
}
