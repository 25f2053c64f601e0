package data_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

func TestResidentID(t *testing.T) {
	r, err := data.NewResidentID(data.Telegram, "7012345678")
	if err != nil || r != "telegram:7012345678" || r.Channel() != data.Telegram || r.Key() != "7012345678" {
		t.Fatalf("NewResidentID = %q, %v (channel %q, key %q)", r, err, r.Channel(), r.Key())
	}
	if err := r.Validate(); err != nil {
		t.Errorf("Validate(%q) = %v", r, err)
	}
	key := strings.Repeat("a", data.MaxResidentKey)
	if r, err := data.ParseResidentID("kakao:" + key); err != nil || r.Key() != key || r.Channel() != data.Kakao {
		t.Fatalf("ParseResidentID(kakao) = %q, %v", r, err)
	}
	for _, bad := range []string{"", "telegram", "telegram:", "sms:1", "kakao:" + key + "a", "kakao:a b", "kakao:한글", "kakao:a\x00"} {
		if r, err := data.ParseResidentID(bad); !errors.Is(err, data.ErrResidentID) {
			t.Errorf("ParseResidentID(%q) = %q, %v; want ErrResidentID", bad, r, err)
		}
		if err := data.ResidentID(bad).Validate(); !errors.Is(err, data.ErrResidentID) {
			t.Errorf("ResidentID(%q).Validate() = %v; want ErrResidentID", bad, err)
		}
	}
}
