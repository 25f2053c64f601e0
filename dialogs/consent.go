package dialogs

// ConsentWording returns the exact wording residents read when they give a
// consent: the required consent (the question and its details), and the
// optional notices consent. A channel records the wording, under a version
// derived from it, with each consent given.
func ConsentWording() (required, notices string) {
	return msgConsent + "\n\n" + msgConsentMore, msgNoticesAsk
}
