package data

import (
	"slices"
	"strings"
)

// This file is the one table from the words of Seoul's sources to dasi's
// categories and goals (DESIGN.md, Matching: goals map to catalog
// categories through one table; seoul-data-formats.md §3.2 and §3.5), and
// the words that tell a record that is not a programme at all (a resident
// service, a children's class, a hobby class). The importers classify with
// it; matching reads it for programs that arrive without goals.

// categoryRule maps a word found in a record's label to a normalised
// category (when category is set) and to the goals a record with that
// label serves when its title says nothing (a label says where a centre
// files a course, not what it is: "[인생설계] AI 숏폼 영상제작" is a
// digital course); a strong label (직업훈련, the business kind of a
// 50플러스 training call) adds its goals whatever the title says.
type categoryRule struct {
	word     string // folded (Fold); see foldedText.has
	category string
	goals    Goals
	strong   bool
}

// categoryRules are read in order: the first rule whose word is in the
// faculty names the category; the goals of every matching rule count.
// Words are written folded, as Fold writes them: "AI(기초)" is "ai기초".
var categoryRules = [...]categoryRule{
	// 생애설계·노후준비.
	{"인생설계", "인생설계", goalsOf(GoalLife), false},
	{"인생디자인", "인생설계", goalsOf(GoalLife), false},
	{"인생전환", "인생설계", goalsOf(GoalLife), false},
	{"노후", "노후준비", goalsOf(GoalLife), false},
	{"재무", "노후준비", goalsOf(GoalLife), false},
	// 직업훈련: a training call of 50플러스 (IN49009) is one whatever it teaches.
	{"직업훈련", "직업훈련", goalsOf(GoalTrain), true},
	// 직업역량강화 and 일·활동: where the centres file courses towards work.
	{"직업역량", "직업역량강화", goalsOf(GoalTrain), false},
	{"일활동", "일활동", goalsOf(GoalTrain), false},
	{"일자리", "일자리", goalsOf(GoalJob), false},
	// 디지털·AI: the campuses' AI디지털교육 faculties and their prefixes.
	{"디지털기본", "디지털기본", goalsOf(GoalDigital), false},
	{"ai기초", "AI(기초)", goalsOf(GoalDigital), false},
	{"ai중급", "AI(중급)", goalsOf(GoalDigital), false},
	{"ai고급", "AI(고급)", goalsOf(GoalDigital), false},
	{"디지털", "디지털", goalsOf(GoalDigital), false},
	{"ai", "디지털", goalsOf(GoalDigital), false},
	// 창업·창직.
	{"창업", "창업", goalsOf(GoalStartup), false},
	{"창직", "창업", goalsOf(GoalStartup), false},
	// 사회공헌 일자리: 가치동행일자리, formerly 보람일자리.
	{"가치동행", "가치동행일자리", goalsOf(GoalSocial), false},
	{"보람일자리", "가치동행일자리", goalsOf(GoalSocial), false},
	{"사회공헌", "사회공헌", goalsOf(GoalSocial), false},
}

// titleGoalWords are the words of a title that say which goal a record
// serves, as a counsellor reads a course's name: what it teaches or leads
// to, not where a centre files it. Folded; a Latin word matches whole.
var titleGoalWords = [...]struct {
	goal  Goal
	words []string
}{
	{GoalLife, []string{
		"인생설계", "인생디자인", "인생전환", "생애설계", "인생검진", "인생지도", "인생restart", "노후", "은퇴",
		"재무", "연금", "상속", "증여", "절세", "임대차", "재테크", "부동산", "자산관리", "자산형성", "투자방법",
		"현금흐름", "환율관리", "평생월급", "워크숍",
	}},
	{GoalJob, []string{
		"취업", "재취업", "채용", "일자리", "구직", "면접", "이력서", "자기소개서", "직업정보", "직업상담",
		"커리어", "경력설계", "신임교육", "실무자", "매니저양성", "도우미양성", "전문가양성", "늘봄학교",
		"인턴십", "인턴",
	}},
	{GoalTrain, []string{
		"양성", "자격증", "자격과정", "급자격", "지도사", "신임교육", "실무자", "전문요원", "업무에바로",
		"업무효율", "업무스킬", "직무체험", "기술교육", "직업훈련",
	}},
	{GoalStartup, []string{
		"창업", "창직", "쇼핑몰", "스마트스토어", "셀러", "수익화", "수익창출", "수익을", "부수입", "판매까지",
		"1인지식기업", "사업계획서", "공간대여", "공유숙박", "마케터", "내사업", "굿즈", "툰작가", "이모티콘작가", "스톡",
		"n잡",
	}},
	{GoalDigital, []string{
		"ai", "디지털", "스마트폰", "키오스크", "캔바", "canva", "캡컷", "capcut", "노션", "notion", "엑셀",
		"파워포인트", "구글", "유튜브", "영상", "숏폼", "챗gpt", "chatgpt", "코딩", "미드저니", "쇼피파이",
		"인스타그램", "노트북lm", "멀티미디어", "이미지편집", "동영상", "앱", "온라인쇼핑",
	}},
	{GoalSocial, []string{
		"사회공헌", "가치동행", "보람일자리", "봉사", "활동가", "기자단", "기여자", "공익활동", "학습나눔",
	}},
}

