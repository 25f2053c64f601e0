package data

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// This file generates catalogs and profiles for tests and benchmarks,
// shaped like the real catalog of 2026-07-26 (../shared/data/50plus and
// the seed): most courses at a 50플러스 campus or centre, a third of them
// charged, a sixth on a waiting list, runs of one course (3기, 4기), a few
// standing programmes of unknown schedule or between rounds and a few
// past ones, a few for one district's residents or for women only; job
// openings of varied titles and occupation codes (a 50플러스 code for a
// whole category, or a KECO code), 40% of them naming a district (14 of
// the 24 real postings name no work place), most open to beginners
// (경력무관), a few needing a licence. The items are made up and live only
// in tests.

// generated returns a catalog of synthetic places (two per district, some
// without coordinates) and the given numbers of programs and jobs.
func generated(t testing.TB, programs, jobs int, seed uint64) *Catalog {
	t.Helper()
	pl, pr, jb := generate(programs, jobs, seed)
	return NewCatalog(pl, pr, jb)
}

func generate(nPrograms, nJobs int, seed uint64) ([]Place, []Program, []Job) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var places []Place
	kinds := []string{"center_50plus", "center_50plus", "campus_50plus", "job_center", "tech_institute", "digital_center",
		"citizen_univ", "women_center"}
	for _, d := range Districts() {
		for k := range 2 {
			p := Place{
				ID:       fmt.Sprintf("gen-%s-%d", d.Info().NameEn, k),
				Name:     fmt.Sprintf("%s %d센터", d.Name(), k+1),
				Kind:     kinds[rng.IntN(len(kinds))],
				District: d,
				Address:  fmt.Sprintf("서울특별시 %s 중앙로 %d", d.Name(), rng.IntN(300)),
				Phone:    fmt.Sprintf("02-%03d-%04d", rng.IntN(1000), rng.IntN(10000)),
				Status:   PlaceOpen,
			}
			if rng.IntN(2) > 0 {
				pt := d.Point()
				p.At = LatLon{pt.Lat + (rng.Float64()-0.5)*0.03, pt.Lon + (rng.Float64()-0.5)*0.03}
			}
			switch rng.IntN(10) {
			case 0:
				p.Status = PlaceClosed
			case 1:
				p.Status = PlaceUnverified
			}
			places = append(places, p)
		}
	}
	places = append(places, Place{ID: "gen-nowhere", Name: "위치 모르는 교육원", Kind: "tech_institute", Status: PlaceOpen})
	return places, genPrograms(rng, places, nPrograms), genJobs(rng, nJobs)
}

