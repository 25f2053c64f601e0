// Package bot is dasi's channel-neutral core: everything that happens to a
// resident or a staff member whatever channel they write on.
//
//   - [Bot.Handle] answers one input: staff commands and a staff member's
//     draft go to the staff conversation (dialogs.Staff), everything else to
//     the resident's (dialogs.Machine), with at most one session read and one
//     write ([Sessions]: Redis or in process). The conversations' effects are
//     applied before the session is saved (consents, the profile, /forget,
//     the broadcasts staff create), and the replies are handed back to the
//     channel through a [Replier].
//   - [Residents] keeps the store in step with each resident's rights and
//     use: consents with their wording, the confirmed profile, the last use
//     and intake reach, retention.
//   - [Broadcasts] answers the staff commands and delivers every broadcast
//     durably from the store, at a configured rate, through a channel's
//     [Sender]; [Alerts] turns new catalog items into personal digests it
//     delivers.
//
// A channel (bot/telegram; bot/kakao next) turns its updates into [Turn]
// values, keeps one resident's inputs in order, renders replies in its own
// markup and implements [Replier] and [Sender]. Its answers to a send are
// reported in the core's terms ([ErrBlocked], [RetryAfterError],
// [SendError]), and [RetryPolicy] is the one decision about retrying them,
// for the channel's sends and the broadcast worker alike.
//
// A resident is a [data.ResidentID] everywhere: "telegram:123456",
// "kakao:<botUserKey>". The core imports dialogs and the data packages,
// never a channel; it never reads the environment (cmd does).
package bot
