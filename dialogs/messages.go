package dialogs

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// This file is the message catalog: every sentence a resident reads, in
// plain 존댓말 (해요체, questions), at most four lines a message. The names
// of the fixed choices (age bands, fields, goals, districts) are data's.
// Reasons come from reasons.go.

// Button labels (at most 14 characters).
const (
	labelBack         = "이전"
	labelHome         = "처음으로"
	labelAgree        = "동의해요"
	labelDisagree     = "동의하지 않아요"
	labelConsentMore  = "자세히 보기"
	labelGoalsDone    = "선택 완료"
	labelSearch       = "네, 찾아 주세요"
	labelChange       = "고칠게요"
	labelMore         = "더 보기"
	labelChangeCond   = "조건 바꾸기"
	labelNotify       = "새 소식 알림 받기"
	labelNoticesYes   = "받을게요"
	labelNoticesNo    = "안 받을게요"
	labelOtherDist    = "다른 구 보기"
	labelAgreeSearch  = "동의하고 맞춤 찾기"
	labelForgetYes    = "네, 지워 주세요"
	labelForgetNo     = "아니요"
	labelContinue     = "이어서 할게요"
	labelRestart      = "처음부터 할게요"
	labelEditAge      = "나이"
	labelEditField    = "경력 분야"
	labelEditYears    = "경력 기간"
	labelEditGoals    = "하고 싶은 일"
	labelEditDist     = "사는 구"
	labelNoticesOn    = "알림 받기"
	labelNoticesOff   = "알림 끄기"
	labelForget       = "내 정보 삭제"
	labelProfile      = "내 정보 보기"
	labelPrivacy      = "개인정보 처리방침"
	labelMyInfo       = "내 정보"
	labelAgeYes       = "네, 맞아요"
	labelAgeNo        = "아니에요"
	labelOtherZone    = "다른 권역 보기"
	labelFieldsMore   = "다른 분야 보기"
	labelFieldsBefore = "앞 분야 보기"
	checkMark         = "✓ "
)