// goalStopWords are compounds whose parts are not the goal words they
// contain, with the goals they do name: a 경영지도사 (management
// consultant) gives no 지도사 training; 가치동행일자리 is a
// social-contribution job, not a job search.
var goalStopWords = [...]struct {
	word  string
	goals Goals
}{
	{"경영지도사", 0},
	{"가치동행일자리", goalsOf(GoalSocial)},
	{"보람일자리", goalsOf(GoalSocial)},
}

// lifeStrongWords are the words of later-life planning that count beside
// another goal: "노후" and "은퇴" alone, in a title that names another goal,
// describe it ("노후 걱정 없는 고시원창업") rather than make it a plan.
var lifeStrongWords = [...]string{
	"인생설계", "인생디자인", "인생전환", "생애설계", "인생검진", "재무", "연금", "상속", "증여", "절세", "임대차",
	"재테크", "부동산", "자산관리", "자산형성", "현금흐름", "평생월급", "워크숍",
}

// Classify returns the normalised category and the goals of a catalog
// record with the given faculty (or other category text) and title: the
// goals its title's words name (titleGoalWords), else those of its
// faculty and bracketed prefix (categoryRules), plus those of a strong
// label (직업훈련) always. Texts are compared folded (Fold), so spacing,
// separators and case do not matter; a Latin rule word ("ai") matches a
// whole Latin word only (foldedText.has). A faculty no rule knows keeps
// its own words as the category, cleaned (CleanText); with no faculty, the
// title's bracketed prefix stands for it.
func Classify(faculty, title string) (category string, g Goals) {
	faculty = CleanText(faculty)
	prefix := titlePrefix(title)
	fFac, fPre, fTitle := foldText(faculty), foldText(prefix), foldText(titleBody(title))
	for _, w := range goalStopWords {
		if strings.Contains(fTitle.folded, w.word) {
			fTitle.folded = strings.ReplaceAll(fTitle.folded, w.word, " ")
			g |= w.goals
		}
	}
	for _, t := range titleGoalWords {
		for _, w := range t.words {
			if fTitle.has(w) {
				g = g.With(t.goal)
				break
			}
		}
	}
	// A course towards a business of one's own trains for it (셀러 양성)
	// without being a job training; "노후 걱정 없는 고시원창업" is about the
	// business, not a plan for later life.
	if g.Has(GoalStartup) {
		g = g.Without(GoalTrain)
	}
	if g != goalsOf(GoalLife) && !slices.ContainsFunc(lifeStrongWords[:], fTitle.has) {
		g = g.Without(GoalLife)
	}
	var labelGoals Goals
	facCategory, preCategory := "", ""
	for _, r := range categoryRules {
		inFac, inPre := fFac.has(r.word), fPre.has(r.word)
		if inFac && facCategory == "" {
			facCategory = r.category
		}
		if inPre && preCategory == "" {
			preCategory = r.category
		}
		switch {
		case (inFac || inPre) && r.strong:
			g |= r.goals
		case inFac || inPre:
			labelGoals |= r.goals
		}
	}
	if g == 0 {
		g = labelGoals
	}
	switch {
	case facCategory != "":
		category = facCategory
	case faculty != "":
		category = faculty
	case preCategory != "":
		category = preCategory
	default:
		category = prefix
	}
	return category, g
}

// notProgrammeWords are the words that tell a record that is no answer to
// "I want work, training or a plan for later life" (counsellor-rules.md,
// What is not a programme): a resident service, a children's class, a
// hobby class. Folded.
var notProgrammeWords = [...]struct {
	what  string // what the record is, for the operator
	words []string
}{
	{"a resident service", []string{"무상점검", "무상수리", "분갈이", "세무상담", "마을세무사", "식사지원"}},
	{"a children's class", []string{"학년", "초등학생", "어린이대상", "아동대상"}},
	{"a hobby class", []string{
		"공예", "수채화", "캘리그라피", "요가", "댄스", "가곡", "성악", "노래교실", "분재", "여행", "일본어",
		"영어동화", "영어회화", "중국어", "한자교실", "생활한자", "한자로", "민화", "그림책", "동화책", "컬러링북", "추억책", "그림일기", "어반스케치",
		"펜드로잉", "프로크리에이트", "드로잉작품", "사진교실", "사진작가", "독립영화", "영화로", "밥상", "혼밥",
		"식탁", "안주요리", "한방차", "차생활", "누룩", "우리술", "원예", "매듭", "라탄", "마크라메", "양말목",
		"보자기", "미싱", "화장품", "플로리스트", "아로마", "명상", "싱잉볼", "호흡법", "건강관리", "건강하게",
		"뇌건강", "대사건강", "영양제", "관계학", "라디오극", "박물관", "음악극", "취미반", "공간디자인", "명화",
		"옛글", "커피향미", "드론조종", "생활법률", "홈카페", "미래특강",
	}},
}

