package kakao

// This file is the protocol: the parts of Open Builder's SkillPayload dasi
// reads and of the SkillResponse 2.0 it writes (../shared/reference
// kakao-skill-protocol.md, from Kakao's "응답 타입별 JSON 포맷").

// Payload is the part of a SkillPayload dasi reads.
type Payload struct {
	UserRequest UserRequest `json:"userRequest"`
	Action      Action      `json:"action"`
}

// UserRequest is what the resident sent.
type UserRequest struct {
	// Utterance is what was typed, or the messageText of the tapped quick
	// reply.
	Utterance string `json:"utterance"`
	User      User   `json:"user"`
	Lang      string `json:"lang,omitempty"`
	Timezone  string `json:"timezone,omitempty"`
}

// User is the resident: ID is the botUserKey, up to 70 characters.
type User struct {
	ID   string `json:"id"`
	Type string `json:"type,omitempty"`
}

// Action is the skill's part of the request: ClientExtra is the extra of
// the tapped quick reply or button.
type Action struct {
	ClientExtra map[string]any `json:"clientExtra,omitempty"`
}

// Response is a SkillResponse 2.0.
type Response struct {
	Version  string   `json:"version"`
	Template Template `json:"template"`
}

// Template is a SkillTemplate: 1 to 3 outputs, at most 10 quick replies.
type Template struct {
	Outputs      []Output     `json:"outputs"`
	QuickReplies []QuickReply `json:"quickReplies,omitempty"`
}

// Output is one component: exactly one field is set.
type Output struct {
	SimpleText *SimpleText `json:"simpleText,omitempty"`
	TextCard   *TextCard   `json:"textCard,omitempty"`
	ListCard   *ListCard   `json:"listCard,omitempty"`
}

// SimpleText is a text bubble: at most 1,000 characters, folded after 500.
type SimpleText struct {
	Text string `json:"text"`
}

// TextCard is a card of text with up to 3 buttons: title at most 50
// characters, title and description together at most 400.
type TextCard struct {
	Title       string   `json:"title,omitempty"`
	Description string   `json:"description,omitempty"`
	Buttons     []Button `json:"buttons,omitempty"`
}

// ListCard is a list of at most 5 items under a header, with up to 3
// buttons.
type ListCard struct {
	Header  ListHeader `json:"header"`
	Items   []ListItem `json:"items"`
	Buttons []Button   `json:"buttons,omitempty"`
}

// ListHeader is a list card's title.
type ListHeader struct {
	Title string `json:"title"`
}

// ListItem is one line of a list card; Link opens a page.
type ListItem struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Link        *Link  `json:"link,omitempty"`
}

// Link is a page to open.
type Link struct {
	Web string `json:"web"`
}

// Button is a card's button: webLink (WebLinkURL), phone (PhoneNumber)
// or message (MessageText and Extra). Label at most 14 characters.
type Button struct {
	Label       string            `json:"label"`
	Action      string            `json:"action"`
	WebLinkURL  string            `json:"webLinkUrl,omitempty"`
	PhoneNumber string            `json:"phoneNumber,omitempty"`
	MessageText string            `json:"messageText,omitempty"`
	Extra       map[string]string `json:"extra,omitempty"`
}

// QuickReply is a reply button under the answer: its MessageText becomes
// the resident's utterance and its Extra the request's clientExtra.
type QuickReply struct {
	Label       string            `json:"label"`
	Action      string            `json:"action"`
	MessageText string            `json:"messageText"`
	Extra       map[string]string `json:"extra,omitempty"`
}

// The protocol's limits the renderer keeps.
const (
	MaxOutputs      = 3
	MaxQuickReplies = 10
	MaxLabel        = 14
	MaxSimpleText   = 1000
	FoldAt          = 500 // simpleText after this is behind 전체 보기
	MaxCardTitle    = 50
	MaxTextCard     = 400 // title and description together
	MaxListItems    = 5
	MaxCardButtons  = 3
	// MaxListTitle and MaxListDescription are dasi's own bounds on a list
	// card's header and items: what a phone shows in two lines.
	MaxListTitle       = 50
	MaxListDescription = 100
)

// extraKey is the key of a quick reply's extra that carries the button's
// data ("age:50").
const extraKey = "data"