// programKinds are templates of programs as the catalog holds them: the
// faculty (category) a centre files them under, title templates, and the
// goals an importer would set (the real importer reads them from the
// title; half the generated programs leave them to the catalog).
var programKinds = []struct {
	category string
	titles   []string
	goals    Goals
	weight   int
}{
	{"인생설계", []string{"[재무] 은퇴 후 현금흐름 만들기", "[재무] 국민연금 알차게 받기", "[인생디자인] 나를 찾는 인생 후반 설계",
		"[집단상담] 새로운 내일 찾기", "1:1 생애설계 상담", "증여와 상속 바로 알기", "[노후준비] 주택임대차 실무"}, goalsOf(GoalLife), 22},
	{"일활동", []string{"[일활동] AI를 활용한 숏폼 홍보 영상제작 실무", "[일활동] 이력서·자기소개서 1:1 컨설팅",
		"[집단상담] 중장년 재취업 전략 세우기", "면접 스피치 스킬 업", "[일활동] 청소매니저 양성과정"}, 0, 14},
	{"직업역량강화", []string{"바리스타 2급 자격증 과정", "재난안전교육강사 1급 양성과정", "요양보호사 자격증 준비반",
		"병원동행매니저 양성교실", "전래놀이지도사 2급 양성과정", "건물 시설관리 실무", "일반경비원 신임교육",
		"출장세차 전문가 양성과정", "산후도우미 양성교실", "법률사무원 실무자 과정"}, goalsOf(GoalTrain), 16},
	{"디지털기본", []string{"[AI디지털교육] 숫자가 두렵지 않은 엑셀 완성", "[AI디지털교육] 업무에 바로 쓰는 파워포인트",
		"[디지털배움터] 스마트폰 왕기초", "[AI디지털교육] 유튜브 콘텐츠 제작", "캡컷으로 영상 편집하기"}, goalsOf(GoalDigital), 14},
	{"AI(기초)", []string{"[AI디지털교육] AI로 나만의 영상 만들어보기", "[AI디지털교육] 챗GPT 처음 만나기",
		"생성형 AI 이미지 디자인"}, 0, 8},
	{"AI(중급)", []string{"[AI디지털교육] AI가 도와주는 보고서, 문서 작성", "[AI디지털교육] AI로 홍보물 직접 만들기",
		"[AI디지털교육] AI로 데이터 읽고 분석하기"}, goalsOf(GoalDigital), 6},
	{"가치동행일자리", []string{"서울 중장년 가치동행일자리 참여자 모집", "외로움돌봄동행단 참여자 모집", "정원텃밭지원단 참여자 모집"},
		goalsOf(GoalSocial), 2},
	{"창업", []string{"예비 창업자 기초교육", "온라인 쇼핑몰 창업 과정", "소상공인 라이브커머스 실무", "스톡사진 수익화 과정",
		"공유숙박 창업 탐색"}, goalsOf(GoalStartup), 8},
	{"공모사업", []string{"기후행동활동가과정", "수혜자에서 기여자로", "마을 기자단 과정"}, 0, 4},
	{"기술교육", []string{"신중년 특화과정 전기설비", "신중년 특화과정 용접", "신중년 특화과정 건축 인테리어",
		"홈인테리어 시공 전문가 양성과정"}, goalsOf(GoalTrain, GoalJob), 6},
}

// programWeights is the sum of the kinds' weights.
var programWeights = func() int {
	n := 0
	for _, k := range programKinds {
		n += k.weight
	}
	return n
}()

func genPrograms(rng *rand.Rand, places []Place, n int) []Program {
	out := make([]Program, n)
	for i := range out {
		w := rng.IntN(programWeights)
		k := programKinds[0]
		for _, kk := range programKinds {
			if w < kk.weight {
				k = kk
				break
			}
			w -= kk.weight
		}
		p := Program{
			ID:       fmt.Sprintf("gen-p%06d", i),
			Title:    k.titles[rng.IntN(len(k.titles))],
			Category: k.category,
			Provider: "서울시50플러스재단",
			Keywords: k.category + " 교육사업",
			Schedule: fmt.Sprintf("매주 %s %d:00-%d:50", []string{"월", "화", "수", "목", "금"}[rng.IntN(5)], 10+rng.IntN(6), 11+rng.IntN(6)),
			Source:   Source{Format: "50plus-lectures", ID: fmt.Sprint(75000000 + i), URL: fmt.Sprintf("https://www.50plus.or.kr/education-detail.do?id=%d", 75000000+i)},
		}
		if rng.IntN(5) == 0 {
			p.Title = fmt.Sprintf("%s %d기", p.Title, 1+rng.IntN(9)) // runs of one course
		} else {
			p.Title = fmt.Sprintf("%s (%s, %d:00)", p.Title, []string{"월", "화", "수", "목", "금"}[rng.IntN(5)], 10+rng.IntN(8))
		}
		if rng.IntN(2) == 0 {
			p.Goals = k.goals
		}
		switch r := rng.IntN(20); {
		case r < 15:
			pl := places[rng.IntN(len(places))]
			p.PlaceID, p.District = pl.ID, pl.District
		case r < 17:
			p.District = District(1 + rng.IntN(NumDistricts))
		case r < 19:
			p.Online = true
		}
		switch r := rng.IntN(40); {
		case r < 3:
			p.MinAge, p.MaxAge = 40, 64
		case r < 4:
			p.MinAge = 60
		case r < 5:
			p.MinAge, p.MaxAge = 40, 49
		}
		if p.District.Valid() && rng.IntN(50) == 0 {
			p.DistrictOnly = true
		}
		switch r := rng.IntN(10); {
		case r < 3:
			p.Cost, p.CostText = 0, "무료"
		case r < 9:
			p.Cost = 5000 * (1 + rng.IntN(8))
			p.CostText = fmt.Sprintf("%d원", p.Cost)
		default:
			p.Cost = -1
		}
		switch r := rng.IntN(100); {
		case r < 2:
			p.Window = WindowRolling
		case r < 4:
			p.Window = WindowUnknown
		case r < 5:
			p.Window = WindowBetween
			p.ApplyEnd = today.AddDays(-rng.IntN(150))
		case r < 6:
			p.Window = WindowPast
		default:
			p.ApplyStart = today.AddDays(-rng.IntN(60) + rng.IntN(25))
			p.ApplyEnd = p.ApplyStart.AddDays(7 + rng.IntN(60))
			p.Start = p.ApplyEnd.AddDays(rng.IntN(10) - 3)
			p.End = p.Start.AddDays(rng.IntN(60))
		}
		p.Waitlist = rng.IntN(6) == 0
		if rng.IntN(30) == 0 {
			p.Restrictions = RestrictWomen
		}
		out[i] = p
	}
	return out
}

