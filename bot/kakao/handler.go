package kakao

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/dialogs"
)

// SecretHeader carries the skill's secret, set as a fixed header of the
// skill in 챗봇 관리자센터.
const SecretHeader = "X-Dasi-Skill-Secret"

// DefaultDeadline is how long a request may take before the resident is
// asked to try again: well inside Open Builder's 5 seconds.
const DefaultDeadline = 2 * time.Second

// maxBody is the largest SkillPayload read: Open Builder sends a few
// kilobytes; a 5,000-character utterance is 15.
const maxBody = 256 << 10

// secretRE is what a skill secret may hold.
var secretRE = regexp.MustCompile(`^[A-Za-z0-9_-]{16,256}$`)

// ValidSecret reports whether s may be a skill secret: 16 to 256 of
// A-Z a-z 0-9 _ -.
func ValidSecret(s string) bool { return secretRE.MatchString(s) }

// Handler answers one turn: *bot.Bot.
type Handler interface {
	Handle(ctx context.Context, t bot.Turn, out bot.Replier)
}

// Options configure a Skill. Path and Secret are required.
type Options struct {
	// Path is the skill's path (DASI_KAKAO_SKILL_PATH), such as
	// "/kakao/skill"; Path + "/" + Secret is accepted too.
	Path string
	// Secret is DASI_KAKAO_SKILL_SECRET (ValidSecret).
	Secret string
	// Deadline bounds a request: past it the resident reads
	// dialogs.TryAgainLater. Default DefaultDeadline.
	Deadline time.Duration
	// Log receives the channel's log lines. Default: none.
	Log *slog.Logger
	// Registry receives the channel's metrics. Default: a registry of its
	// own, not served.
	Registry prometheus.Registerer
}

// Skill is the Open Builder skill endpoint, an http.Handler to serve at
// Path and under Path + "/". It is safe for concurrent use, and answers
// one resident's requests in order.
type Skill struct {
	h        Handler
	opt      Options
	secret   []byte
	pathForm string // Path + "/" + Secret
	log      *slog.Logger
	order    inOrder
	m        *metrics
	warned   atomic.Int64
}

