package telegram

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dasi-seoul/dasi/dialogs"
)

func TestSplitText(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{"fits", "한 줄", 10, []string{"한 줄"}},
		{"blank", " \n ", 10, nil},
		{"at a line end", "첫째 줄\n둘째 줄", 6, []string{"첫째 줄", "둘째 줄"}},
		{"at the last line end that fits", "a\nb\ncccc", 5, []string{"a\nb", "cccc"}},
		{"at a space", "가나 다라 마바", 5, []string{"가나 다라", "마바"}},
		{"anywhere", "가나다라마바", 4, []string{"가나다라", "마바"}},
		// An emoji is two UTF-16 units: it is never cut in half.
		{"emoji", "ab😀cd", 3, []string{"ab", "😀c", "d"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := splitText(tc.in, tc.limit)
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.want) {
				t.Fatalf("splitText(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
			}
		})
	}
}

func TestEscapeHTML(t *testing.T) {
	if got := escapeHTML(`<a href="x">&amp;</a> 그대로`); got != `&lt;a href="x"&gt;&amp;amp;&lt;/a&gt; 그대로` {
		t.Fatalf("escapeHTML = %q", got)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		want  failure
		after time.Duration
	}{
		{"429", &tgbotapi.Error{Code: 429, Message: "Too Many Requests: retry after 7", ResponseParameters: tgbotapi.ResponseParameters{RetryAfter: 7}}, failRateLimited, 7 * time.Second},
		{"429 without retry_after", &tgbotapi.Error{Code: 429}, failRateLimited, time.Second},
		{"403 blocked", &tgbotapi.Error{Code: 403, Message: "Forbidden: bot was blocked by the user"}, failBlocked, 0},
		{"403 deactivated", &tgbotapi.Error{Code: 403, Message: "Forbidden: user is deactivated"}, failBlocked, 0},
		{"400 chat not found", &tgbotapi.Error{Code: 400, Message: "Bad Request: chat not found"}, failBlocked, 0},
		{"400 other", &tgbotapi.Error{Code: 400, Message: "Bad Request: message is too long"}, failPermanent, 0},
		{"409", &tgbotapi.Error{Code: 409, Message: "Conflict: terminated by other getUpdates request"}, failConflict, 0},
		{"401", &tgbotapi.Error{Code: 401, Message: "Unauthorized"}, failUnauthorized, 0},
		{"500", &tgbotapi.Error{Code: 500, Message: "Internal Server Error"}, failTransient, 0},
		{"proxy 502", &HTTPStatusError{Code: 502}, failTransient, 0},
		{"network", &url.Error{Op: "Post", URL: "http://x", Err: errors.New("connection refused")}, failTransient, 0},
		{"wrapped", fmt.Errorf("send: %w", &tgbotapi.Error{Code: 403}), failBlocked, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, after := classify(tc.err)
			if got != tc.want || after != tc.after {
				t.Fatalf("classify = %v, %v; want %v, %v", got, after, tc.want, tc.after)
			}
		})
	}
}

func TestScrub(t *testing.T) {
	err := scrub(&url.Error{Op: "Post", URL: "https://api.telegram.org/bot123:ABC/sendMessage", Err: errors.New("dial bot123:ABC")}, "123:ABC")
	if strings.Contains(err.Error(), "123:ABC") {
		t.Fatalf("scrubbed error = %q", err)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Fatal("scrub lost the *url.Error type")
	}
}

func TestRecentIDs(t *testing.T) {
	r := newRecentIDs(3)
	for _, id := range []int{1, 2, 3} {
		if !r.add(id) {
			t.Fatalf("add(%d) = false for a new id", id)
		}
	}
	if r.add(2) {
		t.Fatal("add(2) = true for a recent id")
	}
	r.add(4) // pushes 1 out
	if !r.add(1) {
		t.Fatal("an id older than the window was still remembered")
	}
	r.remove(3)
	if !r.add(3) {
		t.Fatal("a removed id was still remembered")
	}
}

// TestActivityForgetsOldChats: the active-chats gauge's memory stays bounded
// by the chats of one window, whether or not /metrics is scraped.
func TestActivityForgetsOldChats(t *testing.T) {
	a := newActivity(time.Minute)
	t0 := time.Date(2026, 7, 26, 9, 0, 0, 0, time.UTC)
	for id := range int64(1000) {
		a.touch(id, t0)
	}
	a.touch(5000, t0.Add(2*time.Minute))
	if n := len(a.seen); n != 1 {
		t.Fatalf("%d chats remembered two windows later without a scrape, want 1", n)
	}
	if n := a.count(t0.Add(2*time.Minute + 30*time.Second)); n != 1 {
		t.Fatalf("count = %d, want 1", n)
	}
}

// TestHoldsForgetPassedHolds: a chat held by a 429 that never sends again
// is forgotten once its hold has passed.
func TestHoldsForgetPassedHolds(t *testing.T) {
	h := newHolds()
	h.hold(1, time.Now().Add(-time.Second))
	h.hold(2, time.Now().Add(time.Hour))
	if _, ok := h.until[1]; ok || len(h.until) != 1 {
		t.Fatalf("holds = %v, want only chat 2's", h.until)
	}
}

// TestResultTitlesLink: a results message is laid out with each item's
// title a link to its official page, every other piece escaped, and an
// item without a page (or with a page that is not a web address) unlinked.
func TestResultTitlesLink(t *testing.T) {
	r := dialogs.Reply{Kind: dialogs.ReplyText, Heading: "참여하실 수 있는 교육·활동 (모두 2개)", Foot: "A & B",
		Items: []dialogs.Item{
			{N: 1, Title: "<인생>설계", Detail: "무료", Reasons: "노후 목표", URL: `https://50plus.or.kr/x?a=1&b="2"`},
			{N: 2, Title: "디지털 배움터", URL: "javascript:alert(1)"},
		}}
	got := htmlOf(r)
	for _, want := range []string{
		`1. <a href="https://50plus.or.kr/x?a=1&amp;b=&quot;2&quot;">&lt;인생&gt;설계</a>`,
		"\n   무료\n   → 노후 목표",
		"2. 디지털 배움터",
		"A &amp; B",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("htmlOf lacks %q:\n%s", want, got)
		}
	}
}
