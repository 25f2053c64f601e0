package dialogs

import (
	"strings"
	"unicode/utf8"
)

// This file reads what a typed message asks the bot to do, beside the
// answers it holds: go back or start over, help or a person to call, the
// resident's rights in words ("내 정보 보기", "내 정보 삭제", "알림 끄기"),
// yes and no, "다 골랐어요", "더 보여 주세요", "후반이요".

// intent is a set of the things a message may ask.
type intent uint32

const (
	wantHome    intent = 1 << iota // 처음으로, 그만 (alone), 처음부터 다시 할게요
	wantBack                       // 이전, 뒤로, 잘못 눌렀어요
	wantHelp                       // 도움말, 어떻게 해요, 사람이랑 통화하고 싶어요
	wantProfile                    // 내 정보 보기
	wantForget                     // 내 정보 삭제, 지워 주세요, 탈퇴할게요
	wantStop                       // 알림 끄기, 알림 그만, 그만 보내세요
	wantYes                        // 네, 좋아요, 동의합니다, 맞아요, 찾아 주세요, 👍
	wantNo                         // 아니요, 싫어요, 안 할래요, 고칠게요, 틀렸어요
	wantUnsure                     // 괜찮아요, 됐어요: yes or no thanks?
	wantExplain                    // 모르겠어요, 이게 뭐예요?
	wantDetails                    // 자세히
	wantDone                       // 완료, 다음, 다 골랐어요
	wantMore                       // 더 보기, 다른 것도 있어요?
	wantChange                     // 조건 바꾸기
	wantEarly                      // 초반
	wantLate                       // 후반
	wantMid                        // 중반
)

func (it intent) has(w intent) bool { return it&w != 0 }

var (
	homeWords = []string{"처음으로", "처음", "처음부터", "그만", "다시시작", "취소", "그만할래요", "그만할게요", "그만할래", "그만하기", "그만할래유", "처음으로가기", "처음부터다시", "처음부터다시할게요", "처음부터다시할래요", "처음부터할게요"}
	backWords = []string{"이전", "이전으로", "뒤로", "뒤로가기", "앞으로", "전으로", "잘못눌렀어요", "잘못눌렀네요", "잘못눌렀어", "돌아가기", "이전단계", "전단계", "뒤로갈래요", "이전으로가기"}
	helpWords = []string{"도움말", "도움", "도와주세요", "도와줘요", "도와주세여", "사용법", "어떻게해요", "어떻게하나요", "어떻게하죠", "잘모르겠어요", "모르겠어요", "help", "헬프", "뭐라고써야돼요", "뭐라고써야해요", "뭐라고쓰나요", "어떻게써요"}
	// helpPhrases ask for a person or a phone number.
	helpPhrases = []string{"통화", "전화", "상담원", "직원이랑", "직원과", "직원하고", "사람이랑", "사람과", "사람하고", "연결해", "어떻게신청", "120"}
	doneWords   = []string{"완료", "다음", "다골랐어요", "됐어요", "됐슈", "됐습니다", "됐어", "선택완료", "이게다예요", "그게다예요", "이게다에요", "끝", "끝이에요", "다했어요", "이제됐어요", "이거면돼요", "다음으로", "넘어가기", "그거면돼요"}
	unsureWords = []string{"괜찮아요", "괜찮습니다", "괜찮아", "괜찮아유", "됐어요", "됐습니다", "됐어", "됐슈"}
	// yesExact are short words of assent, compared whole.
	yesExact = []string{"네", "넵", "넹", "넴", "네네", "예", "예예", "응", "웅", "ㅇㅇ", "ㅇㅋ", "ok", "okay", "오케이", "그럼요", "당연하죠"}
	// yesStems start longer words of assent: "좋아요", "동의합니다", "맞아요".
	yesStems = []string{"좋아", "좋습", "그래", "그려", "동의", "알겠", "알았", "맞아", "맞습", "맞어", "맞네", "찾아", "할게", "할께", "부탁", "해주세요", "해줘"}
	// noMarks anywhere in a message say no: "동의 안 해요", "싫어요", "나중에".
	noMarks = []string{"안해", "안할", "안하", "안돼", "않", "싫", "아니", "아뇨", "아녀", "나중에", "별로", "안받", "고칠", "틀렸", "틀려", "수정", "바꿀", "바꿔", "잘못됐"}
)

