package dialogs

import (
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// This file is the resident's commands: /start (with a deep link from a
// campus QR code), /help, /profile, /forget and /stop, and the greeting
// they may lead to.

// command handles /start, /help, /profile, /forget, /stop and unknown
// commands.
func (t *turn) command() {
	name, _, _ := strings.Cut(strings.ToLower(strings.TrimPrefix(t.in.Command, "/")), "@")
	switch name {
	case "start":
		t.start(strings.TrimSpace(t.in.Text))
	case "help":
		t.help()
	case "profile":
		t.profile()
	case "forget":
		t.enterAside(stepForget)
		t.prompt()
	case "stop":
		t.stop()
	default:
		// Staff commands reach here only from a channel that does not
		// serve staff (see Staff): to a resident they are unknown.
		t.reprompt(msgUnknownCmd)
	}
}

// start answers /start, with a deep-link payload such as a place id.
func (t *turn) start(payload string) {
	place, ok := t.deepLink(payload)
	midway := t.s.step.intake() || (t.s.step == stepForget || t.s.step == stepResume) && t.s.ret.intake()
	// The place's district is pre-selected, unless the resident already
	// gave one in this intake or a finished one.
	if ok && place.District.Valid() && (t.s.prof.District == 0 || !midway && !t.s.done) {
		t.s.prof.District = place.District
		t.s.prof.At = data.LatLon{}
	}
	switch {
	case midway:
		if ok {
			t.lead(msgFromPlaceShort(place.Name))
		}
		t.offerResume(msgUnfinished)
	case t.s.done:
		t.lead(msgWelcomeBack)
		t.goTo(stepConfirm)
	default:
		t.greet(place, ok)
	}
}

// deepLink returns the place a /start payload names. Payloads are at most
// 64 characters of A-Z a-z 0-9 _ -; anything else, or an unknown id, is
// ignored.
func (t *turn) deepLink(payload string) (data.Place, bool) {
	if payload == "" || len(payload) > 64 {
		return data.Place{}, false
	}
	for _, r := range payload {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return data.Place{}, false
		}
	}
	return t.m.cat.Place(payload)
}

// greet starts a conversation: the greeting, then the consent question.
func (t *turn) greet(place data.Place, fromPlace bool) {
	t.s = State{prof: data.Profile{District: t.s.prof.District}, notices: t.s.notices, seen: t.s.seen}
	if fromPlace {
		t.say(msgFromPlace(place.Name, place.District))
	} else {
		t.say(msgGreeting)
	}
	t.goTo(stepConsent)
}

// profile answers /profile: the answers kept, with buttons to change one.
func (t *turn) profile() {
	if t.s.consent != yes {
		t.say(msgNoProfile)
		t.goTo(stepConsent)
		return
	}
	t.enterAside(stepEdit)
	t.send(Reply{Kind: ReplyText, Text: msgProfile(summary(t.s.prof), t.s.notices == yes, t.m.opts.OperatorContact), Buttons: append(t.keyboard(), t.privacyRow()...)})
	// The reminders follow, listed from the channel's records.
	t.effect(Effect{Kind: EffectListReminders})
}

// stop answers /stop: notices off, whatever the state says, since the
// channel's record is what counts.
func (t *turn) stop() {
	if t.s.notices == yes {
		t.lead(msgStopped)
	} else {
		t.lead(msgStopNothing)
	}
	t.setNotices(false)
	t.prompt()
}