const (
	msgGreeting          = "안녕하세요. 서울 중장년께 맞는 일과 배움을 찾아 드리는 '다시'예요."
	msgWelcomeBack       = "다시 오셨네요. 반가워요."
	msgUnfinished        = "전에 하시던 질문이 남아 있어요."
	msgBackUnfinished    = "다시 오셨네요. 전에 하시던 질문이 남아 있어요."
	msgLost              = "죄송해요. 하시던 대화를 이어 가지 못해 처음부터 다시 여쭤볼게요."
	msgConsent           = "나이대, 경력 분야, 하고 싶은 일, 사는 구, 네 가지를 여쭤볼게요.\n맞는 교육·일자리와 가까운 곳을 찾는 데만 쓰고, 마지막 이용 후 1년이 지나거나 '내 정보 삭제'를 하시면 바로 지워요.\n동의하지 않으셔도 돼요. 그때는 구만 고르시면 그 구의 교육과 가까운 곳을 보여 드려요.\n동의하시겠어요?"
	msgConsentMore       = "• 여쭤보는 것: 나이대(정확한 나이는 남기지 않아요), 경력 분야와 기간, 하고 싶은 일, 사는 구예요. 이름·전화번호·주소는 여쭤보지 않아요.\n• 보관: 마지막 이용 후 1년 동안 두고, '내 정보 삭제'라고 쓰시면 언제든 바로 지워요.\n• 새 소식 알림은 따로 여쭤보고, 원하실 때만 보내 드려요."
	msgConsentAsk        = "동의하시겠어요?"
	msgPendingDropped    = "전에 말씀하신 것은 하루가 지나 지웠어요. 다시 여쭤볼게요."
	msgConsentLocation   = "위치는 동의하신 뒤에 쓸게요."
	msgConsentAgain      = "동의하시는지 아래 버튼으로 알려 주세요. 동의하지 않으셔도 구를 골라 둘러보실 수 있어요."
	msgConsentWhich      = "'괜찮아요'가 동의하신다는 뜻인지, 안 하신다는 뜻인지 아래 버튼으로 알려 주세요."
	msgConsentExplain    = "나이대·경력·하고 싶은 일·사는 구를 여쭤보고, 맞는 교육·일자리와 가까운 곳을 찾는 데만 써요. 동의하지 않으셔도 구를 골라 둘러보실 수 있어요."
	msgOutsideSeoulTyped = "'다시'는 서울 시민을 위한 서비스예요. 서울의 어느 구에 사시는지 알려 주세요."
	msgOver64            = "'다시'는 40~64세 서울 시민을 위한 서비스예요. 65세 이상이시면 노인일자리나 120다산콜센터(☎120)에서도 안내받으실 수 있어요. 참여하실 수 있는 것은 계속 찾아 드릴게요."
	msgUnder40           = "'다시'는 40~64세 서울 시민을 위한 서비스예요. 40세 미만이시면 서울청년센터나 120다산콜센터(☎120)에서 청년 지원을 안내받으실 수 있어요. 참여하실 수 있는 것은 계속 찾아 드릴게요."
	msgRefused           = "괜찮아요. 정보를 남기지 않을게요."
	msgBrowse            = "어느 구의 교육과 가까운 곳을 볼까요?\n버튼을 누르시거나 '은평구'처럼 써 주세요."
	msgAge               = "1/4단계 · 나이가 어떻게 되세요?\n버튼을 누르시거나 '52세', '1972년생'처럼 써 주셔도 돼요."
	msgField             = "2/4단계 · 어떤 일을 가장 오래 하셨어요?\n'회계 사무 20년'처럼 써 주시면 기간까지 한 번에 적어 둘게요."
	msgGoals             = "3/4단계 · 앞으로 어떤 것을 해 보고 싶으세요?\n세 가지까지 고르시고 '선택 완료'를 눌러 주세요."
	msgGoalsTooMany      = "세 가지까지 고르실 수 있어요. 하나를 빼고 고르시겠어요?"
	msgGoalsKeepOne      = "하나는 남겨 두셔야 해요. 바꾸시려면 새로 고르신 뒤에 빼 주세요."
	msgGoalsNone         = "하나 이상 골라 주세요."
	msgDistrict          = "4/4단계 · 어느 구에 사세요?\n가까운 곳을 찾는 데 써요. 위치를 보내 주셔도 돼요."
	msgDistrictCompact   = "4/4단계 · 어느 구에 사세요?\n사시는 권역을 먼저 골라 주시거나, '은평구'처럼 써 주세요."
	msgOutsideSeoul      = "보내 주신 위치가 서울 밖인 것 같아요."
	msgNearHere          = "보내 주신 위치에서 가까운 곳으로 다시 찾아 드릴게요."
	msgConfirm           = "이 조건으로 찾아 드릴까요?"
	msgEdit              = "어느 것을 고칠까요?"
	msgRestart           = "처음부터 다시 여쭤볼게요."
	msgNotUnderstood     = "잘 알아듣지 못했어요."
	msgOldButton         = "지난 메시지의 버튼이라 지금 질문을 다시 여쭤볼게요."
	msgOther             = "사진이나 스티커는 읽지 못해요. 버튼을 누르시거나 글로 써 주세요."
	msgTooLong           = "글이 너무 길어요. 짧게 써 주시겠어요?"
	msgUnknownCmd        = "그런 명령은 없어요. 버튼을 누르시거나 '도움말'이라고 써 주세요."
	msgHelp              = "버튼을 누르셔도 되고, '52세', '회계 20년', '은평구'처럼 글로 써 주셔도 돼요.\n앞 질문으로 가시려면 '이전', 처음부터 하시려면 '처음으로'라고 써 주세요.\n'내 정보 보기', '내 정보 삭제', '알림 끄기'라고 쓰시거나 아래 버튼을 누르셔도 돼요.\n사람과 이야기하고 싶으시면 120다산콜센터(☎120)로 전화해 주세요."
	msgResume            = "이어서 할까요, 처음부터 할까요?"
	msgForgetAsk         = "내 정보를 모두 지울까요?\n나이대, 경력, 하고 싶은 일, 사는 구와 알림 설정이 바로 지워지고 되돌릴 수 없어요."
	msgForgotten         = "모두 지웠어요. 다시 이용하시려면 아래 버튼을 눌러 주세요."
	msgForgetKept        = "지우지 않았어요. 하시던 것을 이어서 할게요."
	msgStopped           = "알림을 껐어요. 다시 받으시려면 '내 정보 보기'에서 켜실 수 있어요."
	msgStopNothing       = "알림은 보내 드리지 않고 있어요."
	msgNoProfile         = "아직 남겨 두신 정보가 없어요. 맞춤 안내를 받으시려면 먼저 동의해 주세요."
	msgNoticesAsk        = "(선택) 새 교육이나 일자리 소식이 생기면 가끔 알려 드릴까요?\n언제든 '알림 끄기'라고 쓰시면 멈춰요."
	msgNoticesOn         = "알림을 켰어요. 맞는 새 소식이 생기면 알려 드릴게요. 멈추시려면 '알림 끄기'라고 써 주세요."
	msgNoticesOff        = "알겠어요. 알림은 보내 드리지 않을게요."
	msgNoPush            = "여기서는 '다시'가 먼저 연락드릴 수 없어 새 소식 알림은 드리지 못해요. 궁금하실 때 언제든 다시 물어봐 주세요."
	msgNoticesAlso       = "이미 알림을 받고 계세요. 멈추시려면 '알림 끄기'라고 써 주세요."
	msgTitleLinks        = "제목을 누르시면 안내 페이지가 열려요."
	msgFooter            = "더 보시거나 조건을 바꾸실 수 있어요."
	msgBrowseFooter      = "더 보시거나 다른 구를 보실 수 있어요. 동의하시면 나이와 경력에 맞춰 찾아 드려요."
	msgAllShown          = "모두 보여 드렸어요. 조건을 바꾸시면 다른 결과를 찾아 드릴게요."
	msgBrowseAllShown    = "모두 보여 드렸어요. 다른 구를 보시거나, 동의하시면 나이와 경력에 맞춰 찾아 드려요."
)

