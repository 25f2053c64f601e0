// Command dasi-load measures the bot under load: simulated residents go
// through whole intakes against the real bot, conversation and catalog, a
// real Redis and a fake Telegram Bot API, beside an echo baseline run the
// same way. It is a command of its own so that the production binary
// holds no test server.
//
//	go run ./cmd/dasi-load -mode=process [flags]
//	REDIS_URL=redis://127.0.0.1:6379/0 go run ./cmd/dasi-load [flags]
//
// -mode=process runs dasi serve and the echo bot as processes of their own
// (a redis-server of the run's own, the fake Bot API and the residents in
// this process) and reports each process's CPU per update; the default,
// -mode=in-process, runs everything in this process, for profiles, and
// needs REDIS_URL. Environment: REDIS_URL, DASI_NOW (the date taken as
// today); the separate-process mode passes the rest of the environment to
// dasi serve.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/dasi-seoul/dasi/data"
)

// errUsage marks a command line that could not be understood; main then
// exits with status 2 after the flags' usage has been printed.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	isChild, err := runChild(ctx, os.Getenv)
	if !isChild {
		err = run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	}
	stop()
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "dasi-load:", err)
		os.Exit(1)
	}
}

// run is main without the process: tests call it with their own
// arguments, environment and streams.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	mode, rest, err := modeOf(args)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return errUsage
	}
	if mode == "process" {
		fs := flag.NewFlagSet("dasi-load -mode=process", flag.ContinueOnError)
		fs.SetOutput(stderr)
		o, err := parseProcessFlags(fs, rest)
		if err != nil {
			return err
		}
		return runProcessMode(ctx, cfg, o, stdout, stderr)
	}
	return runLoadtest(ctx, cfg, rest, stdout, stderr)
}

// modeOf takes -mode (in-process, the default, or process) out of args.
func modeOf(args []string) (mode string, rest []string, err error) {
	mode = "in-process"
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "mode" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return "", nil, errors.New("dasi-load: -mode needs a value: in-process or process")
			}
			i++
			value = args[i]
		}
		mode = value
	}
	if mode != "in-process" && mode != "process" {
		return "", nil, fmt.Errorf("dasi-load: -mode %q: want in-process (the bot and the load in this process, for profiles) or process (dasi serve and the echo bot as processes of their own)", mode)
	}
	return mode, rest, nil
}

// config is what the load test reads from the environment.
type config struct {
	RedisURL string    // REDIS_URL
	Now      data.Date // DASI_NOW; zero: the real date
}

// loadConfig reads the environment, and names the variable that is wrong.
func loadConfig(getenv func(string) string) (config, error) {
	c := config{RedisURL: getenv("REDIS_URL")}
	if v := getenv("DASI_NOW"); v != "" {
		d, err := data.ParseDate(v)
		if err != nil {
			return c, fmt.Errorf("DASI_NOW: %q: want a date such as 2026-07-26", v)
		}
		c.Now = d
	}
	return c, nil
}

// today returns the date taken as today: DASI_NOW when set, else the real date.
func (c config) today() data.Date {
	if c.Now != 0 {
		return c.Now
	}
	return data.Today()
}
