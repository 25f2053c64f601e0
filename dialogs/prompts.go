package dialogs

import (
	"strconv"

	"github.com/dasi-seoul/dasi/data"
)

// prompt asks the current step's question, with its buttons.
func (t *turn) prompt() {
	s := &t.s
	r := Reply{Kind: ReplyText, Buttons: t.keyboard(), Compact: t.compact()}
	switch s.step {
	case stepStart:
		t.greet(data.Place{}, false)
		return
	case stepConsent:
		r.Text = msgConsent
	case stepAge:
		switch {
		case s.decade != 0:
			r.Text = msgDecade(int(s.decade))
		case s.span != 0:
			r.Text = msgAgeSpan(s.span)
		case s.confirm != 0 && t.sayAge != 0:
			r.Text = msgAgeConfirm(strconv.Itoa(t.sayAge) + "세")
		case s.confirm != 0:
			r.Text = msgAgeConfirm(s.confirm.Label())
		default:
			r.Text = msgAge
		}
	case stepField:
		r.Text = msgField
	case stepYears:
		r.Text = msgYears(s.prof.Field)
	case stepGoals:
		r.Text = msgGoals
		if s.prof.Goals != 0 {
			r.Text += "\n" + msgChosenGoals(s.prof.Goals)
		}
	case stepDistrict:
		r.Text, r.AskLocation, r.CompactText = msgDistrict, true, msgDistrictCompact
		if t.zone != 0 {
			r.Text, r.CompactText = msgDistrictZone(zones[t.zone-1].name), ""
		}
	case stepConfirm:
		r.Text = msgConfirm + "\n" + summary(s.prof)
	case stepEdit:
		r.Text = msgEdit + "\n" + summary(s.prof)
	case stepResults:
		r.Text, _ = t.closing(false)
	case stepBrowse:
		r.Text, r.AskLocation = msgBrowse, true
		if t.zone != 0 {
			r.Text = msgBrowseZone(zones[t.zone-1].name)
		}
	case stepBrowseResults:
		r.Text, _ = t.closing(true)
	case stepForget:
		r.Text = msgForgetAsk
	case stepResume:
		r.Text = msgResume
	case stepDetails:
		t.showDetails()
		return
	}
	t.send(r)
}

// keyboard returns the buttons of the current step's question.
func (t *turn) keyboard() [][]Button {
	s := &t.s
	st := s.step
	var rows [][]Button
	switch st {
	case stepConsent:
		rows = [][]Button{
			{btn(st, labelAgree, "yes"), btn(st, labelDisagree, "no")},
			{btn(st, labelConsentMore, "more")},
		}
		return rows
	case stepAge:
		switch {
		case s.span != 0:
			rows = [][]Button{{btn(st, s.span.Label(), s.span.ID()), btn(st, (s.span + 1).Label(), (s.span + 1).ID())}}
		case s.confirm != 0:
			rows = [][]Button{{btn(st, labelAgeYes, s.confirm.ID()), btn(st, labelAgeNo, "again")}}
		case s.decade == 0:
			rows = grid(drawn(ageButtons, func(i int) bool { return data.AgeBands[i] == s.prof.Age }), 3)
		}
		if s.decade == 0 {
			break
		}
		var bs []Button
		for _, b := range data.AgeBands {
			if lo, _ := b.Range(); lo/10 == int(s.decade) || s.decade == 6 && b == data.Age65Plus {
				bs = append(bs, btn(st, checked(b.Label(), b == s.prof.Age), b.ID()))
			}
		}
		rows = grid(bs, 3)
	case stepField:
		rows = grid(drawn(fieldButtons, func(i int) bool { return data.Fields[i] == s.prof.Field }), 3)
	case stepYears:
		rows = grid(drawn(yearsButtons, func(i int) bool { return data.YearsBands[i] == s.prof.Years }), 2)
	case stepGoals:
		bs := drawn(goalButtons, func(i int) bool { return s.prof.Goals.Has(data.AllGoals[i]) })
		rows = append(grid(bs, 2), []Button{btn(st, labelGoalsDone, "done")})
	case stepDistrict, stepBrowse:
		rows = grid(drawn(districtButtons[st], func(i int) bool { return data.District(i+1) == s.prof.District }), 4)
	case stepConfirm:
		rows = [][]Button{{btn(st, labelSearch, "yes"), btn(st, labelChange, "edit")}}
	case stepEdit:
		row := []Button{btn(st, labelEditAge, "age"), btn(st, labelEditField, "field")}
		if s.prof.Field != data.FieldNone {
			row = append(row, btn(st, labelEditYears, "years"))
		}
		rows = [][]Button{row, {btn(st, labelEditGoals, "goals"), btn(st, labelEditDist, "district")}}
		switch {
		case t.in.NoPush:
			// Notices cannot reach a resident of this channel.
			rows = append(rows, []Button{btn(st, labelForget, "forget")})
		case s.notices == yes:
			rows = append(rows, []Button{btn(st, labelNoticesOff, "off"), btn(st, labelForget, "forget")})
		default:
			rows = append(rows, []Button{btn(st, labelNoticesOn, "on"), btn(st, labelForget, "forget")})
		}
	case stepResults:
		return t.footer(false)
	case stepBrowseResults:
		return t.browseFooter()
	case stepForget:
		return [][]Button{{btn(st, labelForgetYes, "yes"), btn(st, labelForgetNo, "no")}}
	case stepResume:
		return [][]Button{{btn(st, labelContinue, "go"), btn(st, labelRestart, "new")}}
	case stepDetails:
		d, ok := t.itemDetails()
		if !ok {
			return [][]Button{{btn(st, labelToList, "list"), btn(st, labelHome, valHome)}}
		}
		return t.detailsKeyboard(d)
	default:
		return nil
	}
	return append(rows, navRow(st))
}
