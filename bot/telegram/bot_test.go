package telegram_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/bot/telegram/telegramtest"
)

func TestRepliesInOrderPerChat(t *testing.T) {
	e := start(t, telegram.Options{}, nil)
	chats := []int64{1001, 1002, 1003}
	const n = 20
	var wg sync.WaitGroup
	for _, c := range chats {
		wg.Go(func() {
			for i := range n {
				e.TG.SendText(c, fmt.Sprintf("%d-%d", c, i))
			}
		})
	}
	wg.Wait()
	for _, c := range chats {
		got := telegramtest.Sent(e.WaitEvents(c, n))
		if len(got) != n {
			t.Fatalf("chat %d got %d messages, want %d", c, len(got), n)
		}
		for i, text := range got {
			if want := fmt.Sprintf("받았어요: %d-%d", c, i); text != want {
				t.Errorf("chat %d message %d = %q, want %q", c, i, text, want)
			}
		}
	}
}

func TestCommandsAreRegisteredInKorean(t *testing.T) {
	e := start(t, telegram.Options{}, nil)
	e.TG.SendText(1, "/start")
	e.WaitEvents(1, 1)
	got := e.TG.Commands()
	want := map[string]string{"start": "처음으로", "help": "도움말", "profile": "내 정보 보기·고치기", "forget": "내 정보 삭제", "stop": "알림 끄기"}
	if len(got) != len(want) {
		t.Fatalf("setMyCommands got %d commands, want %d: %v", len(got), len(want), got)
	}
	for _, c := range got {
		if want[c.Command] != c.Description {
			t.Errorf("command /%s = %q, want %q", c.Command, c.Description, want[c.Command])
		}
	}
}

func TestCommandMenuFailureIsNotFatal(t *testing.T) {
	tg := faketg.New(faketg.Options{})
	t.Cleanup(tg.Close)
	tg.Inject(faketg.Fault{Method: "setMyCommands", Status: 500})
	e := start(t, telegram.Options{}, tg)
	e.TG.SendText(5, "안녕")
	if got := telegramtest.Sent(e.WaitEvents(5, 1)); got[0] != "받았어요: 안녕" {
		t.Fatalf("reply = %q", got[0])
	}
	if !strings.Contains(e.Logs.String(), "setMyCommands") {
		t.Error("the failed setMyCommands is not logged")
	}
}

func TestCommandsAndDeepLinks(t *testing.T) {
	e := start(t, telegram.Options{}, nil)
	e.TG.SendText(7, "/START@"+faketg.BotUsername+" c50_west")
	got := e.WaitEvents(7, 1)
	if want := "안녕하세요 /start c50_west"; got[0].Message.Text != want {
		t.Fatalf("reply = %q, want %q (command lower-cased, bot name cut, payload kept)", got[0].Message.Text, want)
	}
}

func TestStickerAndLocationReachTheConversation(t *testing.T) {
	e := start(t, telegram.Options{}, nil)
	e.TG.SendSticker(8)
	e.TG.SendLocation(8, 37.6191, 126.921)
	got := telegramtest.Sent(e.WaitEvents(8, 2))
	if got[0] != "다시 말씀해 주세요" || got[1] != "위치 37.6191,126.9210" {
		t.Fatalf("replies = %q", got)
	}
}
