package data

import "testing"

func TestClassifyFacultyVariants(t *testing.T) {
	tests := []struct {
		faculty, title string
		category       string
		goals          Goals
	}{
		{"인생설계", "[여가] 수채화", "인생설계", goalsOf(GoalLife)},
		{"인생설계교육사업", "글쓰기", "인생설계", goalsOf(GoalLife)},
		{"인생설계 교육사업", "글쓰기", "인생설계", goalsOf(GoalLife)},
		{"인생설계 ", "글쓰기", "인생설계", goalsOf(GoalLife)},
		{"일·활동", "청소 매니저 양성과정", "일활동", goalsOf(GoalJob, GoalTrain)},
		{"일활동지원사업", "모임", "일활동", goalsOf(GoalTrain)},
		{"4050직업역량교육", "회계 실무", "직업역량강화", goalsOf(GoalTrain)},
		{"노후지원사업", "상담", "노후준비", goalsOf(GoalLife)},
		{"디지털기본", "스마트폰 첫걸음", "디지털기본", goalsOf(GoalDigital)},
		{"AI(중급)", "생성형 AI", "AI(중급)", goalsOf(GoalDigital)},
		{"공모사업", "[창업초보자학교] 내 가게 열기", "공모사업", goalsOf(GoalStartup)},
		{"", "[재무] 연금 월급 만들기", "노후준비", goalsOf(GoalLife)},
		{"", "가치동행일자리 참여자 모집", "", goalsOf(GoalSocial)},
		{"당사자주도", "펜으로 그리는 수채화", "당사자주도", 0},
	}
	for _, tt := range tests {
		c, g := Classify(tt.faculty, tt.title)
		if c != tt.category || g != tt.goals {
			t.Errorf("Classify(%q, %q) = %q %v; want %q %v", tt.faculty, tt.title, c, g.List(), tt.category, tt.goals.List())
		}
	}
}

// TestClassifyTitleFirst checks that a course's goals are what its title
// teaches or leads to, not where a centre files it (issue 9: "[인생설계]
// AI 숏폼" is a digital course, not a plan for later life).
func TestClassifyTitleFirst(t *testing.T) {
	tests := []struct {
		faculty, title string
		goals          Goals
	}{
		{"일활동", "[일활동] AI를 활용한 숏폼 홍보 영상제작 실무3", goalsOf(GoalDigital)},
		{"인생설계", "[인생설계] AI를 활용한 숏폼 홍보 영상제작 실무2", goalsOf(GoalDigital)},
		{"", "노후 걱정 없는 고시원창업 로드맵(월, 14:00~15:50)", goalsOf(GoalStartup)},
		{"", "[e-비즈니스학교] 쇼피셀러 양성교실", goalsOf(GoalStartup)},
		{"", "경영지도사와 함께 창업으로 내;일찾기_8월", goalsOf(GoalStartup)},
		{"", "[노후준비] 청연 청소매니저 양성교육", goalsOf(GoalTrain, GoalJob)},
		{"", "[인생디자인] 경험을 역량으로 바꾸는 시간 : 50+ 커리어 리부트 워크숍", goalsOf(GoalJob, GoalLife)},
		{"", "1:1 컨설턴트 생애설계 전문 상담", goalsOf(GoalLife)},
		{"직업훈련", "속성반 「반도체 현장 안전인력 취업과정」참여자 모집 공고", goalsOf(GoalTrain, GoalJob)},
		{"직업훈련", "정규반 「상업용 카페설비 케어 기술창업 과정」참여자 모집 공고", goalsOf(GoalTrain, GoalStartup)},
		{"", "기후행동활동가과정", goalsOf(GoalSocial)},
	}
	for _, tt := range tests {
		if _, g := Classify(tt.faculty, tt.title); g != tt.goals {
			t.Errorf("Classify(%q, %q) goals %v, want %v", tt.faculty, tt.title, g.List(), tt.goals.List())
		}
	}
}

