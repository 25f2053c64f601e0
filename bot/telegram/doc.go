// Package telegram is dasi's Telegram channel, and the only package that
// imports the Telegram library (go-telegram-bot-api v5.5.1). It uses the
// library's types and request methods and adds what the library lacks: a
// context and a timeout per call, errors that never carry the token, a
// long-polling loop of its own, a webhook handler that checks the secret
// token, and one policy for Telegram's answers (429, 5xx, 403) on every
// send, replies and the broadcast worker's messages alike.
//
// [Channel] receives updates (long polling or webhook), hands each private
// chat's inputs in order to a [Handler] (*bot.Bot, the core) as bot.Turn
// values for the resident "telegram:<chat id>", and shows the answers as
// messages with inline keyboards, location requests and map pins (the
// per-update bot.Replier). It is the core's bot.Sender too: Push makes one
// attempt for the broadcast worker, Edit updates a staff member's progress
// message.
//
// Concurrency: updates of one chat are handled strictly in order, updates
// of different chats in parallel, within bounds (see dispatcher): a flood
// from one chat cannot starve the others.
//
// The fake Bot API the tests and the load generator run against is
// faketg; telegramtest runs a Channel against it.
package telegram
