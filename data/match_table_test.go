package data

import "testing"

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
			got := fieldIndex.fields(AppendFold(nil, tt.text))
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
