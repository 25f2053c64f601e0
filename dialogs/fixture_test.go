package dialogs

import "github.com/dasi-seoul/dasi/data"

// fixtureOptions are the operator's details the transcripts show.
var fixtureOptions = Options{PrivacyURL: "https://dasi.example.kr/privacy", OperatorContact: "다시 운영팀 02-000-0000"}

// fixtureToday is the date the transcripts are played on.
var fixtureToday = data.NewDate(2026, 7, 26)

// fixtureCatalog is a small catalog for the transcripts: real places
// copied from ../shared/data/places.csv, programs that cite the seed
// articles, and job openings that are test fixtures (the bot never invents
// openings: these exist only here, and say so in their titles).
func fixtureCatalog() *data.Catalog {
	places := []data.Place{
		{ID: "c50_west", Name: "서울시50플러스 서부캠퍼스", Kind: "campus_50plus", District: district("은평구"),
			Address: "서울특별시 은평구 통일로 684 (서울혁신파크 내, 8동)", At: data.LatLon{Lat: 37.608442, Lon: 126.933496},
			Status: data.PlaceOpen, Source: data.Source{Format: "places-csv", ID: "c50_west"}},
		{ID: "c50_central", Name: "서울시50플러스 중부캠퍼스", Kind: "campus_50plus", District: district("마포구"),
			Address: "서울특별시 마포구 백범로31길 21 (공덕동, 서울복지타운)", At: data.LatLon{Lat: 37.5466768, Lon: 126.9497275},
			Status: data.PlaceOpen, Source: data.Source{Format: "places-csv", ID: "c50_central"}},
		{ID: "c50_south", Name: "서울시50플러스 남부캠퍼스", Kind: "campus_50plus", District: district("구로구"),
			Address: "서울특별시 구로구 오류로 36-25 (천왕동 280-14, 우08350)", At: data.LatLon{Lat: 37.48856097997178, Lon: 126.84178127102444},
			Status: data.PlaceOpen, Source: data.Source{Format: "places-csv", ID: "c50_south"}},
		{ID: "c50_north", Name: "서울시50플러스 북부캠퍼스", Kind: "campus_50plus", District: district("도봉구"),
			Address: "서울특별시 도봉구 마들로13길 84 (창동 아우르네)", At: data.LatLon{Lat: 37.6553254, Lon: 127.0480123},
			Status: data.PlaceOpen, Source: data.Source{Format: "places-csv", ID: "c50_north"}},
		{ID: "c50_east", Name: "서울시50플러스 동부캠퍼스", Kind: "campus_50plus", District: district("광진구"),
			Address: "서울특별시 광진구 능동로3길 73 (자양동)", Status: data.PlaceOpen, Source: data.Source{Format: "places-csv", ID: "c50_east"}},
		{ID: "ctr_seodaemun", Name: "서대문50플러스센터", Kind: "center_50plus", District: district("서대문구"),
			Address: "서울특별시 서대문구 통일로 484 공유캠퍼스(유진상가) 2층", At: data.LatLon{Lat: 37.591527, Lon: 126.942971},
			Status: data.PlaceOpen, Source: data.Source{Format: "places-csv", ID: "ctr_seodaemun"}},
		{ID: "ctr_dosim", Name: "도심권50플러스센터", Kind: "center_50plus", District: district("종로구"),
			Address: "종로3가 인근 (도로명 미확인)", Status: data.PlaceClosed, Source: data.Source{Format: "places-csv", ID: "ctr_dosim"}},
		{ID: "job_plus", Name: "서울일자리플러스센터", Kind: "job_center", District: district("중구"),
			Address: "서울특별시 중구 태평로 한국프레스센터 5층 (2009)", Phone: "1588-9142",
			Status: data.PlaceUnverified, Source: data.Source{Format: "places-csv", ID: "job_plus"}},
		// The shared data verifies no phone of these places; this one is
		// the fixture's own, like its job openings, for the phone line of
		// the results.
		{ID: "test_counter", Name: "시험용 상담 창구", Kind: "job_center", District: district("강남구"),
			Address: "서울특별시 강남구 시험로 1", Phone: "02-000-0000", At: data.LatLon{Lat: 37.5172, Lon: 127.0473},
			Status: data.PlaceOpen, Source: data.Source{Format: "test-fixture", ID: "test_counter"}},
		{ID: "tech_dongbu", Name: "서울시 동부기술교육원", Kind: "tech_institute", Status: data.PlaceOpen,
			Source: data.Source{Format: "places-csv", ID: "tech_dongbu"}},
		{ID: "dig_swseoul", Name: "서울디지털동행플라자 서남센터", Kind: "digital_center", District: district("영등포구"),
			Address: "서울특별시 영등포구 디지털로37나길 21", At: data.LatLon{Lat: 37.49158, Lon: 126.899705},
			Status: data.PlaceOpen, Source: data.Source{Format: "places-csv", ID: "dig_swseoul"}},
	}
	seed := func(id, note string) data.Source {
		return data.Source{Format: "seed", ID: id, Note: note, URL: "https://50plus.or.kr"}
	}
	programs := []data.Program{
		{ID: "seed-ep-store", Title: "중장년 온라인스토어 창업교육", Category: "창업", Goals: goals(data.GoalStartup, data.GoalDigital),
			Provider: "은평구청 중장년희망팀", District: district("은평구"), MinAge: 40, MaxAge: 64, Cost: 0, Schedule: "6주 과정",
			DistrictOnly: true, Window: data.WindowPast,
			Source: data.Source{Format: "seed", ID: "ep-store", Note: "seeds/003: 포탈뉴스통신, 은평구 중장년 온라인스토어 창업교육 (2025-07-28)"}},
		{ID: "seed-intern", Title: "서울50+인턴십", Category: "일자리", Goals: goals(data.GoalJob),
			Provider: "서울시50플러스재단", MinAge: 45, MaxAge: 67, SeoulOnly: true, Cost: 0, Window: data.WindowRolling,
			Source: seed("intern", "seeds/001: 서울시 중장년 일자리 2863개 (2019-11-18); existing-services S7")},
		{ID: "seed-boram", Title: "보람일자리 (사회공헌 일자리)", Category: "사회공헌", Goals: goals(data.GoalSocial, data.GoalJob),
			Provider: "서울시50플러스재단", MinAge: 50, MaxAge: 67, SeoulOnly: true, Cost: 0,
			Window: data.WindowBetween, ApplyStart: data.NewDate(2026, 2, 10), ApplyEnd: data.NewDate(2026, 3, 4),
			Source: seed("boram", "seeds/002: 다시 뛰는 중장년 서울런 4050 (2022-12-29)")},
		{ID: "seed-learn4050", Title: "서울런4050 온라인 직업훈련 강좌", Category: "직업훈련", Goals: goals(data.GoalTrain, data.GoalDigital),
			Provider: "서울시평생학습포털", Online: true, MinAge: 40, MaxAge: 64, Cost: 0, Window: data.WindowRolling,
			Source: data.Source{Format: "seed", ID: "learn4050", Note: "seeds/002: 다시 뛰는 중장년 서울런 4050 (2022-12-29)", URL: "https://sll.seoul.go.kr"}},
		{ID: "seed-digital", Title: "디지털 배움터", Category: "디지털기본", Goals: goals(data.GoalDigital),
			Provider: "서울시", PlaceID: "dig_swseoul", District: district("영등포구"), Cost: 0, Window: data.WindowRolling,
			Source: data.Source{Format: "seed", ID: "digital", Note: "seeds/002: 디지털 배움터 운영 확대"}},
		{ID: "seed-lifeschool", Title: "중장년 인생설계학교", Category: "인생설계", Goals: goals(data.GoalLife),
			Provider: "서울시50플러스재단", PlaceID: "c50_west", District: district("은평구"), MinAge: 40, MaxAge: 64, Cost: 0,
			Window: data.WindowUnknown,
			Source: seed("lifeschool", "seeds/002: 중장년 인생설계학교 (2024 개설 계획)")},
		{ID: "seed-transition", Title: "50플러스캠퍼스 생애전환 과정", Category: "인생설계", Goals: goals(data.GoalLife, data.GoalJob),
			Provider: "서울시50플러스재단", PlaceID: "c50_central", District: district("마포구"), MinAge: 50, MaxAge: 64, Cost: 30000, CostText: "3만 원",
			ApplyStart: data.NewDate(2026, 7, 1), ApplyEnd: data.NewDate(2026, 8, 20), Start: data.NewDate(2026, 9, 1), End: data.NewDate(2026, 10, 30),
			Source: seed("transition", "existing-services §1.1: 캠퍼스 과정 구성 (생애전환 / 일·활동탐색)")},
	}
	jobs := []data.Job{
		{ID: "test-1", Title: "시험용 공고: 경리 사무원", Company: "시험용 회사", OccupationCode: "0231", Occupation: "회계 사무원",
			District: district("은평구"), Wage: "월 230만 원", Employment: "상용직", Career: "경력", Deadline: data.NewDate(2026, 8, 14),
			Source: data.Source{Format: "test-fixture", ID: "test-1"}},
		{ID: "test-2", Title: "시험용 공고: 아파트 경비원", Company: "시험용 관리사무소", OccupationCode: "9411", Occupation: "경비원",
			District: district("마포구"), Wage: "월 210만 원", Employment: "계약직", Career: "경력무관",
			Source: data.Source{Format: "test-fixture", ID: "test-2"}},
		// Who may apply, as issue 9's importers read it from a title: the
		// details must say it within their 60 characters.
		{ID: "test-3", Title: "시험용 공고: 재가 요양보호사 (여자)", Company: "시험용 재가노인복지센터", OccupationCode: "5501", Occupation: "요양보호사",
			District: district("관악구"), Wage: "시급 10,320원 (주 15시간 이상 주휴수당, 4대보험 가입)", Employment: "시간제", Career: "경력무관",
			MinAge: 50, Restrictions: data.RestrictWomen, Licence: "요양보호사", Deadline: data.NewDate(2026, 8, 9),
			Source: data.Source{Format: "test-fixture", ID: "test-3"}},
	}
	return data.NewCatalog(places, programs, jobs)
}

func district(name string) data.District { return data.DistrictByName(name) }

func goals(gs ...data.Goal) data.Goals {
	var s data.Goals
	for _, g := range gs {
		s = s.With(g)
	}
	return s
}
