package dialogs

import (
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// dongs maps well-known neighbourhoods (동 and areas residents name their
// home by, without "동") to their district, or to the two districts a name
// is found in (신사동 is in 강남구 and in 은평구; 신촌 spans 서대문구 and
// 마포구), for which the resident is asked which. It is a short list of
// names that are unmistakable; any other 동 is asked for its 구.
var dongs = func() map[string][]data.District {
	table := map[string]string{
		"종로구":  "혜화 창신 숭인 평창 부암 삼청 효자",
		"중구":   "명동 을지로 신당 황학 약수 충무로 회현",
		"용산구":  "이태원 한남 이촌 효창 후암",
		"성동구":  "왕십리 성수 금호 옥수 행당",
		"광진구":  "자양 구의 화양",
		"동대문구": "청량리 회기 이문 장안 답십리 전농 휘경 제기",
		"중랑구":  "면목 상봉 신내 망우 묵",
		"성북구":  "길음 정릉 돈암 장위 석관 종암",
		"강북구":  "수유 미아 번 우이",
		"도봉구":  "창 쌍문 방학",
		"노원구":  "상계 중계 하계 공릉 월계",
		"은평구":  "응암 불광 녹번 갈현 구산 역촌 진관 수색",
		"서대문구": "연희 홍제 남가좌 북가좌 홍은",
		"마포구":  "상암 합정 연남 망원 공덕 서교 아현",
		"양천구":  "목 신정 신월",
		"강서구":  "화곡 마곡 등촌 염창 발산 방화 가양",
		"구로구":  "신도림 개봉 고척 오류",
		"금천구":  "가산 독산",
		"영등포구": "여의도 신길 당산 문래 대림",
		"동작구":  "노량진 흑석 상도 대방 사당",
		"관악구":  "신림 봉천 남현",
		"서초구":  "방배 반포 양재 잠원 서초",
		"강남구":  "압구정 청담 대치 역삼 도곡 개포 일원 수서",
		"송파구":  "잠실 가락 문정 오금 석촌",
		"강동구":  "천호 암사 명일 고덕 둔촌 성내",
	}
	m := map[string][]data.District{}
	for name, list := range table {
		d := data.DistrictByName(name)
		for _, dong := range strings.Fields(list) {
			m[dong] = []data.District{d}
		}
	}
	for dong, both := range map[string][2]string{"신사": {"강남구", "은평구"}, "신촌": {"서대문구", "마포구"}} {
		m[dong] = []data.District{data.DistrictByName(both[0]), data.DistrictByName(both[1])}
	}
	return m
}()
