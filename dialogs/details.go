package dialogs

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// This file is one item's details, opened from the results (자세히 보기:
// the shown programmes and job openings as a button each), with the
// reminder button (마감 전 알림, 신청 시작 알림), and the resident's
// reminders as /profile lists them, each with a button that cancels it.

// codeReminder prefixes the buttons that cancel a reminder, which work at
// every step: the list they stand under may be any message back.
const codeReminder = "rmd"

// pick shows the programmes and job openings of the results page as a
// button each, to open one's details.
func (t *turn) pick() {
	r := t.m.cat.Match(data.Query{Profile: t.s.prof, Today: t.in.Today, Offset: int(t.s.page) * perPage, Limit: perPage})
	var rows [][]Button
	for _, g := range []struct {
		code string
		hits []data.Hit
	}{{"p", r.Programs}, {"j", r.Jobs}} {
		for i, h := range g.hits {
			title := ""
			switch {
			case h.Program != nil:
				title = h.Program.Title
			case h.Job != nil:
				title = h.Job.Title
			default:
				continue
			}
			n := int(t.s.page)*perPage + i + 1
			rows = append(rows, []Button{btn(stepResults, pickLabel(n, title), g.code+strconv.Itoa(n))})
		}
	}
	if len(rows) == 0 {
		t.send(Reply{Kind: ReplyText, Text: msgPickNothing, Buttons: t.footer(true)})
		return
	}
	text := msgPick
	if len(r.Programs) > 0 && len(r.Jobs) > 0 {
		text += "\n" + msgPickGroups
	}
	t.send(Reply{Kind: ReplyText, Text: text, Buttons: rows})
}

// pickLabel is an item's button in the pick list: its number and the
// start of its title, within a label's length.
func pickLabel(n int, title string) string {
	label := strconv.Itoa(n) + ". " + strings.Join(strings.Fields(title), " ")
	if utf8.RuneCountInString(label) <= maxLabel {
		return label
	}
	rs := []rune(label)
	return strings.TrimRight(string(rs[:maxLabel-1]), " ") + "…"
}

// open opens the details of the item a pick button names ("p2": the
// second programme of the results, "j4": the fourth job opening); false
// when the value is no pick.
func (t *turn) open(val string) bool {
	if len(val) < 2 || (val[0] != 'p' && val[0] != 'j') {
		return false
	}
	n, err := strconv.Atoi(val[1:])
	if err != nil || n < 1 || n > (maxPage+1)*perPage {
		return false
	}
	off := (n - 1) / perPage * perPage
	r := t.m.cat.Match(data.Query{Profile: t.s.prof, Today: t.in.Today, Offset: off, Limit: perPage})
	hits := r.Programs
	if val[0] == 'j' {
		hits = r.Jobs
	}
	i := n - 1 - off
	if i >= len(hits) {
		t.reprompt(msgOldButton) // the catalog changed since
		return true
	}
	h := hits[i]
	switch {
	case h.Program != nil:
		t.s.item = data.AlertItem{Kind: data.AlertProgram, ID: h.Program.ID}
	case h.Job != nil:
		t.s.item = data.AlertItem{Kind: data.AlertJob, ID: h.Job.ID}
	default:
		return false
	}
	if len(t.s.item.ID) > maxItemID {
		t.s.item = data.AlertItem{}
		t.reprompt(msgOldButton)
		return true
	}
	t.s.remind = false
	t.goTo(stepDetails)
	return true
}

// details is what the details of the item in the state show: its lines,
// its page, and the reminder it may have. ok is false when the catalog no
// longer holds it.
type details struct {
	lines  []string
	url    string
	rem    data.Reminder
	canRem bool
}

// itemDetails reads the details of the item in the state.
func (t *turn) itemDetails() (details, bool) {
	var d details
	today := t.in.Today
	switch t.s.item.Kind {
	case data.AlertProgram:
		p, ok := t.m.cat.Program(t.s.item.ID)
		if !ok {
			return d, false
		}
		d.url = p.Source.URL
		d.lines = append(d.lines, p.Title, msgProgramDates(p, today))
		where := p.Provider
		phone := ""
		if p.Online {
			where = wordOnline
		} else if pl, ok := t.m.cat.Place(p.PlaceID); ok && p.PlaceID != "" {
			where = pl.Name
			if pl.Status == data.PlaceOpen {
				phone = pl.Phone
			}
		}
		if l := msgWherePhone(where, phone); l != "" {
			d.lines = append(d.lines, l)
		}
		d.rem, d.canRem = data.ReminderOf(p, today)
	case data.AlertJob:
		j, ok := t.m.cat.Job(t.s.item.ID)
		if !ok {
			return d, false
		}
		d.url = j.Source.URL
		d.lines = append(d.lines, j.Title, msgJobDates(j, today))
		where := j.Company
		if a := shortAddress(j.Address); a != "" {
			where = strings.TrimPrefix(where+" · "+a, " · ")
		} else if j.District != 0 {
			where = strings.TrimPrefix(where+" · "+j.District.Name(), " · ")
		}
		if l := msgWherePhone(where, ""); l != "" {
			d.lines = append(d.lines, l)
		}
		if j.Source.Format == formatWork24 {
			d.lines = append(d.lines, msgWork24Notice)
		}
		d.rem, d.canRem = data.JobReminderOf(j, today)
	default:
		return d, false
	}
	if len(d.lines) > maxLines {
		d.lines = d.lines[:maxLines]
	}
	d.canRem = d.canRem && !t.in.NoPush
	return d, true
}

