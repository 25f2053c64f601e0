package imports

import (
	"encoding/json"
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
