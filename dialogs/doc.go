// Package dialogs is the resident's conversation as a pure state machine:
// [Machine.Step] takes a [State] and one [Input] and returns the next State
// and the [Reply] values to show. It does no I/O: no Telegram, no Redis, no
// SQL, no clock (today's date arrives in the Input). Every sentence a
// resident reads lives in this package's message catalog.
//
// A channel (package bot for Telegram, or the terminal chat of cmd/dasi)
// turns its updates into Inputs, keeps the encoded State per chat, and turns
// Replies into messages.
package dialogs
