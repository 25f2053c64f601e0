package dialogs

import (
	"strconv"
	"strings"
	"unicode/utf8"

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
		// "No job openings" is said only to a resident whose goals ask
		// for jobs (matching decides: Result.JobsAsked); to one who chose
		// learning or planning it is noise. Where to turn instead is the
		// nearest place listed.
		where := ""
		if len(r.Places) > 0 {
			where = r.Places[0].Place.Name
		}
		noJobs := !browse && r.JobsAsked && len(r.Jobs) == 0
		note = msgNotFound(len(r.Programs) == 0, noJobs, len(r.Places) == 0, browse, where)
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

	t.noDetails = len(r.Programs)+len(r.Jobs) == 0
	foot, buttons := t.closing(browse)
	if note != "" {
		foot = note + "\n" + foot
	}
	if hasLink(msgs) {
		foot = msgTitleLinks + "\n" + foot
	}
	// Every page ends with a person to call, written out: a phone makes a
	// written number tappable, where a button cannot dial.
	foot += "\n" + msgCall(r.Call)
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

// hasLink reports whether any item of msgs has an official page.
func hasLink(msgs []Reply) bool {
	for _, m := range msgs {
		for _, it := range m.Items {
			if it.URL != "" {
				return true
			}
		}
	}
	return false
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
// 새 소식 알림 받기 when notices are off and were not just answered, 내 정보
// (to see, change or delete what is kept) and 처음으로: five at most, so
// that with the notices question's two a results turn has six. A channel
// that cannot message first (Input.NoPush) offers no notices. While notices are unasked the notices question itself follows
// the results, so the button would ask it twice.
//
// 자세히 보기 opens one shown programme's or job opening's details, unless
// the page shows none. On the turn the notices question follows the
// results, 내 정보 gives way to it, so that the turn keeps six buttons.
func (t *turn) footer(noticesAnswered bool) [][]Button {
	st := stepResults
	row := []Button{btn(st, labelChangeCond, "edit")}
	if !t.s.end {
		row = append([]Button{btn(st, labelMore, "more")}, row...)
	}
	last := []Button{btn(st, labelMyInfo, "profile"), btn(st, labelHome, valHome)}
	switch {
	case t.s.notices == no && !noticesAnswered && !t.in.NoPush:
		last = append([]Button{btn(st, labelNotify, "notify")}, last...)
	case t.s.notices == unasked && t.s.step == stepResults && !t.in.NoPush:
		last = last[1:]
	}
	rows := [][]Button{row, last}
	if !t.noDetails {
		rows = append([][]Button{{btn(st, labelDetails, "pick")}}, rows...)
	}
	return rows
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
// off+1. An item's official page is its URL, which a channel links from
// its title (a button per item would crowd the turn with buttons). Its
// Text is laid out when it is sent (layout), after its Lead and Foot are
// known.
func group(head string, off int, items []Item) Reply {
	for i := range items {
		items[i].N = off + i + 1
	}
	return Reply{Kind: ReplyText, Heading: head, Items: items}
}

// layout writes a results message as one plain text (Reply.Text).
func layout(r Reply) string { return r.Layout(nil, nil) }

// Layout writes a results message as one text: its lead, its heading,
// each item as its number and title, a line of details and a line of
// reasons, then its foot, with a blank line between them. A channel that
// marks up its text passes text, which every piece of text goes through
// (escaping), and title, which writes an item's title (a link to its URL);
// nil for either writes the text as it is. Reply.Text is Layout(nil, nil).
func (r Reply) Layout(text func(string) string, title func(Item) string) string {
	if text == nil {
		text = func(s string) string { return s }
	}
	var b strings.Builder
	b.Grow(len(r.Lead) + len(r.Heading) + len(r.Foot) + 300*len(r.Items))
	if r.Lead != "" {
		b.WriteString(text(r.Lead))
		b.WriteString("\n\n")
	}
	b.WriteString(text(r.Heading))
	for _, it := range r.Items {
		b.WriteString("\n\n")
		writeItem(&b, it, text, title)
	}
	if r.Foot != "" {
		b.WriteString("\n\n")
		b.WriteString(text(r.Foot))
	}
	return b.String()
}

// writeItem writes an item as its number and title, then its line of
// details and its line of reasons, indented under the title; text and
// title as for Reply.Layout, nil for plain text.
func writeItem(b *strings.Builder, it Item, text func(string) string, title func(Item) string) {
	if text == nil {
		text = func(s string) string { return s }
	}
	b.WriteString(strconv.Itoa(it.N))
	b.WriteString(". ")
	if title != nil {
		b.WriteString(title(it))
	} else {
		b.WriteString(text(it.Title))
	}
	if it.Detail != "" {
		b.WriteString("\n   ")
		b.WriteString(text(it.Detail))
	}
	if it.Reasons != "" {
		b.WriteString("\n   → ")
		b.WriteString(text(it.Reasons))
	}
	if it.Notice != "" {
		b.WriteString("\n   ")
		b.WriteString(text(it.Notice))
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
// holds neither. Who may apply is always said: what of it the details
// line has no room for opens the line of reasons.
func hitItem(h data.Hit, place string, today data.Date, browse bool) (Item, bool) {
	var (
		it   Item
		more string // who may apply, when the details line has no room for it all
	)
	switch {
	case h.Program != nil:
		p := h.Program
		it = Item{Title: p.Title, URL: p.Source.URL}
		it.Detail, more = programDetail(p, h.Reasons, place, today)
	case h.Job != nil:
		j := h.Job
		it = Item{Title: j.Title, URL: j.Source.URL}
		it.Detail, more = jobDetail(j, h.Reasons, today)
		if j.Source.Format == formatWork24 {
			it.Notice = msgWork24Notice
		}
	default:
		return Item{}, false
	}
	it.Reasons = reasonLine(h.Reasons, browse)
	if more != "" {
		it.Reasons = strings.TrimSuffix(more+" · "+it.Reasons, " · ")
	}
	return capItem(it), true
}

// programDetail is a program's line of where, when, who for and cost: a
// gloss of a word of its name a resident may not know, its place (or
// provider, or 온라인), its start or what its schedule says that is not
// past, the last day to apply, a full course's waiting list, who may join
// beyond ages and residence, and the cost, fitted to maxDetail (fitDetail;
// more is who may join that did not fit). What its title or reasons say
// (the place, online, free, a deadline, a round that closed) is not said
// twice.
func programDetail(p *data.Program, rs []data.Reason, place string, today data.Date) (detail, more string) {
	var buf [8]detailPart
	parts := buf[:0]
	if g := gloss(p.Title); g != "" {
		parts = append(parts, detailPart{text: g})
	}
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
		parts = append(parts, detailPart{text: where})
	}
	if p.Start != 0 && p.Start >= today {
		parts = append(parts, detailPart{text: wordStarts(p.Start, today)})
	} else if s := currentSchedule(p.Schedule, today); s != "" {
		parts = append(parts, detailPart{text: s})
	}
	if p.ApplyEnd != 0 && !has(rs, data.ReasonDeadline) && !has(rs, data.ReasonBetweenRounds) {
		parts = append(parts, detailPart{text: wordApplyBy(p.ApplyEnd, today)})
	}
	if p.Waitlist {
		parts = append(parts, detailPart{text: wordWaitlist, keep: true})
	}
	parts = appendLimits(parts, p.Restrictions, p.Licence)
	switch {
	case p.Cost == 0:
		if !has(rs, data.ReasonFree) {
			parts = append(parts, detailPart{text: wordFree})
		}
	case p.CostText != "":
		parts = append(parts, detailPart{text: p.CostText})
	case p.Cost > 0:
		parts = append(parts, detailPart{text: wordWon(p.Cost)})
	}
	return fitDetail(parts)
}

// jobDetail is a job opening's line: company, district (or that the
// posting names no work place), wage, who may apply (ages, restrictions,
// a licence), and the deadline (or that it closes when filled), unless its
// reasons say it; fitted to maxDetail as programDetail's.
func jobDetail(j *data.Job, rs []data.Reason, today data.Date) (detail, more string) {
	var buf [10]detailPart
	parts := buf[:0]
	district := j.District.Name()
	switch {
	case has(rs, data.ReasonDistrict):
		district = ""
	case district == "" && j.Address == "":
		district = wordNoWorkplace
	}
	if j.Company != "" {
		parts = append(parts, detailPart{text: j.Company, spare: true})
	}
	if district != "" {
		parts = append(parts, detailPart{text: district, keep: district == wordNoWorkplace})
	}
	if j.Wage != "" {
		parts = append(parts, detailPart{text: j.Wage})
	}
	if j.MinAge > 0 || j.MaxAge > 0 {
		parts = append(parts, detailPart{text: agesText(j.MinAge, j.MaxAge) + " 대상", keep: true})
	}
	parts = appendLimits(parts, j.Restrictions, j.Licence)
	switch {
	case j.Deadline != 0 && !has(rs, data.ReasonDeadline):
		parts = append(parts, detailPart{text: wordDeadline(j.Deadline, today)})
	case j.Deadline == 0 && !has(rs, data.ReasonAlwaysOpen):
		parts = append(parts, detailPart{text: wordUntilHire})
	}
	return fitDetail(parts)
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
		var parts []detailPart
		if a := shortAddress(p.Address); a != "" {
			parts = append(parts, detailPart{text: a})
		}
		phone := ""
		if p.Phone != "" && p.Status == data.PlaceOpen {
			phone = p.Phone
			parts = append(parts, detailPart{text: "☎ " + p.Phone, keep: true})
		}
		detail, _ := fitDetail(parts)
		it := capItem(Item{Title: p.Name, Detail: detail, Reasons: reasonLine(h.Reasons, browse), URL: p.Source.URL})
		it.Place, it.Phone = p, phone
		items = append(items, it)
	}
	return items
}

// appendLimits appends the words for who an item is for beyond ages and
// residence ("여성만 모집", "요양보호사 자격 필요"), parts never left out.
func appendLimits(parts []detailPart, r data.Restrictions, licence string) []detailPart {
	for _, x := range r.List() {
		if w, ok := restrictionText[x]; ok {
			parts = append(parts, detailPart{text: w, keep: true})
		}
	}
	switch {
	case licence == "":
	case strings.HasSuffix(licence, "자격") || strings.HasSuffix(licence, "면허"):
		parts = append(parts, detailPart{text: licence + " 필요", keep: true}) // 택시운전자격 필요, 운전면허 필요
	default:
		parts = append(parts, detailPart{text: licence + " " + wordLicence, keep: true})
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

// maxDetail is the longest line of details under an item, in characters:
// about two lines on a phone.
const maxDetail = 60

// detailPart is one piece of a details line. A part to keep says who may
// apply ("여성만 모집", "근무지 미기재", "정원이 차 대기 신청만 가능") or how
// to reach a place: it is never left out for want of room. A spare part
// (a posting's company, which its official page names) is the first to
// make room for the others.
type detailPart struct {
	text  string
	keep  bool
	spare bool
}

// pass is when fitDetail gives a part room: 0 for a part to keep, 2 for a
// spare one, 1 for the others.
func (p detailPart) pass() int {
	switch {
	case p.keep:
		return 0
	case p.spare:
		return 2
	}
	return 1
}

// fitDetail joins the parts of a details line with " · ", up to maxDetail
// characters. When they do not fit, the parts to keep stay whole and the
// others make room, spare parts first: each loses its remarks in brackets
// ("월 57시간, 서울시 생활임금 기준"), those that still do not fit are left
// out (the official page has them), and a first part too long alone is
// cut at a word with "…". Parts to keep that do not fit even alone (a
// source naming many conditions) are returned as more, for the caller to
// say elsewhere. The parts stay in their order.
func fitDetail(parts []detailPart) (line, more string) {
	all := make([]string, len(parts))
	for i, p := range parts {
		all[i] = p.text
	}
	if whole := strings.Join(all, " · "); utf8.RuneCountInString(whole) <= maxDetail {
		return whole, ""
	}
	take := make([]bool, len(parts))
	n, k := 0, 0 // characters taken, parts taken
	var rest []string
	// Room is taken by the parts to keep, then the usual ones, then the
	// spare ones, each in their order.
	for pass := range 3 {
		for i, p := range parts {
			if p.pass() != pass {
				continue
			}
			t := p.text
			if !p.keep {
				if t = withoutRemarks(t); t == "" {
					continue
				}
			}
			sep := 0
			if k > 0 {
				sep = 3
			}
			pn := utf8.RuneCountInString(t)
			switch room := maxDetail - n - sep; {
			case pn <= room:
			case p.keep:
				rest = append(rest, t)
				continue
			case i == 0 && !p.spare && room >= maxDetail/4:
				t = cutAtWord(t, room)
				pn = utf8.RuneCountInString(t)
			default:
				continue
			}
			all[i], take[i], n, k = t, true, n+sep+pn, k+1
		}
	}
	var b strings.Builder
	for i, t := range all {
		if !take[i] {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(t)
	}
	return b.String(), strings.Join(rest, " · ")
}

// withoutRemarks drops a part's remarks in brackets and what follows a
// comma when the part is long: "2026년 2~12월 운영, 사업별 모집공고로 선발"
// keeps "2026년 2~12월 운영".
func withoutRemarks(p string) string {
	for {
		i := strings.IndexAny(p, "([")
		if i < 0 {
			break
		}
		j := strings.IndexAny(p[i:], ")]")
		if j < 0 {
			p = p[:i]
			break
		}
		p = p[:i] + p[i+j+1:]
	}
	p = strings.Join(strings.Fields(p), " ")
	if utf8.RuneCountInString(p) > maxDetail/2 {
		if i := strings.Index(p, ", "); i > 0 {
			p = p[:i]
		}
	}
	return strings.TrimRight(p, " ,")
}

// cutAtWord cuts s to at most n characters at a space, ending with "…".
func cutAtWord(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := n - 1
	for cut > n/2 && rs[cut] != ' ' {
		cut--
	}
	return strings.TrimRight(string(rs[:cut]), " ,·") + "…"
}

// shortAddress is an address without "서울특별시", which every place is in.
func shortAddress(a string) string {
	for _, p := range []string{"서울특별시 ", "서울시 ", "서울 "} {
		if rest, ok := strings.CutPrefix(a, p); ok {
			return rest
		}
	}
	return a
}

// glosses are the words of programme names a resident may not know, with
// a short gloss in plain words that opens the item's details: "창직" is
// making a new kind of job of one's experience. The name itself stays as
// its provider writes it, so that it can be found and asked about.
var glosses = []struct{ word, gloss string }{
	{"잡매칭데이", "일자리 연결 행사"},
	{"직무체험형", "일해 보며 배우는 과정"},
	{"창직", "새 직업 만들기"},
	{"인턴십", "일 경험"},
	{"컨설팅", "상담"},
}

// gloss is the plain words for the first word of glosses in title, to
// open its details line ("창직은 새 직업 만들기"), or "".
func gloss(title string) string {
	for _, g := range glosses {
		if strings.Contains(title, g.word) {
			return g.word + withTopic(g.word) + " " + g.gloss
		}
	}
	return ""
}
