package dialogs

import (
	"strconv"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// TestAlertDigestFitsOneMessage reproduces a digest over 4,096 characters,
// which Telegram refused, so that the resident's new items never went out:
// items as long as an import admits (and one far longer, from a catalog
// written before the limits) are cut, and the digest holds what fits,
// counting the rest.
func TestAlertDigestFitsOneMessage(t *testing.T) {
	today := data.NewDate(2026, 7, 26)
	var hits []data.Hit
	for i, name := range []string{"가", "나", "다", "라", "마", "바"} {
		title := strings.Repeat(name, 300)
		if i == 0 {
			title = strings.Repeat("긴 제목 ", 10<<20/10)
		}
		j := &data.Job{Title: title, Company: strings.Repeat("회사", 2000), Wage: strings.Repeat("월급", 2000),
			Deadline: data.NewDate(2026, 8, 14), Source: data.Source{URL: "https://www.work24.go.kr/" + strings.Repeat("x", 900)}}
		hits = append(hits, data.Hit{Job: j, Reasons: []data.Reason{{Kind: data.ReasonGoal, Goal: data.GoalJob}}})
	}
	text, ok := AlertDigest(hits, today)
	if !ok {
		t.Fatal("no digest")
	}
	if n := textUnits(text); n > maxDigestText {
		t.Errorf("digest of %d characters, over %d", n, maxDigestText)
	}
	if !strings.Contains(text, "1. 긴 제목 긴 제목") || !strings.Contains(text, "…") || !strings.Contains(text, "알림 끄기") {
		t.Errorf("digest:\n%s", text)
	}
	listed := strings.Count(text, "\n   https://")
	if listed < 2 || !strings.Contains(text, "이 밖에도 "+strconv.Itoa(len(hits)-listed)+"개가 더 있어요") {
		t.Errorf("%d items listed, and the rest not counted:\n%s", listed, text)
	}
}

// TestItemsAreCut: an item's title and details are cut to their limits
// with "…" wherever results are built, and a link too long to be one is
// left out.
func TestItemsAreCut(t *testing.T) {
	p := &data.Program{Title: strings.Repeat("가", 1000), Provider: strings.Repeat("나", 1000), Cost: -1,
		Source: data.Source{URL: "https://example.org/" + strings.Repeat("x", 2000)}}
	it, _ := hitItem(data.Hit{Program: p}, "", data.NewDate(2026, 7, 26), false)
	if n := len([]rune(it.Title)); n > maxItemTitle+1 || !strings.HasSuffix(it.Title, "…") {
		t.Errorf("title of %d characters: %q", n, it.Title)
	}
	if n := len([]rune(it.Detail)); n > maxItemDetail+1 || !strings.HasSuffix(it.Detail, "…") {
		t.Errorf("details of %d characters", n)
	}
	if it.URL != "" {
		t.Errorf("a link of %d bytes kept", len(it.URL))
	}
	pl := data.Place{Name: strings.Repeat("다", 500), Address: strings.Repeat("라", 5000)}
	items := placeItems([]data.PlaceHit{{Place: &pl}}, false)
	if len([]rune(items[0].Title)) > maxItemTitle+1 || len([]rune(items[0].Detail)) > maxItemDetail+1 {
		t.Errorf("place item not cut: %d, %d", len([]rune(items[0].Title)), len([]rune(items[0].Detail)))
	}
}
