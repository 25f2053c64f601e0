package data

import (
	"strings"
)

// District is one of Seoul's 25 자치구. The zero District is unknown.
type District uint8

// DistrictInfo describes a district: its codes, names and two points.
type DistrictInfo struct {
	Code     string // 시군구 code, such as "11380"
	Name     string // Korean name, such as "은평구"
	NameEn   string // romanised name, such as "Eunpyeong-gu"
	Centroid LatLon // area centroid (KOSTAT 2013 boundaries)
	Ref      LatLon // weather-agency reference point near the 구청 (kma_rep)
}

// districtTable is the 25 districts of ../shared/data/districts.csv, in
// 시군구 code order; District(i+1) is districtTable[i]. It is never modified.
var districtTable = [...]DistrictInfo{
	{"11110", "종로구", "Jongno-gu", LatLon{37.59156, 126.97977}, LatLon{37.570378, 126.981642}},
	{"11140", "중구", "Jung-gu", LatLon{37.55729, 126.99797}, LatLon{37.561003, 126.999642}},
	{"11170", "용산구", "Yongsan-gu", LatLon{37.52968, 126.98227}, LatLon{37.536094, 126.967522}},
	{"11200", "성동구", "Seongdong-gu", LatLon{37.54848, 127.04336}, LatLon{37.560611, 127.039}},
	{"11215", "광진구", "Gwangjin-gu", LatLon{37.54376, 127.08873}, LatLon{37.535739, 127.084533}},
	{"11230", "동대문구", "Dongdaemun-gu", LatLon{37.57921, 127.05736}, LatLon{37.571625, 127.042142}},
	{"11260", "중랑구", "Jungnang-gu", LatLon{37.5952, 127.09511}, LatLon{37.603806, 127.094778}},
	{"11290", "성북구", "Seongbuk-gu", LatLon{37.60306, 127.02004}, LatLon{37.586383, 127.020333}},
	{"11305", "강북구", "Gangbuk-gu", LatLon{37.64074, 127.01319}, LatLon{37.636956, 127.027719}},
	{"11320", "도봉구", "Dobong-gu", LatLon{37.66638, 127.03449}, LatLon{37.665833, 127.049522}},
	{"11350", "노원구", "Nowon-gu", LatLon{37.6493, 127.07738}, LatLon{37.651461, 127.058389}},
	{"11380", "은평구", "Eunpyeong-gu", LatLon{37.61709, 126.93095}, LatLon{37.599969, 126.931242}},
	{"11410", "서대문구", "Seodaemun-gu", LatLon{37.57469, 126.9411}, LatLon{37.576367, 126.938897}},
	{"11440", "마포구", "Mapo-gu", LatLon{37.55546, 126.91197}, LatLon{37.560706, 126.910531}},
	{"11470", "양천구", "Yangcheon-gu", LatLon{37.52201, 126.85838}, LatLon{37.514231, 126.868708}},
	{"11500", "강서구", "Gangseo-gu", LatLon{37.5583, 126.82661}, LatLon{37.548156, 126.851675}},
	{"11530", "구로구", "Guro-gu", LatLon{37.49176, 126.8589}, LatLon{37.49265, 126.889597}},
	{"11545", "금천구", "Geumcheon-gu", LatLon{37.45767, 126.90337}, LatLon{37.449108, 126.904197}},
	{"11560", "영등포구", "Yeongdeungpo-gu", LatLon{37.51736, 126.91209}, LatLon{37.523611, 126.898342}},
	{"11590", "동작구", "Dongjak-gu", LatLon{37.49685, 126.95433}, LatLon{37.509656, 126.941575}},
	{"11620", "관악구", "Gwanak-gu", LatLon{37.4644, 126.94811}, LatLon{37.475386, 126.953844}},
	{"11650", "서초구", "Seocho-gu", LatLon{37.47095, 127.03327}, LatLon{37.480786, 127.034811}},
	{"11680", "강남구", "Gangnam-gu", LatLon{37.49445, 127.06478}, LatLon{37.514575, 127.049556}},
	{"11710", "송파구", "Songpa-gu", LatLon{37.50227, 127.11741}, LatLon{37.511756, 127.107931}},
	{"11740", "강동구", "Gangdong-gu", LatLon{37.54838, 127.14903}, LatLon{37.527367, 127.125864}},
}

