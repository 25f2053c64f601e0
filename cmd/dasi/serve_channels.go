package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/kakao"
	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/data/sqlite"
)

// This file is serve's wiring of the channels: Telegram when
// TELEGRAM_TOKEN is set, KakaoTalk when DASI_KAKAO_SKILL_PATH is, and the
// listener of /healthz and /metrics when DASI_METRICS_ADDR is.

// kakaoRedisTimeout bounds dialling Redis and each command while the
// KakaoTalk channel is on: its skill must answer within Open Builder's 5
// seconds, so a stalled Redis is given up on after one.
const kakaoRedisTimeout = time.Second

// redisTimeout is the Redis client's dial, read and write timeout: 1 s
// with KakaoTalk on, else go-redis's own.
func (c config) redisTimeout() time.Duration {
	if c.KakaoSkillPath != "" {
		return kakaoRedisTimeout
	}
	return 0
}

// newTelegram returns the Telegram channel over core, or nil when
// TELEGRAM_TOKEN is not set. Its error names TELEGRAM_TOKEN.
func newTelegram(ctx context.Context, cfg config, core *bot.Bot, store *sqlite.Store, lease telegram.Lease, log *slog.Logger, reg *prometheus.Registry) (*telegram.Channel, error) {
	if cfg.TelegramToken == "" {
		log.InfoContext(ctx, "TELEGRAM_TOKEN is not set: serving KakaoTalk alone")
		return nil, nil
	}
	topt := telegram.Options{
		Token:    cfg.TelegramToken.reveal(),
		Endpoint: cfg.TelegramAPI,
		Handler:  core,
		Chats:    store,
		Lease:    lease,
		Staff:    cfg.Staff,
		Log:      log,
		Registry: reg,
	}
	if cfg.WebhookURL != "" {
		topt.Webhook = &telegram.Webhook{URL: cfg.WebhookURL, Secret: cfg.WebhookSecret.reveal()}
	}
	b, err := telegram.New(ctx, topt)
	if err != nil {
		return nil, fmt.Errorf("TELEGRAM_TOKEN: %w", err)
	}
	return b, nil
}

// runTelegram runs the Telegram channel until ctx ends; without one, it
// waits for ctx (the KakaoTalk skill answers on the HTTP listener).
func runTelegram(ctx context.Context, b *telegram.Channel) error {
	if b == nil {
		<-ctx.Done()
		return nil
	}
	return b.Run(ctx)
}

// mountKakao serves the KakaoTalk skill on mux at DASI_KAKAO_SKILL_PATH
// (and under it, for the secret in the path), when it is set.
func mountKakao(mux *http.ServeMux, cfg config, core *bot.Bot, log *slog.Logger, reg prometheus.Registerer) error {
	if cfg.KakaoSkillPath == "" {
		return nil
	}
	skill, err := kakao.New(core, kakao.Options{
		Path:     cfg.KakaoSkillPath,
		Secret:   cfg.KakaoSkillSecret.reveal(),
		Log:      log.With("channel", "kakao"),
		Registry: reg,
	})
	if err != nil {
		return fmt.Errorf("DASI_KAKAO_SKILL_PATH: %w", err)
	}
	mux.Handle(cfg.KakaoSkillPath, skill)
	mux.Handle(cfg.KakaoSkillPath+"/", skill)
	return nil
}

// serveOps serves /healthz and /metrics on DASI_METRICS_ADDR, when it is
// set, and returns its server (nil when it is not set).
func serveOps(cfg config, ops *http.ServeMux, log *slog.Logger, wg *sync.WaitGroup) (*http.Server, error) {
	if cfg.MetricsAddr == "" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("DASI_METRICS_ADDR: %w", err)
	}
	srv := &http.Server{
		Handler:           ops,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	wg.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "error", err)
		}
	})
	log.Info("health and metrics listening", "addr", ln.Addr().String())
	return srv, nil
}
