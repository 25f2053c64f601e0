package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/internal/sharedtest"
)

// matchEnv returns the environment of a fresh database holding the seed
// and the import fixtures' courses and jobs, on 2026-07-26.
func matchEnv(t *testing.T) map[string]string {
	t.Helper()
	env := map[string]string{"DASI_DB": filepath.Join(t.TempDir(), "t.db"), "DASI_NOW": "2026-07-26"}
	for _, imp := range [][]string{{"programs", "lectures.json"}, {"jobs", "getjobinfo.json"}} {
		if _, stderr, err := dasi(t, env, "", "import", imp[0], fixture(imp[1])); err != nil {
			t.Fatalf("import %s: %v\n%s", imp[1], err, stderr)
		}
	}
	return env
}

// matchJSONOf runs dasi match --json with args and checks the shape every
// consumer relies on: the three arrays are never null; every item has a
// string id, a title (places: a name), a district, and a non-empty array of
// reasons; places have an integer distance_m or none.
func matchJSONOf(t *testing.T, env map[string]string, args ...string) matchJSON {
	t.Helper()
	stdout, stderr, err := dasi(t, env, "", append([]string{"match", "--json"}, args...)...)
	if err != nil {
		t.Fatalf("match %v: %v\n%s", args, err, stderr)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatalf("output is not a JSON object: %v\n%s", err, stdout)
	}
	for _, group := range []string{"programs", "jobs", "places"} {
		var items []map[string]any
		if string(raw[group]) == "null" || raw[group] == nil {
			t.Fatalf("%s is %s, want an array", group, raw[group])
		}
		if err := json.Unmarshal(raw[group], &items); err != nil {
			t.Fatalf("%s: %v", group, err)
		}
		title := "title"
		if group == "places" {
			title = "name"
		}
		for i, it := range items {
			for _, key := range []string{"id", title, "district"} {
				if _, ok := it[key].(string); !ok {
					t.Errorf("%s[%d]: %q is %T (%v), want a string", group, i, key, it[key], it[key])
				}
			}
			reasons, ok := it["reasons"].([]any)
			if !ok || len(reasons) == 0 {
				t.Errorf("%s[%d] %v: reasons %v, want a non-empty array", group, i, it["id"], it["reasons"])
			}
			for _, r := range reasons {
				if s, ok := r.(string); !ok || s == "" {
					t.Errorf("%s[%d] %v: reason %v is not a phrase", group, i, it["id"], r)
				}
			}
			if d, ok := it["distance_m"]; ok {
				if f, isNum := d.(float64); !isNum || f != float64(int(f)) || f < 0 {
					t.Errorf("%s[%d] %v: distance_m %v, want a whole number of metres", group, i, it["id"], d)
				}
			}
		}
	}
	var out matchJSON
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMatchCommandJSON(t *testing.T) {
	env := matchEnv(t)
	t.Run("a full profile", func(t *testing.T) {
		out := matchJSONOf(t, env, "--age", "52", "--field", "회계·금융", "--years", "20", "--goals", "재취업,디지털", "--district", "은평구")
		if len(out.Programs) != 3 || len(out.Places) != 3 {
			t.Errorf("%d programs, %d places; want the default 3 each", len(out.Programs), len(out.Places))
		}
		// The fixture's openings are a care and a security post, both
		// beyond 10 km: none fits an accountant, which is said.
		if len(out.Jobs) != 0 || !out.JobsAsked {
			t.Errorf("%d jobs (asked %v), want none, asked", len(out.Jobs), out.JobsAsked)
		}
		if out.Places[0].ID != "c50_west" {
			t.Errorf("first place %s, want c50_west (서울시50플러스 서부캠퍼스)", out.Places[0].ID)
		}
	})
	t.Run("every place, placeless last without distance", func(t *testing.T) {
		out := matchJSONOf(t, env, "--district", "은평", "--limit", "100")
		last := out.Places[len(out.Places)-1]
		if last.ID != "tech_dongbu" || last.DistanceM != nil {
			t.Errorf("last place %s at %v, want tech_dongbu without distance_m", last.ID, last.DistanceM)
		}
		if out.Totals.Places != len(out.Places) {
			t.Errorf("totals say %d places, listed %d", out.Totals.Places, len(out.Places))
		}
	})
	t.Run("learning goals alone: jobs an empty array", func(t *testing.T) {
		out := matchJSONOf(t, env, "--goals", "인생설계ㆍ노후", "--district", "강동구")
		if out.Jobs == nil || len(out.Jobs) != 0 {
			t.Errorf("jobs %v, want []", out.Jobs)
		}
	})
	t.Run("a shared location and the next page", func(t *testing.T) {
		first := matchJSONOf(t, env, "--at", "37.6084,126.9335", "--limit", "2")
		next := matchJSONOf(t, env, "--at", "37.6084,126.9335", "--limit", "2", "--offset", "2")
		if first.Places[0].ID != "c50_west" || len(next.Places) != 2 || next.Places[0].ID == first.Places[1].ID {
			t.Errorf("pages %v then %v", first.Places, next.Places)
		}
	})
}

func TestMatchCommandPlain(t *testing.T) {
	env := matchEnv(t)
	stdout, stderr, err := dasi(t, env, "", "match", "--age", "50~54세", "--goals", "job,digital", "--district", "은평구")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{
		"50~54세 · 재취업, 디지털 · 은평구 (deadlines judged on 2026-07-26)",
		"places: 3 of 35",
		"  1. 서울시50플러스 서부캠퍼스  [c50_west]",
		"→ 재취업·디지털 목표 · 은평구청에서 960m",
		"jobs: 0 of 0",
		"no opening fits nearby",
		"call: 120다산콜센터",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestMatchCommandBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // what stderr must say
	}{
		{"age", []string{"--age", "오십"}, []string{`--age "오십"`, "50~54세"}},
		{"age too old", []string{"--age", "200"}, []string{`--age "200"`}},
		{"field", []string{"--field", "요리"}, []string{`--field "요리"`, "회계·금융"}},
		{"years", []string{"--years", "많이"}, []string{`--years "많이"`, "20년 이상"}},
		{"goal", []string{"--goals", "재취업,놀기"}, []string{`--goals "재취업,놀기"`, `"놀기"`, "digital 디지털·AI"}},
		{"four goals", []string{"--goals", "job,train,startup,life"}, []string{"at most 3 goals"}},
		{"district", []string{"--district", "부산"}, []string{`--district "부산"`, "25 districts"}},
		{"location", []string{"--at", "37.6"}, []string{`--at "37.6"`, "LAT,LON"}},
		{"limit", []string{"--limit", "0"}, []string{`--limit "0"`, "1 to 100"}},
		{"everything at once", []string{"--age", "x", "--district", "y"}, []string{"--age", "--district"}},
		{"a stray argument", []string{"은평구"}, []string{`unexpected argument "은평구"`}},
		{"an unknown flag", []string{"--color"}, []string{"-color"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"DASI_DB": filepath.Join(t.TempDir(), "t.db")}
			_, stderr, err := dasi(t, env, "", append([]string{"match"}, tt.args...)...)
			if !errors.Is(err, errUsage) {
				t.Errorf("error %v, want a usage error", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(env["DASI_DB"]); err == nil {
				t.Error("a bad command line created the database")
			}
		})
	}
}

func TestParseMatchValues(t *testing.T) {
	ages := []struct {
		in   string
		want data.AgeBand
	}{
		{"52", data.Age50to54}, {"52세", data.Age50to54}, {"50~54세", data.Age50to54}, {"50-54", data.Age50to54},
		{"u40", data.AgeUnder40}, {"40세 미만", data.AgeUnder40}, {"39", data.AgeUnder40},
		{"65세 이상", data.Age65Plus}, {"70", data.Age65Plus}, {"-3", data.AgeUnknown}, {"오십", data.AgeUnknown},
	}
	for _, tt := range ages {
		if got := parseAgeBand(tt.in); got != tt.want {
			t.Errorf("parseAgeBand(%q) = %v, want %v", tt.in, got.Label(), tt.want.Label())
		}
	}
	years := []struct {
		in   string
		want data.YearsBand
	}{
		{"20", data.Years20Plus}, {"3년", data.YearsUnder5}, {"10~20년", data.Years10to20}, {"5년 미만", data.YearsUnder5}, {"x", data.YearsUnknown},
	}
	for _, tt := range years {
		if got := parseYearsBand(tt.in); got != tt.want {
			t.Errorf("parseYearsBand(%q) = %v, want %v", tt.in, got.Label(), tt.want.Label())
		}
	}
	goals := []struct {
		in   string
		want []data.Goal
	}{
		{"재취업,디지털", []data.Goal{data.GoalJob, data.GoalDigital}},
		{"디지털ㆍAI, 사회공헌 일자리", []data.Goal{data.GoalDigital, data.GoalSocial}},
		{"job,job", []data.Goal{data.GoalJob}},
		{"인생설계·노후", []data.Goal{data.GoalLife}},
	}
	for _, tt := range goals {
		g, err := parseGoals(tt.in)
		var want data.Goals
		for _, x := range tt.want {
			want = want.With(x)
		}
		if err != nil || g != want {
			t.Errorf("parseGoals(%q) = %v, %v; want %v", tt.in, g.List(), err, tt.want)
		}
	}
}

// TestMatchCommandRealLectures is the acceptance: with
// DASI_NOW=2026-07-26, after importing the real 50플러스 course list, a
// 55-year-old in 서대문구 who wants 디지털 gets real 50플러스 courses.
func TestMatchCommandRealLectures(t *testing.T) {
	lectures := sharedtest.Data(t, "50plus/lectures.json")
	env := map[string]string{"DASI_DB": filepath.Join(t.TempDir(), "t.db"), "DASI_NOW": "2026-07-26"}
	if _, stderr, err := dasi(t, env, "", "import", "programs", lectures); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	out := matchJSONOf(t, env, "--age", "55", "--goals", "디지털", "--district", "서대문구", "--limit", "10")
	real := 0
	for _, p := range out.Programs {
		if p.Source == imports.Format50PlusLectures && strings.HasPrefix(p.URL, "https://www.50plus.or.kr/") {
			real++
			if !strings.Contains(strings.Join(p.Reasons, " "), "디지털 목표") {
				t.Errorf("%s %q: reasons %v lack the goal", p.ID, p.Title, p.Reasons)
			}
			if p.Deadline < "2026-07-26" {
				t.Errorf("%s %q: recommended past its last day %s", p.ID, p.Title, p.Deadline)
			}
		}
	}
	if real == 0 {
		t.Errorf("no 50플러스 course among %d programs: %+v", len(out.Programs), out.Programs)
	}
}