// readIntent reads what the message asks. Words are compared folded and
// whole where a part could mean something else ("그만두고" is not 그만).
func readIntent(t *typed, raw string) intent {
	f := t.fold
	var it intent
	inList := func(words []string) bool {
		for _, w := range words {
			if f == w {
				return true
			}
		}
		return false
	}
	if inList(homeWords) || strings.HasPrefix(f, "처음부터") && utf8.RuneCountInString(f) <= 12 {
		it |= wantHome
	}
	if inList(backWords) {
		it |= wantBack
	}
	if inList(helpWords) || containsAny(f, helpPhrases) {
		it |= wantHelp
	}
	switch {
	case containsAny(f, []string{"정보", "기록", "데이터"}) && containsAny(f, []string{"삭제", "지워", "지우", "없애", "지울"}),
		inList([]string{"삭제", "삭제해주세요", "삭제할게요", "삭제요"}), strings.HasPrefix(f, "탈퇴"):
		it |= wantForget
	case (containsAny(f, []string{"정보", "입력한", "내가쓴", "저장된", "저장한"}) && containsAny(f, []string{"보기", "보여", "확인", "뭐", "알려", "볼래", "볼게"})) || f == "내정보" || f == "제정보":
		it |= wantProfile
	}
	if strings.Contains(f, "알림") && containsAny(f, []string{"끄", "꺼", "그만", "안받", "중지", "멈", "끊", "해지", "취소", "싫"}) ||
		containsAny(f, []string{"그만보내", "보내지마", "보내지말", "문자그만", "연락그만", "메시지그만"}) {
		it |= wantStop
		it &^= wantHome
	}
	if strings.Contains(f, "자세히") || containsAny(f, []string{"뭘저장", "무엇을저장", "뭐저장"}) {
		it |= wantDetails
	}
	if containsAny(f, []string{"모르겠", "무슨말", "뭐예요", "뭐에요", "뭔가요", "뭔데요", "무슨뜻", "이해가안", "뭐죠"}) {
		it |= wantExplain
	}
	if inList(unsureWords) {
		it |= wantUnsure
	}
	// Yes and no, word by word: "네 동의하고요 58살이에요" is yes.
	yes := strings.Contains(raw, "👍") || strings.Contains(raw, "👌") || strings.Contains(raw, "🙆")
	for _, w := range t.words {
		wf := w.fold
		for _, p := range []string{"네", "예"} {
			// "네좋아요" typed without a space.
			if rest, ok := strings.CutPrefix(wf, p); ok && rest != "" && hasPrefixAny(rest, yesStems) {
				wf = rest
			}
		}
		for _, y := range yesExact {
			if wf == y {
				yes = true
			}
		}
		if hasPrefixAny(wf, yesStems) {
			yes = true
		}
	}
	if containsAny(f, noMarks) {
		it |= wantNo
	} else if yes {
		it |= wantYes
	}
	if it.has(wantYes|wantNo) && f != "" {
		it &^= wantUnsure // "괜찮아요 동의할게요" says which
	}
	if inList(doneWords) || hasSuffixAny(f, []string{"완료", "다예요", "다에요", "다입니다"}) {
		it |= wantDone
	}
	if strings.HasPrefix(f, "더") && utf8.RuneCountInString(f) <= 8 || containsAny(f, []string{"다른것도", "또있", "더있", "더보"}) {
		it |= wantMore
	}
	if strings.Contains(f, "조건") && containsAny(f, []string{"바꾸", "바꿀", "바꿔", "변경", "다시"}) || strings.Contains(f, "다른조건") {
		it |= wantChange
	}
	for _, w := range t.words {
		switch {
		case strings.HasPrefix(w.fold, "초반") || w.fold == "초":
			it |= wantEarly
		case strings.HasPrefix(w.fold, "후반") || w.fold == "말":
			it |= wantLate
		case strings.HasPrefix(w.fold, "중반"):
			it |= wantMid
		}
	}
	return it
}

// in reports whether folded text f is one of words.
func in(f string, words []string) bool {
	for _, w := range words {
		if f == w {
			return true
		}
	}
	return false
}
