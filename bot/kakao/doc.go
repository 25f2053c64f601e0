// Package kakao is dasi's KakaoTalk channel: the skill server of a Kakao i
// Open Builder chatbot. Open Builder posts every utterance of a resident
// to the skill as a SkillPayload; [Skill] hands it to the channel-neutral
// core ([bot.Bot.Handle]) as one turn, collects that turn's replies and
// answers the same request with one SkillResponse 2.0 ([Render]) within
// every limit of the protocol (1-3 outputs, 10 quick replies, 1,000
// characters of text, 5 items a list card, 3 buttons a card).
//
// A resident is "kakao:" + userRequest.user.id. What they typed, or the
// messageText of a quick reply they tapped, is the utterance; the tapped
// reply's extra comes back as action.clientExtra and carries the same
// "<step>:<value>" data as a Telegram button, so an old or forged press is
// caught by the conversation as on Telegram. A KakaoTalk chatbot cannot
// message first (without the paid Event API), so the core asks no notices
// question of these residents and sends them no broadcast or alert.
//
// Every request is answered with HTTP 200 and a valid body, whatever it
// holds, except one without the skill's secret (401) or one that is not a
// POST (405). When the core cannot answer in time (Redis stalled), the
// resident reads "잠시 후 다시 시도해 주세요" before Open Builder's 5-second
// deadline.
//
// The package imports no other channel.
package kakao