// msgYears asks how long the resident worked in their field.
func msgYears(f data.Field) string {
	return fmt.Sprintf("2/4단계 · %s 일은 몇 년쯤 하셨어요?", f.Label())
}

// msgAgeConfirm asks whether an age read two ways is right: "61세가
// 맞으세요?".
func msgAgeConfirm(age string) string {
	return "1/4단계 · " + age + "가 맞으세요?\n맞으면 '네', 아니면 나이를 다시 써 주세요."
}

// msgAgeSpan asks which of two bands a phrase means: "60~64세세요, 65세
// 이상이세요?".
func msgAgeSpan(b data.AgeBand) string {
	return "1/4단계 · " + b.Label() + "세요, " + (b + 1).Label() + "이세요?"
}

// msgDistrictZone asks which district of a 생활권 ("서북권") the resident
// lives in.
func msgDistrictZone(zone string) string {
	return "4/4단계 · " + zone + "의 어느 구에 사세요?\n목록에 없으면 '다른 권역 보기'를 눌러 주세요."
}

// msgBrowseZone asks which district of a 생활권 to browse.
func msgBrowseZone(zone string) string {
	return zone + "의 어느 구를 볼까요?\n목록에 없으면 '다른 권역 보기'를 눌러 주세요."
}

// msgDistrictWhich asks which of two districts the resident lives in.
func msgDistrictWhich(a, b data.District) string {
	return "4/4단계 · " + a.Name() + "와 " + b.Name() + " 중 어디에 사세요?"
}

// msgPendingFacts answers facts typed before the consent: they are kept
// until the resident says yes, and used at once.
func msgPendingFacts(summary string, complete bool) string {
	if complete {
		return "동의해 주시면 방금 말씀하신 " + summary + withRo(summary) + " 바로 찾아 드릴게요."
	}
	return "동의해 주시면 방금 말씀하신 " + summary + "부터 적어 두고 나머지를 여쭤볼게요."
}

// withTopic is the topic particle 은/는 after word.
func withTopic(word string) string {
	r, _ := utf8.DecodeLastRuneInString(word)
	if r >= 0xAC00 && r <= 0xD7A3 && (r-0xAC00)%28 != 0 {
		return "은"
	}
	return "는"
}

// withRo is the particle (으)로 after word: 로 after a vowel or ㄹ, 으로
// after any other final consonant.
func withRo(word string) string {
	r, _ := utf8.DecodeLastRuneInString(word)
	if r < 0xAC00 || r > 0xD7A3 {
		return "로"
	}
	if tail := (r - 0xAC00) % 28; tail != 0 && tail != 8 {
		return "으로"
	}
	return "로"
}

// msgDecade asks which half of a decade ("50대") the resident is in.
func msgDecade(decade int) string {
	return fmt.Sprintf("1/4단계 · %d대 초반이세요, 후반이세요?", decade*10)
}

