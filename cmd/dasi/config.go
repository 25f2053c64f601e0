package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/bot/kakao"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// secret is a string that never prints: in logs, errors and %v it shows as
// a fixed mask, so a token cannot leak by accident.
type secret string

const redacted = "[redacted]"

// The methods of secret print it as the mask, whatever prints it.
func (secret) String() string                 { return redacted }
func (secret) GoString() string               { return redacted }
func (secret) LogValue() slog.Value           { return slog.StringValue(redacted) }
func (s secret) reveal() string               { return string(s) }
func (s secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// config is the whole configuration, parsed once from the environment.
type config struct {
	TelegramToken secret
	TelegramAPI   string // library format string with two %s: token, method
	RedisURL      string
	DB            string
	Staff         []int64
	HTTPAddr      string
	WebhookURL    string
	WebhookSecret secret
	BroadcastRate int
	SeoulAPIKey   secret
	SeoulAPIURL   string
	Now           data.Date // zero: the real date
	LogLevel      slog.Level
	LeaseTTL      time.Duration // how long the token's lease in Redis outlives a crash
	MaxConns      int           // connections DASI_HTTP_ADDR holds at once
	// PrivacyURL and OperatorContact are the privacy notice residents read
	// in the consent's details and in /profile: the privacy policy's page,
	// and who runs the service and how to reach them.
	PrivacyURL      string
	OperatorContact string
	// Refresh is the live catalog's sources and schedule.
	Refresh refreshConfig
	// KakaoSkillPath turns the KakaoTalk channel on: the path of the Open
	// Builder skill on DASI_HTTP_ADDR; KakaoSkillSecret is then required.
	KakaoSkillPath   string
	KakaoSkillSecret secret
	// MetricsAddr, when set, serves /healthz and /metrics on a listener of
	// their own, so that DASI_HTTP_ADDR carries only the webhook and the
	// skill.
	MetricsAddr string
}

// webhookSecretRE is what Telegram accepts as a webhook secret_token.
var webhookSecretRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// loadConfig reads every variable and reports every problem at once, each
// naming its variable. It does not check that TELEGRAM_TOKEN is set: only
// serve needs it (see config.requireToken).
func loadConfig(getenv env) (config, error) {
	c := config{
		TelegramAPI:   "https://api.telegram.org/bot%s/%s",
		DB:            "dasi.db",
		HTTPAddr:      ":8080",
		BroadcastRate: 25,
		SeoulAPIURL:   "http://openapi.seoul.go.kr:8088",
		LogLevel:      slog.LevelInfo,
		LeaseTTL:      15 * time.Second,
		MaxConns:      1024,
	}
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", name, fmt.Sprintf(format, args...)))
	}
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }

	tok, tokFile := get("TELEGRAM_TOKEN"), get("TELEGRAM_TOKEN_FILE")
	switch {
	case tok != "" && tokFile != "":
		bad("TELEGRAM_TOKEN_FILE", "set either TELEGRAM_TOKEN or TELEGRAM_TOKEN_FILE, not both")
	case tokFile != "":
		b, err := os.ReadFile(tokFile)
		if err != nil {
			bad("TELEGRAM_TOKEN_FILE", "cannot read the token file: %v", err)
		} else if t := strings.TrimSpace(string(b)); t == "" {
			bad("TELEGRAM_TOKEN_FILE", "the file %s is empty", tokFile)
		} else {
			c.TelegramToken = secret(t)
		}
	default:
		c.TelegramToken = secret(tok)
	}
	if v := get("TELEGRAM_API_ENDPOINT"); v != "" {
		// The library fills in the two %s with fmt.Sprintf; the result
		// must be an http(s) URL.
		u, err := url.Parse(fmt.Sprintf(v, "TOKEN", "getMe"))
		if strings.Count(v, "%s") != 2 || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("TELEGRAM_API_ENDPOINT", "want an http(s) URL with two %%s (token, then method), such as https://api.telegram.org/bot%%s/%%s")
		} else {
			c.TelegramAPI = v
		}
	}
	if v := get("REDIS_URL"); v != "" {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss" && u.Scheme != "unix") {
			bad("REDIS_URL", "want redis://HOST:PORT/DB (or rediss:// or unix://)")
		} else {
			c.RedisURL = v
		}
	}
	if v := get("DASI_DB"); v != "" {
		c.DB = v
	}
	if v := get("DASI_STAFF"); v != "" {
		for _, f := range strings.Split(v, ",") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil || id <= 0 {
				bad("DASI_STAFF", "%q is not a Telegram user id (a positive number)", f)
				continue
			}
			c.Staff = append(c.Staff, id)
		}
	}
	if v := get("DASI_HTTP_ADDR"); v != "" {
		c.HTTPAddr = v
	}
	c.WebhookURL = get("DASI_WEBHOOK_URL")
	c.WebhookSecret = secret(get("DASI_WEBHOOK_SECRET"))
	if c.WebhookURL != "" {
		if u, err := url.Parse(c.WebhookURL); err != nil || u.Scheme != "https" || u.Host == "" {
			bad("DASI_WEBHOOK_URL", "want an https:// URL that Telegram can reach")
		}
		if !webhookSecretRE.MatchString(c.WebhookSecret.reveal()) {
			bad("DASI_WEBHOOK_SECRET", "required in webhook mode: 1-256 characters of A-Z a-z 0-9 _ -")
		}
	} else if c.WebhookSecret != "" {
		bad("DASI_WEBHOOK_SECRET", "set without DASI_WEBHOOK_URL")
	}
	if v := get("DASI_BROADCAST_RATE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			bad("DASI_BROADCAST_RATE", "%q: want messages per second, 1 to 1000 (Telegram allows about 30)", v)
		} else {
			c.BroadcastRate = n
		}
	}
	c.SeoulAPIKey = secret(get("SEOUL_API_KEY"))
	if v := get("SEOUL_API_URL"); v != "" {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			bad("SEOUL_API_URL", "want an http:// or https:// URL")
		} else {
			c.SeoulAPIURL = strings.TrimRight(v, "/")
		}
	}
	if v := get("DASI_NOW"); v != "" {
		d, err := data.ParseDate(v)
		if err != nil {
			bad("DASI_NOW", "%q: want a date such as 2026-07-26", v)
		} else {
			c.Now = d
		}
	}
	if v := get("DASI_LEASE_TTL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > 5*time.Minute {
			bad("DASI_LEASE_TTL", "%q: want a duration from 1s to 5m, such as 15s", v)
		} else {
			c.LeaseTTL = d
		}
	}
	if v := get("DASI_MAX_CONNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 16 || n > 1_000_000 {
			bad("DASI_MAX_CONNS", "%q: want how many connections the HTTP listener holds at once, 16 to 1000000", v)
		} else {
			c.MaxConns = n
		}
	}
	if v := get("DASI_PRIVACY_URL"); v != "" {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("DASI_PRIVACY_URL", "%q: want the http(s) address of the privacy policy (개인정보 처리방침)", v)
		} else {
			c.PrivacyURL = v
		}
	}
	if v := get("DASI_OPERATOR_CONTACT"); v != "" {
		switch n := utf8.RuneCountInString(v); {
		case n > maxContact:
			bad("DASI_OPERATOR_CONTACT", "%d characters: residents read it on a phone, keep it to %d (who runs the service and a phone number or address)", n, maxContact)
		case strings.ContainsAny(v, "\r\n"):
			bad("DASI_OPERATOR_CONTACT", "one line, please (who runs the service and how to reach them)")
		default:
			c.OperatorContact = v
		}
	}
	c.Refresh = loadRefreshConfig(get, bad)
	errs = append(errs, c.loadKakao(get)...)
	if v := get("DASI_LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			bad("DASI_LOG_LEVEL", "%q: want debug, info, warn or error", v)
		}
	}
	return c, errors.Join(errs...)
}

