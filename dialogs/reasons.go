package dialogs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// This file is the part of the message catalog that says why an item was
// recommended: one short noun phrase per data.Reason, joined by " · " in a
// result line ("디지털 목표 · 은평구청에서 1.2km · 만 40~64세 대상"). What the
// resident should check reads as a request ("나이 조건 확인 필요").

// ReasonText returns the Korean phrase for one reason, such as "디지털 목표",
// "은평구청에서 1.2km" or "나이 조건 확인 필요", as a resident who gave their
// answers reads it. It never returns an empty string.
func ReasonText(r data.Reason) string { return reasonText(r, false) }

// reasonText is ReasonText; browse words the reasons for a resident who
// only chose a district to look at: that district is not said to be where
// they live, and an age limit is named rather than "to be checked", since
// no age was given to check it against.
func reasonText(r data.Reason, browse bool) string {
	switch r.Kind {
	case data.ReasonGoal:
		// Every goal the item serves: "재취업·디지털 목표".
		var names []string
		for _, g := range r.Goals.With(r.Goal).List() {
			names = append(names, g.Short())
		}
		if len(names) > 0 {
			return strings.Join(names, "·") + " 목표"
		}
	case data.ReasonField:
		switch {
		case r.Field == data.FieldNone:
			return "경력 없어도 괜찮음"
		case r.Field.Valid():
			return r.Field.Label() + " 경력 살리기"
		}
	case data.ReasonDistance:
		// "약" for a place known only by its district's point.
		d := distanceText(r.Meters)
		if r.Approx {
			d = "약 " + d
		}
		// Where the distance is measured from is said: the location the
		// resident sent, or the district's office (구청), whose
		// neighbourhood the district's reference point is, never "from
		// home".
		switch {
		case r.FromLocation:
			return "보내 주신 위치에서 " + d
		case r.District.Valid():
			return r.District.Name() + "청에서 " + d
		default:
			return d + " 거리"
		}
	case data.ReasonDistrict:
		switch {
		case !r.District.Valid():
		case browse:
			return r.District.Name() + "에 있음"
		default:
			return "사시는 " + r.District.Name()
		}
	case data.ReasonOnline:
		return "집에서 온라인 참여"
	case data.ReasonAges:
		if r.MinAge <= 0 && r.MaxAge <= 0 {
			return "나이 제한 없음"
		}
		return agesText(r.MinAge, r.MaxAge) + " 대상"
	case data.ReasonAgeCheck:
		if browse && (r.MinAge > 0 || r.MaxAge > 0) {
			return agesText(r.MinAge, r.MaxAge) + " 대상"
		}
		return "나이 조건 확인 필요"
	case data.ReasonDeadline:
		return onDay(r, " 마감", "마감일 확인 필요")
	case data.ReasonOpensSoon:
		return onDay(r, "부터 신청", "곧 신청 시작")
	case data.ReasonFree:
		return "무료"
	case data.ReasonAlwaysOpen:
		return "상시 모집"
	case data.ReasonResidence:
		if r.District.Valid() {
			return r.District.Name() + " 주민 대상"
		}
	case data.ReasonScheduleCheck:
		return "신청 일정 확인 필요"
	case data.ReasonBetweenRounds:
		if r.Date != 0 {
			return "지난 모집 " + day(r.Date, 0) + " 마감, 다음 모집은 공고 전"
		}
		return "지난 모집 마감, 다음 모집은 공고 전"
	case data.ReasonPlaceKind:
		if s, ok := placeKindText[r.PlaceKind]; ok {
			return s
		}
		return "배움·일자리 기관"
	}
	return "추천"
}

// ReasonTexts returns the phrases of rs, in order.
func ReasonTexts(rs []data.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = ReasonText(r)
	}
	return out
}

// reasonLine is the reasons of one item on one line, as a result shows
// them: "재취업 목표 · 사시는 은평구 · 무료".
func reasonLine(rs []data.Reason, browse bool) string {
	var b strings.Builder
	b.Grow(40 * len(rs))
	for i, r := range rs {
		if i > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(reasonText(r, browse))
	}
	return b.String()
}

// onDay words what happens on a reason's day: "오늘 마감", "내일부터
// 신청", "8월 4일 마감", or undated when the reason has no date.
func onDay(r data.Reason, what, undated string) string {
	switch {
	case r.Days == 0 && r.Date != 0:
		return "오늘" + what
	case r.Days == 1:
		return "내일" + what
	case r.Date != 0:
		return day(r.Date, 0) + what
	}
	return undated
}

// placeKindText names the kinds of places.csv in plain words.
var placeKindText = map[string]string{
	"campus_50plus":  "50플러스 캠퍼스",
	"center_50plus":  "50플러스센터",
	"tech_institute": "기술교육원",
	"polytech":       "폴리텍 대학",
	"women_center":   "여성발전센터",
	"job_center":     "일자리 상담 창구",
	"digital_center": "디지털 배움터",
	"citizen_univ":   "서울시민대학",
}

// distanceText writes a distance the way a map app does: "100m 이내",
// "960m", "1.2km", "12km".
func distanceText(m int) string {
	switch {
	case m < 100:
		return "100m 이내"
	case m < 1000:
		return strconv.Itoa((m+5)/10*10) + "m"
	case m < 9950:
		tenths := (m + 50) / 100
		if tenths%10 == 0 {
			return strconv.Itoa(tenths/10) + "km"
		}
		return fmt.Sprintf("%d.%dkm", tenths/10, tenths%10)
	default:
		return strconv.Itoa((m+500)/1000) + "km"
	}
}

// agesText writes an age range: "만 40~64세", "만 50세 이상", "만 64세 이하";
// at least one bound must be set.
func agesText(minAge, maxAge int) string {
	switch {
	case minAge > 0 && maxAge > 0:
		return fmt.Sprintf("만 %d~%d세", minAge, maxAge)
	case minAge > 0:
		return fmt.Sprintf("만 %d세 이상", minAge)
	case maxAge > 0:
		return fmt.Sprintf("만 %d세 이하", maxAge)
	default:
		return "나이 제한 없음"
	}
}
