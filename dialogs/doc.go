// Package dialogs is the conversation as pure state machines: the
// resident's ([Machine.Step]) and the staff's ([Staff]). Each takes a state
// and one [Input] and returns the next state, the [Reply] values to show
// and the [Effect] values to apply. It does no I/O: no Telegram, no Redis,
// no SQL, no clock (today's date arrives in the Input). Every sentence a
// resident or staff member reads lives in this package's message catalog
// (the *messages.go files, alert.go and reasons.go).
//
// A channel (package bot for Telegram, or the terminal chat of cmd/dasi)
// turns its updates into Inputs, keeps the encoded State per chat, applies
// the effects, and turns Replies into messages.
//
// # The conversation
//
// Greeting and the required consent; refusing still lets the resident
// browse a district's programs and places, with nothing stored. Then four
// questions with progress "n/4단계" (age band, field and years, up to three
// goals, district), a summary to confirm or change one answer, and results
// in three groups (programs, job openings, places) with a line of reasons
// per item, paging, a person to call on every page, and the optional
// notices question. 자세히 보기 opens one programme's or job opening's
// details, with a reminder of its opening or deadline (details.go). Every question takes typed answers too, read clause by
// clause (parse*.go, intent.go), and one message fills every answer it
// holds ("52세 회계 사무 20년 은평구"); an age that reads two ways is asked
// about, never guessed. 이전, 처음으로 and 도움말 work everywhere, and so do
// the resident's rights, typed ("내 정보 보기", "내 정보 삭제", "알림 끄기")
// or as /profile, /forget and /stop.
//
// # State
//
// State keeps only the minimum: the age band (never the age), field, years
// band, goals and district, the two consents, the step, the results page
// and the date of the last input. Answers typed before the consent are kept
// in the session only ([State.Pending]), for a day at most. A shared location is kept in the session
// only, for the distances of the current results: [State.Profile] never
// returns it. The zero State is a fresh conversation; a session that cannot
// be decoded (another version, damage) restarts with an apology.
//
// # Effects
//
// What a conversation asks the channel's core to record, delete, read or
// log comes apart from the replies, as Effects; replies are only things to
// show. The resident's conversation asks:
//
//   - [EffectConsent]: the required consent given (On) or refused (the
//     core then keeps no profile).
//   - [EffectNotices]: notices on or off (the optional consent, /stop and
//     the "알림 끄기" button under announcements, /profile).
//   - [EffectProfile]: store the confirmed answers ([Effect.Profile]).
//   - [EffectForget]: delete everything about the resident, at once, and
//     save no session.
//   - [EffectRemind] and [EffectCancelReminder]: a reminder of one item's
//     opening or deadline set (on its details) or cancelled (from
//     /profile's list).
//   - [EffectListReminders]: read the resident's reminders, for /profile;
//     the resident conversation's one effect with a result.
//
// The staff conversation asks to count an audience, create a broadcast,
// list the recent ones, stop one and read the figures of /stats; each of
// these has a result ([EffectKind.HasResult]). It also asks to log a
// refused attempt by someone who is not staff ([EffectRefused]).
//
// The core runs one small loop for both conversations:
//
//  1. Step the conversation with the input.
//  2. Apply the effects, in order. At most one has a result, and it is
//     the last.
//  3. If it had a result, step the same conversation again, from the
//     state the step returned, with [Input.WithResult] (an
//     [InputResult]), and add that step's replies to the first's. A step
//     that takes a result asks for no other, so the loop ends there.
//  4. Save the last state, then show every reply, in order. A reply with
//     [Reply.Progress] is a broadcast's progress message: the core records
//     the id of the message it sends for it, which the broadcast worker
//     edits later ([StaffProgress]).
//
// When an effect cannot be applied, the core stops at once: no later
// effect is applied and no result fed back, the state is left as it was
// before the input (nothing is saved), none of the replies is shown, and
// the resident reads [TryAgainLater] instead. Effects already applied stay
// applied, so a core applies each so that applying it again, when the
// resident tries again, changes nothing more (a consent given twice is one
// consent).
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
