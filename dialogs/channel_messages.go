package dialogs

// This file holds the sentences a channel shows on its own, outside a step
// of the conversation. They belong to the message catalog like every other
// sentence a resident reads; channels ask for them here.

// TryAgainLater is what a resident reads when the channel cannot reach the
// place it keeps conversations (Redis is down): nothing the resident did is
// wrong, and asking again shortly works.
func TryAgainLater() string {
	return "지금은 잠깐 답을 드릴 수 없어요. 잠시 후 다시 시도해 주세요."
}

// ShareLocationButton is the label of the keyboard button that shares the
// resident's location, offered when a Reply has AskLocation.
func ShareLocationButton() string { return "📍 내 위치 보내기" }

// ShareLocationHint goes with the location button when the question already
// has buttons of its own: a chat message carries one kind of keyboard, so
// the location button comes in a short message of its own, right after.
func ShareLocationHint() string {
	return "지금 계신 곳에서 가까운 곳을 찾으시려면 아래 버튼을 눌러 주세요."
}

// CannotRead is what a resident reads when the channel could not read
// what their messenger sent (a request KakaoTalk sent damaged): nothing
// they did is wrong.
func CannotRead() string {
	return "죄송해요. 방금 보내신 것을 읽지 못했어요. 한 번 더 보내 주시거나 '시작하기'라고 써 주세요."
}

// StartWord is the word that starts the conversation over, as /start
// does, on a channel without commands (KakaoTalk).
func StartWord() string { return "시작하기" }

// PlaceButtons are the labels of a place card's buttons, on a channel that
// shows places as cards: call the place, and see it on a map.
func PlaceButtons() (call, onMap string) { return "전화하기", "지도 보기" }

// Command is one command of the chat's command menu.
type Command struct {
	Name        string // without the slash, lower case
	Description string // what the menu says it does, in Korean
}

// Commands returns the command menu, in the order residents see it
// (DESIGN.md, The conversation).
func Commands() []Command {
	return []Command{
		{"start", "처음으로"},
		{"help", "도움말"},
		{"profile", "내 정보 보기·고치기"},
		{"forget", "내 정보 삭제"},
		{"stop", "알림 끄기"},
	}
}
