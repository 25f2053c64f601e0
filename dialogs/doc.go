// Package dialogs is the resident's conversation as a pure state machine:
// [Machine.Step] takes a [State] and one [Input] and returns the next State
// and the [Reply] values to show. It does no I/O: no Telegram, no Redis, no
// SQL, no clock (today's date arrives in the Input). Every sentence a
// resident reads lives in this package's message catalog (messages.go).
//
// A channel (package bot for Telegram, or the terminal chat of cmd/dasi)
// turns its updates into Inputs, keeps the encoded State per chat, and turns
// Replies into messages.
//
// # The conversation
//
// Greeting and the required consent; refusing still lets the resident
// browse a district's programs and places, with nothing stored. Then four
// questions with progress "n/4단계" (age band, field and years, up to three
// goals, district), a summary to confirm or change one answer, and results
// in three groups (programs, job openings, places) with a line of reasons
// per item, paging, and the optional notices question. Every question takes
// typed answers too, and one message fills every answer it holds ("52세 회계
// 사무 20년 은평구"). 이전, 처음으로 and /help work everywhere; /profile,
// /forget and /stop are the resident's rights.
//
// # State
//
// State keeps only the minimum: the age band (never the age), field, years
// band, goals and district, the two consents, the step, the results page
// and the date of the last input. A shared location is kept in the session
// only, for the distances of the current results: [State.Profile] never
// returns it. The zero State is a fresh conversation; a session that cannot
// be decoded (another version, damage) restarts with an apology.
//
// # Effects
//
// What a channel must record comes as replies of their own kinds, before
// the messages that announce them; a channel applies them in order and
// shows nothing for them ([ReplyKind.Effect]):
//
//   - [ReplyConsent]: the required consent given (On) or refused (the
//     channel then keeps no profile).
//   - [ReplyNotices]: notices on or off (the optional consent, /stop, /profile).
//   - [ReplyProfile]: the confirmed answers to store ([Reply.Profile]).
//   - [ReplyForget]: delete everything about the resident, at once.
//
// [State.Consented], [State.Notices], [State.Profile], [State.Done] and
// [State.Step] describe a state for statistics; [Restore] rebuilds a
// state from a stored profile when a session has expired.
//
// # Buttons
//
// Button data is "<step code>:<value>" (at most 64 bytes); a press whose
// code is not the current step's, from an old message or forged, is never
// acted on: the current question is asked again. Labels are at most 14
// characters. Typing a button's label is pressing it.
package dialogs
