package dialogs

import (
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// perPage is how many items of each group a page shows.
const perPage = 3

// showResults shows a page of the resident's results: programs, job
// openings and places, each item with one line of reasons, a map pin for
// the nearest place on the first page, and the buttons to go on.
func (t *turn) showResults() {
	t.s.step = stepResults
	t.results(t.s.prof, false)
}

// showBrowse shows a page of a district's programs and places to a
// resident who did not consent: nothing about them but the district.
func (t *turn) showBrowse() {
	t.s.step = stepBrowseResults
	t.results(data.Profile{District: t.s.prof.District, At: t.s.prof.At}, true)
}

func (t *turn) results(p data.Profile, browse bool) {
	off := int(t.s.page) * perPage
	r := t.m.cat.Match(data.Query{Profile: p, Today: t.in.Today, Offset: off, Limit: perPage})
	first := t.s.page == 0
	shown := false

	if len(r.Programs) > 0 {
		t.send(t.group(msgProgramsHead(r.TotalPrograms, off+1, off+len(r.Programs)), off, t.programItems(r.Programs)))
		shown = true
	} else if first {
		if browse {
			t.say(msgNoBrowseProgs)
		} else {
			t.say(msgNoPrograms)
		}
	}
	total := r.TotalPrograms
	if !browse {
		if len(r.Jobs) > 0 {
			t.send(t.group(msgJobsHead(r.TotalJobs, off+1, off+len(r.Jobs)), off, t.jobItems(r.Jobs)))
			shown = true
		} else if first {
			t.say(msgNoJobs)
		}
		total = max(total, r.TotalJobs)
	}
	if len(r.Places) > 0 {
		t.send(t.group(msgPlacesHead(r.TotalPlaces, off+1, off+len(r.Places)), off, t.placeItems(r.Places)))
		shown = true
		if first && r.Places[0].Place.At.Valid() {
			pl := *r.Places[0].Place
			t.send(Reply{Kind: ReplyPlace, Text: msgNearest(pl.Name), Place: &pl})
		}
	} else if first {
		t.say(msgNoPlaces)
	}
	total = max(total, r.TotalPlaces)
	t.s.end = off+perPage >= total

	switch {
	case browse && !shown && !first:
		t.s.end = true
		t.send(Reply{Kind: ReplyText, Text: msgBrowseNoMore, Buttons: t.browseFooter()})
	case browse && t.s.end:
		t.send(Reply{Kind: ReplyText, Text: msgBrowseAllShown, Buttons: t.browseFooter()})
	case browse:
		t.send(Reply{Kind: ReplyText, Text: msgBrowseFooter, Buttons: t.browseFooter()})
	case !shown && !first:
		t.s.end = true
		t.send(Reply{Kind: ReplyText, Text: msgNoMore, Buttons: t.footer(false)})
	case t.s.end:
		t.send(Reply{Kind: ReplyText, Text: msgAllShown, Buttons: t.footer(false)})
	default:
		t.send(Reply{Kind: ReplyText, Text: msgFooter, Buttons: t.footer(false)})
	}
}

// footer is the results buttons: 더 보기 while there is more, 조건 바꾸기,
// 새 소식 알림 받기 unless notices are on (or were just answered), 처음으로.
func (t *turn) footer(noticesAnswered bool) [][]Button {
	st := stepResults
	row := []Button{btn(st, labelChangeCond, "edit")}
	if !t.s.end {
		row = append([]Button{btn(st, labelMore, "more")}, row...)
	}
	last := []Button{btn(st, labelHome, valHome)}
	if t.s.notices != yes && !noticesAnswered {
		last = append([]Button{btn(st, labelNotify, "notify")}, last...)
	}
	return [][]Button{row, last}
}

// browseFooter is the buttons under a district's list.
func (t *turn) browseFooter() [][]Button {
	st := stepBrowseResults
	row := []Button{btn(st, labelOtherDist, "dst")}
	if !t.s.end {
		row = append([]Button{btn(st, labelMore, "more")}, row...)
	}
	return [][]Button{row, {btn(st, labelAgreeSearch, "consent"), btn(st, labelHome, valHome)}}
}

// group is one results message: a heading, then each item as its title,
// a line of details and a line of reasons, with a link button per item
// that has an official page.
func (t *turn) group(head string, off int, items []Item) Reply {
	var b strings.Builder
	b.Grow(len(head) + 300*len(items))
	b.WriteString(head)
	var links [][]Button
	for i := range items {
		n := off + i + 1
		items[i].N = n
		it := items[i]
		b.WriteString("\n\n" + strconv.Itoa(n) + ". " + it.Title)
		if it.Detail != "" {
			b.WriteString("\n   " + it.Detail)
		}
		if it.Reasons != "" {
			b.WriteString("\n   → " + it.Reasons)
		}
		if it.URL != "" {
			links = append(links, []Button{{Label: labelDetails(n), URL: it.URL}})
		}
	}
	return Reply{Kind: ReplyText, Text: b.String(), Buttons: links, Items: items}
}

func (t *turn) reasons(rs []data.Reason) string {
	return strings.Join(ReasonTexts(rs), " · ")
}

func (t *turn) programItems(hs []data.Hit) []Item {
	items := make([]Item, 0, len(hs))
	var buf [4]string
	for _, h := range hs {
		p := h.Program
		if p == nil {
			continue
		}
		parts := buf[:0]
		switch {
		case p.Online:
			parts = append(parts, wordOnline)
		case p.PlaceID != "":
			if pl, ok := t.m.cat.Place(p.PlaceID); ok {
				parts = append(parts, pl.Name)
			} else if p.Provider != "" {
				parts = append(parts, p.Provider)
			}
		case p.Provider != "":
			parts = append(parts, p.Provider)
		case p.District != 0:
			parts = append(parts, p.District.Name())
		}
		today := t.in.Today
		switch {
		case p.Start != 0 && p.Start >= today:
			parts = append(parts, wordStarts(p.Start, today))
		case p.Schedule != "":
			parts = append(parts, clip(p.Schedule, maxSchedule))
		}
		// What the reasons already say (free, a deadline) is not said twice.
		if p.ApplyEnd != 0 && !has(h.Reasons, data.ReasonDeadline) {
			parts = append(parts, wordApplyBy(p.ApplyEnd, today))
		}
		switch {
		case p.Cost == 0:
			if !has(h.Reasons, data.ReasonFree) {
				parts = append(parts, wordFree)
			}
		case p.CostText != "":
			parts = append(parts, p.CostText)
		case p.Cost > 0:
			parts = append(parts, wordWon(p.Cost))
		}
		items = append(items, Item{Title: p.Title, Detail: strings.Join(parts, " · "), Reasons: t.reasons(h.Reasons), URL: p.Source.URL})
	}
	return items
}

func (t *turn) jobItems(hs []data.Hit) []Item {
	items := make([]Item, 0, len(hs))
	var buf [4]string
	for _, h := range hs {
		j := h.Job
		if j == nil {
			continue
		}
		parts := buf[:0]
		for _, s := range [...]string{j.Company, j.District.Name(), j.Wage} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		switch {
		case j.Deadline != 0 && !has(h.Reasons, data.ReasonDeadline):
			parts = append(parts, wordDeadline(j.Deadline, t.in.Today))
		case j.Deadline == 0 && !has(h.Reasons, data.ReasonAlwaysOpen):
			parts = append(parts, wordUntilHire)
		}
		items = append(items, Item{Title: j.Title, Detail: strings.Join(parts, " · "), Reasons: t.reasons(h.Reasons), URL: j.Source.URL})
	}
	return items
}

func (t *turn) placeItems(hs []data.PlaceHit) []Item {
	items := make([]Item, 0, len(hs))
	var buf [3]string
	for _, h := range hs {
		p := h.Place
		if p == nil {
			continue
		}
		parts := buf[:0]
		if h.HasDistance && !has(h.Reasons, data.ReasonDistance) {
			parts = append(parts, distanceText(h.Meters))
		}
		if p.Address != "" {
			parts = append(parts, p.Address)
		}
		if p.Phone != "" && p.Status == data.PlaceOpen {
			parts = append(parts, "☎ "+p.Phone)
		}
		items = append(items, Item{Title: p.Name, Detail: strings.Join(parts, " · "), Reasons: t.reasons(h.Reasons), URL: p.Source.URL})
	}
	return items
}

// has reports whether rs holds a reason of kind k.
func has(rs []data.Reason, k data.ReasonKind) bool {
	for _, r := range rs {
		if r.Kind == k {
			return true
		}
	}
	return false
}

// maxSchedule is how much of a program's schedule text the detail line
// shows, in characters: the line stays one line on a phone, and the
// official page has the rest.
const maxSchedule = 30

// clip shortens s to at most n characters, at a space or comma when there
// is one, marking the cut with "…".
func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := n
	for i := n; i > n/2; i-- {
		if rs[i] == ' ' || rs[i] == ',' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ,") + "…"
}
