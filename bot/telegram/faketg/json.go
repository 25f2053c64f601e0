package faketg

// The Bot API's objects, as much of them as the fake writes. Typed structs
// rather than maps: the load generator sends thousands of them a second.

type jsonUser struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

type jsonChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	FirstName string `json:"first_name,omitempty"`
}

type jsonEntity struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
}

type jsonLocation struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type jsonVenue struct {
	Location jsonLocation `json:"location"`
	Title    string       `json:"title"`
	Address  string       `json:"address"`
}

type jsonInlineMarkup struct {
	InlineKeyboard [][]Button `json:"inline_keyboard"`
}

type jsonSticker struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	IsAnimated   bool   `json:"is_animated"`
	Emoji        string `json:"emoji,omitempty"`
}

type jsonMessage struct {
	MessageID   int               `json:"message_id"`
	From        *jsonUser         `json:"from,omitempty"`
	Chat        jsonChat          `json:"chat"`
	Date        int64             `json:"date"`
	EditDate    int64             `json:"edit_date,omitempty"`
	Text        string            `json:"text,omitempty"`
	Entities    []jsonEntity      `json:"entities,omitempty"`
	ReplyMarkup *jsonInlineMarkup `json:"reply_markup,omitempty"`
	Location    *jsonLocation     `json:"location,omitempty"`
	Venue       *jsonVenue        `json:"venue,omitempty"`
	Sticker     *jsonSticker      `json:"sticker,omitempty"`
}

type jsonCallbackQuery struct {
	ID           string       `json:"id"`
	From         jsonUser     `json:"from"`
	Message      *jsonMessage `json:"message,omitempty"`
	ChatInstance string       `json:"chat_instance"`
	Data         string       `json:"data,omitempty"`
}

type jsonChatMember struct {
	User      jsonUser `json:"user"`
	Status    string   `json:"status"`
	UntilDate int64    `json:"until_date,omitempty"`
}

type jsonChatMemberUpdated struct {
	Chat          jsonChat       `json:"chat"`
	From          jsonUser       `json:"from"`
	Date          int64          `json:"date"`
	OldChatMember jsonChatMember `json:"old_chat_member"`
	NewChatMember jsonChatMember `json:"new_chat_member"`
}

type jsonUpdate struct {
	UpdateID      int                    `json:"update_id"`
	Message       *jsonMessage           `json:"message,omitempty"`
	CallbackQuery *jsonCallbackQuery     `json:"callback_query,omitempty"`
	MyChatMember  *jsonChatMemberUpdated `json:"my_chat_member,omitempty"`
}

var theBot = jsonUser{ID: BotID, IsBot: true, FirstName: "다시", Username: BotUsername}

// user is the resident of a private chat: user id = chat id.
func user(chatID int64) jsonUser {
	return jsonUser{ID: chatID, FirstName: "주민", LanguageCode: "ko"}
}

func privateChat(chatID int64) jsonChat {
	return jsonChat{ID: chatID, Type: "private", FirstName: "주민"}
}
