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
)

// Input is one thing a resident did, with the context the machine needs to
// stay pure.
type Input struct {
	Kind    InputKind
	Text    string
	Command string
	At      data.LatLon
	// Today is the current date, which the channel reads from its clock (or
	// DASI_NOW); deadlines are judged against it.
	Today data.Date
	// Staff is true when the sender is one of DASI_STAFF.
	Staff bool
}

// ReplyKind says what a reply asks the channel to do.
type ReplyKind uint8

// The kinds of reply.
const (
	// ReplyText is a message: Text, with Buttons under it and, when
	// AskLocation is set, a keyboard button that shares the location.
	ReplyText ReplyKind = iota + 1
	// ReplyPlace is a map pin for Place.
	ReplyPlace
	// ReplyForget asks the channel to delete everything it keeps about the
	// resident (stored profile, session, pending deliveries) before it sends
	// the replies that follow.
	ReplyForget
)

// Reply is one thing to show a resident, or one request to the channel.
type Reply struct {
	Kind ReplyKind
	// Text is plain text; the channel escapes it for its markup.
	Text string
	// Buttons are rows of buttons shown under Text.
	Buttons [][]Button
	// AskLocation offers a keyboard button that shares the resident's location.
	AskLocation bool
	// Edit asks the channel to replace the message whose button was pressed,
	// where that reads better than a new message. Channels that cannot edit
	// send a new message.
	Edit bool
	// Place is the place to pin, for ReplyPlace.
	Place *data.Place
}

// Button is a button under a message. A button has either Data, sent back
// as an InputButton when pressed, or URL, opened by the resident's phone.
type Button struct {
	Label string // at most 14 characters
	Data  string // at most 64 bytes
	URL   string
}