// msgChosenGoals lists the goals chosen so far.
func msgChosenGoals(gs data.Goals) string {
	var names []string
	for _, g := range gs.List() {
		names = append(names, g.Label())
	}
	return "고르신 것: " + strings.Join(names, ", ")
}

// msgFromPlace greets a resident who came through a place's QR code; the
// consent question that follows says what is asked.
func msgFromPlace(name string, d data.District) string {
	s := msgGreeting + "\n" + msgFromPlaceShort(name)
	if d != 0 {
		s += fmt.Sprintf(" 사는 구는 %s로 골라 둘게요. 나중에 바꾸실 수 있어요.", d.Name())
	}
	return s
}

// msgLocated says which district a shared location was taken as.
func msgLocated(d data.District) string {
	return fmt.Sprintf("보내 주신 위치는 %s 같아요. 거리는 이 위치에서 잴게요.", d.Name())
}

// msgHeard repeats what a typed message answered, when it answered more
// than the question asked.
func msgHeard(parts []string) string {
	return "알려 주신 것: " + strings.Join(parts, " · ")
}

// msgProfile shows the resident's answers, for /profile.
func msgProfile(summary string, notices bool, operator string) string {
	n := "받지 않음"
	if notices {
		n = "받는 중"
	}
	if operator != "" {
		return "남겨 두신 내 정보예요. 고치실 것을 눌러 주세요.\n" + summary + "\n새 소식 알림: " + n + "\n" + msgOperator(operator)
	}
	return "남겨 두신 내 정보예요.\n" + summary + "\n새 소식 알림: " + n + "\n고치실 것을 눌러 주세요."
}

// msgOperator says who runs the service and how to reach them.
func msgOperator(contact string) string { return "운영하는 곳: " + contact }

// msgConsentDetails is the consent's details: what is asked and kept, and
// who runs the service when the operator said so.
func msgConsentDetails(operator string) string {
	if operator != "" {
		return msgConsentMore + "\n• " + msgOperator(operator)
	}
	return msgConsentMore + "\n" + msgConsentAsk
}

// summary is one line of the answers, as DESIGN.md shows it:
// "50~54세 · 회계·금융 20년 이상 · 재취업, 디지털 · 은평구".
func summary(p data.Profile) string {
	var parts []string
	if p.Age != 0 {
		parts = append(parts, p.Age.Label())
	}
	switch {
	case p.Field == data.FieldNone:
		parts = append(parts, p.Field.Label())
	case p.Field != 0 && p.Years != 0:
		parts = append(parts, p.Field.Label()+" "+p.Years.Label())
	case p.Field != 0:
		parts = append(parts, p.Field.Label())
	}
	if p.Goals != 0 {
		var gs []string
		for _, g := range p.Goals.List() {
			gs = append(gs, g.Short())
		}
		parts = append(parts, strings.Join(gs, ", "))
	}
	if p.District != 0 {
		parts = append(parts, p.District.Name())
	}
	if len(parts) == 0 {
		return "아직 알려 주신 것이 없어요."
	}
	return strings.Join(parts, " · ")
}

// Results.

// msgProgramsHead heads a page of programs.
func msgProgramsHead(total, from, to int) string {
	return "참여하실 수 있는 교육·활동 " + count(total, "개", from, to)
}

// msgJobsHead heads a page of job openings.
func msgJobsHead(total, from, to int) string {
	return "지원하실 수 있는 일자리 " + count(total, "개", from, to)
}

// msgPlacesHead heads a page of places.
func msgPlacesHead(total, from, to int) string {
	return "찾아가실 수 있는 가까운 곳 " + count(total, "곳", from, to)
}

// count says how many there are and which a page shows: "(모두 12개 중
// 4~6번째)", or "(모두 2개)" when the page shows them all.
func count(total int, unit string, from, to int) string {
	if from == 1 && to >= total {
		return "(모두 " + strconv.Itoa(total) + unit + ")"
	}
	return "(모두 " + strconv.Itoa(total) + unit + " 중 " + span(from, to) + ")"
}

func span(from, to int) string {
	if from == to {
		return strconv.Itoa(from) + "번째"
	}
	return strconv.Itoa(from) + "~" + strconv.Itoa(to) + "번째"
}

