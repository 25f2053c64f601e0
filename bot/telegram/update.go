package telegram

import (
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// allowedUpdates are the update kinds the bot asks Telegram for.
var allowedUpdates = []string{"message", "callback_query", "my_chat_member"}

// incoming is an update reduced to what handling it needs.
type incoming struct {
	updateID int
	chatID   int64
	userID   int64
	received time.Time
	kind     string // metric label: text, command, button, location, other, member, ignored

	input dialogs.Input // for every kind but member and ignored

	callbackID string // for a button press: the query to answer
	// answered is set when the query was answered in the webhook's answer
	// to its delivery, so that handle does not answer it again.
	answered  bool
	pressedID int // for a button press: the message the button is under

	member string // for member: the bot's new status in the chat ("kicked", "member"...)
}

// parse reduces an update. Updates dasi does not serve (groups, channels,
// edited messages, inline queries) get kind "ignored" and chatID 0, except
// a button press from a group, which still needs its query answered.
func parse(u *tgbotapi.Update, received time.Time) *incoming {
	in := &incoming{updateID: u.UpdateID, received: received, kind: "ignored"}
	switch {
	case u.Message != nil:
		m := u.Message
		if m.Chat == nil || m.Chat.Type != "private" || m.From == nil {
			return in
		}
		in.chatID, in.userID = m.Chat.ID, m.From.ID
		switch {
		case m.IsCommand():
			in.kind = "command"
			in.input = dialogs.Input{Kind: dialogs.InputCommand, Command: strings.ToLower(m.Command()), Text: strings.TrimSpace(m.CommandArguments())}
		case m.Location != nil:
			in.kind = "location"
			in.input = dialogs.Input{Kind: dialogs.InputLocation, At: data.LatLon{Lat: m.Location.Latitude, Lon: m.Location.Longitude}}
		case m.Text != "":
			in.kind = "text"
			in.input = dialogs.Input{Kind: dialogs.InputText, Text: m.Text}
		default:
			in.kind = "other"
			in.input = dialogs.Input{Kind: dialogs.InputOther}
		}
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		in.callbackID = q.ID
		if q.Message == nil || q.Message.Chat == nil || q.Message.Chat.Type != "private" || q.From == nil {
			return in // answered, nothing else
		}
		in.kind = "button"
		in.chatID, in.userID, in.pressedID = q.Message.Chat.ID, q.From.ID, q.Message.MessageID
		// The data is passed on as it is: data from an old message, or
		// forged, is for the conversation to judge (it re-asks the step).
		in.input = dialogs.Input{Kind: dialogs.InputButton, Text: q.Data}
	case u.MyChatMember != nil:
		cm := u.MyChatMember
		if cm.Chat.Type != "private" {
			return in
		}
		in.kind = "member"
		in.chatID, in.userID = cm.Chat.ID, cm.From.ID
		in.member = cm.NewChatMember.Status
	}
	return in
}
