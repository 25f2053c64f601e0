package data

// Stats are the figures staff see with /stats. None of them names a resident.
type Stats struct {
	// Now: residents kept, those whose required consent stands, those who
	// completed an intake, those whose notices consent stands, and those
	// who blocked the bot (announcements skip them).
	Residents, Profiles, Intakes, Notices, Blocked int
	// Kakao is how many of Residents are on KakaoTalk, which dasi cannot
	// message first: announcements and alerts never reach them.
	Kakao int
	// Since the start: required consents given and refused, notices
	// consents given, intakes completed, residents who asked to be
	// forgotten, and chats deleted for 12 months of silence (residents,
	// and the traces of chats that never consented).
	ConsentsGiven, ConsentsRefused, NoticesGiven, IntakesCompleted, Forgotten, Expired int
	// Reach is how many chats ever reached each conversation step, in step
	// order: where residents drop off.
	Reach []StepReach
}

// StepReach is how many chats reached one conversation step.
type StepReach struct {
	Step  int
	Chats int
}
