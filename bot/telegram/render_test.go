package telegram_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/bot/telegram/telegramtest"
)

var lineStart = regexp.MustCompile(`^\d{3} `)

func TestLongTextIsSplitOnLines(t *testing.T) {
	e := start(t, telegram.Options{}, nil)
	e.TG.SendText(1, "long")
	e.WaitHandled(1)
	msgs := e.TG.Messages(1)
	if len(msgs) < 2 {
		t.Fatalf("a 12,000-character text came as %d message(s)", len(msgs))
	}
	var all []string
	for _, m := range msgs {
		if n := len(utf16.Encode([]rune(m.Text))); n > 4096 {
			t.Errorf("message %d has %d characters", m.ID, n)
		}
		if !lineStart.MatchString(m.Text) || strings.HasSuffix(m.Text, "\n") {
			t.Errorf("message %d does not start and end on a line boundary", m.ID)
		}
		all = append(all, m.Text)
	}
	lines := strings.Split(strings.Join(all, "\n"), "\n")
	if len(lines) != 300 {
		t.Fatalf("the parts hold %d lines, want the 300 of the text", len(lines))
	}
	for i, l := range lines {
		if !strings.HasPrefix(l, fmt.Sprintf("%03d ", i)) {
			t.Fatalf("line %d = %.20q: a line was cut or lost", i, l)
		}
	}
}

func TestHTMLIsEscaped(t *testing.T) {
	e := start(t, telegram.Options{}, nil)
	e.TG.SendText(2, "<b>굵게</b> & 5 > 3")
	got := e.WaitEvents(2, 1)[0].Message
	if want := "받았어요: <b>굵게</b> & 5 > 3"; got.Text != want {
		t.Fatalf("the resident reads %q, want %q", got.Text, want)
	}
	if got.ParseMode != "HTML" {
		t.Errorf("parse_mode = %q", got.ParseMode)
	}
}

func TestKeyboards(t *testing.T) {
	e := start(t, telegram.Options{}, nil)

	e.TG.SendText(3, "/start")
	m := e.WaitEvents(3, 1)[0].Message
	if len(m.Buttons) != 1 || len(m.Buttons[0]) != 2 || m.Buttons[0][0] != (faketg.Button{Text: "첫째", Data: "a"}) {
		t.Fatalf("inline keyboard = %+v", m.Buttons)
	}

	// A question with buttons that also asks for the location: the
	// location button comes in a message of its own, right after.
	e.TG.SendText(3, "ask")
	evs := e.WaitEvents(3, 3)
	q, hint := evs[1].Message, evs[2].Message
	if q.Text != "어느 구에 사세요?" || len(q.Buttons) != 1 {
		t.Fatalf("question = %q with %v", q.Text, q.Buttons)
	}
	if len(hint.Keyboard) != 1 || !hint.Keyboard[0][0].RequestLocation || !hint.OneTimeKeyboard {
		t.Fatalf("location keyboard = %+v one_time=%v", hint.Keyboard, hint.OneTimeKeyboard)
	}
	if hint.Keyboard[0][0].Text != "📍 내 위치 보내기" {
		t.Errorf("location button = %q", hint.Keyboard[0][0].Text)
	}

	e.TG.SendText(3, "askonly")
	only := e.WaitEvents(3, 4)[3].Message
	if only.Text != "위치를 보내 주세요" || len(only.Keyboard) != 1 || !only.Keyboard[0][0].RequestLocation {
		t.Fatalf("location question = %q %+v", only.Text, only.Keyboard)
	}

	// The next plain message closes the location keyboard.
	e.TG.SendText(3, "그냥")
	if plain := e.WaitEvents(3, 5)[4].Message; !plain.RemoveKeyboard {
		t.Error("a plain message does not close the location keyboard")
	}
}

func TestBadButtonIsLeftOut(t *testing.T) {
	e := start(t, telegram.Options{}, nil)
	e.TG.SendText(4, "badbutton")
	m := e.WaitEvents(4, 1)[0].Message
	if len(m.Buttons) != 1 || len(m.Buttons[0]) != 1 || m.Buttons[0][0].Data != "ok" {
		t.Fatalf("buttons = %+v, want only the valid one", m.Buttons)
	}
}

func TestPlacePin(t *testing.T) {
	e := start(t, telegram.Options{}, nil)
	e.TG.SendText(5, "place")
	evs := e.WaitEvents(5, 2)
	if evs[0].Method != "sendMessage" || evs[1].Method != "sendVenue" {
		t.Fatalf("events = %s", telegramtest.Describe(evs))
	}
	v := evs[1].Message.Venue
	if v == nil || v.Title != "서부캠퍼스" || v.Address != "서울 은평구 통일로 684" || v.Lat != 37.6191 {
		t.Fatalf("venue = %+v", v)
	}
}

func TestButtonEditsTheQuestion(t *testing.T) {
	e := start(t, telegram.Options{}, nil)
	e.TG.SendText(6, "/start")
	q := e.WaitEvents(6, 1)[0].Message

	_, qid := e.TG.Press(6, q.ID, "a")
	evs := e.WaitEvents(6, 3)
	if evs[1].Method != "answerCallbackQuery" || evs[1].CallbackID != qid {
		t.Fatalf("the press was not answered first: %s", telegramtest.Describe(evs))
	}
	if evs[2].Method != "editMessageText" || evs[2].Message.ID != q.ID || evs[2].Message.Text != "눌렀어요: a" {
		t.Fatalf("the question was not edited in place: %s", telegramtest.Describe(evs))
	}

	e.TG.Press(6, q.ID, "same")
	evs = e.WaitEvents(6, 5)
	if evs[4].Method != "editMessageText" || evs[4].Message.Text != "같은 질문" {
		t.Fatalf("events = %s", telegramtest.Describe(evs))
	}
	// An edit that changes nothing is refused by Telegram: the resident
	// gets the same question as a new message, not silence.
	_, qid3 := e.TG.Press(6, q.ID, "same")
	evs = e.WaitEvents(6, 7)
	if evs[6].Method != "sendMessage" || evs[6].Message.Text != "같은 질문" {
		t.Fatalf("a not-modified edit did not fall back to a new message: %s", telegramtest.Describe(evs))
	}
	if n := e.TG.Answered(qid3); n != 1 {
		t.Errorf("press answered %d times, want 1", n)
	}
}

func TestForgedPressGetsANewMessage(t *testing.T) {
	e := start(t, telegram.Options{}, nil)
	e.TG.SendText(7, "안녕")
	e.WaitEvents(7, 1)
	// A press under a message the chat never had (forged, or deleted).
	_, qid := e.TG.Press(7, 999, "x")
	evs := e.WaitEvents(7, 3)
	if evs[2].Method != "sendMessage" || evs[2].Message.Text != "눌렀어요: x" {
		t.Fatalf("events = %s", telegramtest.Describe(evs))
	}
	if e.TG.Answered(qid) != 1 {
		t.Error("the forged press was not answered")
	}
}
