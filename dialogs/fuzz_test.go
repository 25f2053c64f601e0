package dialogs

import (
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// vocabulary is what the fuzz test types: answers, control words, near
// misses and nonsense.
var vocabulary = []string{
	"52", "52세", "만 52세", "1972년생", "72년생", "오십대", "50대 후반", "쉰두 살", "200", "0",
	"회계 사무 20년", "경력 없음", "요양보호사 5년", "이십년", "5년 미만", "3",
	"재취업", "디지털", "재취업 디지털 창업 노후", "선택 완료", "보람일자리",
	"은평", "은평구", "서울 은평구", "Eunpyeong", "중구", "준비 중이에요",
	"52세 회계 사무 20년 재취업 은평구", "처음으로", "이전", "그만", "도움말",
	"네", "아니요", "동의해요", "받을게요", "안 받을게요", "네, 지워 주세요", "이어서 할게요",
	"", " ", "안녕하세요", "🙂", "\xff\xfe", "✓ 재취업", "gol:job",
	"후반이요", "중반", "환갑 지났어요", "61살이고 72년생이에요", "72", "2019년에 퇴직했어요 올해 61이에요",
	"요양보호사 자격증 따고 싶어요", "가게 차리고 싶어요", "아 그리고 노원 살아요", "다 골랐어요", "됐어요",
	"괜찮아요", "모르겠어요", "네 동의합니다", "45살 개발자 15년 창업 AI 강남", "내 정보 보기", "내 정보 삭제",
	"알림 그만", "사람이랑 통화하고 싶어요", "신사동", "동작구랑 관악구", "일산 살아요", "67세", "38살", "👍",
	"hlp:profile", "hlp:forget", "age:again",
	"자세히 보기", "마감 전 알림", "목록으로", "res:pick", "res:p1", "res:j1", "res:p99", "dtl:remind", "rmd:x1", "rmd:x-1",
}

var commands = []string{"start", "help", "profile", "forget", "stop", "broadcast", "START", "start@dasi_bot", ""}

// fuzzReader turns fuzz bytes into a resident's inputs.
type fuzzReader struct{ b []byte }

func (r *fuzzReader) done() bool { return len(r.b) == 0 }

func (r *fuzzReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *fuzzReader) bytes() string {
	n := int(r.byte())
	if n > len(r.b) {
		n = len(r.b)
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// input reads one input: mostly presses of the bot's latest buttons and
// typed words from the vocabulary, sometimes raw bytes.
func (r *fuzzReader) input(last []Reply) Input {
	switch r.byte() % 9 {
	case 0, 1, 2:
		var data []string
		for _, rep := range last {
			for _, row := range rep.Buttons {
				for _, b := range row {
					if b.Data != "" {
						data = append(data, b.Data)
					}
				}
			}
		}
		if len(data) > 0 {
			return Input{Kind: InputButton, Text: data[int(r.byte())%len(data)]}
		}
		return Input{Kind: InputText, Text: vocabulary[int(r.byte())%len(vocabulary)]}
	case 3, 4:
		return Input{Kind: InputText, Text: vocabulary[int(r.byte())%len(vocabulary)]}
	case 5:
		return Input{Kind: InputText, Text: r.bytes()}
	case 6:
		return Input{Kind: InputCommand, Command: commands[int(r.byte())%len(commands)], Text: r.bytes()}
	case 7:
		lat := 37.4 + float64(r.byte())/800
		lon := 126.7 + float64(r.byte())/500
		if r.byte()%4 == 0 {
			lat, lon = float64(int8(r.byte())), float64(int8(r.byte()))
		}
		return Input{Kind: InputLocation, At: data.LatLon{Lat: lat, Lon: lon}}
	default:
		if r.byte()%2 == 0 {
			return Input{Kind: InputButton, Text: r.bytes()}
		}
		return Input{Kind: InputKind(r.byte())}
	}
}

// FuzzStep plays random sequences of inputs, passing the state through
// its encoding between steps as a channel does, and holds every turn to
// checkTurn: no panic, always a message, valid labels and data, a valid
// state that survives encoding.
func FuzzStep(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{6, 0, 0, 0, 0, 0, 3, 2, 0, 3, 10, 0, 5, 0, 19, 0, 0, 0, 12, 0, 0, 0, 0})
	f.Add([]byte("\x06\x00\x00\x00\x00\x00\x03\x1b\x00\x00\x00\x00\x00\x00\x00\x00\x00\x07\x10\x20\x01"))
	f.Add([]byte("\x08\x00\x05{\"v\":1}\x06\x03\x00\x00\x03\x1d"))
	m := New(fixtureCatalog(), fixtureOptions)
	f.Fuzz(func(t *testing.T, prog []byte) {
		r := &fuzzReader{b: prog}
		var session []byte
		var last []Reply
		kept := &remindersKept{}
		today := fixtureToday
		for n := 0; !r.done() && n < 100; n++ {
			if c := r.byte(); c%11 == 0 {
				today = today.AddDays(int(c % 40))
			} else if c%13 == 0 {
				session = []byte(r.bytes()) // a damaged or foreign session
			}
			in := r.input(last)
			in.Today = today
			var s State
			if err := s.UnmarshalBinary(session); err != nil {
				t.Fatalf("UnmarshalBinary(%q): %v", session, err)
			}
			next, replies, effects, bad := playTurn(m, s, in, kept)
			if bad = append(bad, checkTurn(next, replies, effects)...); len(bad) > 0 {
				t.Fatalf("step %d, input %+v from state %+v:\n%v", n, in, s, bad)
			}
			var err error
			if session, err = next.MarshalBinary(); err != nil {
				t.Fatal(err)
			}
			last = replies
		}
	})
}
