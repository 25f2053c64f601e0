package imports

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestJText(t *testing.T) {
	for in, want := range map[string]string{
		`"서울 도봉구"`:             "서울 도봉구",
		`"a\"b\\c"`:            `a"b\c`,
		`"\u00a0시급\t/ 10320원"`: "\u00a0시급\t/ 10320원",
		"\"\xff\xfe\"":         "\uFFFD\uFFFD", // invalid UTF-8, as encoding/json replaces it
		`10320`:                "10320",
		`1.5e3`:                "1.5e3",
		`true`:                 "true",
		`null`:                 "",
		`""`:                   "",
	} {
		var got struct{ V jtext }
		if err := json.Unmarshal([]byte(`{"V":`+in+`}`), &got); err != nil || string(got.V) != want {
			t.Errorf("jtext %s = %q, %v; want %q", in, got.V, err, want)
		}
	}
	var obj struct{ V jtext }
	if err := json.Unmarshal([]byte(`{"V":{"a":1}}`), &obj); err == nil {
		t.Error("an object read as text")
	}
}

// TestJSONStreamBoundsNesting: a file of brackets is refused at the
// limit, not held.
func TestJSONStreamBoundsNesting(t *testing.T) {
	deep := strings.Repeat("[", 1<<20)
	dec := newJSONStream(strings.NewReader(deep), nil)
	_, err := dec.scanValue(0)
	if err == nil || !strings.Contains(err.Error(), "nested deeper than 1000 levels") {
		t.Errorf("err = %v", err)
	}
	if len(dec.sc.stack) > maxDepth {
		t.Errorf("the scan held %d levels", len(dec.sc.stack))
	}
}