// New returns the skill over h. It returns an error when Path does not
// start with "/" or Secret is not valid.
func New(h Handler, opt Options) (*Skill, error) {
	var errs []error
	if !strings.HasPrefix(opt.Path, "/") || strings.HasSuffix(opt.Path, "/") {
		errs = append(errs, fmt.Errorf("kakao: the skill path %q must start with / and not end with /", opt.Path))
	}
	if !ValidSecret(opt.Secret) {
		errs = append(errs, errors.New("kakao: the skill secret must be 16 to 256 of A-Z a-z 0-9 _ -"))
	}
	if h == nil {
		errs = append(errs, errors.New("kakao: no handler"))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if opt.Deadline <= 0 {
		opt.Deadline = DefaultDeadline
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Registry == nil {
		opt.Registry = prometheus.NewRegistry()
	}
	return &Skill{
		h: h, opt: opt, secret: []byte(opt.Secret), pathForm: opt.Path + "/" + opt.Secret,
		log: opt.Log, m: newMetrics(opt.Registry),
	}, nil
}

// Path returns the skill's path.
func (s *Skill) Path() string { return s.opt.Path }

// ServeHTTP answers one SkillPayload. A request is accepted when its
// X-Dasi-Skill-Secret header carries the secret, or its path is Path +
// "/" + secret (both compared in constant time); any other gets 401 and
// its body is not read, and anything but a POST gets 405. An accepted
// request is always answered 200 with a valid SkillResponse 2.0: a
// payload that cannot be read with a gentle re-prompt, a turn the core
// cannot finish within the deadline with dialogs.TryAgainLater.
func (s *Skill) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		refuse(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !s.authorised(r) {
		s.m.requests.WithLabelValues("unauthorized").Inc()
		now := time.Now().UnixNano()
		if last := s.warned.Load(); now-last >= int64(time.Minute) && s.warned.CompareAndSwap(last, now) {
			s.log.WarnContext(r.Context(), "skill requests without the right secret refused (logged at most once a minute; all are counted in dasi_kakao_requests_total{outcome=\"unauthorized\"})")
		}
		refuse(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.Deadline)
	defer cancel()
	resp, outcome := s.answer(ctx, r)
	s.m.requests.WithLabelValues(outcome).Inc()
	s.m.handling.Observe(time.Since(start).Seconds())
	write(w, resp)
}

// authorised checks the secret, from the header or the path.
func (s *Skill) authorised(r *http.Request) bool {
	switch r.URL.Path {
	case s.opt.Path:
		return subtle.ConstantTimeCompare([]byte(r.Header.Get(SecretHeader)), s.secret) == 1
	case s.opt.Path + "/":
		return false
	}
	if rest, ok := strings.CutPrefix(r.URL.Path, s.opt.Path+"/"); ok {
		return subtle.ConstantTimeCompare([]byte(rest), s.secret) == 1
	}
	return false
}

// answer reads the payload and runs the turn.
func (s *Skill) answer(ctx context.Context, r *http.Request) (Response, string) {
	buf := bufs.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); bufs.Put(buf) }()
	if _, err := buf.ReadFrom(io.LimitReader(r.Body, maxBody+1)); err != nil {
		s.log.WarnContext(ctx, "cannot read a skill request", "error", err)
		return textResponse(dialogs.CannotRead()), "unreadable"
	}
	var p Payload
	if buf.Len() > maxBody {
		return textResponse(dialogs.CannotRead()), "too_large"
	}
	if err := json.Unmarshal(buf.Bytes(), &p); err != nil {
		s.log.WarnContext(ctx, "a skill request that is not a SkillPayload", "error", err)
		return textResponse(dialogs.CannotRead()), "malformed"
	}
	resident, err := residentOf(&p)
	if err != nil {
		s.log.WarnContext(ctx, "a skill request without a valid user", "error", err)
		return textResponse(dialogs.CannotRead()), "malformed"
	}
	// The core names the resident in its own log lines (Turn.Log nil).
	t := bot.Turn{Resident: resident, Input: inputOf(&p)}
	rep := &replier{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if v := recover(); v != nil {
				s.log.ErrorContext(ctx, "panic while handling a skill request", "resident", resident.String(), "panic", v, "stack", string(debug.Stack()))
				rep.fail()
			}
		}()
		// One resident's turns in order: a second utterance waits for
		// the first.
		defer s.order.lock(resident)()
		if ctx.Err() != nil {
			rep.fail()
			return
		}
		s.h.Handle(ctx, t, rep)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		s.log.WarnContext(ctx, "the turn took longer than the skill's deadline; asking the resident to try again", "resident", resident.String(), "deadline", s.opt.Deadline.String())
		rep.fail()
		return textResponse(dialogs.TryAgainLater()), "late"
	}
	replies, failed := rep.take()
	if failed || len(replies) == 0 {
		return textResponse(dialogs.TryAgainLater()), "failed"
	}
	return Render(replies), "answered"
}

// textResponse is a SkillResponse of one text.
func textResponse(text string) Response {
	return Render([]dialogs.Reply{{Kind: dialogs.ReplyText, Text: text}})
}

// bufs are the buffers of requests and responses being read and written.
var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// write sends resp as JSON.
func write(w http.ResponseWriter, resp Response) {
	buf := bufs.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); bufs.Put(buf) }()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(resp); err != nil { // cannot happen: the response holds strings and slices
		buf.Reset()
		buf.WriteString(`{"version":"2.0","template":{"outputs":[{"simpleText":{"text":"` + dialogs.TryAgainLater() + `"}}]}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=UTF-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// refuse answers a request whose body is not read, and closes its
// connection after the answer.
func refuse(w http.ResponseWriter, msg string, code int) {
	w.Header().Set("Connection", "close")
	_ = http.NewResponseController(w).SetReadDeadline(time.Now()) // not every connection supports it
	http.Error(w, msg, code)
}

// replier collects the replies of one turn (bot.Replier): the skill
// answers them all in the response to the request.
type replier struct {
	mu      sync.Mutex
	replies []dialogs.Reply
	failed  bool
	closed  bool
}

// Reply collects replies. It never fails; after the request was answered
// (the turn ran late), the replies are dropped.
func (r *replier) Reply(_ context.Context, replies ...dialogs.Reply) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		r.replies = append(r.replies, replies...)
	}
	return nil
}

// Track shows a message the bot edits later: KakaoTalk cannot edit, and
// staff commands are refused on this channel, so it is an error.
func (r *replier) Track(context.Context, dialogs.Reply) (int, error) {
	return 0, errors.New("kakao: a KakaoTalk message cannot be edited later")
}

// fail marks the turn as not answered.
func (r *replier) fail() {
	r.mu.Lock()
	r.failed, r.closed = true, true
	r.mu.Unlock()
}

// take returns the collected replies, and closes the replier.
func (r *replier) take() ([]dialogs.Reply, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	return r.replies, r.failed
}