// NumDistricts is the number of districts.
const NumDistricts = len(districtTable)

// Districts returns every district in 시군구 code order.
func Districts() []District {
	out := make([]District, NumDistricts)
	for i := range out {
		out[i] = District(i + 1)
	}
	return out
}

// Valid reports whether d is one of the 25 districts.
func (d District) Valid() bool { return d >= 1 && int(d) <= NumDistricts }

// Info returns the district's description; the zero DistrictInfo for an
// unknown district.
func (d District) Info() DistrictInfo {
	if !d.Valid() {
		return DistrictInfo{}
	}
	return districtTable[d-1]
}

// Name returns the district's Korean name, such as "은평구", or "" when unknown.
func (d District) Name() string { return d.Info().Name }

// Point returns the point that stands for the district in distances: the
// reference point near its 구청.
func (d District) Point() LatLon { return d.Info().Ref }

// DistrictByName returns the district named name: its Korean name with or
// without 구 ("은평구", "은평"), its romanised name with or without "-gu" in
// any case ("Eunpyeong"), or its 시군구 code. It also accepts a leading
// "서울", "서울시" or "서울특별시". It returns the zero District when none fits.
func DistrictByName(name string) District {
	n := strings.TrimSpace(name)
	for _, p := range []string{"서울특별시", "서울시", "서울"} {
		if rest, ok := strings.CutPrefix(n, p); ok && rest != "" {
			n = strings.TrimSpace(rest)
			break
		}
	}
	if n == "" {
		return 0
	}
	low := strings.ToLower(strings.ReplaceAll(n, " ", ""))
	for i, di := range districtTable {
		d := District(i + 1)
		en := strings.ToLower(di.NameEn)
		switch {
		case n == di.Name, n == di.Code,
			n == strings.TrimSuffix(di.Name, "구"),
			low == en, low == strings.TrimSuffix(en, "-gu"), low == strings.ReplaceAll(en, "-", ""):
			return d
		}
	}
	return 0
}

// DistrictIn returns the first district named in text, which may hold other
// words and glued detail ("서울 동대문구.", "서울 도봉구802호", "서울특별시
// 은평구 통일로 684"). Only full names ending in 구, at the start of a word,
// are found, so a street name is never taken for a district; and a name
// after another city or province is that place's own district, not
// Seoul's ("인천 중구 공항로 272", "부산광역시 강서구"). It returns the zero
// District when none is named.
func DistrictIn(text string) District {
	elsewhere := false
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return r == ' ' || r == ',' || r == '(' || r == ')' || r == '\t'
	}) {
		if outside, ok := regionWords[w]; ok {
			elsewhere = outside
			continue
		}
		if elsewhere {
			continue
		}
		for i, di := range districtTable {
			if strings.HasPrefix(w, di.Name) {
				return District(i + 1)
			}
		}
	}
	return 0
}

// regionWords maps the names of Korea's 17 시·도, short and long, to
// whether they are outside Seoul. Seoul's 중구 and 강서구 have namesakes in
// other cities (인천 중구, where the airport is; 부산 강서구).
var regionWords = map[string]bool{
	"서울": false, "서울시": false, "서울특별시": false,
	"부산": true, "부산시": true, "부산광역시": true,
	"대구": true, "대구시": true, "대구광역시": true,
	"인천": true, "인천시": true, "인천광역시": true,
	"광주": true, "광주시": true, "광주광역시": true,
	"대전": true, "대전시": true, "대전광역시": true,
	"울산": true, "울산시": true, "울산광역시": true,
	"세종": true, "세종시": true, "세종특별자치시": true,
	"경기": true, "경기도": true,
	"강원": true, "강원도": true, "강원특별자치도": true,
	"충북": true, "충청북도": true, "충남": true, "충청남도": true,
	"전북": true, "전라북도": true, "전북특별자치도": true, "전남": true, "전라남도": true,
	"경북": true, "경상북도": true, "경남": true, "경상남도": true,
	"제주": true, "제주도": true, "제주특별자치도": true,
}
