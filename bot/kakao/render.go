package kakao

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// Version is the SkillResponse version dasi writes; Kakao reads a reply
// without it as the old format.
const Version = "2.0"

// Render turns the replies of one turn into one SkillResponse 2.0 within
// the protocol's limits, whatever the replies hold:
//
//   - a question is a simpleText with its buttons as quick replies (the
//     compact view of a long question, Reply.Compact, when it has one);
//     the quick replies are those of the turn's last reply that has
//     buttons, at most 10, labels at most 14 characters;
//   - programs and job openings are a listCard each (at most 5 items),
//     every item linking to its official page;
//   - places are a textCard naming the first (the nearest, on the first
//     page) with its verified phone written out and on a phone button
//     (PC KakaoTalk hides phone buttons), a Kakao Map link, and the others
//     of the page listed under it;
//   - a page that links (the privacy policy) is a textCard's webLink;
//   - texts next to each other are joined; when there are still more than
//     3 outputs, a text goes into the places card or the text before it.
//
// A turn with nothing to show (which the conversation never returns) is
// answered with dialogs.CannotRead. Render never returns an invalid
// response.
func Render(replies []dialogs.Reply) Response {
	var (
		parts  []part
		quick  []dialogs.Button
		placed bool // a place card is among the parts
	)
	text := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, part{text: s})
		}
	}
	for _, r := range replies {
		if bs := dataButtons(r); len(bs) > 0 {
			quick = bs
		}
		switch {
		case r.Kind == dialogs.ReplyPlace:
			if r.Place == nil || placed {
				continue
			}
			phone := ""
			if r.Place.Status == data.PlaceOpen {
				phone = r.Place.Phone
			}
			card := placeCard(r.Place.Name, strings.TrimSpace(shortAddress(r.Place.Address)+phoneLine(phone)), r.Place, phone)
			if card.Title != "" || card.Description != "" {
				parts, placed = append(parts, part{out: Output{TextCard: card}, card: card}), true
			}
		case r.Kind != dialogs.ReplyText:
		case len(r.Items) > 0 && r.Items[0].Place != nil:
			text(r.Lead)
			if card := placesCard(r); card.Title != "" || card.Description != "" {
				parts, placed = append(parts, part{out: Output{TextCard: card}, card: card}), true
			}
			text(r.Foot)
		case len(r.Items) > 0:
			text(r.Lead)
			if lc := listCard(r); len(lc.Items) > 0 {
				parts = append(parts, part{out: Output{ListCard: lc}})
			}
			text(r.Foot)
		default:
			t := r.Text
			if len(r.Compact) > 0 && r.CompactText != "" {
				t = r.CompactText
			}
			links := linkButtons(r.Buttons)
			switch {
			case len(links) == 0:
				text(t)
			case utf8.RuneCountInString(t) <= MaxTextCard:
				parts = append(parts, part{out: Output{TextCard: &TextCard{Description: t, Buttons: links}}})
			default:
				text(t)
				parts = append(parts, part{out: Output{TextCard: &TextCard{Title: cut(links[0].Label, MaxCardTitle), Buttons: links}}})
			}
		}
	}
	parts = pack(parts)
	if len(parts) == 0 {
		parts = []part{{text: dialogs.CannotRead()}}
	}
	resp := Response{Version: Version, Template: Template{Outputs: make([]Output, 0, len(parts))}}
	for _, p := range parts {
		if p.out == (Output{}) {
			resp.Template.Outputs = append(resp.Template.Outputs, Output{SimpleText: &SimpleText{Text: cutLines(p.text, MaxSimpleText)}})
			continue
		}
		resp.Template.Outputs = append(resp.Template.Outputs, p.out)
	}
	resp.Template.QuickReplies = quickReplies(quick)
	return resp
}

// part is one output being laid out: a text (out zero), or a card. card
// is set for a textCard that can take a text at the end of its
// description (a places card).
type part struct {
	text string
	out  Output
	card *TextCard
}

