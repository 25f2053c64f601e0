// Package echobot is the load test's floor: the least a Telegram bot with
// a session in Redis can do per update, written the way the Telegram
// library's own documentation writes a bot. For every update it reads the
// chat's session (GET), writes it back (SET) and sends one reply, with the
// library's own request methods (GetUpdatesChan, Send) and go-redis.
//
// It is frozen code: it never uses dasi's sender, client or types, so the
// baseline does not move when dasi's channel changes. Change it only to
// follow the library, and say so beside the figures it gave before.
package echobot

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	goredis "github.com/redis/go-redis/v9"
)

// Config is what the echo bot needs: the same variables dasi serve reads.
type Config struct {
	Token    string // TELEGRAM_TOKEN
	Endpoint string // TELEGRAM_API_ENDPOINT, the library's format (two %s)
	RedisURL string // REDIS_URL
	Log      *slog.Logger
}

// sessionTTL is how long a session outlives its chat's last update.
const sessionTTL = 24 * time.Hour

// Run long-polls the Bot API and answers every update until ctx ends. It
// returns an error when the token, the endpoint or Redis cannot be
// reached at the start.
func Run(ctx context.Context, cfg Config) error {
	// One HTTP client whose idle connections suffice for the goroutines:
	// the library's default keeps two, and every other reply would open a
	// connection, which is not what a tuned bot pays.
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = 256, 256
	api, err := tgbotapi.NewBotAPIWithClient(cfg.Token, cfg.Endpoint, &http.Client{Transport: t})
	if err != nil {
		return fmt.Errorf("echo bot: getMe: %w", err)
	}
	opt, err := goredis.ParseURL(cfg.RedisURL)
	if err != nil {
		return fmt.Errorf("echo bot: REDIS_URL: %w", err)
	}
	opt.PoolSize = 256
	rdb := goredis.NewClient(opt)
	defer rdb.Close()
	if err := rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("echo bot: REDIS_URL: %w", err)
	}

	u := tgbotapi.NewUpdate(0)
	u.Timeout = 50
	updates := api.GetUpdatesChan(u)
	go func() {
		<-ctx.Done()
		api.StopReceivingUpdates()
	}()
	for up := range updates {
		go answer(ctx, api, rdb, cfg.Log, up)
	}
	return nil
}

// answer reads and writes the chat's session and sends one reply.
func answer(ctx context.Context, api *tgbotapi.BotAPI, rdb *goredis.Client, log *slog.Logger, up tgbotapi.Update) {
	chat := up.FromChat()
	if chat == nil {
		return
	}
	text := ""
	switch {
	case up.Message != nil:
		text = up.Message.Text
	case up.CallbackQuery != nil:
		text = up.CallbackQuery.Data
	}
	key := "echo:session:" + strconv.FormatInt(chat.ID, 10)
	prev, err := rdb.Get(ctx, key).Result()
	if err != nil && err != goredis.Nil {
		log.Error("echo bot: redis GET", "error", err)
		return
	}
	if err := rdb.Set(ctx, key, prev+"|"+text, sessionTTL).Err(); err != nil {
		log.Error("echo bot: redis SET", "error", err)
		return
	}
	if _, err := api.Send(tgbotapi.NewMessage(chat.ID, "echo "+text)); err != nil {
		log.Error("echo bot: sendMessage", "error", err)
	}
}