// occupations are (code, name, title) as job sources give them: KECO
// codes with an occupation name, and 50플러스 codes that name a whole
// category (IN59011 숙박/음식/여행/스포츠/경비청소 covers cooks and
// cleaners alike) and postings whose titles say the work.
var occupations = [][3]string{
	{"550100", "요양보호사", "요양원 요양보호사 채용 (주야 교대)"}, {"550200", "간병인", "병원 간병인 모집"},
	{"541000", "아파트 경비원", "아파트 경비원 모집 (격일제)"}, {"561000", "건물 청소원", "[월 230만원] 오피스텔 미화원 채용(주5일)"},
	{"023100", "사무보조원", "사무보조 시간제 모집"}, {"031200", "경리사무원", "경리 사무원 채용 (경력)"},
	{"621000", "택배원", "지하철택배 시니어 배송원 모집"}, {"622000", "버스 운전원", "마을버스 운전원 모집"},
	{"531000", "한식 조리사", "구내식당 조리원 모집"}, {"532000", "주방보조원", "[분식 체인] 직영점 정규직 채용 (주부사원)"},
	{"611000", "매장 판매원", "골프 용품 매장 판매 담당자 모집"}, {"612000", "텔레마케터", "자동차보험 접수 및 CS상담 채용"},
	{"701000", "건물 시설관리원", "건물 시설관리 기사 모집"}, {"831000", "전기기사", "전기 안전관리자 채용"},
	{"210100", "방과후 강사", "시니어 방문 학습 매니저"}, {"133000", "웹 개발자", "클라우드 서비스 운영·배포자동화 담당 (중장년 경력인재)"},
	{"891000", "제조 단순 종사원", "전자부품 조립 생산직 모집"},
	{"IN59010", "IT/정보통신/웹", "데이터 분석 및 품질 관리 매니저 (경력인재)"},
	{"IN59001", "경영/금융/사무/보험", "복지관 정규직 직원(팀장) 채용"},
	{"IN59004", "의료/보건/사회복지", "구립 가족센터 아이돌봄 선생님 모집"},
	{"IN59011", "숙박/음식/여행/스포츠/경비청소", "한식 프랜차이즈 홀서비스/조리 직원 채용"},
	{"IN59011", "숙박/음식/여행/스포츠/경비청소", "[서울] 가정 청소 매니저 모집"},
	{"IN59011", "숙박/음식/여행/스포츠/경비청소", "공연장 환경관리직(미화) 제한경쟁(남성) 채용"},
	{"IN59012", "기타", "개인택시 기사 모집 (신입 가능)"}, {"IN59012", "기타", "주간보호센터 운전기사 모집"},
	{"IN59012", "기타", "노인일자리 참여자 모집 (시니어클럽)"}, {"999999", "기타 서비스", "행사 보조 단기 모집"},
}