func (p part) isText() bool { return p.out == (Output{}) }

// pack joins texts next to each other, then, while there are more than
// MaxOutputs parts, puts the last text into the places card before it, or
// into an earlier text, or leaves it out (a text too long to fit anywhere,
// which the conversation's texts never are); with no text left to move, the
// last cards are left out.
func pack(parts []part) []part {
	var out []part
	for _, p := range parts {
		if n := len(out); n > 0 && p.isText() && out[n-1].isText() && fits(out[n-1].text, p.text, MaxSimpleText) {
			out[n-1].text += "\n\n" + p.text
			continue
		}
		out = append(out, p)
	}
	for len(out) > MaxOutputs {
		i := lastText(out, len(out))
		if i < 0 {
			return out[:MaxOutputs]
		}
		moved := false
		if i > 0 && out[i-1].card != nil {
			c := out[i-1].card
			if utf8.RuneCountInString(c.Title)+utf8.RuneCountInString(c.Description)+2+utf8.RuneCountInString(out[i].text) <= MaxTextCard {
				c.Description += "\n\n" + out[i].text
				moved = true
			}
		}
		if j := lastText(out, i); !moved && j >= 0 && fits(out[j].text, out[i].text, MaxSimpleText) {
			out[j].text += "\n\n" + out[i].text
		}
		out = append(out[:i], out[i+1:]...)
	}
	return out
}

// lastText is the index of the last text before end, or -1.
func lastText(parts []part, end int) int {
	for i := end - 1; i >= 0; i-- {
		if parts[i].isText() {
			return i
		}
	}
	return -1
}

func fits(a, b string, limit int) bool {
	return utf8.RuneCountInString(a)+2+utf8.RuneCountInString(b) <= limit
}

// dataButtons are the buttons of r that send data back: its compact view
// when it has one.
func dataButtons(r dialogs.Reply) []dialogs.Button {
	rows := r.Compact
	if len(rows) == 0 {
		rows = r.Buttons
	}
	var bs []dialogs.Button
	for _, row := range rows {
		for _, b := range row {
			if b.Data != "" && b.Label != "" && b.URL == "" {
				bs = append(bs, b)
			}
		}
	}
	return bs
}

// quickReplies are the buttons as quick replies: the tap writes the label
// (without a check mark) as the resident's message and sends the data as
// extra. Past 10, the last two (이전, 처음으로) stay and the middle goes.
func quickReplies(bs []dialogs.Button) []QuickReply {
	if len(bs) > MaxQuickReplies {
		bs = append(bs[:MaxQuickReplies-2:MaxQuickReplies-2], bs[len(bs)-2:]...)
	}
	qs := make([]QuickReply, 0, len(bs))
	for _, b := range bs {
		label := cut(b.Label, MaxLabel)
		qs = append(qs, QuickReply{
			Label:       label,
			Action:      "message",
			MessageText: strings.TrimPrefix(label, "✓ "),
			Extra:       map[string]string{extraKey: b.Data},
		})
	}
	return qs
}

// linkButtons are the buttons of rows that open a page, as webLink
// buttons, at most MaxCardButtons.
func linkButtons(rows [][]dialogs.Button) []Button {
	var bs []Button
	for _, row := range rows {
		for _, b := range row {
			if b.URL != "" && b.Label != "" && isWeb(b.URL) && len(bs) < MaxCardButtons {
				bs = append(bs, Button{Label: cut(b.Label, MaxLabel), Action: "webLink", WebLinkURL: b.URL})
			}
		}
	}
	return bs
}

