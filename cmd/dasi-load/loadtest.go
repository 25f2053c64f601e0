package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/dasi-seoul/dasi/bot"
	"github.com/dasi-seoul/dasi/bot/telegram"
	"github.com/dasi-seoul/dasi/bot/telegram/faketg"
	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/redis"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
)

// intakes are the paths the simulated residents take through the
// conversation, by the labels of the buttons they press after /start.
var intakes = [][]string{
	{"동의해요", "55~59세", "사무·행정", "10~20년", "재취업", "선택 완료", "마포구", "네, 찾아 주세요", "받을게요"},
	{"동의해요", "50~54세", "회계·금융", "20년 이상", "디지털·AI", "선택 완료", "은평구", "네, 찾아 주세요", "안 받을게요"},
	{"동의해요", "60~64세", "돌봄·보건·복지", "5~10년", "사회공헌 일자리", "인생설계·노후", "선택 완료", "노원구", "네, 찾아 주세요", "더 보기"},
}

// loadResult is what one run measured.
type loadResult struct {
	name       string
	elapsed    time.Duration
	latencies  []time.Duration // handling time of every update, sorted
	redisCmds  int64           // Redis commands during the run, INFO itself left out
	tgRequests int             // Bot API requests the bot made
}

func (r loadResult) updates() int       { return len(r.latencies) }
func (r loadResult) perSecond() float64 { return float64(r.updates()) / r.elapsed.Seconds() }

// percentile returns the p-th percentile (0-100) of the handling times.
func (r loadResult) percentile(p int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[min(len(r.latencies)*p/100, len(r.latencies)-1)]
}

// merge adds the measurements of another round of the same bot.
func (r *loadResult) merge(o loadResult) {
	r.name = o.name
	r.elapsed += o.elapsed
	r.latencies = append(r.latencies, o.latencies...)
	slices.Sort(r.latencies)
	r.redisCmds += o.redisCmds
	r.tgRequests += o.tgRequests
}