// maxContact is the longest DASI_OPERATOR_CONTACT, in characters.
const maxContact = 80

// dialogOptions are the conversation's options: the privacy notice.
func (c config) dialogOptions() dialogs.Options {
	return dialogs.Options{PrivacyURL: c.PrivacyURL, OperatorContact: c.OperatorContact}
}

// privacyWarnings say what the privacy notice lacks, for serve and chat to
// print at startup: 개인정보 보호법 asks a processing notice to say who runs
// the service and how to reach them, and where the policy is.
func (c config) privacyWarnings() []string {
	var w []string
	if c.PrivacyURL == "" {
		w = append(w, "DASI_PRIVACY_URL is not set: residents are shown no link to the privacy policy (개인정보 처리방침); set it before launch")
	}
	if c.OperatorContact == "" {
		w = append(w, "DASI_OPERATOR_CONTACT is not set: residents are not told who runs the service or how to reach them; set it before launch")
	}
	return w
}

// today returns the date taken as today: DASI_NOW when set, else the real date.
func (c config) today() data.Date {
	if c.Now != 0 {
		return c.Now
	}
	return data.Today()
}

// requireToken reports the missing token in plain words.
func (c config) requireToken() error {
	if c.TelegramToken == "" {
		return errors.New("TELEGRAM_TOKEN: required for serve: create a bot with @BotFather and set TELEGRAM_TOKEN (or TELEGRAM_TOKEN_FILE)")
	}
	return nil
}