// TestNotProgramme checks the records kept out of recommendations
// (counsellor-rules.md, What is not a programme) and the courses that stay
// although their subject is a hobby's.
func TestNotProgramme(t *testing.T) {
	tests := []struct {
		title string
		what  string // "" for a programme
	}{
		{"자전거 무상점검서비스(7월)", "a resident service"},
		{"반려식물 무료분갈이서비스(7월)", "a resident service"},
		{"[무료상담] 마을세무사와 함께하는 찾아가는 현장 세무상담 4차", "a resident service"},
		{"[여름방학 특강] 천연가죽 키링 만들기 / 초등 3~6학년", "a children's class"},
		{"[여가] 향나무 미니 분재(8월반)", "a hobby class"},
		{"캘리그라피, 인생을 담다", "a hobby class"},
		{"[건강] 오래 쓰는 뇌 건강 관리법 2탄!", "a hobby class"},
		{"[관계] 스마트하게 나만의 추억 간직하기! 'AI와 캔바로 나만의 디지털 추억책 만들기'", "a hobby class"},
		{"[재무] 소비자 생활법률 - 계약 취소와 환불, 어디까지 가능할까?", "a hobby class"},
		{"[배움나눔교실] 손끝 예술 서양매듭 체험강사 양성(마크라메)", ""},
		{"[배움나눔교실] AI와 함께하는 초등 글쓰기 학습나눔 활동가 양성", ""},
		{"[직업역량강화교육] 평범했던 내 일상을 콘텐츠로! '스톡사진 수익화 과정'", ""},
		{"[당사자주도] 내 집 때문에 흔들리지 않는 노후설계", ""},
		{"[AI디지털교육] AI와 함께 그림, 음악, 시 만들기", ""},
		{"<1급> 바리스타 자격증 과정", ""},
		{"한 자리에서 배우는 엑셀", ""},
	}
	for _, tt := range tests {
		what, _, ok := NotProgramme(tt.title)
		if what != tt.what || ok != (tt.what != "") {
			t.Errorf("NotProgramme(%q) = %q %v, want %q", tt.title, what, ok, tt.what)
		}
	}
}

func TestResidentsOnly(t *testing.T) {
	tests := []struct {
		title string
		want  string
	}{
		{"[직업역량강화] 생성형 AI로 업무 스킬 업! (강북구민 특화)", "강북구"},
		{"[동작구 여성] 네일아트 국가자격증 교육 2기", "동작구"},
		{"[2026 서대문구 여성 직업능력향상 사업]AI를 활용한 스마트스토어 입문과정 <2기>", "서대문구"},
		{"공고일 기준 강남구 거주 40세 이상", "강남구"},
		{"[유관기관협력] 강북구청과 함께하는 찾아가는 세무상담", ""},
		{"[중장년일자리연구소]일반경비원 신임교육(8월)", ""},
		{"서울 중장년 가치동행일자리", ""},
	}
	for _, tt := range tests {
		if got := ResidentsOnly(tt.title).Name(); got != tt.want {
			t.Errorf("ResidentsOnly(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestRestrictionsIn(t *testing.T) {
	tests := []struct {
		title string
		want  Restrictions
	}{
		{"[동대문구시설관리공단] 시니어인턴(청소/여자) 공개채용", RestrictWomen},
		{"국립정동극장 환경관리직(미화) 제한경쟁(남성) 채용 공고", RestrictMen},
		{"[취약계층돌봄학교] 리빙케어 전문가 양성과정(여성) 8월", RestrictWomen},
		{"[시니어 클래스] 통(通)하는 아버지 교실", RestrictMen},
		{"[육회바른연어] 직영점 정규직 채용 (주부사원)", RestrictHomemakers},
		{"중장년 1인 가구 '나의 특별한 밥상'", RestrictSingleHousehold},
		{"남녀 누구나", 0},
		{"외식그룹 엔타스 홀서비스/조리부 직원 채용", 0},
	}
	for _, tt := range tests {
		if got := RestrictionsIn(tt.title); got != tt.want {
			t.Errorf("RestrictionsIn(%q) = %q, want %q", tt.title, got.IDs(), tt.want.IDs())
		}
	}
}
