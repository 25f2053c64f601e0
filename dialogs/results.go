package dialogs

import (
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// perPage is how many items of each group a page shows.
const perPage = 3

// showResults shows a page of the resident's results.
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

// results shows one page as few messages as read well, since each is a
// notification on the resident's phone: one per group that has items on
// this page (programs, job openings unless browsing, places), each item
// with a line of details and a line of reasons. On the first page a group
// that found nothing is said at the top of the next group's message, with
// where to turn instead. The last message closes with where to go next and
// its buttons. On the first page the nearest place follows as a map pin.
func (t *turn) results(p data.Profile, browse bool) {
	off := int(t.s.page) * perPage
	r := t.m.cat.Match(data.Query{Profile: p, Today: t.in.Today, Offset: off, Limit: perPage})
	first := t.s.page == 0
	total := max(r.TotalPrograms, r.TotalPlaces)
	if !browse {
		total = max(total, r.TotalJobs)
	}
	t.s.end = off+perPage >= total

	var note string
	if first {
		where := ""
		if len(r.Places) > 0 {
			where = r.Places[0].Place.Name
		}
		note = msgNotFound(len(r.Programs) == 0, !browse && r.JobsAsked && len(r.Jobs) == 0, len(r.Places) == 0, browse, where)
	}
	type part struct {
		head  func(total, from, to int) string
		total int
		items []Item
	}
	groups := make([]part, 0, 3)
	groups = append(groups, part{msgProgramsHead, r.TotalPrograms, t.hitItems(r.Programs, browse)})
	if !browse {
		groups = append(groups, part{msgJobsHead, r.TotalJobs, t.hitItems(r.Jobs, browse)})
	}
	groups = append(groups, part{msgPlacesHead, r.TotalPlaces, placeItems(r.Places, browse)})
	msgs := make([]Reply, 0, len(groups))
	afterEmpty := false
	for _, g := range groups {
		if len(g.items) == 0 {
			afterEmpty = true
			continue
		}
		m := group(g.head(g.total, off+1, off+len(g.items)), off, g.items)
		if afterEmpty && note != "" {
			m.Lead, note = note, ""
		}
		msgs = append(msgs, m)
	}
	if len(msgs) == 0 && !first {
		t.s.end = true // a 더 보기 pressed past the end
	}

	foot, buttons := t.closing(browse)
	foot = msgCall(r.Call) + "\n" + foot
	if note != "" {
		foot = note + "\n" + foot
	}
	if len(msgs) == 0 {
		t.send(Reply{Kind: ReplyText, Text: foot, Buttons: buttons})
		return
	}
	last := &msgs[len(msgs)-1]
	last.Foot = foot
	last.Buttons = append(last.Buttons, buttons...)
	for _, m := range msgs {
		t.send(m)
	}
	if first && len(r.Places) > 0 && r.Places[0].Place.At.Valid() {
		pl := *r.Places[0].Place
		t.send(Reply{Kind: ReplyPlace, Text: msgNearest(pl.Name), Place: &pl})
	}
}

// closing is what ends a page of results: where to go next, and the
// buttons to go there.
func (t *turn) closing(browse bool) (string, [][]Button) {
	switch {
	case browse && t.s.end:
		return msgBrowseAllShown, t.browseFooter()
	case browse:
		return msgBrowseFooter, t.browseFooter()
	case t.s.end:
		return msgAllShown, t.footer(false)
	default:
		return msgFooter, t.footer(false)
	}
}

// footer is the results buttons: 더 보기 while there is more, 조건 바꾸기,
// 새 소식 알림 받기 when notices are off and were not just answered, and
// 처음으로. While notices are unasked the notices question itself follows
// the results, so the button would ask it twice.
func (t *turn) footer(noticesAnswered bool) [][]Button {
	st := stepResults
	row := []Button{btn(st, labelChangeCond, "edit")}
	if !t.s.end {
		row = append([]Button{btn(st, labelMore, "more")}, row...)
	}
	last := []Button{btn(st, labelHome, valHome)}
	if t.s.notices == no && !noticesAnswered {
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

// group is one results message: a heading and the items numbered from
// off+1, with a link button per item that has an official page. Its Text
// is laid out when it is sent (layout), after its Lead and Foot are known.
func group(head string, off int, items []Item) Reply {
	var links [][]Button
	for i := range items {
		items[i].N = off + i + 1
		if items[i].URL != "" {
			links = append(links, []Button{{Label: labelDetails(items[i].N), URL: items[i].URL}})
		}
	}
	return Reply{Kind: ReplyText, Heading: head, Items: items, Buttons: links}
}

// layout writes a results message as one text: its lead, its heading,
// each item as its number and title, a line of details and a line of
// reasons, then its foot, with a blank line between them.
func layout(r Reply) string {
	var b strings.Builder
	b.Grow(len(r.Lead) + len(r.Heading) + len(r.Foot) + 300*len(r.Items))
	if r.Lead != "" {
		b.WriteString(r.Lead)
		b.WriteString("\n\n")
	}
	b.WriteString(r.Heading)
	for _, it := range r.Items {
		b.WriteString("\n\n")
		writeItem(&b, it)
	}
	if r.Foot != "" {
		b.WriteString("\n\n")
		b.WriteString(r.Foot)
	}
	return b.String()
}

// writeItem writes an item as its number and title, then its line of
// details and its line of reasons, indented under the title.
func writeItem(b *strings.Builder, it Item) {
	b.WriteString(strconv.Itoa(it.N))
	b.WriteString(". ")
	b.WriteString(it.Title)
	if it.Detail != "" {
		b.WriteString("\n   ")
		b.WriteString(it.Detail)
	}
	if it.Reasons != "" {
		b.WriteString("\n   → ")
		b.WriteString(it.Reasons)
	}
}

// hitItems is programs or job openings as results show them.
func (t *turn) hitItems(hs []data.Hit, browse bool) []Item {
	items := make([]Item, 0, len(hs))
	for _, h := range hs {
		place := ""
		if p := h.Program; p != nil && p.PlaceID != "" && !p.Online {
			if pl, ok := t.m.cat.Place(p.PlaceID); ok {
				place = pl.Name
			}
		}
		if it, ok := hitItem(h, place, t.in.Today, browse); ok {
			items = append(items, it)
		}
	}
	return items
}

// hitItem is a program or a job opening as an item: its title, a line of
// details, a line of reasons and its page. place names the place a
// program runs at, when the caller knows it. ok is false for a hit that
// holds neither.
func hitItem(h data.Hit, place string, today data.Date, browse bool) (Item, bool) {
	var it Item
	switch {
	case h.Program != nil:
		p := h.Program
		it = Item{Title: p.Title, Detail: programDetail(p, h.Reasons, place, today), URL: p.Source.URL}
	case h.Job != nil:
		j := h.Job
		it = Item{Title: j.Title, Detail: jobDetail(j, h.Reasons, today), URL: j.Source.URL}
	default:
		return Item{}, false
	}
	it.Reasons = reasonLine(h.Reasons, browse)
	return capItem(it), true
}

// programDetail is a program's line of where, when and cost: its place
// (or provider, or 온라인), its start or what its schedule says that is not
// past, the last day to apply and the cost. What its title or reasons say
// (the place, online, free, a deadline) is not said twice.
func programDetail(p *data.Program, rs []data.Reason, place string, today data.Date) string {
	var buf [4]string
	parts := buf[:0]
	var where string
	switch {
	case p.Online:
		if !has(rs, data.ReasonOnline) {
			where = wordOnline
		}
	case place != "":
		where = place
	case p.Provider != "":
		where = p.Provider
	case p.District != 0:
		where = p.District.Name()
	}
	if where != "" && !strings.Contains(p.Title, where) {
		parts = append(parts, where)
	}
	if p.Start != 0 && p.Start >= today {
		parts = append(parts, wordStarts(p.Start, today))
	} else if s := currentSchedule(p.Schedule, today); s != "" {
		parts = append(parts, s)
	}
	if p.ApplyEnd != 0 && !has(rs, data.ReasonDeadline) && !has(rs, data.ReasonBetweenRounds) {
		parts = append(parts, wordApplyBy(p.ApplyEnd, today))
	}
	if p.Waitlist {
		parts = append(parts, wordWaitlist)
	}
	parts = appendLimits(parts, p.Restrictions, p.Licence)
	switch {
	case p.Cost == 0:
		if !has(rs, data.ReasonFree) {
			parts = append(parts, wordFree)
		}
	case p.CostText != "":
		parts = append(parts, p.CostText)
	case p.Cost > 0:
		parts = append(parts, wordWon(p.Cost))
	}
	return strings.Join(parts, " · ")
}

// jobDetail is a job opening's line: company, district (or that the
// posting names no work place), wage, who may apply beyond ages, and the
// deadline (or that it closes when filled), unless its reasons say it.
func jobDetail(j *data.Job, rs []data.Reason, today data.Date) string {
	var buf [6]string
	parts := buf[:0]
	district := j.District.Name()
	switch {
	case has(rs, data.ReasonDistrict):
		district = ""
	case district == "" && j.Address == "":
		district = wordNoWorkplace
	}
	for _, s := range [...]string{j.Company, district, j.Wage} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if j.MinAge > 0 || j.MaxAge > 0 {
		parts = append(parts, agesText(j.MinAge, j.MaxAge)+" 대상")
	}
	parts = appendLimits(parts, j.Restrictions, j.Licence)
	switch {
	case j.Deadline != 0 && !has(rs, data.ReasonDeadline):
		parts = append(parts, wordDeadline(j.Deadline, today))
	case j.Deadline == 0 && !has(rs, data.ReasonAlwaysOpen):
		parts = append(parts, wordUntilHire)
	}
	return strings.Join(parts, " · ")
}

// placeItems is places as results show them: the address, and the phone
// of a place whose details are verified. The distance is among the
// reasons.
func placeItems(hs []data.PlaceHit, browse bool) []Item {
	items := make([]Item, 0, len(hs))
	for _, h := range hs {
		p := h.Place
		if p == nil {
			continue
		}
		detail := p.Address
		if p.Phone != "" && p.Status == data.PlaceOpen {
			detail = strings.TrimPrefix(detail+" · ☎ "+p.Phone, " · ")
		}
		items = append(items, capItem(Item{Title: p.Name, Detail: detail, Reasons: reasonLine(h.Reasons, browse), URL: p.Source.URL}))
	}
	return items
}

// appendLimits appends the words for who an item is for beyond ages and
// residence ("여성만 모집", "요양보호사 자격 필요").
func appendLimits(parts []string, r data.Restrictions, licence string) []string {
	for _, x := range r.List() {
		if w, ok := restrictionText[x]; ok {
			parts = append(parts, w)
		}
	}
	switch {
	case licence == "":
	case strings.HasSuffix(licence, "자격") || strings.HasSuffix(licence, "면허"):
		parts = append(parts, licence+" 필요") // 택시운전자격 필요, 운전면허 필요
	default:
		parts = append(parts, licence+" "+wordLicence)
	}
	return parts
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