// runLoadtest runs the load test: simulated residents go through whole
// intakes against the real bot (the core and the Telegram channel), the
// real conversation and catalog (the embedded seed, in a temporary
// database), the Redis at REDIS_URL and the fake Telegram server in this
// process; and the same residents drive an echo bot (same channel, same
// core without records, same session read and write per update) as the
// baseline. The two alternate in rounds, so that a machine busy with
// something else weighs on both alike; the report gives the median round
// of each and the median of the rounds' ratios.
func runLoadtest(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dasi-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	residents := fs.Int("residents", 8, "simulated residents at once; each waits for the answer before its next tap")
	duration := fs.Duration("duration", 10*time.Second, "how long the dasi bot runs in all (the baseline runs as long)")
	rounds := fs.Int("rounds", 10, "rounds of dasi then echo that share the duration")
	baseline := fs.Bool("baseline", true, "also run the echo baseline and report the ratio")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole load test to this file")
	memprofile := fs.String("memprofile", "", "write a profile of the allocations of the whole load test to this file")
	records := fs.Bool("records", true, "wire the residents' records (consents, profiles, intake reach in SQLite) and staff commands as dasi serve does; -records=false measures the channel and the conversation alone")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if cfg.RedisURL == "" {
		return errors.New("dasi-load: REDIS_URL is required: the load test measures the bot with a real Redis (it writes keys under dasi-loadtest: and deletes them)")
	}
	if *residents < 1 || *duration <= 0 || *rounds < 1 {
		return errors.New("dasi-load: -residents, -duration and -rounds must be positive")
	}
	dasiBot, err := openProduct(ctx, *records)
	if err != nil {
		return err
	}
	defer dasiBot.Close()
	stopProfile, err := startCPUProfile(*cpuprofile)
	if err != nil {
		return err
	}
	defer stopProfile()

	if *memprofile != "" {
		runtime.MemProfileRate = 64 << 10
		defer func() {
			if f, err := os.Create(*memprofile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	fmt.Fprintf(stdout, "dasi-load: %d residents, %d rounds of %s, Redis at %s\n",
		*residents, *rounds, *duration/time.Duration(*rounds), redisHost(cfg.RedisURL))
	var dasi, echo loadResult
	var dasiRates, echoRates []float64
	for range *rounds {
		r, err := loadRun(ctx, cfg, "dasi", dasiBot, *residents, *duration/time.Duration(*rounds), 0)
		if err != nil {
			return err
		}
		dasi.merge(r)
		dasiRates = append(dasiRates, r.perSecond())
		if *baseline {
			r, err := loadRun(ctx, cfg, "echo", nil, *residents, *duration/time.Duration(*rounds), 0)
			if err != nil {
				return err
			}
			echo.merge(r)
			echoRates = append(echoRates, r.perSecond())
		}
	}
	fmt.Fprintf(stdout, "%-6s %9s %18s %9s %9s %14s %12s\n", "bot", "updates", "updates/s median", "p50", "p99", "redis cmd/upd", "tg req/upd")
	row := func(r loadResult, rates []float64) {
		fmt.Fprintf(stdout, "%-6s %9d %18.0f %9s %9s %14.2f %12.2f\n", r.name, r.updates(), median(rates),
			r.percentile(50).Round(10*time.Microsecond), r.percentile(99).Round(10*time.Microsecond),
			float64(r.redisCmds)/float64(r.updates()), float64(r.tgRequests)/float64(r.updates()))
	}
	row(dasi, dasiRates)
	if *baseline {
		row(echo, echoRates)
		// Each round's ratio compares two runs a second apart, under the
		// same other load; their median is the figure to trust on a
		// shared machine.
		ratios := make([]float64, len(dasiRates))
		for i := range dasiRates {
			ratios[i] = dasiRates[i] / echoRates[i]
		}
		fmt.Fprintf(stdout, "dasi/echo throughput ratio: %.2f (median of the rounds' ratios; of the medians: %.2f)\n",
			median(ratios), median(dasiRates)/median(echoRates))
	}
	return nil
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// product is dasi as serve wires it, over a temporary database holding the
// embedded seed catalog: the conversation and, with records, the residents'
// records (consents, profiles, last use, intake reach) and the staff
// commands.
type product struct {
	dir     string
	store   *sqlite.Store
	machine *dialogs.Machine
	res     *bot.Residents  // with records: the residents' records, written as serve runs them
	bc      *bot.Broadcasts // with records: the staff commands
	// lastChat numbers the simulated residents across runs: the database
	// remembers a resident, who would otherwise come back in the next run.
	lastChat atomic.Int64
}

func openProduct(ctx context.Context, records bool) (*product, error) {
	dir, err := os.MkdirTemp("", "dasi-loadtest-")
	if err != nil {
		return nil, err
	}
	store, err := sqlite.Open(ctx, filepath.Join(dir, "dasi.db"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	cat, err := store.Catalog(ctx)
	if err != nil {
		store.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	p := &product{dir: dir, store: store, machine: dialogs.New(data.NewLiveCatalog(cat), dialogs.Options{})}
	if records {
		p.res = bot.NewResidents(store, nil)
		p.bc = bot.NewBroadcasts(store, bot.BroadcastOptions{})
	}
	return p, nil
}

// Close closes the database and removes its directory.
func (p *product) Close() {
	p.store.Close()
	os.RemoveAll(p.dir)
}

// loadRun runs one bot under load and measures it, for duration or until
// maxUpdates (when positive) have been handled, whichever comes first. The
// bot is p, or the echo bot when p is nil.
func loadRun(ctx context.Context, cfg config, name string, p *product, residents int, duration time.Duration, maxUpdates int) (loadResult, error) {
	echo := p == nil
	lastChat := new(atomic.Int64)
	if !echo {
		lastChat = &p.lastChat
	}
	tg := faketg.New(faketg.Options{MaxWait: time.Second})
	defer tg.Close()
	prefix := fmt.Sprintf("dasi-loadtest:%d-%s:", os.Getpid(), name)
	sessions, err := redis.Open(ctx, cfg.RedisURL, redis.Options{Prefix: prefix})
	if err != nil {
		return loadResult{}, fmt.Errorf("REDIS_URL: %w", err)
	}
	defer sessions.Close()
	ropt, err := goredis.ParseURL(cfg.RedisURL)
	if err != nil {
		return loadResult{}, err
	}
	rdb := goredis.NewClient(ropt)
	defer rdb.Close()
	defer deleteKeys(context.WithoutCancel(ctx), rdb, prefix)

	w := newWaiters()
	var mu sync.Mutex
	latencies := make([]time.Duration, 0, 1<<16)
	measuring := atomic.Bool{}
	var handled atomic.Int64
	enough := func() bool { return maxUpdates > 0 && handled.Load() >= int64(maxUpdates) }
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	copt := bot.Options{Conversation: echoConversation{}, Sessions: sessions, Today: cfg.today, Log: log}
	if !echo {
		copt.Conversation, copt.Residents, copt.Broadcasts = p.machine, p.res, p.bc
	}
	core, err := bot.New(copt)
	if err != nil {
		return loadResult{}, err
	}
	opt := telegram.Options{
		Token:    tg.Token(),
		Endpoint: tg.Endpoint(),
		Handler:  core,
		Log:      log,
		OnHandled: func(id int, took time.Duration) {
			if measuring.Load() {
				mu.Lock()
				latencies = append(latencies, took)
				mu.Unlock()
				handled.Add(1)
			}
			w.done(id)
		},
	}
	if !echo {
		opt.Chats = p.store
	}
	b, err := telegram.New(ctx, opt)
	if err != nil {
		return loadResult{}, err
	}
	runCtx, stopBot := context.WithCancel(ctx)
	botDone := make(chan error, 1)
	go func() { botDone <- b.Run(runCtx) }()
	resDone := make(chan struct{})
	if !echo && p.res != nil {
		go func() { p.res.Run(runCtx); close(resDone) }()
	} else {
		close(resDone)
	}

	// Warm up connections and caches for a moment, then measure.
	warm := time.Now().Add(300 * time.Millisecond)
	end := warm.Add(duration)
	var wg sync.WaitGroup
	errc := make(chan error, residents)
	startStats := make(chan struct{})
	var before map[string]int64
	var tgBefore int
	for i := range residents {
		wg.Go(func() {
			d := driver{tg: tg, w: w, echo: echo, stop: func() bool { return time.Now().After(end) || enough() || ctx.Err() != nil }}
			for k := 0; !d.stop(); k++ {
				if err := d.intake(lastChat.Add(1), intakes[(i+k)%len(intakes)]); err != nil {
					errc <- err
					return
				}
			}
		})
	}
	go func() {
		time.Sleep(time.Until(warm))
		before, _ = commandStats(ctx, rdb)
		tgBefore = tgRequests(tg)
		measuring.Store(true)
		close(startStats)
	}()
	<-startStats
	t0 := time.Now()
	wg.Wait()
	measuring.Store(false)
	elapsed := time.Since(t0)
	after, err := commandStats(ctx, rdb)
	tgAfter := tgRequests(tg)
	stopBot()
	<-resDone
	if rerr := <-botDone; rerr != nil {
		return loadResult{}, rerr
	}
	close(errc)
	if e := <-errc; e != nil {
		return loadResult{}, e
	}
	if err != nil {
		return loadResult{}, err
	}
	mu.Lock()
	defer mu.Unlock()
	if len(latencies) == 0 {
		return loadResult{}, errors.New("dasi-load: no update was handled")
	}
	var cmds int64
	for k, v := range after {
		if k != "info" {
			cmds += v - before[k]
		}
	}
	r := loadResult{name: name, elapsed: elapsed, redisCmds: cmds, tgRequests: tgAfter - tgBefore}
	r.merge(loadResult{latencies: latencies})
	r.name = name
	return r, nil
}

// driver is one simulated resident: it taps, waits for the bot to have
// handled the tap, and taps again.
type driver struct {
	tg   *faketg.Server
	w    *waiters
	echo bool
	stop func() bool // the run is over
}

// intake runs one resident's whole intake in chat, stopping early when the
// run is over.
func (d driver) intake(chat int64, labels []string) error {
	if err := d.w.wait(d.tg.SendText(chat, "/start")); err != nil {
		return err
	}
	for _, label := range labels {
		if d.stop() {
			return nil
		}
		var id int
		if d.echo {
			id, _ = d.tg.Press(chat, d.tg.LastMessageID(chat), label)
		} else {
			msg, data, ok := d.tg.FindButton(chat, label)
			if !ok {
				last := "nothing"
				if ms := d.tg.Messages(chat); len(ms) > 0 {
					last = fmt.Sprintf("%q", ms[len(ms)-1].Text)
				}
				return fmt.Errorf("loadtest: chat %d has no button %q to press (the bot's last message: %s): if the conversation changed, update the intakes in cmd/dasi-load/loadtest.go", chat, label, last)
			}
			id, _ = d.tg.Press(chat, msg, data)
		}
		if err := d.w.wait(id); err != nil {
			return err
		}
	}
	return nil
}

// waiters lets drivers wait until the bot has handled a given update.
type waiters struct {
	mu      sync.Mutex
	waiting map[int]chan struct{}
	early   map[int]bool // handled before anyone waited
}

func newWaiters() *waiters {
	return &waiters{waiting: make(map[int]chan struct{}), early: make(map[int]bool)}
}

func (w *waiters) done(id int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if ch, ok := w.waiting[id]; ok {
		close(ch)
		delete(w.waiting, id)
		return
	}
	w.early[id] = true
}

func (w *waiters) wait(id int) error {
	w.mu.Lock()
	if w.early[id] {
		delete(w.early, id)
		w.mu.Unlock()
		return nil
	}
	ch := make(chan struct{})
	w.waiting[id] = ch
	w.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-time.After(30 * time.Second):
		return fmt.Errorf("dasi-load: update %d not handled within 30s", id)
	}
}

// echoConversation is the baseline: it answers every input with one text
// and keeps the state as it is (which the bot still reads and writes).
type echoConversation struct{}

// Step answers "echo" and the input, and keeps the state.
func (echoConversation) Step(s dialogs.State, in dialogs.Input) (dialogs.State, []dialogs.Reply, []dialogs.Effect) {
	return s, []dialogs.Reply{{Kind: dialogs.ReplyText, Text: "echo " + in.Command + " " + in.Text}}, nil
}

// commandStats returns the calls of every Redis command so far (INFO
// commandstats), by command name.
func commandStats(ctx context.Context, rdb *goredis.Client) (map[string]int64, error) {
	s, err := rdb.Info(ctx, "commandstats").Result()
	if err != nil {
		return nil, fmt.Errorf("redis INFO commandstats: %w", err)
	}
	out := map[string]int64{}
	for _, line := range strings.Split(s, "\n") {
		name, rest, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || !strings.HasPrefix(name, "cmdstat_") {
			continue
		}
		calls, _, _ := strings.Cut(strings.TrimPrefix(rest, "calls="), ",")
		n, _ := strconv.ParseInt(calls, 10, 64)
		out[strings.TrimPrefix(name, "cmdstat_")] = n
	}
	return out, nil
}

func tgRequests(tg *faketg.Server) int {
	n := 0
	for _, m := range []string{"sendMessage", "editMessageText", "answerCallbackQuery", "sendVenue", "sendLocation", "getUpdates"} {
		n += tg.Calls(m)
	}
	return n
}

// deleteKeys removes the run's keys.
func deleteKeys(ctx context.Context, rdb *goredis.Client, prefix string) {
	iter := rdb.Scan(ctx, 0, prefix+"*", 1000).Iterator()
	var batch []string
	for iter.Next(ctx) {
		if batch = append(batch, iter.Val()); len(batch) == 1000 {
			rdb.Del(ctx, batch...)
			batch = batch[:0]
		}
	}
	if len(batch) > 0 {
		rdb.Del(ctx, batch...)
	}
}

func redisHost(u string) string {
	opt, err := goredis.ParseURL(u)
	if err != nil {
		return "?"
	}
	return opt.Addr
}