// hobbyLabels are the bracketed prefixes under which centres file leisure:
// a course under one is a hobby class unless its title names work.
var hobbyLabels = [...]string{"여가", "취미", "건강", "문화", "요리", "관계", "테마여행"}

// workWords are the words that make a course with a hobby's subject a
// step towards work ("마크라메 체험강사 양성", "스톡사진 수익화"), or a
// plan for later life ("[당사자주도] 노후설계"): it stays a programme.
var workWords = [...]string{
	"양성", "자격", "강사", "지도사", "취업", "창업", "수익", "판매", "전문가", "매니저", "바리스타", "셀러",
	"마케팅", "스톡", "굿즈", "이모티콘", "툰작가", "노후", "재무", "연금",
}

// NotProgramme reports whether a record with the given title is not a
// programme dasi recommends, and what it is then ("a resident
// service", "a children's class", "a hobby class") with the word that
// says so: useful to someone, but not work, training or a plan for later
// life. The importers skip such records.
func NotProgramme(title string) (what, word string, ok bool) {
	f := foldText(title)
	work := slices.ContainsFunc(workWords[:], foldText(titleBody(title)).has)
	for _, k := range notProgrammeWords {
		for _, w := range k.words {
			if !f.has(w) {
				continue
			}
			if k.what == "a hobby class" && work {
				continue
			}
			return k.what, w, true
		}
	}
	if work {
		return "", "", false
	}
	pre := foldText(titlePrefix(title))
	for _, l := range hobbyLabels {
		if pre.has(l) {
			if _, g := Classify("", titleBody(title)); g.Has(GoalLife) {
				return "", "", false
			}
			return "a hobby class", titlePrefix(title), true
		}
	}
	return "", "", false
}

// ResidentsOnly returns the district whose residents alone a record is
// for, as its title or text says: "(강북구민 특화)", "○○구 거주",
// "○○구 주민", or a bracketed prefix naming a district's own scheme
// ("[동작구 여성]", "[2026 서대문구 여성 직업능력향상 사업]"). It returns the
// zero District when the text names no such rule.
func ResidentsOnly(text string) District {
	t := CleanText(text)
	for i, di := range districtTable {
		d := District(i + 1)
		for _, form := range [...]string{di.Name + "민", di.Name + " 거주", di.Name + "거주", di.Name + " 주민",
			strings.TrimSuffix(di.Name, "구") + " 구민"} {
			if strings.Contains(t, form) {
				return d
			}
		}
		if strings.Contains(titlePrefix(t), di.Name) {
			return d
		}
	}
	return 0
}

// RestrictionsIn returns the restrictions a title or text states: one sex
// ("(여자)", "(여성)", "여성 직업", "남성", "아버지"), 주부, 1인 가구.
func RestrictionsIn(text string) Restrictions {
	f := Fold(text)
	var r Restrictions
	for _, x := range [...]struct {
		r     Restrictions
		words []string
	}{
		{RestrictWomen, []string{"여자", "여성"}},
		{RestrictMen, []string{"남성", "남자", "아버지"}},
		{RestrictHomemakers, []string{"주부"}},
		{RestrictSingleHousehold, []string{"1인가구"}},
	} {
		for _, w := range x.words {
			if strings.Contains(f, w) {
				r |= x.r
			}
		}
	}
	// "경력단절여성" and "여성발전센터" name women too; "남녀" names both.
	if strings.Contains(f, "남녀") {
		r &^= RestrictWomen | RestrictMen
	}
	return r
}

// foldedText is a text as the category table reads it: folded (Fold), and
// its Latin words (latinWords).
type foldedText struct {
	folded string
	latin  []string
}

// foldText returns s as the category table reads it.
func foldText(s string) foldedText { return foldedText{Fold(s), latinWords(s)} }

// has reports whether the text holds the rule word w (folded): anywhere in
// the folded text, or, for a word of Latin letters ("ai"), as one of its
// Latin words whole: "AI디지털교육", "생성형 AI" and "ChatGPT AI" hold it,
// "Training" and "OpenAI" do not.
func (t foldedText) has(w string) bool {
	if isLatinWord(w) {
		return slices.Contains(t.latin, w)
	}
	return t.folded != "" && strings.Contains(t.folded, w)
}

// titlePrefix returns the text of a title's leading bracket: "재무" for
// "[재무] 연금 월급 만들기"; "" when there is none.
func titlePrefix(title string) string {
	t := CleanText(title)
	rest, ok := strings.CutPrefix(t, "[")
	if !ok {
		return ""
	}
	p, _, ok := strings.Cut(rest, "]")
	if !ok {
		return ""
	}
	return CleanText(p)
}

// titleBody returns a title without its leading bracket: "연금 월급
// 만들기" for "[재무] 연금 월급 만들기".
func titleBody(title string) string {
	t := CleanText(title)
	if rest, ok := strings.CutPrefix(t, "["); ok {
		if _, body, ok := strings.Cut(rest, "]"); ok {
			return CleanText(body)
		}
	}
	return t
}
