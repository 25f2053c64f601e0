package main

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestScanRequest reads what the fake needs from JSON requests as
// encoding/json does, members it ignores and escapes included, and hands
// anything it does not follow to encoding/json.
func TestScanRequest(t *testing.T) {
	for _, body := range []string{
		`{"chat_id":1000001,"text":"<b>참여하실 수 있는 교육</b>\n1. \"서울런\" \\ 끝","parse_mode":"HTML","disable_web_page_preview":true,` +
			`"reply_markup":{"inline_keyboard":[[{"text":"더 보기","callback_data":"more"}],[{"text":"처음으로","callback_data":"home"}]]}}`,
		`{"chat_id":7,"message_id":1000003,"text":"선택: [재취업]","reply_markup":{"inline_keyboard":[[{"text":"a}]\"","callback_data":"g:1"}]]}}`,
		`{"callback_query_id":"q42"}`,
		` { "offset" : 12 , "timeout" : 30, "allowed_updates":["message","callback_query"] } `,
		`{"chat_id":-5,"title":"서울시50플러스 \"중부\"캠퍼스","address":"마포구","latitude":37.546677,"longitude":126.949727}`,
		`{"chat_id":8,"text":"","reply_markup":{"remove_keyboard":true,"selective":false}}`,
		`{}`,
	} {
		got, ok := scanRequest([]byte(body))
		if !ok {
			t.Errorf("scanRequest(%s) did not follow it", body)
			continue
		}
		var want request
		if err := json.Unmarshal([]byte(body), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("scanRequest(%s)\n = %+v\nwant %+v", body, got, want)
		}
	}
	for _, body := range []string{
		``, `[]`, `{"chat_id":1`, `{"chat_id":"1"}`, `{"text":5}`, `{"te\u0078t":"x"}`, `{"text":"unterminated}`,
		`{"chat_id":1}}`, `{"chat_id":1 "text":"x"}`, `{"reply_markup":{"inline_keyboard":[[]}`,
	} {
		if q, ok := scanRequest([]byte(body)); ok {
			t.Errorf("scanRequest(%s) = %+v, true; want it left to encoding/json", body, q)
		}
	}
}
