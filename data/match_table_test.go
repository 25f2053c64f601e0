package data

import "testing"

func TestFieldWords(t *testing.T) {
	tests := []struct {
		text     string
		fit      []Field // the fields its words fit
		trade    []Field // of which the trades it is for alone
		beginner bool
	}{
		{"회계사무원", []Field{FieldFinance, FieldOffice}, []Field{FieldFinance, FieldOffice}, false},
		{"IT/정보통신/웹", []Field{FieldIT}, []Field{FieldIT}, false},
		{"Digital 마케팅", []Field{FieldSales}, nil, false}, // "it" inside "digital" is not IT
		{"요양보호사", []Field{FieldCare}, []Field{FieldCare}, false},
		{"아파트 경비원", []Field{FieldSecurity}, []Field{FieldSecurity}, false},
		{"바리스타 양성과정", []Field{FieldFoodService}, []Field{FieldFoodService}, false},
		{"재난안전교육강사 1급 양성과정", []Field{FieldEducation}, []Field{FieldEducation}, false},
		{"택배 배송 기사", []Field{FieldDriving}, []Field{FieldDriving}, false},
		{"관계없음", nil, nil, true},
		{"[재무] 국민연금 최대로 활용하기", nil, nil, false},
		// Compounds whose parts are not what they contain (stopWords).
		{"[일활동지원] AI 숏폼 영상 입문", nil, nil, true},
		{"경영지도사와 함께 창업으로 내일찾기", []Field{FieldSelfEmployed}, nil, false},
		{"자영업자 세무 기초", []Field{FieldSelfEmployed}, nil, true},
		{"[동대문구시설관리공단] 시니어인턴(청소/여자)", []Field{FieldSecurity}, []Field{FieldSecurity}, false},
		{"[구립 남산실버복지센터] 요양시설 종사자(요양보호사)", []Field{FieldCare}, []Field{FieldCare}, false},
		{"상업용 카페설비 케어 기술창업 과정", []Field{FieldConstruction, FieldManufacturing, FieldSelfEmployed},
			[]Field{FieldConstruction, FieldManufacturing}, false},
		{"청소년 멘토", []Field{FieldEducation}, nil, false},
		{"데이케어센터 운전기사분 모집", []Field{FieldDriving}, []Field{FieldDriving}, false},
		{"가치동행일자리 안전산행지원단", nil, nil, false},
		{"평생 현금흐름 설계: 재무·연금·보험 통합 전략 아카데미", nil, nil, false},
		{"공항 화물보안 전문요원", []Field{FieldSecurity}, []Field{FieldSecurity}, false},
		{"\"펫시터 돌봄 매니저\" 양성 교육", nil, []Field{FieldNone}, true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			fit, trade, beginner := readFields(AppendFold(nil, tt.text))
			if want := fieldsOf(tt.fit...); fit != want {
				t.Errorf("fit %016b, want %016b", fit, want)
			}
			if want := fieldsOf(tt.trade...); trade != want {
				t.Errorf("trade %016b, want %016b", trade, want)
			}
			if beginner != tt.beginner {
				t.Errorf("beginner %v, want %v", beginner, tt.beginner)
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
