package dialogs

import "github.com/dasi-seoul/dasi/data"

// InputKind says what a resident did.
type InputKind uint8

// The kinds of input a channel can deliver.
const (
	// InputText is typed text, in Input.Text.
	InputText InputKind = iota + 1
	// InputButton is a button press; Input.Text holds the button's Data.
	InputButton
	// InputLocation is a shared location, in Input.At.
	InputLocation
	// InputCommand is a command such as /start: Input.Command holds its name
	// in lower case without the slash, Input.Text its arguments (for /start,
	// the deep-link payload).
	InputCommand
	// InputOther is anything else a resident can send: a sticker, a photo,
	// a voice message. It gets a gentle re-prompt of the current step.
	InputOther
	// InputResult is not something a person did: it feeds the result of an
	// effect back to the machine that asked for it, in Input.Result (see
	// [Input.WithResult] and [EffectKind.HasResult]). Only the staff
	// conversation asks for effects with a result; the resident's
	// conversation takes an InputResult as it takes InputOther.
	InputResult
)

// Input is one thing a resident (or staff member) did, or the result of an
// effect, with the context the machine needs to stay pure.
type Input struct {
	Kind InputKind // what the resident did, or InputResult
	// Text is the typed text (InputText), the pressed button's Data
	// (InputButton) or a command's arguments (InputCommand).
	Text string
	// Command is a command's name, lower case, without the slash.
	Command string
	// At is a shared location (InputLocation).
	At data.LatLon
	// Today is the current date, which the channel reads from its clock (or
	// DASI_NOW); deadlines are judged against it.
	Today data.Date
	// Staff is true when the sender is one of DASI_STAFF.
	Staff bool
	// NoPush is true on a channel that cannot message the resident first
	// (KakaoTalk): no notices question, no alert or reminder buttons.
	NoPush bool
	// Result is what an effect found, for InputResult.
	Result *Result
}

// WithResult returns the input that feeds r, the result of an effect asked
// in answer to in, back to the machine: an InputResult from the same
// sender on the same day.
func (in Input) WithResult(r Result) Input {
	return Input{Kind: InputResult, Result: &r, Today: in.Today, Staff: in.Staff, NoPush: in.NoPush}
}

// ReplyKind says what a reply shows.
type ReplyKind uint8

// The kinds of reply.
const (
	// ReplyText is a message: Text, with Buttons under it and, when
	// AskLocation is set, a keyboard button that shares the location.
	ReplyText ReplyKind = iota + 1
	// ReplyPlace is a map pin for Place.
	ReplyPlace
)

// Reply is one thing to show a resident or staff member. What a
// conversation asks to record, delete or read comes apart, as [Effect]
// values.
type Reply struct {
	// Kind says whether to show a message or a pin.
	Kind ReplyKind
	// Text is plain text; the channel escapes it for its markup.
	Text string
	// Buttons are rows of buttons shown under Text.
	Buttons [][]Button
	// Compact is the same question's buttons for a channel that shows at
	// most MaxCompact under a message (KakaoTalk's quick replies): a long
	// list of choices in groups, each group a button that asks the
	// question again with that group's choices. Empty when Buttons fit.
	Compact [][]Button
	// CompactText, when not empty, is the text to show with Compact
	// instead of Text (the district question without its offer of a
	// shared location, which such a channel cannot take).
	CompactText string
	// AskLocation offers a keyboard button that shares the resident's location.
	AskLocation bool
	// Edit asks the channel to replace the message whose button was pressed,
	// where that reads better than a new message. Channels that cannot edit
	// send a new message.
	Edit bool
	// Place is the place to pin, for ReplyPlace; Text then names it.
	Place *data.Place
	// Items are the results a results message lists, for channels that lay
	// results out themselves (the terminal chat, a card list): Lead, then
	// Heading, the items and Foot. Text holds the same as one message.
	Items []Item
	// Lead opens a results message: a line the turn had to say first (what
	// a shared location was taken as), or which groups found nothing.
	Lead string
	// Heading names a results message's group and counts it: "찾아가실 수
	// 있는 가까운 곳 (모두 9곳 중 1~3번째)".
	Heading string
	// Foot closes the last results message of a turn with where to go
	// next; the buttons it speaks of are the last rows of Buttons.
	Foot string
	// Progress, when not zero, is the id of the staff broadcast whose
	// progress this message shows: the channel sends it as a new message
	// and records that message's id with the broadcast, so that the
	// broadcast worker can edit it as deliveries go out (StaffProgress).
	Progress int64
}

// Item is one recommended program, job or place in a results message.
type Item struct {
	// N is the item's number in its whole list (4, 5, 6 on the second
	// page), as Text and the link labels ("5번 자세히 보기") number it.
	N int
	// Title is the program's, job opening's or place's name.
	Title string
	// Detail is one line of where, when and cost (for a job: company, wage,
	// deadline; for a place: distance, address, phone).
	Detail string
	// Reasons is one line of why it was chosen ("디지털 목표 · 은평구에서 1.2km").
	Reasons string
	// URL is its official page, when known.
	URL string
	// Notice is the source notice its source's terms ask to go with it
	// (고용24's), or empty.
	Notice string
	// Place is the place itself, for an item of the places group, for a
	// channel that links it to a map.
	Place *data.Place
	// Phone is a place's verified phone number, to call from a button
	// (Detail writes it too); empty when unverified or unknown.
	Phone string
}

// Button is a button under a message. A button has either Data, sent back
// as an InputButton when pressed, or URL, opened by the resident's phone.
type Button struct {
	Label string // at most 14 characters
	Data  string // at most 64 bytes, sent back when pressed
	URL   string // a page to open
}
