package dialogs

import "github.com/dasi-seoul/dasi/data"

// This file is what the conversations ask of the channel's core besides
// showing replies: effects, and the results of those that find something.
// The resident's conversation ([Machine.Step]) and the staff conversation
// ([Staff]) share them; see the package documentation (Effects) for how a
// core applies them.

// EffectKind says what an effect asks the core to do.
type EffectKind uint8

// The effects. The first four and the three reminder effects (declared
// last) come from the resident's conversation, the others from the staff
// conversation.
const (
	// EffectConsent records the resident's answer to the required consent:
	// On when given (the core records it with its wording and the time),
	// off when refused (the core keeps no profile: it deletes one it has).
	EffectConsent EffectKind = iota + 1
	// EffectNotices turns notices on (On) or off: the optional consent,
	// /stop, the "알림 끄기" button under an announcement, /profile.
	EffectNotices
	// EffectProfile stores Profile, the answers the resident has just
	// confirmed. It never holds a shared location.
	EffectProfile
	// EffectForget deletes everything kept about the resident (stored
	// profile, consents, session, pending deliveries) at once. The core
	// then saves no session: the resident's next message starts afresh.
	EffectForget

	// EffectCountAudience counts the residents of Audience who receive
	// announcements. Result.Count carries the number back.
	EffectCountAudience
	// EffectCreateBroadcast stores the broadcast of Text to Audience, from
	// the staff member who confirmed it, and starts its delivery; the store
	// deletes the staff chat's draft with it. Result.Broadcast carries the
	// stored broadcast back.
	EffectCreateBroadcast
	// EffectListBroadcasts reads the recent staff broadcasts.
	// Result.Broadcasts carries them back, newest first.
	EffectListBroadcasts
	// EffectCancelBroadcast stops staff broadcast BroadcastID. Result
	// carries back the broadcast as it stands after the stop and whether
	// it was still running, or NoBroadcast when no staff broadcast has
	// that id.
	EffectCancelBroadcast
	// EffectReadStats reads the figures of /stats. Result.Stats carries
	// them back.
	EffectReadStats
	// EffectRefused logs that a sender who is not staff tried Tried, by
	// user id only; the replies say so politely.
	EffectRefused

	// EffectRemind stores Reminder for the resident (마감 전 알림, 신청 시작
	// 알림 on an item's details); asked only once their notices consent is
	// on. A reminder of the same kind about the same item is moved to
	// Reminder's dates.
	EffectRemind
	// EffectCancelReminder deletes the resident's reminder ReminderID (an
	// id that is not theirs deletes nothing).
	EffectCancelReminder
	// EffectListReminders reads the resident's reminders waiting to be
	// sent, for /profile. Result.Reminders carries them back, soonest
	// first. It is the resident conversation's one effect with a result.
	EffectListReminders
)

// effectNames are the stable names of the effect kinds, for logs and the
// transcripts.
var effectNames = [...]string{
	EffectConsent:         "consent",
	EffectNotices:         "notices",
	EffectProfile:         "profile",
	EffectForget:          "forget",
	EffectCountAudience:   "count_audience",
	EffectCreateBroadcast: "create_broadcast",
	EffectListBroadcasts:  "list_broadcasts",
	EffectCancelBroadcast: "cancel_broadcast",
	EffectReadStats:       "read_stats",
	EffectRefused:         "refused",
	EffectRemind:          "remind",
	EffectCancelReminder:  "cancel_reminder",
	EffectListReminders:   "list_reminders",
}

// String returns the kind's stable name ("consent", "count_audience"), or
// "unknown" for a value that is not one of the kinds.
func (k EffectKind) String() string {
	if int(k) < len(effectNames) && effectNames[k] != "" {
		return effectNames[k]
	}
	return "unknown"
}

// HasResult reports whether an effect of kind k finds something the
// conversation needs to go on: the core then feeds a [Result] back with
// [Input.WithResult] and steps the same conversation again. Recording,
// deleting and logging have none.
func (k EffectKind) HasResult() bool {
	switch k {
	case EffectCountAudience, EffectCreateBroadcast, EffectListBroadcasts, EffectCancelBroadcast, EffectReadStats,
		EffectListReminders:
		return true
	}
	return false
}

// Effect is one thing a conversation asks the core to record, delete, read
// or log, rather than show. Each kind uses the fields its documentation
// names; the others are zero.
type Effect struct {
	// Kind says what to do.
	Kind EffectKind
	// On is the answer of an EffectConsent or EffectNotices.
	On bool
	// Profile is what an EffectProfile stores.
	Profile data.Profile
	// Text is the announcement of an EffectCreateBroadcast, exactly as
	// residents will read it.
	Text string
	// Audience is who an EffectCountAudience counts and an
	// EffectCreateBroadcast reaches.
	Audience data.Audience
	// BroadcastID is the broadcast an EffectCancelBroadcast stops.
	BroadcastID int64
	// Tried is what a refused sender tried, for EffectRefused: the staff
	// command's name, or "button".
	Tried string
	// Reminder is what an EffectRemind stores.
	Reminder data.Reminder
	// ReminderID is the reminder an EffectCancelReminder deletes.
	ReminderID int64
}

// Result is what an effect with a result found ([EffectKind.HasResult]),
// fed back to the conversation that asked for it as an InputResult.
type Result struct {
	// Of is the kind of the effect this answers.
	Of EffectKind
	// Count is the number of residents counted (EffectCountAudience).
	Count int
	// Unreachable is the number of residents matching the audience on a
	// channel that cannot be messaged first (KakaoTalk), who are not
	// among Count (EffectCountAudience).
	Unreachable int
	// Broadcast is the broadcast stored (EffectCreateBroadcast), or as it
	// stands after being stopped (EffectCancelBroadcast).
	Broadcast data.Broadcast
	// WasRunning says whether the broadcast was still running when asked
	// to stop (EffectCancelBroadcast).
	WasRunning bool
	// NoBroadcast says that no staff broadcast has the id asked to stop
	// (EffectCancelBroadcast).
	NoBroadcast bool
	// Broadcasts are the recent staff broadcasts, newest first
	// (EffectListBroadcasts).
	Broadcasts []data.Broadcast
	// Stats are the figures of /stats (EffectReadStats).
	Stats data.Stats
	// Reminders are the resident's reminders waiting to be sent, soonest
	// first (EffectListReminders).
	Reminders []data.Reminder
}
