package kakao_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/kakao"
	"github.com/dasi-seoul/dasi/bot/kakao/kakaotest"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

type nopHandler struct{}

func (nopHandler) Handle(context.Context, bot.Turn, bot.Replier) {}

// fuzzReplies builds a turn's replies from fuzz bytes: texts of any length
// and content, results groups of any size, places with and without
// coordinates and phones, buttons of any number, label and data.
func fuzzReplies(b []byte, s string) []dialogs.Reply {
	next := func() int {
		if len(b) == 0 {
			return 0
		}
		v := int(b[0])
		b = b[1:]
		return v
	}
	str := func() string {
		n := next() * 7
		if n > len(s) {
			n = len(s)
		}
		out := s[:n]
		s = s[n:]
		return strings.ToValidUTF8(out, "?") + strings.Repeat("가", next()*next()/8)
	}
	var rs []dialogs.Reply
	for n := next()%9 + 1; n > 0 && len(b) > 0; n-- {
		r := dialogs.Reply{Kind: dialogs.ReplyText}
		switch next() % 5 {
		case 0:
			r.Text = str()
		case 1, 2:
			r.Heading, r.Lead, r.Foot = str(), str(), str()
			place := next()%2 == 0
			for k := next() % 8; k > 0; k-- {
				it := dialogs.Item{N: next(), Title: str(), Detail: str(), Reasons: str(), URL: "https://example.org/" + str()}
				if next()%3 == 0 {
					it.Notice = str()
				}
				if place {
					it.Place = &data.Place{Name: str(), Address: str()}
					if next()%2 == 0 {
						it.Place.At = data.LatLon{Lat: 37.5, Lon: 127}
					}
					if next()%2 == 0 {
						it.Phone = "02-000-0000"
					}
				}
				r.Items = append(r.Items, it)
			}
		case 3:
			r.Kind, r.Text = dialogs.ReplyPlace, str()
			r.Place = &data.Place{Name: str(), At: data.LatLon{Lat: 37.5, Lon: 127}, Phone: "02-000-0000", Status: data.PlaceOpen}
		case 4:
			r.Text, r.CompactText = str(), str()
		}
		for k := next() % 4; k > 0; k-- {
			var row []dialogs.Button
			for j := next() % 14; j > 0; j-- {
				btn := dialogs.Button{Label: str(), Data: str()}
				if next()%5 == 0 {
					btn.Data, btn.URL = "", "https://example.org/"+str()
				}
				row = append(row, btn)
			}
			if next()%2 == 0 {
				r.Compact = append(r.Compact, row)
			} else {
				r.Buttons = append(r.Buttons, row)
			}
		}
		rs = append(rs, r)
	}
	return rs
}

// FuzzRender: whatever a turn holds, the response is valid JSON of a
// SkillResponse 2.0 within every limit.
func FuzzRender(f *testing.F) {
	f.Add([]byte{3, 1, 5, 9, 200, 7, 3}, "참여하실 수 있는 교육·활동 (모두 12개 중 1~3번째)")
	f.Add([]byte{8, 2, 2, 9, 9, 9, 9, 9, 1, 3, 13, 13, 13}, strings.Repeat("서울시50플러스 서부캠퍼스 ", 40))
	f.Add([]byte{255, 255, 255, 255, 255, 255, 255, 255, 255, 255}, "😀\x00\xff"+strings.Repeat("a", 3000))
	f.Fuzz(func(t *testing.T, b []byte, s string) {
		resp := kakao.Render(fuzzReplies(b, s))
		if bad := kakaotest.Check(resp); len(bad) > 0 {
			t.Fatalf("limits broken: %s", strings.Join(bad, "; "))
		}
		raw, err := json.Marshal(resp)
		if err != nil || !utf8.Valid(raw) {
			t.Fatalf("not valid JSON: %v", err)
		}
	})
}

// TestRenderEveryTurnOfTheTranscripts is in the transcripts (play checks
// every answer); this checks the one layout the conversation never gives:
// nothing to show.
func TestRenderNothing(t *testing.T) {
	resp := kakao.Render(nil)
	if bad := kakaotest.Check(resp); len(bad) > 0 {
		t.Fatal(bad)
	}
	if !strings.Contains(kakaotest.Describe(resp), dialogs.CannotRead()) {
		t.Errorf("an empty turn is %s", kakaotest.Describe(resp))
	}
}

// TestRenderPlace: the nearest place is a textCard with its verified
// number written out and on a phone button, and a Kakao Map link at its
// coordinates, or a search of its address without them.
func TestRenderPlace(t *testing.T) {
	west := &data.Place{Name: "서울시50플러스 서부캠퍼스", Address: "서울특별시 은평구 통일로 684", At: data.LatLon{Lat: 37.608442, Lon: 126.933496}}
	noAt := &data.Place{Name: "도심권50플러스센터", Address: "서울특별시 종로구 종로 1"}
	resp := kakao.Render([]dialogs.Reply{{Kind: dialogs.ReplyText, Heading: "찾아가실 수 있는 가까운 곳 (모두 2곳)", Items: []dialogs.Item{
		{N: 1, Title: west.Name, Detail: "은평구 통일로 684 · ☎ 02-000-0000", Place: west, Phone: "02-000-0000"},
		{N: 2, Title: noAt.Name, Place: noAt},
	}}})
	c := resp.Template.Outputs[0].TextCard
	if c == nil || !strings.Contains(c.Title, west.Name) || !strings.Contains(c.Description, "02-000-0000") {
		t.Fatalf("places are %s", kakaotest.Describe(resp))
	}
	if len(c.Buttons) != 2 || c.Buttons[0].Action != "phone" || c.Buttons[0].PhoneNumber != "02-000-0000" ||
		!strings.HasPrefix(c.Buttons[1].WebLinkURL, "https://map.kakao.com/link/map/") || !strings.HasSuffix(c.Buttons[1].WebLinkURL, ",37.608442,126.933496") {
		t.Errorf("buttons %+v", c.Buttons)
	}
	resp = kakao.Render([]dialogs.Reply{{Kind: dialogs.ReplyText, Heading: "가까운 곳", Items: []dialogs.Item{{N: 1, Title: noAt.Name, Place: noAt}}}})
	if bs := resp.Template.Outputs[0].TextCard.Buttons; len(bs) != 1 || !strings.HasPrefix(bs[0].WebLinkURL, "https://map.kakao.com/link/search/") {
		t.Errorf("a place without coordinates has buttons %+v; want a map search by address", bs)
	}
}

// TestRenderKeepsTheSourceNotice: a 고용24 posting's notice, which its
// terms ask to go with it, is whole in its list item whatever its details.
func TestRenderKeepsTheSourceNotice(t *testing.T) {
	notice := "본 자료는 고용노동부 고용24(www.work24.go.kr)에서 제공된 정보입니다."
	resp := kakao.Render([]dialogs.Reply{{Kind: dialogs.ReplyText, Heading: "지원하실 수 있는 일자리 (모두 1개)", Items: []dialogs.Item{
		{N: 1, Title: "시설 관리원", Detail: strings.Repeat("주 5일 근무 · ", 10), Reasons: "은평구에서 1km", Notice: notice, URL: "https://www.work24.go.kr/x"},
	}}})
	if bad := kakaotest.Check(resp); len(bad) > 0 {
		t.Fatal(bad)
	}
	if d := resp.Template.Outputs[0].ListCard.Items[0].Description; !strings.HasSuffix(d, notice) {
		t.Errorf("the item reads %q; want the notice whole at its end", d)
	}
}