func genJobs(rng *rand.Rand, n int) []Job {
	out := make([]Job, n)
	wages := []string{"시급 / 10320원", "월급 / 2200000원", "월급 / 2500000원", "일급 / 90000원"}
	careers := []string{"경력무관", "경력무관", "경력무관", "경력", "신입"}
	for i := range out {
		occ := occupations[rng.IntN(len(occupations))]
		j := Job{
			ID:             fmt.Sprintf("gen-j%07d", i),
			Company:        fmt.Sprintf("늘푸른 %s %d", []string{"복지센터", "관리(주)", "물류", "식품", "상사"}[rng.IntN(5)], rng.IntN(5000)),
			OccupationCode: occ[0],
			Occupation:     occ[1],
			Wage:           wages[rng.IntN(len(wages))],
			Employment:     []string{"상용직", "계약직", "계약직(시간제)", "상용직(시간제)"}[rng.IntN(4)],
			Career:         careers[rng.IntN(len(careers))],
			Hours:          fmt.Sprintf("(근무시간) (오전) %d시 ~ (오후) %d시", 7+rng.IntN(4), 1+rng.IntN(6)),
			Posted:         today.AddDays(-rng.IntN(90)),
		}
		j.Title = fmt.Sprintf("%s %s", []string{"", "[급구]", "[정규직]", "(주5일)", "[시니어채용]"}[rng.IntN(5)], occ[2])
		if rng.IntN(60) == 0 {
			j.Title = fmt.Sprintf("가치동행일자리 %s 참여자 모집", occ[1])
		}
		if rng.IntN(10) < 4 {
			j.District = District(1 + rng.IntN(NumDistricts))
			j.Address = fmt.Sprintf("서울 %s %d", j.District.Name(), rng.IntN(999))
		}
		if rng.IntN(10) < 8 {
			j.Deadline = today.AddDays(-60 + rng.IntN(120))
		}
		switch rng.IntN(40) {
		case 0:
			j.Licence = "요양보호사"
		case 1:
			j.Restrictions = RestrictWomen
		case 2:
			j.MinAge = 60
		}
		regist := fmt.Sprintf("K1%014d", i)
		j.Source = Source{
			Format: "getjobinfo",
			ID:     regist,
			URL:    "https://www.work24.go.kr/wk/a/b/1500/empDetailAuthView.do?wantedAuthNo=" + regist + "&infoTypeCd=VALIDATION&infoTypeGroup=tb_workinfoworknet",
		}
		out[i] = j
	}
	return out
}

// profiles returns varied residents: most in their 40s to early 60s, with
// one to three goals and a district, some with a shared location instead.
func profiles(n int, seed uint64) []Profile {
	rng := rand.New(rand.NewPCG(seed, 42))
	out := make([]Profile, n)
	for i := range out {
		p := Profile{
			Age:   AgeBands[rng.IntN(len(AgeBands))],
			Field: Fields[rng.IntN(len(Fields))],
			Years: YearsBands[rng.IntN(len(YearsBands))],
		}
		if rng.IntN(20) == 0 {
			p.Age = AgeUnknown
		}
		if rng.IntN(10) == 0 {
			p.Field = FieldUnknown
		}
		for range 1 + rng.IntN(MaxGoals) {
			p.Goals = p.Goals.With(AllGoals[rng.IntN(len(AllGoals))])
		}
		if rng.IntN(10) == 0 {
			p.Goals = 0
		}
		switch r := rng.IntN(20); {
		case r < 15:
			p.District = District(1 + rng.IntN(NumDistricts))
		case r < 19:
			d := District(1 + rng.IntN(NumDistricts)).Point()
			p.At = LatLon{d.Lat + (rng.Float64()-0.5)*0.04, d.Lon + (rng.Float64()-0.5)*0.04}
			if r < 17 {
				p.District = District(1 + rng.IntN(NumDistricts))
			}
		}
		out[i] = p
	}
	return out
}