// showDetails shows the item's details, or the results again when the
// catalog no longer holds it.
func (t *turn) showDetails() {
	d, ok := t.itemDetails()
	if !ok {
		t.s.item, t.s.remind = data.AlertItem{}, false
		t.lead(msgItemGone)
		t.showResults()
		return
	}
	t.send(Reply{Kind: ReplyText, Text: strings.Join(d.lines, "\n"), Buttons: t.detailsKeyboard(d)})
}

// detailsKeyboard is the buttons under an item's details: its reminder
// when it may have one, its page, 목록으로 and 처음으로.
func (t *turn) detailsKeyboard(d details) [][]Button {
	st := stepDetails
	var rows [][]Button
	if d.canRem {
		label := labelRemindDeadline
		if d.rem.Kind == data.ReminderOpen {
			label = labelRemindOpen
		}
		rows = append(rows, []Button{btn(st, label, "remind")})
	}
	if d.url != "" {
		rows = append(rows, []Button{{Label: labelOpenPage, URL: d.url}})
	}
	return append(rows, []Button{btn(st, labelToList, "list"), btn(st, labelHome, valHome)})
}

// pressDetails acts on a button of the details: the reminder, 목록으로, and
// the answer to the notices question a reminder asked.
func (t *turn) pressDetails(val string) bool {
	switch val {
	case "remind":
		t.remind()
	case "list":
		t.s.item, t.s.remind = data.AlertItem{}, false
		t.showResults()
	case "yes":
		if !t.s.remind {
			return false
		}
		t.s.remind = false
		t.lead(t.setNotices(true))
		t.remind()
	case "no":
		if !t.s.remind {
			return false
		}
		t.s.remind = false
		t.lead(t.setNotices(false))
		t.send(Reply{Kind: ReplyText, Text: msgRemindNotSet, Buttons: [][]Button{{btn(stepDetails, labelToList, "list"), btn(stepDetails, labelHome, valHome)}}})
	default:
		return false
	}
	return true
}

// remind sets the item's reminder, after the notices question when the
// resident has not agreed to notices.
func (t *turn) remind() {
	d, ok := t.itemDetails()
	switch {
	case !ok:
		t.showDetails()
		return
	case t.in.NoPush:
		t.send(Reply{Kind: ReplyText, Text: msgRemindNoPush, Buttons: t.detailsKeyboard(d)})
		return
	case !d.canRem:
		t.send(Reply{Kind: ReplyText, Text: msgRemindNoDate, Buttons: t.detailsKeyboard(d)})
		return
	case t.s.notices != yes:
		t.s.remind = true
		t.lead(msgRemindNeedsNotices)
		t.send(Reply{Kind: ReplyText, Text: msgNoticesAsk, Buttons: [][]Button{{
			{Label: labelNoticesYes, Data: codeNotices + ":yes"},
			{Label: labelNoticesNo, Data: codeNotices + ":no"},
		}}})
		return
	}
	t.effect(Effect{Kind: EffectRemind, Reminder: d.rem})
	t.send(Reply{Kind: ReplyText, Text: msgReminderSet(d.rem), Buttons: [][]Button{{btn(stepDetails, labelToList, "list"), btn(stepDetails, labelHome, valHome)}}})
}

// pressReminder acts on a button that cancels a reminder, at any step.
func (t *turn) pressReminder(val string) bool {
	id, ok := strings.CutPrefix(val, "x")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 {
		return false
	}
	if t.s.consent != yes {
		t.reprompt(msgOldButton)
		return true
	}
	t.effect(Effect{Kind: EffectCancelReminder, ReminderID: n})
	t.effect(Effect{Kind: EffectListReminders})
	t.say(msgReminderCancelled)
	return true
}

// maxListed is how many reminders one message of the list shows: a line
// each under the heading, four lines at most.
const maxListed = 3

// listReminders shows the resident's reminders (the result of
// EffectListReminders), a few a message, each with a button that cancels
// it. It shows nothing when there are none.
func (t *turn) listReminders(rs []data.Reminder) {
	for i := 0; i < len(rs); i += maxListed {
		chunk := rs[i:min(i+maxListed, len(rs))]
		head := msgRemindersHead
		if t.s.notices != yes {
			head = msgRemindersHeadOff
		}
		lines := []string{head}
		var buttons []Button
		for k, r := range chunk {
			n := i + k + 1
			lines = append(lines, msgReminderLine(n, t.itemTitle(r.Item), r))
			buttons = append(buttons, Button{Label: labelCancelReminder(n), Data: codeReminder + ":x" + strconv.FormatInt(r.ID, 10)})
		}
		t.send(Reply{Kind: ReplyText, Text: strings.Join(lines, "\n"), Buttons: grid(buttons, 3)})
	}
}

// itemTitle is an item's title, or what to call one the catalog no longer
// holds.
func (t *turn) itemTitle(it data.AlertItem) string {
	switch it.Kind {
	case data.AlertProgram:
		if p, ok := t.m.cat.Program(it.ID); ok {
			return p.Title
		}
	case data.AlertJob:
		if j, ok := t.m.cat.Job(it.ID); ok {
			return j.Title
		}
	}
	return wordItemGone
}
