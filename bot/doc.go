// Package bot is dasi's Telegram channel, and the only package that imports
// the Telegram library (go-telegram-bot-api v5.5.1). It uses the library's
// types and request methods and adds what the library lacks: a context and
// a timeout per call, errors that never carry the token, a long-polling
// loop of its own, a webhook handler that checks the secret token, and one
// policy for Telegram's answers (429, 5xx, 403) on every send.
//
// Concurrency: updates of one chat are handled strictly in order, updates
// of different chats in parallel, within bounds (see dispatcher): a flood
// from one chat cannot starve the others. Each update costs at most one
// session read and one session write.
//
// Bot drives a [Conversation] (*dialogs.Machine) with the chat's state from
// [Sessions] (Redis, or in process) and turns its replies into messages.
// Other parts of the channel plug in through [Hooks]; a broadcast worker in
// this package sends through the same sender (sender.attempt) so that the
// one policy holds everywhere.
//
// Bot imports dialogs and data; it never reads the environment (cmd does).
package bot
