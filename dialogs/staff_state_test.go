package dialogs

import (
	"fmt"
	"testing"
)

// TestStaffStateSurvivesEncoding: a draft stored at any step of /broadcast
// and read back answers the next input exactly as the one kept in memory;
// damaged or foreign data gives the idle state.
func TestStaffStateSurvivesEncoding(t *testing.T) {
	steps := []Input{
		staffIn(InputCommand, "broadcast"),
		staffIn(InputText, "8월 4일 <디지털> 교실을 열어요 & 오세요."),
		staffIn(InputButton, "stf:by:district"),
		staffIn(InputText, "은평"),
	}
	next := []Input{
		staffIn(InputButton, "stf:send"),
		staffIn(InputButton, "stf:again"),
		staffIn(InputText, "마포구"),
		staffIn(InputButton, "stf:cancel"),
	}
	var s StaffState
	for i, in := range steps {
		var effects []Effect
		s, _, effects = Staff(s, in)
		if len(effects) == 1 && effects[0].Kind == EffectCountAudience {
			s, _, _ = Staff(s, in.WithResult(Result{Of: EffectCountAudience, Count: 42}))
		}
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back StaffState
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if back != s {
			t.Fatalf("step %d: %+v read back as %+v (%s)", i, s, back, b)
		}
		for _, n := range next {
			s1, out1, eff1 := Staff(s, n)
			s2, out2, eff2 := Staff(back, n)
			if s1 != s2 || fmt.Sprint(out1, eff1) != fmt.Sprint(out2, eff2) {
				t.Errorf("step %d, then %+v: the stored draft answers %v %+v, the kept one %v %+v", i, n, out2, eff2, out1, eff1)
			}
		}
	}
	if !s.Active() {
		t.Fatal("the walk ended idle: the test proves nothing")
	}
	for _, bad := range []string{"", "{", `{"v":2,"s":"write"}`, `{"v":1,"s":"later"}`, `{"v":1,"s":"preview","d":"99999","n":3}`, `{"v":1}`} {
		got := StaffState{step: staffWrite}
		if err := got.UnmarshalBinary([]byte(bad)); err != nil || got.Active() {
			t.Errorf("UnmarshalBinary(%q) = %+v, %v; want the idle state", bad, got, err)
		}
	}
}
