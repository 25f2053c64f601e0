package telegram

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// failure says what an error from the Bot API means for the message.
type failure int

const (
	failPermanent    failure = iota // our request is wrong (400) or the bot is not allowed: retrying cannot help
	failRateLimited                 // 429: wait retry_after, then retry
	failTransient                   // 5xx, network: retry with backoff
	failBlocked                     // 403, 400 chat not found: stop sending to the chat
	failConflict                    // 409: another consumer of this token
	failUnauthorized                // 401/404 on every method: the token is wrong or revoked
)

// classify reads an error of the library (a *tgbotapi.Error for API
// answers, a *url.Error for network failures) or of ctxDoer. Callers check
// their own context first: a deadline that is not theirs (the call's own
// timeout) is a slow server, worth a retry.
func classify(err error) (failure, time.Duration) {
	var te *tgbotapi.Error
	if errors.As(err, &te) {
		switch {
		case te.Code == http.StatusTooManyRequests:
			return failRateLimited, max(time.Duration(te.RetryAfter)*time.Second, time.Second)
		case te.Code == http.StatusForbidden:
			return failBlocked, 0
		case te.Code == http.StatusBadRequest && strings.Contains(strings.ToLower(te.Message), "chat not found"):
			return failBlocked, 0
		case te.Code == http.StatusConflict:
			return failConflict, 0
		case te.Code == http.StatusUnauthorized || te.Code == http.StatusNotFound:
			return failUnauthorized, 0
		case te.Code >= 500 || te.Code == 0:
			return failTransient, 0
		}
		return failPermanent, 0
	}
	var se *HTTPStatusError
	if errors.As(err, &se) {
		if se.Code >= 500 || se.Code == http.StatusTooManyRequests {
			return failTransient, 0
		}
		return failPermanent, 0
	}
	var ue *url.Error
	var ne net.Error
	if errors.As(err, &ue) || errors.As(err, &ne) {
		return failTransient, 0
	}
	// A body that is not JSON, cut short: the answer was lost on the way.
	return failTransient, 0
}

// isNotModified reports an edit that changed nothing, which Telegram
// refuses with a 400.
func isNotModified(err error) bool {
	var te *tgbotapi.Error
	return errors.As(err, &te) && te.Code == http.StatusBadRequest && strings.Contains(te.Message, "message is not modified")
}
