package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dasi-seoul/dasi/cmd/dasi-load/echobot"
)

// childEnvVar names the child a dasi-load process is started as: the echo
// bot runs in a process of its own, from this same binary.
const childEnvVar = "DASI_LOAD_CHILD"

// runChild runs the process as the child named by DASI_LOAD_CHILD, and
// reports whether it was one.
func runChild(ctx context.Context, getenv func(string) string) (bool, error) {
	if getenv(childEnvVar) != "echo-bot" {
		return false, nil
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return true, echobot.Run(ctx, echobot.Config{Token: getenv("TELEGRAM_TOKEN"), Endpoint: getenv("TELEGRAM_API_ENDPOINT"),
		RedisURL: getenv("REDIS_URL"), Log: log})
}

// processBot is one bot of the separate-process mode, its fake Bot API and
// what it measured.
type processBot struct {
	name  string
	api   *fakeAPI
	proc  *child
	echo  bool
	rates []float64 // updates/s of each round
	cpus  []float64 // the bot's CPU per update in each round, µs
	p99s  []float64 // the p99 of each round, ms
	lat   []time.Duration
	cpu   time.Duration // the bot's own
	load  time.Duration // this process's: the fake Bot API and the residents
	redis time.Duration
	reqs  map[string]int // Bot API requests by method
	time  time.Duration
}

func (b *processBot) updates() int { return len(b.lat) }

func (b *processBot) percentile(p int) time.Duration {
	if len(b.lat) == 0 {
		return 0
	}
	return b.lat[min(len(b.lat)*p/100, len(b.lat)-1)]
}

func (b *processBot) perUpdate(d time.Duration) time.Duration {
	if len(b.lat) == 0 {
		return 0
	}
	return d / time.Duration(len(b.lat))
}

// runProcessMode runs the separate-process mode: dasi serve (the built
// binary, the operator's environment) and the frozen echo bot as processes
// of their own, each against a fake Bot API in this process, with a
// redis-server of the run's own; the residents, in this process too, go
// through whole intakes with one bot, then the other, in rounds.
func runProcessMode(ctx context.Context, cfg config, o processOptions, stdout, stderr io.Writer) error {
	// This process (the fake Bot APIs and the residents: in production,
	// Telegram's servers and the residents' phones) runs on the cores the
	// bots are measured on; collecting its garbage less often leaves them
	// more of those cores. Its heap stays small. The bots keep the
	// operator's environment.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	dir, err := os.MkdirTemp("", "dasi-load-process-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	bin := o.dasiBin
	if bin == "" {
		if bin, err = buildDasi(ctx, dir, stderr); err != nil {
			return err
		}
	}
	redis, redisURL, err := startRedis(ctx, dir)
	if err != nil {
		return err
	}
	defer redis.stop(5 * time.Second)

	dasi := &processBot{name: "dasi"}
	echo := &processBot{name: "echo", echo: true}
	for _, b := range []*processBot{dasi, echo} {
		token := "100" + fmt.Sprint(len(b.name)) + ":LOAD-" + b.name
		if b.api, err = newFakeAPI(token); err != nil {
			return err
		}
		defer b.api.Close()
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	dasiEnv := map[string]string{
		"TELEGRAM_TOKEN": dasi.api.token, "TELEGRAM_API_ENDPOINT": dasi.api.endpoint(), "REDIS_URL": redisURL,
		"DASI_DB": filepath.Join(dir, "dasi.db"), "DASI_HTTP_ADDR": "127.0.0.1:0",
	}
	if cfg.Now != 0 {
		dasiEnv["DASI_NOW"] = cfg.Now.String()
	}
	if o.dasiProfile != "" {
		p, err := filepath.Abs(o.dasiProfile)
		if err != nil {
			return err
		}
		dasiEnv["DASI_CPUPROFILE"] = p
	}
	if dasi.proc, err = startChild(dir, "dasi-serve", bin, []string{"serve"}, childEnv(dasiEnv)); err != nil {
		return err
	}
	defer dasi.proc.stop(20 * time.Second)
	echoEnv := map[string]string{childEnvVar: "echo-bot",
		"TELEGRAM_TOKEN": echo.api.token, "TELEGRAM_API_ENDPOINT": echo.api.endpoint(), "REDIS_URL": redisURL}
	if echo.proc, err = startChild(dir, "echo-bot", self, nil, childEnv(echoEnv)); err != nil {
		return err
	}
	defer echo.proc.stop(10 * time.Second)
	for _, b := range []*processBot{dasi, echo} {
		if err := b.proc.waitUntil(b.api.isPolling, 60*time.Second); err != nil {
			return err
		}
	}

	stopProfile, err := startCPUProfile(o.selfProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	round := o.duration / time.Duration(o.rounds)
	fmt.Fprintf(stdout, "dasi-load: separate processes: %d residents, %d rounds of %s per bot; dasi serve (pid %d), echo bot (pid %d), fake Bot APIs and residents (pid %d), %s (pid %d)\n",
		o.residents, o.rounds, round, dasi.proc.pid(), echo.proc.pid(), os.Getpid(), redisVersion(), redis.pid())
	var chats atomic.Int64
	// A first short round of each warms connections, caches and the
	// database; it is not counted.
	for _, b := range []*processBot{dasi, echo} {
		if _, err := processRound(ctx, b, redis, o.residents, min(round, 2*time.Second), &chats, false); err != nil {
			return err
		}
	}
	for range o.rounds {
		for _, b := range []*processBot{dasi, echo} {
			if _, err := processRound(ctx, b, redis, o.residents, round, &chats, true); err != nil {
				return err
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
		}
	}
	reportProcess(stdout, dasi, echo)
	return nil
}

// processRound runs the residents against one bot for d after a short
// ramp, and adds what it measured to b when count is set.
func processRound(ctx context.Context, b *processBot, redis *child, residents int, d time.Duration, chats *atomic.Int64, count bool) (int, error) {
	var t tally
	var over atomic.Bool
	stop := func() bool { return over.Load() || ctx.Err() != nil }
	var wg sync.WaitGroup
	var firstErr error
	var errOnce sync.Once
	for i := range residents {
		wg.Go(func() {
			r := resident{api: b.api, echo: b.echo, t: &t, stop: stop}
			for k := i; !stop(); k++ {
				if err := r.intake(chats.Add(1), processIntakes[k%len(processIntakes)]); err != nil {
					errOnce.Do(func() { firstErr = err })
					over.Store(true)
					return
				}
			}
		})
	}
	// The residents all start at once; the round is measured after a ramp.
	time.Sleep(300 * time.Millisecond)
	before, err := snapshot(b, redis)
	if err != nil {
		over.Store(true)
		wg.Wait()
		return 0, err
	}
	t.measuring.Store(true)
	t0 := time.Now()
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
	t.measuring.Store(false)
	elapsed := time.Since(t0)
	after, err := snapshot(b, redis)
	over.Store(true)
	wg.Wait()
	if firstErr != nil {
		return 0, firstErr
	}
	if err != nil {
		return 0, err
	}
	if b.proc.exited() {
		return 0, b.proc.failure()
	}
	lat := t.take()
	if len(lat) == 0 {
		return 0, fmt.Errorf("dasi-load: %s answered no update in %s", b.name, d)
	}
	if count {
		b.rates = append(b.rates, float64(len(lat))/elapsed.Seconds())
		b.cpus = append(b.cpus, float64((after.bot-before.bot).Microseconds())/float64(len(lat)))
		b.p99s = append(b.p99s, float64(lat[min(len(lat)*99/100, len(lat)-1)].Microseconds())/1000)
		b.lat = append(b.lat, lat...)
		slices.Sort(b.lat)
		b.cpu += after.bot - before.bot
		b.load += after.self - before.self
		b.redis += after.redis - before.redis
		if b.reqs == nil {
			b.reqs = make(map[string]int)
		}
		for m, n := range after.reqs {
			b.reqs[m] += n - before.reqs[m]
		}
		b.time += elapsed
	}
	return len(lat), nil
}

// counters are the cumulative figures a round's measurement subtracts.
type counters struct {
	bot, self, redis time.Duration
	reqs             map[string]int
}

func snapshot(b *processBot, redis *child) (counters, error) {
	var c counters
	var err error
	if c.bot, err = cpuTime(b.proc.pid()); err != nil {
		return c, err
	}
	if c.self, err = cpuTime(0); err != nil {
		return c, err
	}
	if c.redis, err = cpuTime(redis.pid()); err != nil {
		return c, err
	}
	c.reqs = b.api.requests()
	return c, nil
}

// reportProcess prints the table and the ratios.
func reportProcess(w io.Writer, dasi, echo *processBot) {
	fmt.Fprintf(w, "%-5s %8s %10s %9s %9s %11s %12s %13s %12s\n", "bot", "updates", "updates/s", "p50", "p99",
		"tg req/upd", "bot CPU/upd", "fake+res/upd", "redis/upd")
	for _, b := range []*processBot{dasi, echo} {
		fmt.Fprintf(w, "%-5s %8d %10.0f %9s %9s %11.2f %12s %13s %12s\n", b.name, b.updates(), median(b.rates),
			b.percentile(50).Round(100*time.Microsecond), b.percentile(99).Round(100*time.Microsecond),
			float64(total(b.reqs))/float64(max(1, b.updates())),
			b.perUpdate(b.cpu).Round(time.Microsecond), b.perUpdate(b.load).Round(time.Microsecond), b.perUpdate(b.redis).Round(time.Microsecond))
	}
	for _, b := range []*processBot{dasi, echo} {
		fmt.Fprintf(w, "%s Bot API requests per update:", b.name)
		for _, m := range slices.Sorted(maps.Keys(b.reqs)) {
			if n := b.reqs[m]; n > 0 {
				fmt.Fprintf(w, " %s %.2f", m, float64(n)/float64(max(1, b.updates())))
			}
		}
		fmt.Fprintln(w)
	}
	// Each round of dasi is compared with the round of the echo right
	// after it, under the same other load on the machine; the medians of
	// those ratios are the figures to trust on a shared machine.
	fmt.Fprintf(w, "dasi/echo (median of the rounds' ratios): updates/s %.2f×, p99 %.2f×, bot CPU per update %.2f×\n",
		medianRatio(dasi.rates, echo.rates), medianRatio(dasi.p99s, echo.p99s), medianRatio(dasi.cpus, echo.cpus))
	fmt.Fprintf(w, "dasi/echo (all rounds together): p99 %.2f×, bot CPU per update %.2f×\n",
		ratio(dasi.percentile(99), echo.percentile(99)), ratio(dasi.perUpdate(dasi.cpu), echo.perUpdate(echo.cpu)))
}

// medianRatio returns the median of a[i]/b[i].
func medianRatio(a, b []float64) float64 {
	r := make([]float64, 0, len(a))
	for i := range min(len(a), len(b)) {
		if b[i] > 0 {
			r = append(r, a[i]/b[i])
		}
	}
	if len(r) == 0 {
		return 0
	}
	return median(r)
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// processOptions are the separate-process mode's flags.
type processOptions struct {
	residents   int
	duration    time.Duration
	rounds      int
	dasiBin     string
	dasiProfile string
	selfProfile string
}

// errNoProc is the answer on a system without /proc.
var errNoProc = errors.New("dasi-load: -mode=process reads CPU times from /proc: Linux only")

// parseProcessFlags reads the separate-process mode's flags.
func parseProcessFlags(fs *flag.FlagSet, args []string) (processOptions, error) {
	var o processOptions
	fs.IntVar(&o.residents, "residents", 200, "simulated residents at once, per bot; each waits for the answer before its next tap")
	fs.DurationVar(&o.duration, "duration", 20*time.Second, "how long each bot is measured in all")
	fs.IntVar(&o.rounds, "rounds", 10, "rounds of dasi then echo that share the duration")
	fs.StringVar(&o.dasiBin, "dasi", "", "the dasi binary to run as dasi serve; default: built from ./cmd/dasi")
	fs.StringVar(&o.dasiProfile, "dasi-cpuprofile", "", "write a CPU profile of the dasi serve process to this file (DASI_CPUPROFILE)")
	fs.StringVar(&o.selfProfile, "cpuprofile", "", "write a CPU profile of this process (the fake Bot APIs and the residents) to this file")
	if err := fs.Parse(args); err != nil {
		return o, errUsage
	}
	if o.residents < 1 || o.duration <= 0 || o.rounds < 1 {
		return o, errors.New("dasi-load: -residents, -duration and -rounds must be positive")
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		return o, errNoProc
	}
	return o, nil
}
