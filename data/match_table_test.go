package data

import "testing"

func TestNormalizeCategory(t *testing.T) {
	tests := []struct{ in, want string }{
		{"인생설계", "인생설계"},
		{"인생설계 ", "인생설계"},
		{"인생설계교육사업", "인생설계"},
		{"인생설계 교육사업", "인생설계"},
		{"인생설계 상담사업", "인생설계"},
		{"일·활동", "일활동"},
		{"일활동지원사업", "일활동"},
		{"일활동 교육사업", "일활동"},
		{"4050직업역량교육", "직업역량강화"},
		{"노후지원사업", "노후준비"},
		{"AI(기초)", "AI(기초)"},
		{"ai (중급)", "AI(중급)"},
		{"디지털기본", "디지털기본"},
		{"여름방학  특강", "여름방학 특강"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := NormalizeCategory(tt.in); got != tt.want {
				t.Errorf("NormalizeCategory(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestGoalsFor(t *testing.T) {
	tests := []struct {
		name, category, title string
		want                  Goals
	}{
		{"50플러스 digital faculty", "디지털기본", "[AI디지털교육]숫자가 두렵지 않은 엑셀 완성", goalsOf(GoalDigital)},
		{"AI faculty", "AI(중급)", "AI와 함께 그림, 음악, 시 만들기", goalsOf(GoalDigital)},
		{"life faculty with a digital title", "인생설계", "[AI아카데미] Canva 활용", goalsOf(GoalLife, GoalDigital)},
		{"일활동 with a practice course", "일활동 교육사업", "[일활동] AI를 활용한 숏폼 홍보 영상제작 실무3", goalsOf(GoalJob, GoalDigital, GoalTrain)},
		{"가치동행일자리", "가치동행일자리", "서울 중장년 가치동행일자리", goalsOf(GoalSocial, GoalJob)},
		{"startup in the title", "", "은평구 중장년 온라인스토어 창업교육", goalsOf(GoalStartup)},
		{"certificate course", "4050직업역량교육", "전래놀이지도사 2급 양성과정", goalsOf(GoalTrain, GoalJob)},
		{"'ai' inside a Latin word is not AI", "", "Email etiquette", 0},
		{"a hobby with no goal words", "공모사업", "천연가죽 키링 만들기", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GoalsFor(tt.category, tt.title); got != tt.want {
				t.Errorf("GoalsFor(%q, %q) = %v, want %v", tt.category, tt.title, got.List(), tt.want.List())
			}
		})
	}
}

func TestFieldWords(t *testing.T) {
	tests := []struct {
		text string
		want []Field
	}{
		{"회계사무원", []Field{FieldFinance, FieldOffice}},
		{"IT/정보통신/웹", []Field{FieldIT}},
		{"Digital 마케팅", []Field{FieldSales}}, // "it" inside "digital" is not IT
		{"요양보호사", []Field{FieldCare}},
		{"아파트 경비원", []Field{FieldSecurity}},
		{"바리스타 양성과정", []Field{FieldFoodService}},
		{"재난안전교육강사 1급 양성과정", []Field{FieldEducation}},
		{"택배 배송 기사", []Field{FieldDriving}},
		{"관계없음", []Field{FieldNone}},
		{"[재무] 국민연금 최대로 활용하기", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := fieldIndex.fields(appendFolded(nil, tt.text))
			var want fieldSet
			for _, f := range tt.want {
				want |= fieldsOf(f)
			}
			if got != want {
				t.Errorf("fields of %q = %016b, want %016b", tt.text, got, want)
			}
		})
	}
}

func TestOccupationFields(t *testing.T) {
	tests := []struct {
		code string
		want fieldSet
	}{
		{"550100", fieldsOf(FieldCare)},
		{"031200", fieldsOf(FieldFinance)},
		{"IN59010", fieldsOf(FieldIT)},
		{"999999", 0},
		{"55", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := occupationFields(tt.code); got != tt.want {
			t.Errorf("occupationFields(%q) = %016b, want %016b", tt.code, got, tt.want)
		}
	}
}

func TestMetersTo(t *testing.T) {
	west := LatLon{37.608442, 126.933496}
	tests := []struct {
		name   string
		a, b   LatLon
		lo, hi int
	}{
		{"same point", west, west, 0, 0},
		{"서부캠퍼스 to 은평구's point", west, DistrictByName("은평구").Point(), 950, 975},
		{"across Seoul: 강서 to 강동", DistrictByName("강서구").Point(), DistrictByName("강동구").Point(), 24000, 25000},
		{"one degree of latitude", LatLon{37, 127}, LatLon{38, 127}, 111100, 111300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.a.MetersTo(tt.b)
			if d < tt.lo || d > tt.hi {
				t.Errorf("%d m, want %d..%d", d, tt.lo, tt.hi)
			}
			if back := tt.b.MetersTo(tt.a); back != d {
				t.Errorf("not symmetric: %d and %d", d, back)
			}
		})
	}
}

func TestDayNumbers(t *testing.T) {
	if n := dayNumber(NewDate(2000, 1, 1)); n != 0 {
		t.Fatalf("dayNumber(2000-01-01) = %d", n)
	}
	d := NewDate(1999, 12, 1)
	for range 365 * 60 {
		n := dayNumber(d)
		if back := dateOfDay(n); back != d {
			t.Fatalf("dateOfDay(dayNumber(%s)) = %s", d, back)
		}
		next := d.AddDays(1)
		if dayNumber(next) != n+1 {
			t.Fatalf("dayNumber(%s) = %d, dayNumber(%s) = %d", d, n, next, dayNumber(next))
		}
		d = next
	}
}