// msgNotFound says, on the first page of results, which groups found
// nothing and where to turn instead: the places listed below, or
// 120다산콜센터 when there are none. It is empty when every group found
// something.
func msgNotFound(noPrograms, noJobs, noPlaces, browse bool, where string) string {
	var what string
	switch {
	case noPrograms && noJobs:
		what = "지금 조건에 맞는 교육·활동과 일자리 공고를 찾지 못했어요."
	case noPrograms && browse:
		what = "이 구에서 지금 참여하실 수 있는 교육·활동을 찾지 못했어요."
	case noPrograms:
		what = "지금 조건에 맞는 교육·활동을 찾지 못했어요."
	case noJobs:
		what = "지금 맞는 일자리 공고는 없어요."
	}
	switch {
	case noPlaces && what == "":
		return "가까운 곳을 찾지 못했어요. 120다산콜센터(☎120)에 물어보시면 알려 드려요."
	case noPlaces:
		return what + " 120다산콜센터(☎120)에 물어보시면 가까운 곳을 알려 드려요."
	case what == "":
		return ""
	case noJobs && !noPrograms && where != "":
		return what + " 가까운 " + where + "에서 일자리 상담을 받으실 수 있어요."
	case noJobs && !noPrograms:
		return what + " 아래 가까운 곳에서 일자리 상담을 받으실 수 있어요."
	case browse:
		return what + " 아래 가까운 곳에 물어보시거나 다른 구를 골라 보세요."
	}
	return what + " 아래 가까운 곳에 물어보시거나 '조건 바꾸기'로 하고 싶은 일을 더 골라 보세요."
}

// msgCall offers a person to call, written out so that a phone makes the
// number a link that dials (a button cannot): the nearest place whose
// phone is verified (data.Result.Call), else 120다산콜센터. Every page of
// results ends with it.
func msgCall(h *data.PlaceHit) string {
	if h != nil && h.Place != nil && h.Place.Phone != "" {
		return "전화로 물어보시려면: " + h.Place.Name + " ☎ " + h.Place.Phone
	}
	return "전화로 물어보시려면: 120다산콜센터 ☎ 120"
}

// msgNearest titles the map pin of the nearest place.
func msgNearest(name string) string { return "가장 가까운 곳: " + name }

// The pieces of a result's detail line.
const (
	wordOnline    = "온라인"
	wordFree      = "무료"
	wordUntilHire = "채용 시 마감"
	// wordNoWorkplace: a posting that names no work place says so, so
	// that a resident does not take it for a near one.
	wordNoWorkplace = "근무지 미기재"
	wordWaitlist    = "정원이 차 대기 신청만 가능"
	wordLicence     = "자격 필요" // after the licence: "요양보호사 자격 필요"
)

// restrictionText says who an item is for, in its details.
var restrictionText = map[data.Restrictions]string{
	data.RestrictWomen:           "여성만 모집",
	data.RestrictMen:             "남성만 모집",
	data.RestrictHomemakers:      "주부 대상",
	data.RestrictSingleHousehold: "1인 가구 대상",
	data.RestrictLowIncome:       "기초생활수급자·차상위계층 대상",
	data.RestrictVulnerable:      "취업취약계층 대상",
}

func wordStarts(d, today data.Date) string   { return day(d, today) + " 시작" }
func wordApplyBy(d, today data.Date) string  { return day(d, today) + "까지 신청" }
func wordDeadline(d, today data.Date) string { return day(d, today) + " 마감" }
func wordWon(n int) string                   { return thousands(n) + "원" }

// day writes a date as "9월 1일", with the year when it is not today's
// year; with no today, never with the year.
func day(d, today data.Date) string {
	y, m, dd := int(d)/10000, int(d)/100%100, int(d)%100
	md := strconv.Itoa(m) + "월 " + strconv.Itoa(dd) + "일"
	if today != 0 && y != int(today)/10000 {
		return strconv.Itoa(y) + "년 " + md
	}
	return md
}

// thousands writes n with thousands separators: 30000 -> "30,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// msgFromPlaceShort names the place a returning resident came through.
func msgFromPlaceShort(name string) string { return name + "에서 오셨군요." }

// msgDecadeHeard is a decade in the list of what a message answered.
func msgDecadeHeard(decade int) string { return fmt.Sprintf("%d대", decade*10) }

// msgWork24Notice goes with every 고용24 posting, as 고용24's terms of use
// ask of those who show its postings.
const msgWork24Notice = "본 자료는 고용노동부 고용24(www.work24.go.kr)에서 제공된 정보입니다."

// formatWork24 is the source format of 고용24 postings (data.Source.Format).
const formatWork24 = "work24"
