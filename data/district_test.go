package data

import "testing"

func TestDistrictIn(t *testing.T) {
	for in, want := range map[string]string{
		"서울 동대문구.":             "동대문구",
		"서울 도봉구802호":           "도봉구",
		"서울특별시 은평구 통일로 684":    "은평구",
		"서울 중구(을지로)":           "중구",
		"강서구청 앞":               "강서구",
		"중구":                   "중구", // no city given: Seoul's
		"통일로 684":              "",
		"경기 군포시 고산로 589":       "",
		"인천 중구 공항로 272":        "", // the airport, not Seoul's 중구
		"인천광역시 중구 운서동":         "",
		"부산광역시 강서구 낙동북로 477":   "",
		"대구 중구 동성로":            "",
		"인천 중구, 서울특별시 마포구 백범로": "마포구",
	} {
		if got := DistrictIn(in).Name(); got != want {
			t.Errorf("DistrictIn(%q) = %q, want %q", in, got, want)
		}
	}
}
