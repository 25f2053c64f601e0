// Command dasi runs the dasi bot and its operator tools.
//
//	dasi serve                 the bot on Telegram
//	dasi chat                  the same conversation in this terminal
//	dasi import KIND FILE|-    load programs, jobs or places into the catalog
//	dasi match [flags]         one profile's results, for operators
//
// Configuration comes from the environment; see README.md. The load
// generator is a command of its own, cmd/dasi-load.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/redis/go-redis/v9"
)

// errUsage marks a command line that could not be understood; main then
// exits with status 2 after the usage text has been printed.
var errUsage = errors.New("usage")

const usage = `dasi: 서울 중장년을 위한 교육·일자리 안내 봇

사용법:
  dasi serve                  텔레그램 봇 실행 (TELEGRAM_TOKEN 필요)
  dasi chat                   같은 대화를 이 터미널에서 (토큰 없이)
  dasi import KIND FILE|-     카탈로그 가져오기 (KIND: programs, jobs, places)
  dasi match [옵션]           한 사람의 추천 결과 보기 (운영자용)

Environment variables are listed in README.md.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	redis.SetLogger(redisLog{slog.New(slog.NewJSONHandler(os.Stderr, nil))})
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "dasi:", err)
		os.Exit(1)
	}
}

// env is how commands read the environment; tests pass a map's lookup.
type env func(string) string

// run executes one subcommand. It is main without the process: tests call
// it with their own arguments, environment and streams.
func run(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	stopProfile, err := startCPUProfile(getenv("DASI_CPUPROFILE"))
	if err != nil {
		return err
	}
	defer stopProfile()
	switch cmd {
	case "serve":
		return runServe(ctx, cfg, rest, stdout, stderr)
	case "chat":
		return runChat(ctx, cfg, rest, stdin, stdout, stderr)
	case "import":
		return runImport(ctx, cfg, rest, stdin, stdout, stderr)
	case "match":
		return runMatch(ctx, cfg, rest, stdout, stderr)
	case "loadtest":
		fmt.Fprintln(stderr, "dasi: the load test is a command of its own: go run ./cmd/dasi-load (see README, Operations)")
		return errUsage
	default:
		fmt.Fprintf(stderr, "dasi: unknown command %q\n\n%s", cmd, usage)
		return errUsage
	}
}
