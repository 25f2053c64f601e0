package bot_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/internal/sourcetest"
)

// clock is the sender's fake clock: today (DASI_NOW) and the hour in Seoul.
type clock struct {
	today data.Date
	hour  int
}

func (c *clock) now() time.Time { return c.today.Time().Add(time.Duration(c.hour) * time.Hour) }

// optIn stores a consenting resident with notices on, as the conversation
// would, and makes their chat known to the fake Telegram.
func (c *crowd) optIn(chat int64) data.ResidentID {
	c.t.Helper()
	ctx := context.Background()
	id := resident(chat)
	for _, k := range []data.ConsentKind{data.ConsentProfile, data.ConsentNotices} {
		if err := c.store.RecordConsentText(ctx, data.ConsentText{Kind: k, Version: "t1", Text: "동의 문구 " + string(k)}, time.Now()); err != nil {
			c.t.Fatal(err)
		}
	}
	if err := c.store.GiveConsent(ctx, id, data.ConsentProfile, "t1", time.Now()); err != nil {
		c.t.Fatal(err)
	}
	p := data.Profile{Age: data.Age55to59, Goals: data.Goals(0).With(data.GoalJob), District: data.DistrictByName("마포구")}
	if err := c.store.SaveProfile(ctx, id, p, true, time.Now()); err != nil {
		c.t.Fatal(err)
	}
	if err := c.store.GiveConsent(ctx, id, data.ConsentNotices, "t1", time.Now()); err != nil {
		c.t.Fatal(err)
	}
	c.tg.SendText(chat, "/start")
	return id
}

// remind stores the reminder the details of the item would set on today.
func (c *crowd) remind(id data.ResidentID, cat *data.Catalog, it data.AlertItem, today data.Date) data.Reminder {
	c.t.Helper()
	var (
		r  data.Reminder
		ok bool
	)
	switch it.Kind {
	case data.AlertProgram:
		p, _ := cat.Program(it.ID)
		r, ok = data.ReminderOf(p, today)
	case data.AlertJob:
		j, _ := cat.Job(it.ID)
		r, ok = data.JobReminderOf(j, today)
	}
	if !ok {
		c.t.Fatalf("%s %s has no date to remind of on %s", it.Kind, it.ID, today)
	}
	r, err := c.store.AddReminder(context.Background(), id, r, time.Now())
	if err != nil {
		c.t.Fatal(err)
	}
	return r
}

// reminderCatalog is a catalog of test fixtures: a 선착순 course whose
// applications open on 7월 28일, and a job opening that closes on 7월 30일.
func reminderCatalog(courseEnd data.Date, withJob bool) *data.Catalog {
	programs := []data.Program{{ID: "test-course", Title: "시험용 선착순 스마트폰 교실", Goals: data.Goals(0).With(data.GoalDigital),
		ApplyStart: data.NewDate(2026, 7, 28), ApplyEnd: courseEnd, Cost: 0,
		Source: data.Source{Format: "test-fixture", ID: "course", URL: "https://example.kr/course"}}}
	var jobs []data.Job
	if withJob {
		jobs = append(jobs, data.Job{ID: "test-job", Title: "시험용 공고: 경리 사무원", Company: "시험용 회사",
			District: data.DistrictByName("마포구"), Deadline: data.NewDate(2026, 7, 30),
			Source: data.Source{Format: "test-fixture", ID: "job", URL: "https://example.kr/job"}})
	}
	return data.NewCatalog(nil, programs, jobs)
}

var (
	course = data.AlertItem{Kind: data.AlertProgram, ID: "test-course"}
	job    = data.AlertItem{Kind: data.AlertJob, ID: "test-job"}
)