// listCard is a page of programs or job openings: the heading, and each
// item's number and title, its details and reasons, linking to its page.
func listCard(r dialogs.Reply) *ListCard {
	lc := &ListCard{Header: ListHeader{Title: cut(strings.TrimSpace(r.Heading), MaxListTitle)}}
	for _, it := range r.Items {
		if len(lc.Items) == MaxListItems {
			break
		}
		if strings.TrimSpace(it.Title) == "" {
			continue
		}
		if lc.Header.Title == "" {
			lc.Header.Title = cut(it.Title, MaxListTitle)
		}
		li := ListItem{Title: cut(itemTitle(it), MaxListTitle), Description: cut(joinLines(it.Detail, it.Reasons), MaxListDescription)}
		if it.Notice != "" {
			// The notice its source's terms ask for (고용24's) is kept whole;
			// the details make room for it.
			notice := cut(it.Notice, MaxListDescription)
			room := MaxListDescription - utf8.RuneCountInString(notice) - 1
			li.Description = notice
			if d := joinLines(it.Detail, it.Reasons); d != "" && room > 10 {
				li.Description = cut(d, room) + "\n" + notice
			}
		}
		if isWeb(it.URL) {
			li.Link = &Link{Web: it.URL}
		}
		lc.Items = append(lc.Items, li)
	}
	return lc
}

// placesCard is a page of places as one textCard: the first by name, its
// address, phone and distance, then the heading and the page's other
// places, with a phone button and a map link for the first.
func placesCard(r dialogs.Reply) *TextCard {
	first := r.Items[0]
	var b strings.Builder
	b.WriteString(joinLines(first.Detail, first.Reasons))
	if len(r.Items) > 1 {
		b.WriteString("\n\n")
		b.WriteString(r.Heading)
		for _, it := range r.Items[1:] {
			b.WriteString("\n")
			b.WriteString(itemTitle(it))
			if it.Reasons != "" {
				b.WriteString(" · ")
				b.WriteString(it.Reasons)
			}
		}
	}
	return placeCard(itemTitle(first), b.String(), first.Place, first.Phone)
}

// placeCard is a textCard for a place: title, description, and the
// buttons to call it (when phone is verified) and to see it on Kakao Map.
func placeCard(title, desc string, p *data.Place, phone string) *TextCard {
	call, onMap := dialogs.PlaceButtons()
	c := &TextCard{Title: cut(title, MaxCardTitle)}
	c.Description = cutLines(desc, MaxTextCard-utf8.RuneCountInString(c.Title))
	if phone != "" {
		c.Buttons = append(c.Buttons, Button{Label: call, Action: "phone", PhoneNumber: phone})
	}
	if u := mapLink(p); u != "" {
		c.Buttons = append(c.Buttons, Button{Label: onMap, Action: "webLink", WebLinkURL: u})
	}
	return c
}

// mapLink is the place on Kakao Map: a pin at its coordinates, or a
// search of its address when it has none; "" with neither.
func mapLink(p *data.Place) string {
	switch {
	case p == nil:
		return ""
	case p.At.Valid():
		return "https://map.kakao.com/link/map/" + url.PathEscape(strings.ReplaceAll(p.Name, ",", " ")) + "," +
			strconv.FormatFloat(p.At.Lat, 'f', -1, 64) + "," + strconv.FormatFloat(p.At.Lon, 'f', -1, 64)
	case p.Address != "":
		return "https://map.kakao.com/link/search/" + url.PathEscape(p.Address)
	}
	return ""
}

func phoneLine(phone string) string {
	if phone == "" {
		return ""
	}
	return "\n☎ " + phone
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

func itemTitle(it dialogs.Item) string {
	if it.N > 0 {
		return strconv.Itoa(it.N) + ". " + it.Title
	}
	return it.Title
}

func joinLines(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

func isWeb(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// cut shortens s to at most n characters, ending with "…" when cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return strings.TrimRight(string(rs[:n-1]), " ") + "…"
}

// cutLines shortens s to at most n characters at a line end where it can
// (past half of n), else anywhere, ending with "…" when cut.
func cutLines(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	head := string([]rune(s)[:n-1])
	if i := strings.LastIndexByte(head, '\n'); i > 0 && utf8.RuneCountInString(head[:i]) > n/2 {
		head = head[:i]
	}
	return strings.TrimRight(head, " \n") + "…"
}