// loadKakao reads the KakaoTalk channel's variables and the metrics
// listener's, and returns their problems, each naming its variable.
func (c *config) loadKakao(get func(string) string) []error {
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", name, fmt.Sprintf(format, args...)))
	}
	if v := get("DASI_METRICS_ADDR"); v != "" {
		if _, _, err := net.SplitHostPort(v); err != nil {
			bad("DASI_METRICS_ADDR", "%q: want host:port, such as 127.0.0.1:9090", v)
		} else {
			c.MetricsAddr = v
		}
	}
	c.KakaoSkillPath = get("DASI_KAKAO_SKILL_PATH")
	c.KakaoSkillSecret = secret(get("DASI_KAKAO_SKILL_SECRET"))
	switch p := c.KakaoSkillPath; {
	case p == "":
		if c.KakaoSkillSecret != "" {
			bad("DASI_KAKAO_SKILL_SECRET", "set without DASI_KAKAO_SKILL_PATH")
		}
		return errs
	case !kakaoPathRE.MatchString(p):
		bad("DASI_KAKAO_SKILL_PATH", "%q: want a path such as /kakao/skill (starting with /, not ending with /, of A-Z a-z 0-9 _ - / .)", p)
	case p == "/healthz" || p == "/metrics":
		bad("DASI_KAKAO_SKILL_PATH", "%q is taken by the health check or the metrics", p)
	}
	if c.WebhookURL != "" {
		if u, err := url.Parse(c.WebhookURL); err == nil && u.Path == c.KakaoSkillPath {
			bad("DASI_KAKAO_SKILL_PATH", "%q is the path of DASI_WEBHOOK_URL; give the skill a path of its own", c.KakaoSkillPath)
		}
	}
	if !kakao.ValidSecret(c.KakaoSkillSecret.reveal()) {
		bad("DASI_KAKAO_SKILL_SECRET", "required with DASI_KAKAO_SKILL_PATH: 16-256 characters of A-Z a-z 0-9 _ -")
	}
	return errs
}

// kakaoPathRE is what DASI_KAKAO_SKILL_PATH may be.
var kakaoPathRE = regexp.MustCompile(`^(/[A-Za-z0-9_.-]+)+$`)

// requireChannel reports, for serve, a configuration that serves no
// channel: TELEGRAM_TOKEN, DASI_KAKAO_SKILL_PATH, or both.
func (c config) requireChannel() error {
	if c.TelegramToken == "" && c.KakaoSkillPath == "" {
		return errors.New("TELEGRAM_TOKEN or DASI_KAKAO_SKILL_PATH: serve needs a channel: set TELEGRAM_TOKEN (a bot from @BotFather), DASI_KAKAO_SKILL_PATH with DASI_KAKAO_SKILL_SECRET (an Open Builder skill), or both")
	}
	if c.TelegramToken == "" && c.WebhookURL != "" {
		return errors.New("DASI_WEBHOOK_URL: set without TELEGRAM_TOKEN")
	}
	return nil
}