func newReminders(t *testing.T, c *crowd, live *data.LiveCatalog, clk *clock) *bot.Reminders {
	t.Helper()
	r, err := bot.NewReminders(c.store, live, bot.ReminderOptions{
		Today: func() data.Date { return clk.today },
		Now:   clk.now,
		Retry: bot.RetryPolicy{Attempts: 2, Backoff: time.Millisecond, MaxBackoff: time.Millisecond},
		Log:   c.log,
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRemindersGoOutOnceEach: the day before applications open and two
// days before the deadline, from 09:00, each reminder goes out once with
// the item's link, also after a restart; none after /stop or /forget.
func TestRemindersGoOutOnceEach(t *testing.T) {
	c := newCrowd(t)
	ctx := context.Background()
	cat := reminderCatalog(data.NewDate(2026, 8, 10), true)
	live := data.NewLiveCatalog(cat)
	jul26 := data.NewDate(2026, 7, 26)
	const (
		keen    = 9101
		stopped = 9102
		forgot  = 9103
	)
	a := c.optIn(keen)
	c.remind(a, cat, course, jul26) // opens 7/28: due 7/27
	c.remind(a, cat, job, jul26)    // closes 7/30: due 7/28
	s := c.optIn(stopped)
	c.remind(s, cat, job, jul26)
	f := c.optIn(forgot)
	c.remind(f, cat, job, jul26)

	clk := &clock{today: data.NewDate(2026, 7, 27), hour: 8}
	r := newReminders(t, c, live, clk)
	tick := func() {
		t.Helper()
		if err := r.Tick(ctx, c.bot); err != nil {
			t.Fatal(err)
		}
	}
	tick()
	if n := len(c.tg.Messages(keen)); n != 0 {
		t.Fatalf("a reminder before 09:00: %q", c.tg.Messages(keen)[0].Text)
	}
	clk.hour = 9
	tick()
	tick()
	if n := countText(c.tg, keen, "7월 28일(화)부터 신청을 받아요: 시험용 선착순 스마트폰 교실"); n != 1 {
		t.Fatalf("the opening reminder went out %d times, want once:\n%v", n, c.tg.Messages(keen))
	}
	if n := countText(c.tg, keen, "https://example.kr/course"); n != 1 {
		t.Errorf("the opening reminder has no link")
	}
	if n := countText(c.tg, keen, "경리 사무원"); n != 0 {
		t.Errorf("the deadline reminder went out a day early")
	}

	// /stop, /forget, and a restart on the deadline reminder's day.
	if _, err := c.store.WithdrawConsent(ctx, s, data.ConsentNotices, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.store.Forget(ctx, f); err != nil {
		t.Fatal(err)
	}
	clk.today, clk.hour = data.NewDate(2026, 7, 28), 10
	r = newReminders(t, c, live, clk)
	tick()
	tick()
	if n := countText(c.tg, keen, "7월 30일(목)에 신청이 마감돼요: 시험용 공고: 경리 사무원"); n != 1 {
		t.Errorf("the deadline reminder went out %d times, want once:\n%v", n, c.tg.Messages(keen))
	}
	if n := countText(c.tg, keen, "스마트폰 교실"); n != 1 {
		t.Errorf("the opening reminder went out again after a restart (%d)", n)
	}
	for _, chat := range []int64{stopped, forgot} {
		if got := c.tg.Messages(chat); len(got) != 0 {
			t.Errorf("chat %d got a reminder after /stop or /forget: %q", chat, got[0].Text)
		}
	}
	if m := c.tg.Messages(keen); len(m) > 0 && (len(m[0].Buttons) != 1 || m[0].Buttons[0][0].Text != "알림 끄기") {
		t.Errorf("a reminder's buttons: %v, want the 알림 끄기 button", m[0].Buttons)
	}
}

// TestRemindersFollowRefreshes: a refresh that moves the course's deadline
// moves its reminder, and one that takes the job opening down cancels its
// reminder, each with one line to the resident, once.
func TestRemindersFollowRefreshes(t *testing.T) {
	c := newCrowd(t)
	ctx := context.Background()
	jul26 := data.NewDate(2026, 7, 26)
	v1 := reminderCatalog(data.NewDate(2026, 8, 10), true)
	live := data.NewLiveCatalog(v1)
	const chat = 9201
	a := c.optIn(chat)
	// Asked for on 7/29, after the course opened: before its deadline.
	c.remind(a, v1, course, data.NewDate(2026, 7, 29))
	c.remind(a, v1, job, jul26)
	clk := &clock{today: data.NewDate(2026, 7, 29), hour: 8}
	r := newReminders(t, c, live, clk)
	if err := r.Tick(ctx, c.bot); err != nil {
		t.Fatal(err)
	}
	clk.hour = 10
	if err := r.Tick(ctx, c.bot); err != nil {
		t.Fatal(err)
	}
	// The job opening's reminder was due yesterday: it went out now.
	if n := countText(c.tg, chat, "경리 사무원"); n != 1 {
		t.Fatalf("the job opening's reminder: %d messages, want 1", n)
	}
	c.remind(a, v1, job, data.NewDate(2026, 7, 29)) // asked again: it waits again, due 7/30

	live.Store(reminderCatalog(data.NewDate(2026, 8, 14), false)) // deadline moved, job gone
	for range 2 {
		if err := r.Tick(ctx, c.bot); err != nil {
			t.Fatal(err)
		}
	}
	moved := "시험용 선착순 스마트폰 교실은 마감일이 8월 14일(금)로 바뀌어, 마감 이틀 전인 8월 12일(수) 아침 9시에 알려 드릴게요."
	if n := countText(c.tg, chat, moved); n != 1 {
		t.Errorf("the moved line: %d messages, want 1:\n%v", n, texts(c, chat))
	}
	if n := countText(c.tg, chat, "시험용 공고: 경리 사무원 안내가 내려가서 맞춰 두신 알림을 취소했어요."); n != 1 {
		t.Errorf("the cancelled line: %d messages, want 1:\n%v", n, texts(c, chat))
	}
	left, err := c.store.Reminders(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].Item != course || left[0].Due != data.NewDate(2026, 8, 12) {
		t.Errorf("reminders after the refresh: %+v, want the course's, due 8/12", left)
	}
}

func texts(c *crowd, chat int64) string {
	var b strings.Builder
	for _, m := range c.tg.Messages(chat) {
		b.WriteString(m.Text + "\n---\n")
	}
	return b.String()
}

// TestReminderFromTheConversation: through Telegram, a resident opens a
// course's details from the results, sets its reminder, finds it in
// /profile and cancels it there; the store follows each step, and a
// restart keeps the reminder.
func TestReminderFromTheConversation(t *testing.T) {
	d := startDasi(t, nil, nil, 100)
	ctx := context.Background()
	csv := "id,title,category,goals,provider,place_id,district,online,min_age,max_age,seoul_only,cost,cost_text,schedule,apply_start,apply_end,start,end,keywords,url,source_note\n" +
		"test-smart,시험용 선착순 스마트폰 교실,디지털,digital,시험용 복지관,,은평,n,40,,y,0,,매주 화요일,2026-07-30,2026-08-20,2026-09-01,2026-10-31,스마트폰,https://example.kr/smart,\n"
	if _, err := imports.File(ctx, d.store, strings.NewReader(csv), imports.Options{Kind: imports.Programs, File: "test.csv", Today: data.NewDate(2026, 7, 26)}); err != nil {
		t.Fatal(err)
	}
	d.restart()
	const chat = 9301
	d.intake(chat, "은평구", true)
	pick := ""
	for page := 0; pick == "" && page < 8; page++ {
		if page > 0 {
			d.press(chat, "res:more")
		}
		d.press(chat, "res:pick")
		for _, row := range d.TG.Messages(chat)[len(d.TG.Messages(chat))-1].Buttons {
			for _, b := range row {
				if strings.Contains(b.Text, "시험용 선착순") {
					pick = b.Data
				}
			}
		}
	}
	if pick == "" {
		t.Fatalf("the pick list has no button for the course:\n%s", d.last(chat))
	}
	d.press(chat, pick)
	d.expect(chat, "시험용 선착순 스마트폰 교실", "신청: 7월 30일(목)부터 8월 20일(목)까지")
	d.press(chat, "dtl:remind")
	d.expect(chat, "신청 시작 하루 전인 7월 29일(수) 아침 9시에 알려 드릴게요.")
	d.restart()
	rs, err := d.store.Reminders(ctx, resident(chat))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Kind != data.ReminderOpen || rs[0].Due != data.NewDate(2026, 7, 29) {
		t.Fatalf("stored reminders %+v, want the opening reminder due 7/29", rs)
	}
	d.say(chat, "/profile")
	d.expect(chat, "맞춰 두신 알림이에요", "1. 시험용 선착순 스마트폰 교실 · 7월 29일(수) 아침 (신청 시작 전)")
	d.press(chat, "rmd:x"+strconv.FormatInt(rs[0].ID, 10))
	d.expect(chat, "알림을 취소했어요.")
	if rs, _ := d.store.Reminders(ctx, resident(chat)); len(rs) != 0 {
		t.Errorf("reminders after the cancel: %+v", rs)
	}
}

// TestRemindersFollowTheRefresher: the live sources change (a posting's
// deadline moves, another posting leaves the listing); after the
// refresher's swap, the sender moves the one reminder and cancels the
// other, one line each, once.
func TestRemindersFollowTheRefresher(t *testing.T) {
	c := newCrowd(t)
	ctx := context.Background()
	s := newSources(t, c.store)
	rf := s.refresher(t, nil, nil, time.Minute)
	if n := rf.Tick(ctx); n != 3 {
		t.Fatalf("the first refresh read %d sources, want 3", n)
	}
	byTitle := func(title string) data.AlertItem {
		t.Helper()
		for _, j := range s.live.Load().Jobs() {
			if j.Title == title {
				return data.AlertItem{Kind: data.AlertJob, ID: j.ID}
			}
		}
		t.Fatalf("no job opening %q after the refresh", title)
		return data.AlertItem{}
	}
	guard, electrician := byTitle("은평 아파트 경비원"), byTitle("노원 시설 전기기사")
	const chat = 9401
	a := c.optIn(chat)
	c.remind(a, s.live.Load(), guard, refreshDay)
	c.remind(a, s.live.Load(), electrician, refreshDay)
	clk := &clock{today: refreshDay, hour: 12}
	r := newReminders(t, c, s.live, clk)
	if err := r.Tick(ctx, c.bot); err != nil {
		t.Fatal(err)
	}

	s.seoul.Set(sourcetest.Posting{ID: "K100", Title: "은평 아파트 경비원", Company: "은평관리", Region: "서울 은평구", Close: "2026-10-15"})
	s.work24.Set(sourcetest.Posting{ID: "W300", Title: "노원 건물 미화원", Company: "OO시설관리", Region: "서울 노원구", Close: "2026-09-25"})
	for range 2 { // a posting leaves after two listings lack it
		s.advance(6 * time.Hour)
		rf.Tick(ctx)
	}
	for range 2 {
		if err := r.Tick(ctx, c.bot); err != nil {
			t.Fatal(err)
		}
	}
	for _, line := range []string{
		"은평 아파트 경비원은 마감일이 10월 15일(목)로 바뀌어, 마감 이틀 전인 10월 13일(화) 아침 9시에 알려 드릴게요.",
		"노원 시설 전기기사 안내가 내려가서 맞춰 두신 알림을 취소했어요.",
	} {
		if n := countText(c.tg, chat, line); n != 1 {
			t.Errorf("%d messages %q, want 1:\n%s", n, line, texts(c, chat))
		}
	}
	left, err := c.store.Reminders(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 1 || left[0].Item != guard || left[0].Due != data.NewDate(2026, 10, 13) {
		t.Errorf("reminders after the refreshes: %+v, want the guard's, due 10/13", left)
	}
}
