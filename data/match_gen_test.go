package data

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// This file generates catalogs and profiles for tests and benchmarks: a
// realistic variety of districts, fields, goals, deadlines, ages and costs
// around the date `today`. The items are made up and live only in tests.

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
	kinds := []string{"center_50plus", "campus_50plus", "job_center", "tech_institute", "digital_center", "citizen_univ"}
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
			if rng.IntN(3) > 0 {
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

// programKinds are templates of programs as the catalog holds them.
var programKinds = []struct {
	category string
	titles   []string
	goals    Goals // what an importer would set; often nothing
}{
	{"인생설계", []string{"[재무] 은퇴 후 현금흐름 만들기", "[건강] 오래 쓰는 뇌 건강", "[관계] 아버지 교실", "[여가] 목공 공예", "[인생디자인] 나를 찾는 인생 후반 설계", "[집단상담] 새로운 내일 찾기"}, goalsOf(GoalLife)},
	{"일활동", []string{"[일활동] AI를 활용한 숏폼 홍보 영상제작 실무", "[일활동] 이력서·자기소개서 1:1 컨설팅", "[일활동] 중장년 일자리 트렌드와 재취업 전략"}, 0},
	{"노후준비", []string{"국민연금과 함께하는 재무 아카데미", "중장년의 자산형성과 노후설계", "100세 시대 건강하게 살자"}, 0},
	{"직업역량강화", []string{"바리스타 양성과정", "재난안전교육강사 1급 양성과정", "요양보호사 자격증 준비반", "정리수납 전문가 양성과정", "전래놀이지도사 2급 양성과정", "건물 시설관리 실무"}, goalsOf(GoalTrain)},
	{"디지털기본", []string{"[AI디지털교육] 숫자가 두렵지 않은 엑셀 완성", "[AI디지털교육] 업무에 바로 쓰는 파워포인트", "[디지털배움터] 스마트폰 왕기초", "[AI디지털교육] 유튜브 콘텐츠 제작"}, goalsOf(GoalDigital)},
	{"AI(기초)", []string{"[AI디지털교육] AI로 나만의 영상 만들어보기", "[AI디지털교육] 챗GPT 처음 만나기"}, 0},
	{"AI(중급)", []string{"[AI디지털교육] AI가 도와주는 보고서, 문서 작성", "[AI디지털교육] AI로 홍보물 직접 만들기"}, goalsOf(GoalDigital)},
	{"가치동행일자리", []string{"서울 중장년 가치동행일자리 참여자 모집", "외로움돌봄동행단 참여자 모집", "정원텃밭지원단 참여자 모집"}, goalsOf(GoalSocial, GoalJob)},
	{"창업", []string{"중장년 온라인스토어 창업교육", "창업·창직 사관학교", "소상공인 라이브커머스 실무"}, goalsOf(GoalStartup)},
	{"공모사업", []string{"중장년 1인 가구 '나의 특별한 밥상'", "수혜자에서 기여자로", "마을 해설사 양성"}, 0},
	{"기술교육", []string{"신중년 특화과정 전기설비", "신중년 특화과정 용접", "신중년 특화과정 건축 인테리어", "데이터 분석 실무"}, goalsOf(GoalTrain, GoalJob)},
}

func genPrograms(rng *rand.Rand, places []Place, n int) []Program {
	out := make([]Program, n)
	for i := range out {
		k := programKinds[rng.IntN(len(programKinds))]
		p := Program{
			ID:       fmt.Sprintf("gen-p%06d", i),
			Title:    fmt.Sprintf("%s %d기", k.titles[rng.IntN(len(k.titles))], 1+rng.IntN(9)),
			Category: k.category,
			Provider: "서울시50플러스재단",
			Keywords: k.category + " 교육사업",
			Schedule: fmt.Sprintf("매주 %s %d:00-%d:50", []string{"월", "화", "수", "목", "금"}[rng.IntN(5)], 10+rng.IntN(6), 11+rng.IntN(6)),
			Source:   Source{Format: "50plus-lectures", ID: fmt.Sprint(75000000 + i), URL: fmt.Sprintf("https://www.50plus.or.kr/education-detail.do?id=%d", 75000000+i)},
		}
		if rng.IntN(2) == 0 {
			p.Goals = k.goals
		}
		switch r := rng.IntN(10); {
		case r < 6:
			pl := places[rng.IntN(len(places))]
			p.PlaceID, p.District = pl.ID, pl.District
		case r < 8:
			p.District = District(1 + rng.IntN(NumDistricts))
		case r < 9:
			p.Online = true
		}
		switch r := rng.IntN(20); {
		case r < 4:
			p.MinAge, p.MaxAge = 40, 64
		case r < 6:
			p.MinAge, p.MaxAge = 50, 64
		case r < 7:
			p.MinAge = 50
		case r < 8:
			p.MinAge = 40
		case r < 9:
			p.MinAge, p.MaxAge = 45, 60
		}
		if p.District.Valid() && rng.IntN(20) == 0 {
			p.DistrictOnly = true
		}
		switch r := rng.IntN(10); {
		case r < 5:
			p.Cost, p.CostText = 0, "무료"
		case r < 9:
			p.Cost = 5000 * (1 + rng.IntN(12))
			p.CostText = fmt.Sprintf("%d원", p.Cost)
		default:
			p.Cost = -1
		}
		if rng.IntN(10) > 0 {
			p.ApplyStart = today.AddDays(-rng.IntN(60) + rng.IntN(20))
			p.ApplyEnd = p.ApplyStart.AddDays(7 + rng.IntN(60))
			p.Start = p.ApplyEnd.AddDays(rng.IntN(10))
			p.End = p.Start.AddDays(rng.IntN(60))
		}
		out[i] = p
	}
	return out
}

// occupations are (code, name) pairs as job sources give them.
var occupations = [][2]string{
	{"550100", "요양보호사"}, {"550200", "간병인"}, {"541000", "아파트 경비원"}, {"561000", "건물 청소원"},
	{"023100", "사무보조원"}, {"031200", "경리사무원"}, {"031100", "회계사무원"}, {"621000", "택배원"},
	{"622000", "버스 운전원"}, {"531000", "한식 조리사"}, {"532000", "주방보조원"}, {"611000", "매장 판매원"},
	{"612000", "텔레마케터"}, {"701000", "건물 시설관리원"}, {"831000", "전기기사"}, {"210100", "방과후 강사"},
	{"133000", "웹 개발자"}, {"891000", "제조 단순 종사원"}, {"IN59010", "IT/정보통신/웹"},
	{"IN59001", "경영/금융/사무/보험"}, {"IN59004", "의료/보건/사회복지"}, {"999999", "기타 서비스"},
}

func genJobs(rng *rand.Rand, n int) []Job {
	out := make([]Job, n)
	wages := []string{"시급 / 10320원", "월급 / 2200000원", "월급 / 2500000원", "일급 / 90000원"}
	careers := []string{"관계없음", "경력", "신입"}
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
		j.Title = fmt.Sprintf("%s %s 모집 (주%d일, 중장년 우대)", []string{"급구", "정규", "단기", "오전"}[rng.IntN(4)], occ[1], 3+rng.IntN(3))
		if rng.IntN(30) == 0 {
			j.Title = fmt.Sprintf("가치동행일자리 %s 참여자 모집", occ[1])
		}
		if rng.IntN(10) > 0 {
			j.District = District(1 + rng.IntN(NumDistricts))
			j.Address = fmt.Sprintf("서울 %s %d", j.District.Name(), rng.IntN(999))
		} else {
			j.Address = "경기 고양시"
		}
		if rng.IntN(10) < 7 {
			j.Deadline = today.AddDays(-90 + rng.IntN(150))
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
