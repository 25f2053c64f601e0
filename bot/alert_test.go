package bot_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/dialogs"
)

// jobsJSON is a Seoul GetJobInfo answer with the given rows.
func jobsJSON(rows ...string) string {
	return fmt.Sprintf(`{"GetJobInfo":{"list_total_count":%d,"RESULT":{"CODE":"INFO-000","MESSAGE":"정상 처리되었습니다"},"row":[%s]}}`,
		len(rows), strings.Join(rows, ","))
}

func jobRow(id, title, company, address string) string {
	return fmt.Sprintf(`{"JO_REQST_NO":"%s","JO_REGIST_NO":"%s","CMPNY_NM":"%s","WORK_PARAR_BASS_ADRES_CN":"%s","HOPE_WAGE":"월급 / 2,300,000원","RCEPT_CLOS_NM":"마감일 (2026-09-30)","JO_SJ":"%s","JO_REG_DT":"2026-07-25"}`,
		id, id, company, address, title)
}

// TestAlertsSendNewMatchesOnceADay: after an import, a resident who asked
// for notices gets one digest of the new job openings that fit them, each
// with its reasons and the stop button; residents who did not ask, or whom
// nothing fits, get nothing; a second import the same day waits for the
// next day.
func TestAlertsSendNewMatchesOnceADay(t *testing.T) {
	c := newCrowd(t)
	ctx := context.Background()
	eunpyeong := data.DistrictByName("은평구")
	const (
		wants   = 8001 // 은평구, wants a job, notices on
		silent  = 8002 // 은평구, wants a job, no notices
		planner = 8003 // 강남구, wants only to plan later life
	)
	for _, r := range []struct {
		chat    int64
		p       data.Profile
		notices bool
	}{
		{wants, data.Profile{Age: data.Age50to54, Field: data.FieldFinance, Years: data.Years20Plus, Goals: data.Goals(0).With(data.GoalJob), District: eunpyeong}, true},
		{silent, data.Profile{Age: data.Age50to54, Goals: data.Goals(0).With(data.GoalJob), District: eunpyeong}, false},
		{planner, data.Profile{Age: data.Age60to64, Goals: data.Goals(0).With(data.GoalLife), District: data.DistrictByName("강남구")}, true},
	} {
		consent := func(k data.ConsentKind) data.ConsentText {
			return data.ConsentText{Kind: k, Version: "t1", Text: "동의 문구 " + string(k)}
		}
		if err := c.store.RecordConsentText(ctx, consent(data.ConsentProfile), time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := c.store.RecordConsentText(ctx, consent(data.ConsentNotices), time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := c.store.GiveConsent(ctx, resident(r.chat), data.ConsentProfile, "t1", time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := c.store.SaveProfile(ctx, resident(r.chat), r.p, true, time.Now()); err != nil {
			t.Fatal(err)
		}
		if r.notices {
			if err := c.store.GiveConsent(ctx, resident(r.chat), data.ConsentNotices, "t1", time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		c.tg.SendText(r.chat, "/start")
	}

	cat, err := c.store.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	live := data.NewLiveCatalog(cat)
	var today atomic.Int32
	today.Store(int32(data.NewDate(2026, 7, 26)))
	noon := time.Date(2026, 7, 26, 12, 0, 0, 0, time.FixedZone("KST", 9*3600))
	var hour atomic.Int64 // hours after noon
	bc := bot.NewBroadcasts(c.store, bot.BroadcastOptions{Rate: 100, Log: c.log})
	alerts := bot.NewAlerts(c.store, bc, live, bot.AlertOptions{
		Today: func() data.Date { return data.Date(today.Load()) },
		Now:   func() time.Time { return noon.Add(time.Duration(hour.Load()) * time.Hour) },
		Every: 10 * time.Millisecond,
		Log:   c.log,
	})
	stop := c.run(bc)
	defer stop()
	actx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { alerts.Run(actx); close(done) }()
	defer func() { cancel(); <-done }()

	// The catalog as it was when alerts began is not news.
	time.Sleep(100 * time.Millisecond)
	if got := c.tg.Messages(wants); len(got) != 0 {
		t.Fatalf("a digest before any import: %q", got[0].Text)
	}

	imp := func(rows ...string) {
		t.Helper()
		if _, err := imports.File(ctx, c.store, strings.NewReader(jobsJSON(rows...)), imports.Options{Kind: imports.Jobs, File: "jobs.json", Today: data.Date(today.Load())}); err != nil {
			t.Fatal(err)
		}
		cat, err := c.store.Catalog(ctx)
		if err != nil {
			t.Fatal(err)
		}
		live.Store(cat)
	}
	imp(jobRow("A1", "은평 사무실 경리 사무원", "은평 상사", "서울 은평구 통일로 684"),
		jobRow("A2", "강남 호텔 주방 보조", "강남 호텔", "서울 강남구 테헤란로 1"))

	digest := waitText(t, c, wants, "은평 사무실 경리 사무원")
	if strings.Contains(digest.Text, "강남 호텔") {
		t.Errorf("the digest lists a job far away in another field:\n%s", digest.Text)
	}
	if !strings.Contains(digest.Text, "→ ") || !strings.Contains(digest.Text, "은평구") {
		t.Errorf("the digest does not say why the job fits:\n%s", digest.Text)
	}
	t.Logf("digest:\n%s", digest.Text)
	stopBtn := dialogs.StopAlertsButton()
	if len(digest.Buttons) != 1 || digest.Buttons[0][0].Data != stopBtn.Data {
		t.Errorf("digest buttons %v, want the stop button", digest.Buttons)
	}

	// A second import the same day: the resident waits for tomorrow.
	imp(jobRow("A3", "은평 회계 사무 보조", "은평 세무", "서울 은평구 연서로 1"))
	time.Sleep(300 * time.Millisecond)
	if n := countText(c.tg, wants, "은평 회계 사무 보조"); n != 0 {
		t.Errorf("a second digest the same day")
	}
	today.Store(int32(data.NewDate(2026, 7, 27)))
	hour.Store(19) // 7 a.m.: nobody is woken
	time.Sleep(300 * time.Millisecond)
	if n := countText(c.tg, wants, "은평 회계 사무 보조"); n != 0 {
		t.Errorf("a digest at 7 a.m.")
	}
	hour.Store(21) // 9 a.m.
	waitText(t, c, wants, "은평 회계 사무 보조")
	if n := countText(c.tg, wants, "은평 사무실 경리 사무원"); n != 1 {
		t.Errorf("the first job was announced %d times, want once", n)
	}
	for _, chat := range []int64{silent, planner} {
		if got := c.tg.Messages(chat); len(got) != 0 {
			t.Errorf("resident %d got an alert: %q", chat, got[0].Text)
		}
	}
}

// waitText waits until chat received a message holding text.
func waitText(t *testing.T, c *crowd, chat int64, text string) faketg.Message {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for _, m := range c.tg.Messages(chat) {
			if strings.Contains(m.Text, text) {
				return m
			}
		}
	}
	t.Fatalf("chat %d never received %q; log:\n%s", chat, text, c.logs.String())
	return faketg.Message{}
}

// countText counts chat's messages holding text.
func countText(tg *faketg.Server, chat int64, text string) int {
	n := 0
	for _, m := range tg.Messages(chat) {
		if strings.Contains(m.Text, text) {
			n++
		}
	}
	return n
}
