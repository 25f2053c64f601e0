package imports

import (
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// This file holds what the importers read of who a record is for: the
// conditions a job posting's title states (data.Job.Restrictions, Licence
// and ages), and the rules of a course's title (the district whose
// residents alone may join, one sex, a target group). The words that tell
// a programme from a resident service or a hobby class are the category
// table's (data.NotProgramme).

// jobAgeRules are the kinds of posting whose name sets an age: a 노인일자리
// (노인일자리 및 사회활동 지원사업: 60 and over for its 사회서비스형 jobs, 65
// for the others), and 지하철 택배, which rests on the free subway pass of
// residents aged 65 and over. Folded words.
var jobAgeRules = [...]struct {
	word   string
	minAge int
}{
	{"노인일자리", 60},
	{"지하철택배", 65},
}

// jobLicences are the licences a posting's title makes a condition of the
// job: a 요양보호사 post needs the 요양보호사 certificate, a taxi driver the
// 택시운전자격, any other driver a driving licence. Folded words; a title naming training (양성, 교육) is a
// course, not a post.
var jobLicences = [...]struct {
	words   []string // all must be in the title
	licence string
}{
	{[]string{"요양보호사"}, "요양보호사"},
	{[]string{"택시", "기사"}, "택시운전자격"},
	{[]string{"운전기사"}, "운전면허"},
}

// jobConditions sets j's ages, restrictions and licence from what its
// title states.
func jobConditions(j *data.Job) {
	f := data.Fold(j.Title)
	for _, r := range jobAgeRules {
		if strings.Contains(f, r.word) {
			j.MinAge = max(j.MinAge, r.minAge)
		}
	}
	j.Restrictions |= data.RestrictionsIn(j.Title)
	if strings.Contains(f, "양성") || strings.Contains(f, "교육") {
		return
	}
	for _, l := range jobLicences {
		all := true
		for _, w := range l.words {
			all = all && strings.Contains(f, w)
		}
		if all {
			j.Licence = l.licence
			return
		}
	}
}

// courseConditions sets p's residence rule and restrictions from what its
// title states: "(강북구민 특화)" or "[동작구 여성]" is for that district's
// residents (and p moves to that district), "(여성)" for women.
func courseConditions(p *data.Program) {
	if d := data.ResidentsOnly(p.Title); d.Valid() {
		p.DistrictOnly, p.District = true, d
	}
	p.Restrictions |= data.RestrictionsIn(p.Title)
}
